"""The Celery application: the project's background work, on Redis (DESIGN decision 10).

Its settings are the CELERY_* ones of project/settings.py; each app's tasks are in its
tasks.py. `make run` starts a worker with the schedule of periodic work (scripts/run).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

app = Celery("yibao")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
