"""Bad plan documents (.txt) and plan exchange files (.json/.yaml) for ``shisaku import-plan``.

Plan documents fail at a line: 「NAME の N 行目: 『…』を読めません。期待したもの: …」, or for
the whole file (binary, no heading).  Exchange files fail at a JSON path:
「NAME の nodes[0].kind: 'x' is not one of …」.
"""

# One case a line, so that the file reads as a table: long lines are wanted here.
# ruff: noqa: E501

from __future__ import annotations

import codecs

from tests.badinput.builders import (
    as_json,
    as_yaml,
    changed,
    lines,
    nested_children,
    plan_document,
)
from tests.badinput.model import DIRECTORY, MISSING, Case, CorpusFile

FILES: list[CorpusFile] = []
CASES: list[Case] = []

NEW_PLAN = (
    "--municipality",
    "999997",
    "--title",
    "試験市総合計画（試案）",
    "--period",
    "2030-2034",
)
TEXT = "期待したもの: UTF-8、BOM付き UTF-16 または Shift_JIS のテキストファイル"
NEED_HEADING = (
    "期待したもの: その前に計画の見出し（「2 ひと創り」「第2章 ひと創り」「基本目標1 …」など）"
)
NO_HEADING = (
    "『計画の見出しがない文書』を読めません。"
    + NEED_HEADING
    + "。見出しの番号の形が読み取れないときは、--profile で階層を指定できます"
)


def _add(name: str, content: bytes | None, *expect: str, make=None, args=()) -> None:
    """Register one import-plan case (and its committed file unless it is made at test time)."""
    file = f"plan/{name}"
    if content is not None:
        FILES.append(CorpusFile(file, content))
    CASES.append(
        Case(
            name=f"plan:{name}",
            channel="import-plan",
            file=file,
            expect=expect,
            make=make,
            args=args or (NEW_PLAN if not name.endswith((".json", ".yaml", ".yml")) else ()),
        )
    )


def _line(name: str, number: int, content: bytes, expected: str) -> None:
    """Register a plan document that fails at line ``number``."""
    _add(name, content, f"{name} の {number} 行目: 『", expected)


# --- plan documents: the whole file ---------------------------------------------------------

