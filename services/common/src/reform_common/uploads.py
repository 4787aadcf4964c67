"""Uploads, the same way in every service: what a file is, decided by its bytes (never by its name
or the client's Content-Type); its size limited while it is read; its name made safe to show and
never used for the stored path; images decoded and written again without EXIF/GPS and other
metadata; Office files (zip archives) inspected before any parser opens them, so that a zip bomb is
refused without being expanded. Every refusal is a problem+json a person can act on."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field

from anyio import to_thread
from PIL import Image, ImageOps

from reform_common.errors import Problem

MB = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str  # as messages name it
    pillow_format: str | None = None  # images only


PDF = FileKind("application/pdf", ".pdf", "PDF")
PNG = FileKind("image/png", ".png", "PNG", "PNG")
JPEG = FileKind("image/jpeg", ".jpg", "JPG", "JPEG")
GIF = FileKind("image/gif", ".gif", "GIF", "GIF")
WEBP = FileKind("image/webp", ".webp", "WebP", "WEBP")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word（docx）")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel（xlsx）")
CSV = FileKind("text/csv", ".csv", "CSV")

_BY_EXTENSION = {k.extension: k for k in (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, CSV)} | {".jpeg": JPEG, ".xlsm": XLSX}
_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF))
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc / .xls
# The main part that makes an Office Open XML package a workbook or a document.
_OFFICE_PARTS = (("xl/workbook.xml", XLSX), ("word/document.xml", DOCX))
# Image metadata that only says how to show the picture; everything else (EXIF, XMP, comments) goes.
_KEEP_IMAGE_INFO = ("icc_profile", "transparency", "duration", "loop", "background", "disposal")


@dataclass(frozen=True)
class ZipLimits:
    """Limits on an Office file's archive, checked on its central directory before anything is expanded.
    A 5,000-task workbook holds about 10 parts and 3 MB of XML at a ratio of about 22; zip bombs
    expand about 1,000 times."""

    max_entries: int = 2000
    max_total_bytes: int = 100 * MB
    max_ratio: int = 200
    # Small parts (styles, themes) can compress oddly well; the ratio only counts for large ones.
    ratio_from_bytes: int = MB


@dataclass(frozen=True)
class UploadPolicy:
    """What one endpoint accepts. ``code`` prefixes the problem codes: "cases.attachment_" gives
    cases.attachment_type, cases.attachment_too_large, cases.attachment_empty, …"""

    code: str
    kinds: tuple[FileKind, ...]
    max_bytes: int
    noun: str = "附件"
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    # A 50-megapixel phone photo fits; decoding one uses about 150 MB.
    max_pixels: int = 60_000_000
    # Refuse a file whose name claims another accepted kind (text named .xlsx where CSV is accepted too).
    name_must_match: bool = False


@dataclass(frozen=True)
class Accepted:
    kind: FileKind
    data: bytes  # what to store: images without their metadata, other files as uploaded


async def accept(data: bytes, policy: UploadPolicy, filename: str | None = None) -> Accepted:
    """Check ``data`` against ``policy`` and clean it; decoding images and expanding archives is CPU
    work, so it runs off the event loop."""
    return await to_thread.run_sync(accept_sync, data, policy, filename)


def accept_sync(data: bytes, policy: UploadPolicy, filename: str | None = None) -> Accepted:
    _check_size(data, policy)
    kind = _kind(data, policy)
    claimed = _BY_EXTENSION.get("." + (filename or "").rpartition(".")[2].lower())
    if policy.name_must_match and claimed is not None and claimed is not kind:
        raise Problem(415, f"{policy.code}type", f"{policy.noun}类型不符",
                      f"文件名是 {claimed.label} 文件，内容却是 {kind.label}：请上传真正的 {claimed.label} 文件，"
                      "或改正扩展名。")
    if kind.pillow_format is not None:
        return Accepted(kind, _without_metadata(data, kind, policy))
    return Accepted(kind, data)


def safe_filename(name: str | None, default: str = "附件", max_length: int = 120) -> str:
    """A client's file name as it may be shown and offered for download: its last path part only,
    without control or invisible characters (a right-to-left override can make "gpj.exe" look like
    "exe.jpg"), characters Windows forbids, or runs of dots; at most ``max_length`` characters,
    keeping the extension."""
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r'[<>:"|?*]', "_", text)
    text = re.sub(r"\.{2,}", ".", text).strip(" .")
    if len(text) > max_length:
        stem, dot, suffix = text.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            text = stem[: max_length - len(suffix) - 1].rstrip(" .") + "." + suffix
        else:
            text = text[:max_length].rstrip(" .")
    return text or default


def _check_size(data: bytes, policy: UploadPolicy) -> None:
    if len(data) > policy.max_bytes:
        raise Problem(413, f"{policy.code}too_large", f"{policy.noun}过大",
                      f"单个{policy.noun}不能超过 {_size(policy.max_bytes)}。")
    if not data:
        raise Problem(422, f"{policy.code}empty", f"{policy.noun}为空", "上传的文件没有内容。")


def _kind(data: bytes, policy: UploadPolicy) -> FileKind:
    kind = next((k for magic, k in _MAGIC if data.startswith(magic)), None)
    if kind is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = WEBP
    office = [k for k in (XLSX, DOCX) if k in policy.kinds]
    if kind is None and data.startswith(_ZIP) and office:
        kind = _office_kind(data, policy)
    if kind is None and CSV in policy.kinds and not data.startswith((_ZIP, _OLE)) and b"\0" not in data[:8192]:
        kind = CSV
    if kind in policy.kinds:
        assert kind is not None
        return kind
    labels = "、".join(k.label for k in policy.kinds)
    if data.startswith(_OLE) and office:
        raise Problem(415, f"{policy.code}type", f"{policy.noun}类型不支持",
                      f"这是旧版 Office 文件（.doc/.xls），请在 Office 或 WPS 中另存为 .docx/.xlsx 后再上传；"
                      f"{policy.noun}只支持 {labels}。")
    raise Problem(415, f"{policy.code}type", f"{policy.noun}类型不支持",
                  f"{policy.noun}只支持 {labels}（按文件内容识别，与文件扩展名无关）。")


def _office_kind(data: bytes, policy: UploadPolicy) -> FileKind | None:
    limits = policy.zip_limits
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            unsafe = _unsafe_archive(entries, limits)
            if unsafe:
                raise Problem(413, f"{policy.code}archive_unsafe", f"{policy.noun}解压后过大",
                              f"{unsafe}，疑似压缩炸弹，已拒收。请上传正常保存的 Office 文件。")
            _expand_within(archive, entries, limits.max_total_bytes)
            names = {e.filename for e in entries}
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
        # Bad CRC, truncated or encrypted entries, unknown compression: nothing a parser could read.
        raise Problem(422, f"{policy.code}damaged", f"{policy.noun}已损坏",
                      "无法读取该文件：压缩包已损坏或已加密。请在 Office 或 WPS 中重新保存后再上传。") from None
    return next((kind for part, kind in _OFFICE_PARTS if part in names), None)


def _unsafe_archive(entries: list[zipfile.ZipInfo], limits: ZipLimits) -> str | None:
    """Why the central directory alone condemns the archive, or None."""
    if len(entries) > limits.max_entries:
        return f"压缩包内有 {len(entries)} 个文件（上限 {limits.max_entries}）"
    total = sum(e.file_size for e in entries)
    if total > limits.max_total_bytes:
        return f"解压后共 {_size(total)}（上限 {_size(limits.max_total_bytes)}）"
    for e in entries:
        if e.file_size >= limits.ratio_from_bytes and e.file_size > limits.max_ratio * max(e.compress_size, 1):
            return f"其中「{safe_filename(e.filename, '?')}」压缩比超过 {limits.max_ratio}:1"
    return None


def _expand_within(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], max_total: int) -> None:
    """Expand every entry once, in small chunks, counting what actually comes out: zipfile stops an
    entry at its declared size and checks its CRC at the end, so an entry whose data do not match its
    declaration fails here, never in the parser, and memory stays at one chunk."""
    total = 0
    for entry in entries:
        with archive.open(entry) as stream:
            while chunk := stream.read(64 * 1024):
                total += len(chunk)
                if total > max_total:
                    raise zipfile.BadZipFile("expands past the limit")


def _without_metadata(data: bytes, kind: FileKind, policy: UploadPolicy) -> bytes:
    """The image decoded and written again, turned upright by its EXIF orientation first, keeping only
    what says how to show it (colour profile, transparency, animation timing): EXIF (GPS position,
    camera, time), XMP and comments are dropped, and bytes after the image (polyglot files) with them."""
    assert kind.pillow_format is not None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind.pillow_format]) as image:
                if image.width * image.height > policy.max_pixels:
                    raise _too_many_pixels(policy)
                animated = getattr(image, "is_animated", False)
                keep = {k: image.info[k] for k in _KEEP_IMAGE_INFO if k in image.info}
                if animated:
                    clean = image
                else:
                    clean = ImageOps.exif_transpose(image)
                    clean.load()
                clean.info = keep
                out = io.BytesIO()
                options: dict = {"save_all": True} if animated else {}
                if kind is JPEG:
                    options["quality"] = 92
                elif kind is WEBP:
                    options["quality"] = 90
                clean.save(out, kind.pillow_format, **keep, **options)
                return out.getvalue()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(policy) from None
    except Problem:
        raise
    except Exception:  # any undecodable image is the uploader's to fix, never a 500
        raise Problem(422, f"{policy.code}damaged", f"{policy.noun}已损坏",
                      f"无法识别该{kind.label}图片的内容，请重新导出或截图后再上传。") from None


def _too_many_pixels(policy: UploadPolicy) -> Problem:
    return Problem(413, f"{policy.code}too_large", "图片像素过大",
                   f"图片不能超过 {policy.max_pixels // 1_000_000} 百万像素，请缩小后再上传。")


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{max(n // 1024, 1)} KB"
