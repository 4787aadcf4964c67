"""12345 request signing: ``X-Hotline-Key`` (key id), ``X-Hotline-Timestamp``
(Unix seconds, within the window of now) and ``X-Hotline-Signature``: the
lowercase hex HMAC-SHA256, with that key's secret, of
``"{timestamp}\\n{raw request body}"`` (an empty body for GET)."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Annotated

from fastapi import Depends, Header, Request
from reform_common.errors import Problem


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}\n".encode() + body, hashlib.sha256).hexdigest()


def _refused(code: str, detail: str) -> Problem:
    return Problem(401, code, "12345 接口认证失败", detail, headers={"WWW-Authenticate": "HMAC-SHA256"})


async def verify(
    request: Request,
    x_hotline_key: Annotated[str | None, Header(description="密钥编号")] = None,
    x_hotline_timestamp: Annotated[str | None, Header(description="Unix 秒；与服务器时间相差不超过 300 秒")] = None,
    x_hotline_signature: Annotated[str | None, Header(description="HMAC-SHA256 小写十六进制")] = None,
) -> str:
    """The verified key id; 401 for a missing, unknown, stale or wrong signature."""
    settings = request.app.state.settings
    if not (x_hotline_key and x_hotline_timestamp and x_hotline_signature):
        raise _refused("hotline.unsigned", "缺少 X-Hotline-Key、X-Hotline-Timestamp 或 X-Hotline-Signature 请求头。")
    secret = settings.feedback_hotline_keys.get(x_hotline_key)
    if secret is None:
        raise _refused("hotline.unknown_key", "密钥编号未登记。")
    if not x_hotline_timestamp.isdigit() or len(x_hotline_timestamp) > 12:
        raise _refused("hotline.bad_timestamp", "X-Hotline-Timestamp 应为 Unix 秒数。")
    window = settings.feedback_hotline_window_seconds
    if abs(time.time() - int(x_hotline_timestamp)) > window:
        raise _refused("hotline.stale_timestamp", f"请求时间与服务器时间相差超过 {window} 秒，请校准时钟后重新签名发送。")
    expected = sign(secret, x_hotline_timestamp, await request.body())
    if not hmac.compare_digest(expected, x_hotline_signature.strip()):
        raise _refused("hotline.bad_signature", "签名不正确：请用该密钥对 “时间戳\\n请求体原文” 计算 HMAC-SHA256。")
    return x_hotline_key


HotlineKey = Annotated[str, Depends(verify)]
