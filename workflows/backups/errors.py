"""Why a backup or a restore stops, in the user's language, and the exit status it stops with."""

from django.core.management import CommandError


class BackupError(Exception):
    """A backup or a restore that cannot go on: a lazy message and its parameters."""

    status = 1

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def as_command_error(self) -> CommandError:
        return CommandError(str(self), returncode=self.status)


class Refused(BackupError):
    """The copy, or the place it goes, is not as it must be: nothing was written (status 2)."""

    status = 2