_add("binary-png.txt", bytes.fromhex("89504e470d0a1a0a0000000d49484452"), "binary-png.txt: 『テキストではないバイト列（先頭 89 50 4e 47 0d 0a 1a 0a）』", TEXT)  # fmt: skip
_add("gzip.txt", bytes.fromhex("1f8b0800000000000003") + b"\x00" * 20, "gzip.txt: 『テキストではないバイト列（先頭 1f 8b", TEXT)  # fmt: skip
_add("pdf-binary.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\nendstream\n", "pdf-binary.txt: 『テキストではないバイト列（先頭 25 50 44 46", TEXT)  # fmt: skip
_add("empty.txt", b"", "empty.txt: " + NO_HEADING)
_add("whitespace-only.txt", lines("", "   ", "\u3000\u3000", "\t", ""), "whitespace-only.txt: " + NO_HEADING)  # fmt: skip
_add("bom-only.txt", codecs.BOM_UTF8, "bom-only.txt: " + NO_HEADING)
_add("page-numbers-only.txt", lines("- 1 -", "－２－", "3 / 120"), "page-numbers-only.txt: " + NO_HEADING)  # fmt: skip
_add("utf16-without-bom.txt", "1 くらし\n1-1 暮らしの安心\n".encode("utf-16-le"), "utf16-without-bom.txt: 『テキストではないバイト列（先頭 31 00 20 00", TEXT)  # fmt: skip
_add("utf16-odd-length.txt", codecs.BOM_UTF16_LE + "1 くらし".encode("utf-16-le") + b"\x0a", "utf16-odd-length.txt: 『テキストではないバイト列（先頭 ff fe", TEXT)  # fmt: skip
_add("utf32-with-bom.txt", "1 くらし\n".encode("utf-32"), "utf32-with-bom.txt: 『テキストではないバイト列（先頭 ff fe 00 00", TEXT)  # fmt: skip
_add("latin1.txt", "1 Café municipal\n1-1 Sécurité\n".encode("latin-1"), "latin1.txt: 『テキストではないバイト列", TEXT)  # fmt: skip
_add("utf8-bom-then-invalid.txt", codecs.BOM_UTF8 + b"1 \xff\xfe\n", "utf8-bom-then-invalid.txt: 『テキストではないバイト列（先頭 ef bb bf 31 20 ff fe 0a）』", TEXT)  # fmt: skip
_add("nul-bytes.txt", lines("1 くらし", "1-1 暮らし\x00の安心", "本文です。"), "nul-bytes.txt: 『テキストではないバイト列（先頭 31 20", TEXT)  # fmt: skip
_add("escape-sequences.txt", lines("1 くらし", "\x1b[31m1-1 赤い見出し\x1b[0m"), "escape-sequences.txt: 『テキストではないバイト列", TEXT)  # fmt: skip
_add("sjis-stray-bytes.txt", lines("1 くらし", encoding="cp932") + b"\n\xfd\xfe\xff", "sjis-stray-bytes.txt: 『テキストではないバイト列", TEXT)  # fmt: skip
_add("form-feed-and-bell.txt", lines("1 くらし", "\f", "1-1 暮らし\a"), "form-feed-and-bell.txt: 『テキストではないバイト列", TEXT)  # fmt: skip
_add("huge-one-line.txt", None, "huge-one-line.txt の 1 行目: 『ああああ", "…』を読めません。" + NEED_HEADING, make=lambda: "あ".encode() * (10 * 1024 * 1024 // 3))  # fmt: skip
_add("many-text-lines.txt", None, "many-text-lines.txt の 1 行目: 『本文の行です。』を読めません。" + NEED_HEADING, make=lambda: "本文の行です。\n".encode() * 200_000)  # fmt: skip

# --- plan documents: a line that cannot be placed -------------------------------------------

_line("lone-bullets.txt", 1, lines("・箇条書きだけの文書", "・二つ目の箇条"), NEED_HEADING)
_line("only-section-headings.txt", 1, lines("【現状と課題】", "【基本方向】", "■主な取組"), NEED_HEADING)  # fmt: skip
_line("html-page.txt", 1, lines("<!DOCTYPE html>", "<html><body>1 くらし</body></html>"), NEED_HEADING)  # fmt: skip
_line("code-with-four-digits.txt", 1, lines("1000 くらし", "1000-1 暮らし"), NEED_HEADING)  # fmt: skip
_line("duplicate-policy-code.txt", 4, lines("1 くらし", "1-1 暮らしの安心", "本文です。", "1-1 暮らしの安全"), "期待したもの: まだ使われていないコード（1-1 は 2 行目の「1-1 暮らしの安心」で使用済み）")  # fmt: skip
_line("duplicate-measure-code-later.txt", 6, lines("1 くらし", "1-1 暮らし", "1-1-1 相談", "2 しごと", "2-1 雇用", "1-1-1 相談支援"), "期待したもの: まだ使われていないコード（1-1-1 は 3 行目の「1-1-1 相談」で使用済み）")  # fmt: skip
_line("duplicate-fullwidth-code.txt", 3, lines("1 くらし", "1-1 暮らし", "１－１　暮らしの安心"), "（1-1 は 2 行目の「1-1 暮らし」で使用済み）")  # fmt: skip
_line("field-renamed.txt", 3, lines("1 くらし", "1-1 暮らしの安心", "1 しごと"), "期待したもの: まだ使われていないコード（1 は 1 行目の「1 くらし」で使用済み）")  # fmt: skip
_line("chapter-renamed.txt", 3, lines("第1章 くらし", "1-1 暮らし", "第一章 しごと"), "（1 は 1 行目の「1 くらし」で使用済み）")  # fmt: skip
_add("euc-jp.txt", lines("第1章 くらし", "1-1 暮らし", encoding="euc-jp"), "euc-jp.txt: 『テキストではないバイト列（先頭 c2 e8 31 be cf 20 a4 af）』", TEXT)  # fmt: skip


def _laughs() -> bytes:
    """Return a YAML document of nine levels of nine aliases each (a billion references)."""
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return ("\n".join(levels) + "\n").encode()


# --- plan exchange files: syntax and encoding ------------------------------------------------

_add("invalid-utf8.json", b'{"schema": "shisaku.plan/1", "plan": "\xe9t\xe9"}', "invalid-utf8.json: UTF-8 ではありません（39 バイト目）", "UTF-8 で保存してください")  # fmt: skip
_add("utf16.json", codecs.BOM_UTF16_LE + '{"schema": "shisaku.plan/1"}'.encode("utf-16-le"), "utf16.json: UTF-8 ではありません（1 バイト目）", "UTF-8 で保存してください")  # fmt: skip
_add("syntax-error.json", b'{\n  "schema": "shisaku.plan/1",\n  "plan": {"title": "x",}\n}', "syntax-error.json の 3 行 25 列: JSON の誤り（Expecting property name enclosed in double quotes）")  # fmt: skip
_add("truncated.json", as_json(plan_document())[:120], "truncated.json の ", "列: JSON の誤り（")
_add("empty.json", b"", "empty.json の 1 行 1 列: JSON の誤り（Expecting value）")
_add("nan-period.json", b'{"schema": "shisaku.plan/1", "municipality": {"code": "999997"}, "plan": {"period": {"start": NaN, "end": 2034}}, "nodes": []}', "nan-period.json の plan.period: expected {start: YYYY, end: YYYY}")  # fmt: skip
_add("deep-brackets.json", None, "deep-brackets.json: 入れ子が深すぎます", "JSON", make=lambda: b"[" * 100_000 + b"]" * 100_000)  # fmt: skip
_add("deep-brackets-small.json", b'{"nodes": ' + b"[" * 5000 + b"]" * 5000 + b"}", "deep-brackets-small.json: 入れ子が深すぎます")  # fmt: skip
_add("deep-flow.yaml", b"nodes: " + b"[" * 5000 + b"]" * 5000 + b"\n", "deep-flow.yaml: 入れ子が深すぎます")  # fmt: skip
_add("syntax-error.yaml", b"schema: shisaku.plan/1\nplan: [\n  title: x\n", "syntax-error.yaml: YAML の誤り", "line 4, column 1")  # fmt: skip
_add("tab-indent.yaml", b"schema: shisaku.plan/1\nplan:\n\ttitle: x\n", "tab-indent.yaml: YAML の誤り", "line 3, column 1")  # fmt: skip
_add("python-tag.yaml", b"schema: !!python/object/apply:os.system ['true']\n", "python-tag.yaml: YAML の誤り", "line 1, column 9")  # fmt: skip
_add("invalid-utf8.yaml", b"schema: shisaku.plan/1\nplan:\n  title: \xff\xfe\n", "invalid-utf8.yaml: UTF-8 ではありません（39 バイト目）。UTF-8 で保存してください")  # fmt: skip
_add("empty.yaml", b"", "empty.yaml の (top): expected an object with 'schema', 'municipality', 'plan', 'nodes', found null")  # fmt: skip
_add("billion-laughs.yaml", _laughs(), "billion-laughs.yaml の 2 行目: YAML のエイリアス（*名前）は使えません", "値をそのまま書いてください")  # fmt: skip

# --- plan exchange files: the document's shape ------------------------------------------------

TOP = "expected an object with 'schema', 'municipality', 'plan', 'nodes'"
_add("root-array.json", b"[]", f"root-array.json の (top): {TOP}, found array")
_add("root-string.json", b'"shisaku.plan/1"', f"root-string.json の (top): {TOP}, found string")
_add("root-null.json", b"null", f"root-null.json の (top): {TOP}, found null")
_add("root-number.yaml", b"42\n", f"root-number.yaml の (top): {TOP}, found number")
_add("plan-missing.json", as_json(changed("plan", None, delete=True)), "plan-missing.json の plan: expected an object with title, period (start, end), status, version, found nothing")  # fmt: skip
_add("plan-is-a-list.yaml", as_yaml(changed("plan", ["2030-2034"])), "plan-is-a-list.yaml の plan: expected an object with title, period (start, end), status, version, found array")  # fmt: skip
_add("schema-missing.json", as_json(changed("schema", None, delete=True)), "schema-missing.json の schema: expected 'shisaku.plan/1', found None")  # fmt: skip
_add("schema-version-2.json", as_json(changed("schema", "shisaku.plan/2")), "schema-version-2.json の schema: expected 'shisaku.plan/1', found 'shisaku.plan/2'")  # fmt: skip
_add("schema-number.yaml", as_yaml(changed("schema", 1)), "schema-number.yaml の schema: expected 'shisaku.plan/1', found 1")  # fmt: skip
_add("municipality-missing.json", as_json(changed("municipality", None, delete=True)), "municipality-missing.json の municipality.code: expected a 6-digit code as a string")  # fmt: skip
_add("municipality-code-number.json", as_json(changed("municipality.code", 999997)), "municipality-code-number.json の municipality.code: expected a 6-digit code as a string")  # fmt: skip
_add("municipality-code-letters.json", as_json(changed("municipality.code", "99999X")), "「99999X」は全国地方公共団体コードではありません（6桁の数字、例: 022012）")  # fmt: skip
_add("municipality-code-check-digit.json", as_json(changed("municipality.code", "999991")), "「999991」の検査数字が合いません（正しくは 999997）")  # fmt: skip
_add("municipality-name-object.json", as_json(changed("municipality.name", {"ja": "試験市"})), "municipality-name-object.json の municipality.name: expected a string of at most 100 characters, found {'ja': '試験市'}")  # fmt: skip
_add("municipality-name-too-long.json", as_json(changed("municipality.name", "試" * 101)), "municipality-name-too-long.json の municipality.name: expected a string of at most 100 characters, found 101 characters")  # fmt: skip
_add("period-missing.json", as_json(changed("plan.period", None, delete=True)), "period-missing.json の plan.period: expected {start: YYYY, end: YYYY}")  # fmt: skip
_add("period-strings.json", as_json(changed("plan.period", {"start": "2030", "end": "2034"})), "period-strings.json の plan.period: expected {start: YYYY, end: YYYY}")  # fmt: skip
_add("period-booleans.json", as_json(changed("plan.period", {"start": True, "end": 2034})), "period-booleans.json の plan.period: expected {start: YYYY, end: YYYY}")  # fmt: skip
_add("period-reversed.json", as_json(changed("plan.period", {"start": 2034, "end": 2030})), "period-reversed.json の plan.period: the end (2030) is before the start (2034)")  # fmt: skip
_add("period-out-of-range.yaml", as_yaml(changed("plan.period", {"start": 2030, "end": 99999})), "period-out-of-range.yaml の plan.period.end: expected a year from 1868 to 2999, found 99999")  # fmt: skip
_add("period-negative.json", as_json(changed("plan.period", {"start": -1, "end": 2034})), "period-negative.json の plan.period.start: expected a year from 1868 to 2999, found -1")  # fmt: skip
_add("status-unknown.json", as_json(changed("plan.status", "archived")), "status-unknown.json の plan.status: 'archived' is not one of draft, published")  # fmt: skip
_add("version-zero.json", as_json(changed("plan.version", 0)), "version-zero.json の plan.version: expected a whole number from 1 to 2147483647, found 0")  # fmt: skip
_add("version-string.yaml", as_yaml(changed("plan.version", "1")), "version-string.yaml の plan.version: expected a whole number from 1 to 2147483647, found '1'")  # fmt: skip
_add("version-huge.json", as_json(changed("plan.version", 10**30)), "version-huge.json の plan.version: expected a whole number from 1 to 2147483647, found 1000000000000000000000000000000")  # fmt: skip
_add("title-object.json", as_json(changed("plan.title", {"ja": "試験市総合計画"})), "title-object.json の plan.title: expected a string of at most 200 characters, found {'ja': '試験市総合計画'}")  # fmt: skip
_add("title-too-long.json", as_json(changed("plan.title", "計" * 201)), "title-too-long.json の plan.title: expected a string of at most 200 characters, found 201 characters")  # fmt: skip
_add("slug-with-slash.json", as_json(changed("plan.slug", "2030/2034")), "slug-with-slash.json の plan.slug: expected letters, digits, - and _ (at most 40), such as 2030-2034, found '2030/2034'")  # fmt: skip
_add("slug-too-long.yaml", as_yaml(changed("plan.slug", "x" * 41)), "slug-too-long.yaml の plan.slug: expected letters, digits, - and _ (at most 40)")  # fmt: skip
_add("assessment-string.json", as_json(changed("plan.assessment", "aomori")), 'assessment-string.json の plan.assessment: expected an object such as {"preset": "aomori"}')  # fmt: skip
_add("assessment-unknown-preset.json", as_json(changed("plan.assessment", {"preset": "nosuch"})), "評価の既定 'nosuch' はありません。使えるもの: ")  # fmt: skip
_add("assessment-unknown-key.json", as_json(changed("plan.assessment", {"grading": "a"})), "評価設定の grading は使えません（preset か method）")  # fmt: skip

# --- plan exchange files: nodes ---------------------------------------------------------------

KINDS = "is not one of field, policy, measure, initiative, action"
_add("nodes-missing.json", as_json(changed("nodes", None, delete=True)), "nodes-missing.json の nodes: expected a list of nodes, found NoneType")  # fmt: skip
_add("nodes-object.json", as_json(changed("nodes", {"kind": "field"})), "nodes-object.json の nodes: expected a list of nodes, found dict")  # fmt: skip
_add("node-not-object.json", as_json(changed("nodes", [1, "2"])), "node-not-object.json の nodes[0]: expected an object, found 1")  # fmt: skip
_add("node-unknown-kind.json", as_json(changed("nodes.0.kind", "chapter")), f"node-unknown-kind.json の nodes[0].kind: 'chapter' {KINDS}")  # fmt: skip
_add("node-kind-null.yaml", as_yaml(changed("nodes.0.kind", None)), "node-kind-null.yaml の nodes[0].kind: expected str, found None")  # fmt: skip
_add("node-code-missing.json", as_json(changed("nodes.0.code", None, delete=True)), "node-code-missing.json の nodes[0].code: is missing")  # fmt: skip
_add("node-code-number.json", as_json(changed("nodes.0.code", 1)), "node-code-number.json の nodes[0].code: expected str, found 1")  # fmt: skip
_add("node-code-empty.json", as_json(changed("nodes.0.code", "")), "node-code-empty.json の nodes[0].code: expected 1 to 40 characters, found ''")  # fmt: skip
_add("node-code-too-long.json", as_json(changed("nodes.0.code", "1-" * 20 + "1")), "node-code-too-long.json の nodes[0].code: expected 1 to 40 characters, found 41")  # fmt: skip
_add("node-title-null.json", as_json(changed("nodes.0.title", None)), "node-title-null.json の nodes[0].title: expected str, found None")  # fmt: skip
_add("node-title-nul.json", as_json(changed("nodes.0.title", "くら\u0000し")), "node-title-nul.json の nodes[0].title: contains the control character U+0000")  # fmt: skip
_add("node-title-lone-surrogate.json", b'{"schema": "shisaku.plan/1", "municipality": {"code": "999997"}, "plan": {"period": {"start": 2030, "end": 2034}}, "nodes": [{"kind": "field", "code": "1", "title": "\\ud800"}]}', "node-title-lone-surrogate.json の nodes[0].title: contains a lone surrogate U+D800")  # fmt: skip
_add("title-known-string.json", as_json(changed("nodes.0.title_known", "yes")), "title-known-string.json の nodes[0].title_known: expected true or false, found 'yes'")  # fmt: skip
_add("education-string.yaml", as_yaml(changed("nodes.0.education", "はい")), "education-string.yaml の nodes[0].education: expected bool, found 'はい'")  # fmt: skip
_add("department-too-long.json", as_json(changed("nodes.0.department", "課" * 101)), "department-too-long.json の nodes[0].department: expected at most 100 characters, found 101")  # fmt: skip
_add("children-object.json", as_json(changed("nodes.0.children", {"kind": "policy"})), "children-object.json の nodes[0].children: expected list, found {'kind': 'policy'}")  # fmt: skip
_add("child-not-object.json", as_json(changed("nodes.0.children.0", "1-1 暮らし")), "child-not-object.json の nodes[0].children[0]: expected an object, found '1-1 暮らし'")  # fmt: skip
_add("grandchild-unknown-kind.yaml", as_yaml(changed("nodes.0.children.0.children.0.kind", "project")), f"grandchild-unknown-kind.yaml の nodes[0].children[0].children[0].kind: 'project' {KINDS}")  # fmt: skip
_add("duplicate-node-codes.json", as_json(changed("nodes.0.children.0.children.0.code", "1-1")), "duplicate-node-codes.json の nodes[0].children[0].children[0].code: '1-1' is already the code of nodes[0].children[0]")  # fmt: skip
_add("duplicate-root-codes.json", as_json(changed("nodes", [{"kind": "field", "code": "1", "title": "a"}, {"kind": "field", "code": "1", "title": "b"}])), "duplicate-root-codes.json の nodes[1].code: '1' is already the code of nodes[0]")  # fmt: skip
_add("deep-children.json", nested_children(60), "deep-children.json の nodes[0]", ".children[0]: nested deeper than 20 levels")  # fmt: skip
_add("deep-children-huge.json", None, "deep-children-huge.json", "入れ子が深すぎます", make=lambda: nested_children(3000))  # fmt: skip

SECTION = "nodes[0].children[0].children[0].sections[0]"
_add("section-unknown-key.json", as_json(changed("nodes.0.children.0.children.0.sections.0.key", "summary")), f"section-unknown-key.json の {SECTION}.key: 'summary' is not one of description, vision, situation, direction, diagram, indicators")  # fmt: skip
_add("section-bad-state.yaml", as_yaml(changed("nodes.0.children.0.children.0.sections.0.state", "lost")), f"section-bad-state.yaml の {SECTION}.state: 'lost' is not one of present, missing, empty")  # fmt: skip
_add("section-duplicate-key.json", as_json(changed("nodes.0.children.0.children.0.sections", [{"key": "situation", "state": "present"}, {"key": "situation", "state": "empty"}])), "section-duplicate-key.json の nodes[0].children[0].children[0].sections[1].key: 'situation' is already the key of sections[0]")  # fmt: skip
_add("section-columns-string.json", as_json(changed("nodes.0.children.0.children.0.sections.0.columns", "指標名,基準値")), f"section-columns-string.json の {SECTION}.columns: expected list, found '指標名,基準値'")  # fmt: skip
_add("section-columns-objects.json", as_json(changed("nodes.0.children.0.children.0.sections.0.columns", [{"name": "指標名"}])), f"section-columns-objects.json の {SECTION}.columns[0]: expected str, found {{'name': '指標名'}}")  # fmt: skip
_add("block-unknown-kind.json", as_json(changed("nodes.0.children.0.children.0.sections.0.blocks.0.kind", "image")), f"block-unknown-kind.json の {SECTION}.blocks[0].kind: 'image' is not one of subheading, paragraph, bullet, row")  # fmt: skip
_add("block-text-missing.json", as_json(changed("nodes.0.children.0.children.0.sections.0.blocks.0.text", None, delete=True)), f"block-text-missing.json の {SECTION}.blocks[0].text: is missing")  # fmt: skip
_add("block-text-array.yaml", as_yaml(changed("nodes.0.children.0.children.0.sections.0.blocks.0.text", ["a", "b"])), f"block-text-array.yaml の {SECTION}.blocks[0].text: expected str, found ['a', 'b']")  # fmt: skip
_add("footnote-term-missing.json", as_json(changed("nodes.0.footnotes", [{"text": "説明"}])), "footnote-term-missing.json の nodes[0].footnotes[0].term: is missing")  # fmt: skip
_add("footnote-term-too-long.json", as_json(changed("nodes.0.footnotes", [{"term": "語" * 201, "text": "説明"}])), "footnote-term-too-long.json の nodes[0].footnotes[0].term: expected at most 200 characters, found 201")  # fmt: skip
_add("footnotes-null-list.json", as_json(changed("nodes.0.footnotes", [None])), "footnotes-null-list.json の nodes[0].footnotes[0]: expected an object, found None")  # fmt: skip

# --- import-plan: the file itself -----------------------------------------------------------

_add("directory.txt", None, "directory.txt: 読み込めません（Is a directory）", make=lambda: DIRECTORY)  # fmt: skip
_add("missing-file.txt", None, "missing-file.txt: 読み込めません（No such file or directory）", make=lambda: MISSING)  # fmt: skip
