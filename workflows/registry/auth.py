"""Sign-in for insured people, by resident ID and password."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from . import resident_id as rid
from .models import User


class ResidentIdBackend(ModelBackend):
    """Authenticate ``resident_id`` + ``password`` against the insured person's account."""

    def authenticate(self, request, resident_id=None, password=None, **kwargs):
        if resident_id is None or password is None:
            return None
        try:
            number = rid.parse(resident_id).number
        except ValidationError:
            return None
        user = User.objects.filter(insured_person__resident_id=number).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
