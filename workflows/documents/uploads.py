"""How uploads reach the disk: no more of a file than any document may be.

Django streams a large upload to a temporary file whole, and only then can its size be
checked: a 2 GB file would take 2 GB of disk before being refused. This handler writes at
most one byte more than a document may have and counts the rest, so the size check
(``validation.check_upload``) refuses it with its own message ("at most 10 MB") and the
temporary file stays small.
"""

from django.core.files.uploadhandler import TemporaryFileUploadHandler

from .validation import MAX_BYTES


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, storing at most ``MAX_BYTES + 1`` bytes of a file; the
    file's ``size`` is still what was sent."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.stored = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = MAX_BYTES + 1 - self.stored
        if room > 0:
            kept = raw_data[:room]
            self.file.write(kept)
            self.stored += len(kept)
