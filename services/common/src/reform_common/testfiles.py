"""Hostile and ordinary files for the services' upload tests: a phone photo with its GPS position,
zip bombs dressed as Office files. Built in memory in milliseconds; nothing here expands them."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image

GPS_IFD = 0x8825
CAMERA = "HUAWEI P60"


def photo_with_gps(fmt: str = "JPEG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A photo as a phone writes it: EXIF with the camera, the position and "rotate 90°"."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif[0x0112] = 6  # orientation: shown turned by 90°
    exif[GPS_IFD] = {1: "N", 2: (30.0, 16.0, 12.5), 3: "E", 4: (120.0, 9.0, 3.2)}
    out = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def png(size: tuple[int, int] = (4, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def pixel_bomb(side: int = 30_000) -> bytes:
    """A PNG whose header says ``side`` × ``side`` pixels (2.7 GB decoded at 30,000) in a few dozen
    bytes: only its header is real, which is all a decoder needs to start allocating."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def has_metadata(image_bytes: bytes) -> bool:
    image = Image.open(io.BytesIO(image_bytes))
    return len(image.getexif()) > 0 or CAMERA.encode() in image_bytes


def _office_zip(main_part: str, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<workbook/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ratio_bomb(main_part: str = "xl/workbook.xml", megabytes: int = 16) -> bytes:
    """A real bomb, small: one sheet of zeros that shrinks about 1,000 times."""
    return _office_zip(main_part, {"xl/worksheets/sheet1.xml": bytes(megabytes * 1024 * 1024)})


def declared_bomb(main_part: str = "xl/workbook.xml", gigabytes: int = 4) -> bytes:
    """A workbook whose sheet declares ``gigabytes`` GB once expanded (a zip64 entry, as large
    bombs are); its data are a few bytes, so nothing huge is ever built here."""
    data = _office_zip(main_part, {"xl/worksheets/sheet1.xml": b"<sheet/>"})
    return _with_declared_size(data, "xl/worksheets/sheet1.xml", gigabytes * 1024 ** 3)


def many_entries(main_part: str = "xl/workbook.xml", count: int = 3000) -> bytes:
    return _office_zip(main_part, {f"xl/media/image{i}.bin": b"" for i in range(count)})


def lying_sizes(main_part: str = "xl/workbook.xml") -> bytes:
    """An entry that declares 100 bytes and holds a megabyte: a reader trusting the data, not the
    declaration, would expand more than it was told."""
    data = _office_zip(main_part, {"xl/worksheets/sheet1.xml": b"<row/>" * 200_000})
    return _with_declared_size(data, "xl/worksheets/sheet1.xml", 100)


def _with_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size the central directory states for ``name``."""
    encoded = name.encode()
    at = data.index(b"PK\x01\x02")  # the first central directory header
    while True:
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[at + 28:at + 34])
        if data[at + 46:at + 46 + name_length] == encoded:
            break
        at = data.index(b"PK\x01\x02", at + 46 + name_length + extra_length + comment_length)
    patched = bytearray(data)
    if size < 0xFFFFFFFF:
        struct.pack_into("<I", patched, at + 24, size)
        return bytes(patched)
    # Zip64: the 32-bit field says "see the extra field", which carries the real size.
    struct.pack_into("<I", patched, at + 24, 0xFFFFFFFF)
    extra = struct.pack("<HHQ", 0x0001, 8, size)
    struct.pack_into("<H", patched, at + 30, extra_length + len(extra))
    insert_at = at + 46 + name_length
    patched[insert_at:insert_at] = extra
    # The end-of-central-directory record states the directory's size: it grew by the extra field.
    end = patched.rindex(b"PK\x05\x06")
    (directory_size,) = struct.unpack("<I", patched[end + 12:end + 16])
    struct.pack_into("<I", patched, end + 12, directory_size + len(extra))
    return bytes(patched)
