"""WSGI entry point for production servers (gunicorn shisaku.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from shisaku import collection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
application = get_wsgi_application()
collection.install()  # full garbage collections after responses, not inside them
