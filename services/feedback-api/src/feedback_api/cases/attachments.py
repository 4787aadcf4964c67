"""Case attachments: images and PDF only, recognised by their first bytes
(the declared content type is not trusted), size-limited, stored under the
configured storage directory with a generated name."""

from __future__ import annotations

import uuid
from pathlib import Path

from reform_common.errors import Problem

# (magic prefix, content type, extension)
_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)


def sniff(data: bytes) -> tuple[str, str] | None:
    for magic, content_type, ext in _SIGNATURES:
        if data.startswith(magic):
            return content_type, ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def check(data: bytes, max_bytes: int) -> tuple[str, str]:
    if len(data) > max_bytes:
        raise Problem(413, "cases.attachment_too_large", "附件过大",
                      f"单个附件不能超过 {max_bytes // (1024 * 1024)} MB。")
    if not data:
        raise Problem(422, "cases.attachment_empty", "附件为空", "上传的文件没有内容。")
    kind = sniff(data)
    if kind is None:
        raise Problem(415, "cases.attachment_type", "附件类型不支持", "附件只支持图片（JPG、PNG、GIF、WebP）和 PDF。")
    return kind


def store(storage_dir: Path, case_id: uuid.UUID, data: bytes, ext: str) -> str:
    key = f"cases/{case_id}/{uuid.uuid4().hex}{ext}"
    path = storage_dir / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return key


def display_name(filename: str | None) -> str:
    name = Path((filename or "").replace("\\", "/")).name.strip()
    return name[:200] or "附件"
