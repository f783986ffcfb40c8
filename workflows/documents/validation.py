"""The checks every uploaded document passes before it is stored, each refusal saying why.

The type is read from the file's first bytes, never from its name; a PDF must also end like
one; a picture is opened with Pillow (its header only) to refuse decompression bombs.
"""

import hashlib
import re
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .choices import ContentType

MAX_BYTES = 10 * 1024 * 1024
# A 48-megapixel phone photo passes; a picture that would unpack to gigabytes does not.
MAX_PIXELS = 50_000_000
PDF_TAIL_BYTES = 1024  # "%%EOF" must be among the last bytes (trailing line ends allowed)
NAME_LENGTH = 200

EMPTY_FILE = _("“%(name)s” is empty.")
TOO_LARGE = _("“%(name)s” is %(size)s; a document may be at most %(limit)s.")
NOT_ACCEPTED = _(
    "“%(name)s” is not a PDF, JPEG or PNG file (the type is read from the file's content, "
    "not its name). Scan or photograph the document, or save it as PDF."
)
PROGRAM_NOT_DOCUMENT = _(
    "“%(name)s” is a program, not a document: only PDF, JPEG and PNG files are accepted."
)
PDF_INCOMPLETE = _(
    "“%(name)s” starts like a PDF but does not end like one: it is damaged or was not "
    "completely saved. Save or download it again."
)
IMAGE_DAMAGED = _("“%(name)s” could not be read as a %(type)s picture: it is damaged.")
IMAGE_TOO_LARGE = _(
    "“%(name)s” is a picture of more than %(limit)s million pixels; scan or photograph it "
    "at a lower resolution."
)

MAGIC = (
    (b"%PDF-", ContentType.PDF),
    (b"\xff\xd8\xff", ContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", ContentType.PNG),
)
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
PILLOW_FORMATS = {ContentType.JPEG: "JPEG", ContentType.PNG: "PNG"}
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check, with what was learnt about it."""

    file: UploadedFile
    original_name: str  # for display only; never a path on disk
    content_type: ContentType
    size: int
    sha256: str


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """``upload`` if it may be stored; else ValidationError with the reason."""
    name = display_name(upload.name or "")
    params = {"name": name}
    if not upload.size:
        raise ValidationError(EMPTY_FILE, code="empty", params=params)
    if upload.size > MAX_BYTES:
        params.update(size=filesizeformat(upload.size), limit=filesizeformat(MAX_BYTES))
        raise ValidationError(TOO_LARGE, code="too_large", params=params)
    head = _read(upload, 0, 16)
    content_type = sniff(head)
    if content_type is None:
        message = PROGRAM_NOT_DOCUMENT if head.startswith(PROGRAM_MAGIC) else NOT_ACCEPTED
        raise ValidationError(message, code="type", params=params)
    if content_type == ContentType.PDF:
        if b"%%EOF" not in _read(upload, max(upload.size - PDF_TAIL_BYTES, 0), PDF_TAIL_BYTES):
            raise ValidationError(PDF_INCOMPLETE, code="pdf", params=params)
    else:
        _check_picture(upload, content_type, name)
    return CheckedUpload(upload, name, content_type, upload.size, _sha256(upload))


def sniff(head: bytes) -> ContentType | None:
    """The accepted type whose signature ``head`` starts with, if any."""
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def display_name(name: str) -> str:
    """The file's own name as the person's computer gave it, without any folder, shortened."""
    name = _UNSAFE_IN_NAME.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if len(name) > NAME_LENGTH:
        _stem, dot, extension = name.rpartition(".")
        keep = extension if dot and len(extension) <= 10 else ""
        name = name[: NAME_LENGTH - len(keep) - 1] + ("." + keep if keep else "…")
    return name or "document"


def _check_picture(upload: UploadedFile, content_type: ContentType, name: str) -> None:
    """Open the picture's header (not its pixels) and refuse too many pixels or damage."""
    params = {"name": name, "type": content_type.label, "limit": MAX_PIXELS // 1_000_000}
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit and refuses above twice that: both are bombs.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=[PILLOW_FORMATS[content_type]]) as picture:
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(IMAGE_TOO_LARGE, code="pixels", params=params)
                picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(IMAGE_TOO_LARGE, code="pixels", params=params) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(IMAGE_DAMAGED, code="damaged", params=params) from None


def _read(upload: UploadedFile, offset: int, length: int) -> bytes:
    upload.seek(offset)
    return upload.read(length)


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()
