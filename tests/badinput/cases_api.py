"""Bad requests to the API's write endpoint, POST …/indicators/{code}/figures (docs/api.md).

Each body is a committed file under corpus/api/ (sent byte for byte) or made at test time.  The
answer must be a 4xx in the error envelope whose ``details`` name the fields that are wrong
(``body`` when the body as a whole cannot be read) and whose text says what is accepted.
"""

# One case a line, so that the file reads as a table: long lines are wanted here.
# ruff: noqa: E501

from __future__ import annotations

import json
from typing import Any

from tests.badinput.model import Case, CorpusFile

FILES: list[CorpusFile] = []
CASES: list[Case] = []

URL = "/api/v1/municipalities/999997/plans/2024-2028/indicators/K1/figures"
GOOD: dict[str, Any] = {"kind": "actual", "period": "2025年度", "value": "1,820件"}
INVALID = "入力に誤りがあります / The input is not valid"
JSON_BODY = "UTF-8 の JSON オブジェクトを送ってください"


def _add(name: str, body: bytes | None, status: int, *expect: str, fields=(), make=None, **request):
    """Register one request whose body is ``corpus/api/NAME``."""
    file = f"api/{name}"
    if body is not None:
        FILES.append(CorpusFile(file, body))
    CASES.append(
        Case(
            name=f"api:{name}",
            channel="api",
            file=file,
            expect=expect,
            make=make,
            status=status,
            fields=tuple(fields),
            url=request.pop("url", URL),
            **request,
        )
    )


def body(**changes: Any) -> bytes:
    """Return the good body with ``changes`` (a value of ... deletes the key)."""
    data = {**GOOD, **changes}
    return json.dumps({k: v for k, v in data.items() if v is not ...}, ensure_ascii=False).encode()


# --- the body cannot be read ----------------------------------------------------------------

