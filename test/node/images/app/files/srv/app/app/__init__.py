"""The stand-in application: a Django API (gunicorn) and its Celery worker and beat, on postgres and redis."""
from .worker import celery  # noqa: F401  (`celery -A app` finds it here)
