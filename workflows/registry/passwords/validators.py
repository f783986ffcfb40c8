"""The rules of every password a person sets (settings.AUTH_PASSWORD_VALIDATORS), each saying
in the person's language what is wrong, and, as its help text, what it asks.

Django's own rules of length, likeness to the person and common passwords, in the project's
words (Django's Chinese addresses people as 你 and leaves spaces around a field's name), and
one of the project's: letters, digits and symbols.
"""

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import InsuredPerson

TOO_SHORT = _("This password is too short: it needs at least %(min_length)d characters.")
NO_LETTER = _("This password has no letter.")
NO_DIGIT = _("This password has no digit.")
NO_SYMBOL = _("This password has no symbol, such as ! ? # or -.")
TOO_SIMILAR = _("This password is too similar to your %(verbose_name)s.")
HAS_RESIDENT_ID = _(
    "This password contains part of your resident ID: anyone who knows your ID could guess it."
)
TOO_COMMON = _("This password is one of the most common ones: it is easily guessed.")

LENGTH_HELP = _("At least %(min_length)d characters.")
CLASSES_HELP = _("Letters, digits and symbols (such as ! ? # or -), each at least once.")
PERSONAL_HELP = _("Not like your username or your name, nor part of your resident ID.")
COMMON_HELP = _("Not one of the passwords people use most.")

# Six characters in a row of a resident ID: its area, part of its birth date, its last six.
RESIDENT_ID_RUN = 6


class MinimumLength(django_rules.MinimumLengthValidator):
    """At least ``min_length`` characters (settings.PASSWORD_MIN_LENGTH)."""

    def get_error_message(self):
        return TOO_SHORT

    def get_help_text(self):
        return LENGTH_HELP % {"min_length": self.min_length}


class CharacterClasses:
    """A letter (of any script), a digit and a symbol, each at least once."""

    def validate(self, password: str, user=None) -> None:
        errors = []
        if not any(character.isalpha() for character in password):
            errors.append(ValidationError(NO_LETTER, code="password_no_letter"))
        if not any(character.isdigit() for character in password):
            errors.append(ValidationError(NO_DIGIT, code="password_no_digit"))
        if not any(_is_symbol(character) for character in password):
            errors.append(ValidationError(NO_SYMBOL, code="password_no_symbol"))
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        return CLASSES_HELP


def _is_symbol(character: str) -> bool:
    return not (character.isalnum() or character.isspace())


class NotPersonal(django_rules.UserAttributeSimilarityValidator):
    """Not like the person's username, name or e-mail address (Django's measure of likeness),
    not containing one of them whole, and not containing RESIDENT_ID_RUN characters in a row
    of the person's resident ID."""

    DEFAULT_USER_ATTRIBUTES = ("username", "full_name", "email")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity=0.7):
        super().__init__(user_attributes, max_similarity)

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        super().validate(password, user)
        for attribute in self.user_attributes:
            value = getattr(user, attribute, None)
            if isinstance(value, str) and len(value) >= 2 and value.lower() in password.lower():
                raise ValidationError(
                    TOO_SIMILAR,
                    code="password_too_similar",
                    params={"verbose_name": str(user._meta.get_field(attribute).verbose_name)},
                )
        number = _resident_id_of(user)
        runs = {number[i : i + RESIDENT_ID_RUN] for i in range(len(number) - RESIDENT_ID_RUN + 1)}
        if any(run in password.upper() for run in runs):
            raise ValidationError(HAS_RESIDENT_ID, code="password_has_resident_id")

    def get_error_message(self):
        return TOO_SIMILAR

    def get_help_text(self):
        return PERSONAL_HELP


def _resident_id_of(user) -> str:
    """The resident ID of the insured person whose account this is ('' for staff)."""
    if user.pk is None:
        return ""
    found = InsuredPerson.objects.filter(user=user).values_list("resident_id", flat=True)
    return found.first() or ""


class NotCommon(django_rules.CommonPasswordValidator):
    """Not on Django's list of the 20,000 passwords people use most."""

    def get_error_message(self):
        return TOO_COMMON

    def get_help_text(self):
        return COMMON_HELP