_add("invalid-json.json", b'{"kind": "actual", "period": "2025", ', 400, "本文を JSON として読めません（1 行 38 列: Expecting property name enclosed in double quotes）", JSON_BODY, fields=["body"])  # fmt: skip
_add("trailing-garbage.json", body() + b" x", 400, "本文を JSON として読めません（1 行 ", "Extra data", fields=["body"])  # fmt: skip
_add("single-quotes.json", b"{'kind': 'actual'}", 400, "本文を JSON として読めません（1 行 2 列", fields=["body"])  # fmt: skip
_add("non-utf8-body.json", json.dumps({"kind": "actual", "period": "2025", "value": "1", "note": "Café"}, ensure_ascii=False).encode("latin-1"), 400, "本文の 64 バイト目が UTF-8 ではありません", JSON_BODY, fields=["body"])  # fmt: skip
_add("utf16-body.json", json.dumps(GOOD).encode("utf-16"), 400, "本文の 1 バイト目が UTF-8 ではありません", fields=["body"])  # fmt: skip
_add("sjis-body.json", body().decode().encode("cp932"), 400, "バイト目が UTF-8 ではありません", fields=["body"])  # fmt: skip
_add("deep-nesting.json", b"[" * 5000 + b"]" * 5000, 400, "本文の JSON は入れ子が深すぎます", fields=["body"])  # fmt: skip
_add("deep-nesting-huge.json", None, 400, "本文の JSON は入れ子が深すぎます", fields=["body"], make=lambda: b'{"note": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")  # fmt: skip
_add("lone-surrogate.json", b'{"kind": "actual", "period": "2025\\u5e74\\u5ea6", "value": "\\ud800"}', 422, "Unicode の文字列にしてください（対のないサロゲートは不可）", fields=["value"])  # fmt: skip
_add("form-encoded.txt", "kind=actual&period=2025年度&value=1820".encode(), 400, "Content-Type は application/json にしてください（送られたもの: application/x-www-form-urlencoded）", fields=["body"], content_type="application/x-www-form-urlencoded")  # fmt: skip
_add("json-as-text-plain.json", body(), 400, "Content-Type は application/json にしてください（送られたもの: text/plain）", fields=["body"], content_type="text/plain")  # fmt: skip
_add("json-as-multipart.txt", b"--x\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nactual\r\n--x--\r\n", 400, "Content-Type は application/json にしてください（送られたもの: multipart/form-data）", fields=["body"], content_type="multipart/form-data; boundary=x")  # fmt: skip
_add("json-without-content-type.json", body(), 400, "Content-Type は application/json にしてください（送られたもの: なし）", fields=["body"], content_type="")  # fmt: skip
_add("huge-body.json", None, 400, "本文が大きすぎます（2,621,440 バイトまで）", fields=["body"], make=lambda: body(note="長" * 1_000_000))  # fmt: skip

# --- the body is not an object --------------------------------------------------------------

OBJECT = "JSON のオブジェクトにしてください"
_add("empty-body.json", b"", 422, "必須の項目です", fields=["body"])
_add("array-root.json", json.dumps([GOOD]).encode(), 422, OBJECT, fields=["body"])
_add("string-root.json", b'"2025\xe5\xb9\xb4\xe5\xba\xa6"', 422, OBJECT, fields=["body"])
_add("number-root.json", b"1820", 422, OBJECT, fields=["body"])
_add("null-root.json", b"null", 422, OBJECT, fields=["body"])
_add("true-root.json", b"true", 422, OBJECT, fields=["body"])
_add("empty-object.json", b"{}", 422, "必須の項目です", fields=["kind", "period", "value"])

# --- fields: missing, unknown, of the wrong type --------------------------------------------

_add("missing-kind.json", body(kind=...), 422, INVALID, "必須の項目です", fields=["kind"])
_add("missing-period.json", body(period=...), 422, "必須の項目です", fields=["period"])
_add("missing-value.json", body(value=...), 422, "必須の項目です", fields=["value"])
_add("unknown-field.json", body(unit="人"), 422, "この項目は使えません（未知の項目）", fields=["unit"])  # fmt: skip
_add("unknown-fields-only.json", json.dumps({"figure": GOOD}).encode(), 422, "この項目は使えません", fields=["kind", "period", "value", "figure"])  # fmt: skip
_add("kind-baseline.json", body(kind="baseline"), 422, "次のいずれかにしてください: 'actual' or 'target'", fields=["kind"])  # fmt: skip
_add("kind-number.json", body(kind=1), 422, "次のいずれかにしてください: 'actual' or 'target'", fields=["kind"])  # fmt: skip
_add("kind-true.json", body(kind=True), 422, "次のいずれかにしてください", fields=["kind"])
_add("period-number.json", body(period=2025), 422, "文字列にしてください", fields=["period"])
_add("value-number.json", body(value=1820), 422, "文字列にしてください", fields=["value"])
_add("value-float-nan.json", body().replace(b'"1,820\xe4\xbb\xb6"', b"NaN"), 422, "文字列にしてください", fields=["value"])  # fmt: skip
_add("value-overflow-float.json", body().replace(b'"1,820\xe4\xbb\xb6"', b"1e400"), 422, "文字列にしてください", fields=["value"])  # fmt: skip
_add("value-null.json", body(value=None), 422, "文字列にしてください", fields=["value"])
_add("value-array.json", body(value=["1,820人"]), 422, "文字列にしてください", fields=["value"])
_add("value-object.json", body(value={"raw": "1,820人"}), 422, "文字列にしてください", fields=["value"])  # fmt: skip
_add("note-number.json", body(note=3), 422, "文字列にしてください", fields=["note"])
_add("null-everywhere.json", json.dumps(dict.fromkeys(["kind", "period", "value", "note", "source", "breakdown"])).encode(), 422, "文字列にしてください", fields=["kind", "period", "value", "note", "source", "breakdown"])  # fmt: skip
_add("arrays-everywhere.json", json.dumps({k: [v] for k, v in GOOD.items()}).encode(), 422, "文字列にしてください", fields=["kind", "period", "value"])  # fmt: skip
_add("duplicate-keys.json", b'{"kind": "actual", "kind": "forecast", "period": "2025", "value": "1"}', 422, "次のいずれかにしてください", fields=["kind"])  # fmt: skip

# --- fields: too long, empty, unreadable ----------------------------------------------------

_add("value-too-long.json", body(value="1" * 10_000), 422, "200 文字以内にしてください", fields=["value"])  # fmt: skip
_add("period-too-long.json", body(period="2025年度" * 20), 422, "60 文字以内にしてください", fields=["period"])  # fmt: skip
_add("note-too-long.json", body(note="メ" * 1001), 422, "1000 文字以内にしてください", fields=["note"])  # fmt: skip
_add("source-too-long.json", body(source="出" * 501), 422, "500 文字以内にしてください", fields=["source"])  # fmt: skip
_add("breakdown-too-long.json", body(breakdown="内" * 101), 422, "100 文字以内にしてください", fields=["breakdown"])  # fmt: skip
_add("empty-strings.json", body(period="", value=""), 422, "1 文字以上にしてください", fields=["period", "value"])  # fmt: skip
_add("period-unreadable.json", body(period="いつか"), 422, "『いつか』は期間として読めません", "例: 2019年度", fields=["period"])  # fmt: skip
_add("period-blank.json", body(period="   "), 422, "期間として読めません。空欄です", fields=["period"])  # fmt: skip
_add("period-era-zero.json", body(period="令和0年度"), 422, "令和0年という年はありません", fields=["period"])  # fmt: skip
_add("value-unreadable.json", body(value="たくさん1"), 422, "『たくさん1』は値として読めません", "受け付けます", fields=["value"])  # fmt: skip
_add("period-and-value-unreadable.json", body(period="いつか", value="たくさん1"), 422, "は期間として読めません", "は値として読めません", fields=["period", "value"])  # fmt: skip
_add("value-too-large.json", body(value="99999999999999999999人"), 422, "数値が大きすぎます（整数部は14桁まで）", fields=["value"])  # fmt: skip
_add("value-formula.json", body(value="=HYPERLINK(1)"), 422, "は値として読めません", fields=["value"])  # fmt: skip
_add("note-nul.json", body(note="速報\u0000値"), 422, "制御文字 U+0000 が含まれています", fields=["note"])  # fmt: skip
_add("breakdown-escape.json", body(breakdown="\u001b[31m"), 422, "制御文字 U+001B が含まれています", fields=["breakdown"])  # fmt: skip
_add("value-nul.json", body(value="1\u0000"), 422, "制御文字 U+0000 が含まれています（取り除いてください）", fields=["value"])  # fmt: skip

# --- headers and the address ----------------------------------------------------------------

_add("if-match-letters.json", body(), 422, "形式が違います", fields=["If-Match"], headers={"If-Match": "abc"})  # fmt: skip
_add("if-match-stale.json", body(), 412, "は他の人が更新しました（版 7 → 0）", headers={"If-Match": '"7"'})  # fmt: skip
_add("no-token.json", body(), 401, "認証が必要です / Authentication required", token=None)  # fmt: skip
_add("unknown-token.json", body(), 401, "トークンが無効か失効しています", token="not-a-token")  # fmt: skip
_add("basic-auth.json", body(), 401, "認証が必要です", token=None, headers={"Authorization": "Basic a2lrYWt1OnB3"})  # fmt: skip
_add(
    "reviewer-token.json",
    body(),
    403,
    "user:iin は 999997（子育て支援課） で実績値・目標値の記録を行う権限がありません",
    token="iin",
)
_add(
    "other-department-token.json",
    body(),
    403,
    "user:doboku は 999997（子育て支援課） で実績値・目標値の記録を行う権限がありません / Permission denied",
    token="doboku",
)
_add("unknown-indicator.json", body(), 404, "指標が見つかりません / Indicator not found", url=URL.replace("/K1/", "/K99/"))  # fmt: skip
_add("unknown-plan.json", body(), 404, "計画が見つかりません / Plan not found", url=URL.replace("2024-2028", "2099-2103"))  # fmt: skip
_add("nul-in-indicator-code.json", body(), 404, "見つかりません / Not found", url=URL.replace("/K1/", "/K%001/"))  # fmt: skip
_add("nul-in-plan-slug.json", body(), 404, "見つかりません / Not found", url=URL.replace("2024-2028", "2024%002028"))  # fmt: skip
_add("bad-municipality-code.json", body(), 422, "形式が違います", fields=["code"], url=URL.replace("999997", "99999"))  # fmt: skip
