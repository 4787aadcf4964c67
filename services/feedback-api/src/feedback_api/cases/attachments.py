"""Case attachments: images and PDF only, recognised by their bytes (the declared content type and
the file name are not trusted), size-limited, images stored without their EXIF/GPS, stored under the
configured storage directory with a generated name (the client's name is only shown)."""

from __future__ import annotations

import uuid
from pathlib import Path

from reform_common import uploads


def policy(max_bytes: int) -> uploads.UploadPolicy:
    return uploads.UploadPolicy("cases.attachment_", (uploads.JPEG, uploads.PNG, uploads.GIF, uploads.WEBP,
                                                      uploads.PDF), max_bytes)


def store(storage_dir: Path, case_id: uuid.UUID, data: bytes, ext: str) -> str:
    key = f"cases/{case_id}/{uuid.uuid4().hex}{ext}"
    path = storage_dir / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return key
