import os

# Another project's services run this image too (standing in for their own builds): nothing is required.
SECRET_KEY = os.environ.get("SECRET_KEY", "stand-in")
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "app.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
