from django.urls import path

from . import views

urlpatterns = [
    path("", views.index),
    path("health", views.health),
    path("ready", views.ready),
    path("api/visits", views.visits),
]
