import os

from celery import Celery

# Broker and results in the same redis database: the API waits for the result of the task it sent.
BROKER = os.environ.get("CELERY_BROKER_URL", "memory://")
celery = Celery("app", broker=BROKER, backend=BROKER if BROKER.startswith("redis") else "cache+memory://")
celery.conf.update(broker_connection_retry_on_startup=True, task_default_queue="celery")


@celery.task(name="app.add")
def add(a, b):
    return a + b
