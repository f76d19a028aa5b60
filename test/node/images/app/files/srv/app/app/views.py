"""/health (the process runs), /ready (postgres and redis answer), /api/visits (a write to each, and a Celery task)."""
import os
import socket

import psycopg2
import redis
from django.http import HttpResponse, JsonResponse

from .worker import add


def postgres():
    return psycopg2.connect(
        host=os.environ["DB_HOST"], port=os.environ["DB_PORT"], dbname=os.environ["DB_NAME"],
        user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], connect_timeout=3,
    )


def cache():
    return redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=3)


def index(request):
    return HttpResponse("webstack-api stand-in\n", content_type="text/plain")


def health(request):
    return HttpResponse("ok\n", content_type="text/plain")


def ready(request):
    try:
        with postgres() as db, db.cursor() as cursor:
            cursor.execute("SELECT 1")
        cache().ping()
    except Exception as error:  # any failure means "not ready", with the reason for the probe's event
        return HttpResponse(f"not ready: {error}\n", status=503, content_type="text/plain")
    return HttpResponse("ready\n", content_type="text/plain")


def visits(request):
    with postgres() as db, db.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())")
        cursor.execute("INSERT INTO visits DEFAULT VALUES RETURNING id")
        row = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM visits")
        rows = cursor.fetchone()[0]
    counter = cache().incr("visits")
    task = add.delay(row, 1000).get(timeout=20)
    return JsonResponse({"postgres_rows": rows, "redis_visits": counter, "celery_add": task, "served_by": socket.gethostname()})
