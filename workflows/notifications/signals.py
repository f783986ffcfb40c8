"""A step that may tell someone something is given to the worker once its transaction commits:
the request that took it spends no statement on its notifications."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from workflows.audit.models import StepRecord

from .audience import NOTIFYING
from .tasks import announce


@receiver(post_save, sender=StepRecord, dispatch_uid="notifications.step_recorded")
def step_recorded(sender, instance: StepRecord, created: bool, **kwargs) -> None:
    if created and not kwargs.get("raw") and instance.action in NOTIFYING:
        transaction.on_commit(partial(announce, instance.pk), robust=True)
