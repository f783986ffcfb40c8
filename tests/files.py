"""Files the upload tests send: real PDFs and pictures, and the fakes they must refuse."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name: str = "invoice.pdf", *, size: int = 0) -> SimpleUploadedFile:
    """A PDF (padded with a comment to ``size`` bytes when asked)."""
    body = (
        PDF if size <= len(PDF) else PDF[:9] + b"%" + b"x" * (size - len(PDF) - 2) + b"\n" + PDF[9:]
    )
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def picture(name: str = "photo.jpg", *, kind: str = "JPEG", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue())


def png_claiming(width: int, height: int, name: str = "bomb.png") -> SimpleUploadedFile:
    """A PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    body = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, body)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
