"""全国地方公共団体コード: the 6-digit code of a Japanese local government, with its check digit."""

from __future__ import annotations

import unicodedata

WEIGHTS = (6, 5, 4, 3, 2)


class LocalCodeError(ValueError):
    """The text is not a valid 全国地方公共団体コード."""


def check_digit(five: str) -> int:
    """Return the check digit of a 5-digit code (weights 6..2, 11 − remainder, last digit kept)."""
    total = sum(int(d) * w for d, w in zip(five, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def normalize_local_code(text: str) -> str:
    """Return the 6-digit code for ``text`` (5 or 6 digits, full-width allowed), or raise."""
    digits = unicodedata.normalize("NFKC", text).strip()
    if not digits.isdigit() or len(digits) not in (5, 6):
        raise LocalCodeError(
            f"「{text}」は全国地方公共団体コードではありません（6桁の数字、例: 022012）"
        )
    full = digits + str(check_digit(digits[:5])) if len(digits) == 5 else digits
    if int(full[5]) != check_digit(full[:5]):
        expected = full[:5] + str(check_digit(full[:5]))
        raise LocalCodeError(f"「{text}」の検査数字が合いません（正しくは {expected}）")
    return full
