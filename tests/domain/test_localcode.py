"""全国地方公共団体コード: check digits and normalisation."""

import pytest

from shisaku.domain.localcode import LocalCodeError, check_digit, normalize_local_code


@pytest.mark.parametrize(
    ("five", "digit"),
    [("02201", 2), ("29212", 5), ("28210", 3), ("12207", 6), ("36207", 7), ("01000", 6)],
)
def test_it_computes_the_check_digits_of_real_codes(five, digit):
    assert check_digit(five) == digit


@pytest.mark.parametrize(
    ("text", "code"),
    [("022012", "022012"), ("02201", "022012"), ("０２２０１２", "022012"), (" 292125 ", "292125")],
)
def test_it_normalises_codes(text, code):
    assert normalize_local_code(text) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("022013", "検査数字が合いません（正しくは 022012）"),
        ("2201", "6桁の数字"),
        ("aomori", "6桁の数字"),
        ("0220120", "6桁の数字"),
    ],
)
def test_it_refuses_bad_codes_and_says_what_is_accepted(text, message):
    with pytest.raises(LocalCodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        normalize_local_code(text)
