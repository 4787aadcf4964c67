"""Checks for the identifiers a case carries: the unified social credit code
(GB 32100-2015), phone numbers, resident ID numbers (GB 11643-1999), and the
masks shown instead of personal data. Pure functions; messages in Chinese
never repeat the value (it may be personal data)."""

from __future__ import annotations

import re

# GB 32100-2015: 31 symbols, without I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: i for i, c in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i−1) mod 31 for positions 1..17


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUES[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Upper-cased, spaces removed; raises ValueError with a Chinese message if invalid.

    Valid codes may start with a letter (A…, N…, Y…): only the alphabet and
    the check character are verified, not the registration authority."""
    code = re.sub(r"\s+", "", value).upper()
    if len(code) != 18:
        raise ValueError("统一社会信用代码应为 18 位")
    if any(c not in _USCC_VALUES for c in code):
        raise ValueError("统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）")
    if not code[2:8].isdigit():
        raise ValueError("统一社会信用代码第 3～8 位应为登记管理机关行政区划码")
    if uscc_check_char(code[:17]) != code[17]:
        raise ValueError("统一社会信用代码校验位不正确，请核对")
    return code


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def normalize_phone(value: str) -> str:
    """Digits only (a +86/0086 prefix dropped, landline dashes removed)."""
    raw = re.sub(r"[\s\-()（）]", "", value)
    for prefix in ("+86", "0086"):
        if raw.startswith(prefix):
            raw = raw[len(prefix):]
    if _MOBILE.match(raw) or _LANDLINE.match(raw):
        return raw
    raise ValueError("联系电话格式不正确，请填写 11 位手机号或带区号的固定电话")


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalize_id_number(value: str) -> str:
    """An 18-digit resident ID number with its ISO 7064 MOD 11-2 check character."""
    number = re.sub(r"\s+", "", value).upper()
    if not re.match(r"^\d{17}[\dX]$", number):
        raise ValueError("身份证号码应为 18 位（最后一位可为 X）")
    if _ID_CHECK[sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True)) % 11] != number[17]:
        raise ValueError("身份证号码校验位不正确，请核对")
    return number


def mask_phone(phone: str) -> str:
    """138****1234; a landline keeps its first three and last four digits too."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) > 7 else "****"


def mask_id_number(number: str) -> str:
    return f"{number[:4]}**********{number[-4:]}"


# Personal data inside free text: mobile and landline numbers, 18-character ID numbers, and the
# "王先生 / 李女士" way a caller is named. Digit runs are bounded so longer numbers (order numbers,
# amounts) are left alone.
_TEXT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_TEXT_PHONE = re.compile(r"(?<!\d)(?:(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8})(?!\d)")
_TEXT_ADDRESSED = re.compile(r"[\u4e00-\u9fff](先生|女士|小姐)")
REDACTED = "［已隐去］"


def redact_text(text: str, names: tuple[str | None, ...] = ()) -> str:
    """``text`` without phone numbers, ID numbers, the given names (the contact person, the
    enterprise) and 姓+先生/女士; what is shown again to others is built from this."""
    text = _TEXT_ID.sub(REDACTED, text)
    text = _TEXT_PHONE.sub(REDACTED, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, REDACTED)
    return _TEXT_ADDRESSED.sub(r"某\1", text)
