import os

from celery import Celery

# Broker and results in the same redis database: the API waits for the result of the task it sent.
celery = Celery("app", broker=os.environ["CELERY_BROKER_URL"], backend=os.environ["CELERY_BROKER_URL"])
celery.conf.update(broker_connection_retry_on_startup=True, task_default_queue="celery")


@celery.task(name="app.add")
def add(a, b):
    return a + b
