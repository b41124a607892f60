"""WSGI entry point for production servers (gunicorn shisaku.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
application = get_wsgi_application()
