"""Attachments are judged by their bytes, not their name or declared type; images lose their EXIF
(GPS) before they are stored; the client's file name is cleaned and never becomes the stored path."""

import io
from pathlib import Path

from PIL import Image
from reform_common.testfiles import GPS_IFD, has_metadata, photo_with_gps, pixel_bomb, png

API = "/api/feedback/v1"


async def upload(client, as_user, case_no: str, name: str, data: bytes, content_type: str):
    return await client.post(f"{API}/cases/{case_no}/attachments", headers=as_user("office"),
                             files={"file": (name, data, content_type)})


async def download(client, as_user, case_no: str, attachment_id: str) -> bytes:
    resp = await client.get(f"{API}/cases/{case_no}/attachments/{attachment_id}", headers=as_user("office"))
    assert resp.status_code == 200, resp.text
    return resp.content


async def test_photo_gps_and_other_exif_are_stripped(client, as_user, make_case, file_case, form_token):
    case = await make_case()
    for fmt, name in (("JPEG", "现场.jpg"), ("PNG", "现场.png"), ("WEBP", "现场.webp")):
        original = photo_with_gps(fmt)
        assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the fixture really has a position
        up = await upload(client, as_user, case["case_no"], name, original, "image/jpeg")
        assert up.status_code == 201, up.text
        stored = await download(client, as_user, case["case_no"], up.json()["id"])
        image = Image.open(io.BytesIO(stored))
        assert image.format == fmt and not has_metadata(stored)
        assert image.size == (30, 40)  # turned upright before the orientation tag went
        assert up.json()["size"] == len(stored)
    # The enterprise's own upload on the public form goes the same way.
    created = await file_case()
    track = {"tracking_code": created["tracking_code"], "phone": "13900001111"}
    public = await client.post(f"{API}/public/track/attachments", data=track,
                               files={"file": ("IMG_0001.JPG", photo_with_gps(), "image/jpeg")})
    assert public.status_code == 201, public.text
    staff_view = (await client.get(f"{API}/cases/{created['case_no']}", headers=as_user("office"))).json()
    stored = await download(client, as_user, created["case_no"], staff_view["attachments"][0]["id"])
    assert not has_metadata(stored)


async def test_type_comes_from_the_content_not_the_name(client, as_user, make_case):
    case = await make_case()
    # A PNG named and declared as a PDF is stored and served as the PNG it is.
    renamed = await upload(client, as_user, case["case_no"], "整改报告.pdf", png(), "application/pdf")
    assert renamed.status_code == 201, renamed.text
    assert renamed.json()["content_type"] == "image/png"
    # Bytes after the image (a script riding on a real picture) do not survive.
    polyglot = photo_with_gps() + b"<script>alert(document.cookie)</script>"
    cleaned = await upload(client, as_user, case["case_no"], "a.jpg", polyglot, "image/jpeg")
    assert b"<script>" not in await download(client, as_user, case["case_no"], cleaned.json()["id"])
    refused = {
        "page.jpg": (b"<html><script>alert(1)</script></html>", 415, "cases.attachment_type"),
        "tool.png": (b"MZ\x90\x00" + bytes(64), 415, "cases.attachment_type"),
        "book.pdf": (b"PK\x03\x04" + bytes(64), 415, "cases.attachment_type"),  # a zip is no image
        "broken.png": (b"\x89PNG\r\n\x1a\n" + bytes(64), 422, "cases.attachment_damaged"),
        "broken.jpg": (b"\xff\xd8\xff\xe0" + b"not a jpeg", 422, "cases.attachment_damaged"),
    }
    for name, (data, status, code) in refused.items():
        resp = await upload(client, as_user, case["case_no"], name, data, "image/png")
        assert (resp.status_code, resp.json()["code"]) == (status, code), name
        assert resp.headers["content-type"] == "application/problem+json"


async def test_a_picture_too_large_to_decode_is_refused(client, as_user, make_case):
    """A 30,000 × 30,000 PNG is a few dozen bytes on the wire and 2.7 GB once decoded."""
    case = await make_case()
    resp = await upload(client, as_user, case["case_no"], "bomb.png", pixel_bomb(), "image/png")
    assert (resp.status_code, resp.json()["code"]) == (413, "cases.attachment_too_large")


async def test_file_names_are_cleaned_and_never_the_stored_path(client, as_user, make_case, app):
    case = await make_case()
    names = {
        "../../../../etc/cron.d/evil.png": "evil.png",
        "C:\\Users\\张三\\Desktop\\现场照片.png": "现场照片.png",
        "invoice\u202egnp.exe": "invoicegnp.exe",  # a right-to-left override disguising the real extension
        "..": "附件",
        "名" * 300 + ".png": "名" * 116 + ".png",
    }
    # Control characters as a raw multipart body carries them (httpx would percent-encode them).
    boundary = "----b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\x01b\x1b[31m\x7f:1.png"\r\n'
            f"Content-Type: image/png\r\n\r\n").encode() + png() + f"\r\n--{boundary}--\r\n".encode()
    raw = await client.post(f"{API}/cases/{case['case_no']}/attachments", content=body,
                            headers={**as_user("office"), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert raw.status_code == 201, raw.text
    assert raw.json()["filename"] == "ab[31m_1.png"
    storage = Path(app.state.settings.feedback_storage_dir).resolve()
    for given, expected in names.items():
        up = await upload(client, as_user, case["case_no"], given, png(), "image/png")
        assert up.status_code == 201, up.text
        assert up.json()["filename"] == expected
    stored = [p for p in storage.rglob("*") if p.is_file()]
    assert stored and all(p.resolve().is_relative_to(storage) for p in stored)
    assert not any("evil" in p.name or "passwd" in p.name or "名" in p.name for p in stored)
    # The download offers the cleaned name, percent-encoded in the header.
    last = await client.get(f"{API}/cases/{case['case_no']}/attachments/{up.json()['id']}", headers=as_user("office"))
    assert last.headers["content-disposition"] == "attachment; filename*=UTF-8''" + "%E5%90%8D" * 116 + ".png"


async def test_hotline_attachment_names_are_cleaned(client, as_user, push, helpers):
    body = helpers.order(order_no="GD20260930000777",
                         attachments=[{"name": "../../secret/现场\u0007照片.jpg", "url": "https://12345.example/a/1"}])
    assert (await push(body)).status_code == 201
    cases = (await client.get(f"{API}/cases", headers=as_user("office"), params={"q": "GD20260930000777"})).json()
    case = (await client.get(f"{API}/cases/{cases['items'][0]['case_no']}", headers=as_user("office"))).json()
    assert [a["filename"] for a in case["attachments"]] == ["现场照片.jpg"]
