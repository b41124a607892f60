"""The PDF reader on the corpus PDFs: real files opened, exact source lines out.

Each of the three generated plans (``tests/fixtures/plans/make_pdfs.py``) is read whole and its
lines compared with the lines a person reads off the page, in order; the table rows, font
hints, bookmarks and notices are checked on top.  A table row is written here with its cells
between `` | ``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shisaku.documents import read_document
from shisaku.documents.pdf import read_pdf
from shisaku.domain.plandoc_source import SourceDocument, SourceLine

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def read(name: str) -> SourceDocument:
    """Return a corpus PDF read."""
    return read_pdf(PLANS / name)


def shown(line: SourceLine) -> str:
    """Return a line as the expected blocks write it: page, text, cells between | ."""
    return f"{line.page} {' | '.join(line.cells) if line.cells else line.text}"


def expected(block: str) -> list[str]:
    """Return the lines of an expected block."""
    return block.splitlines()


@pytest.fixture(scope="module")
def two_column() -> SourceDocument:
    """Return pdf-two-column.pdf read."""
    return read("pdf-two-column.pdf")


@pytest.fixture(scope="module")
def out_of_order() -> SourceDocument:
    """Return pdf-out-of-order.pdf read."""
    return read("pdf-out-of-order.pdf")


@pytest.fixture(scope="module")
def overprint() -> SourceDocument:
    """Return pdf-overprint.pdf read."""
    return read("pdf-overprint.pdf")


TWO_COLUMN_LINES = """\
1 第2章 安心して暮らせるまち
1 1 子育て支援の充実
1 (1) 現状と課題
1 町の年間出生数は令和元年度に142人となり、10年前と
1 比べて2割ほど少なくなりました。共働きの世帯が増
1 え、保育所に入りたいという声は年々高まっていま
1 す。
1 ・0歳から2歳までの保育の需要が伸び、年度の途中の
1 入所に応えきれていません。
1 ・子育ての悩みを身近に話せる相手がいないと答えた
1 保護者が3割を超えています。
1 (2) 施策の方向
1 ① 妊娠期からの切れ目ない支援
1 母子健康手帳の交付から小学校に上がるまでを一つの
1 窓口で見守り、必要な支援に早めにつなぎます。
1 ② 保育環境の整備
1 小規模な保育施設の開設を後押しし、保育士が長く働
1 ける職場づくりを事業者と進めます。
1 (3) 成果指標
1 指標名 | 単位 | 現状値（R1） | 目標値（R7）
1 保育所等の待機児童数 | 人 | 12 | 0
1 子育て相談窓口の利用件数 | 件 | 1,830 | 2,400
1 2 高齢者の暮らしを支える地域づくり
1 (1) 現状と課題
1 65歳以上の町民は全体の31.2%を占め、一人暮らしの高
1 齢者も増えています。住み慣れた地域で暮らし続けた
1 いという願いに応える仕組みが求められています。
1 ・介護予防の教室は地区によって参加者に大きな差が
1 あります。
1 ・見守りを担う民生委員の担い手が不足しています。
1 (2) 施策の方向
1 ① 介護予防の推進
1 公民館での体操教室を全地区に広げ、歩いて通える場
1 所で続けられるようにします。
1 ② 地域で支え合う仕組みづくり
1 自治会や商店と協定を結び、日々の暮らしの中でさり
1 げなく見守る輪を広げます。
1 (3) 成果指標
1 指標名 | 単位 | 現状値（R1） | 目標値（R7）
1 介護予防教室の参加者数 | 人 | 2,150 | 3,000
1 要介護認定を受けていない高齢者の割合 | % | 81.4 | 83.0
1 3 防災・減災対策の強化
1 (1) 現状と課題
1 町の東部は川沿いの低い土地が多く、大雨のたびに道
1 路の冠水が起きています。自主防災組織の結成は進ん
1 だものの、訓練に参加する人は限られています。
1 ・避難所の備蓄品の多くが更新の時期を迎えていま
1 す。
1 (2) 施策の方向
1 ① 自主防災組織の育成
1 地区ごとの防災計画づくりを支え、若い世代も加わる
1 訓練を開きます。
1 ② 災害に強い基盤づくり
1 排水路の改修と雨水をためる施設の整備を計画的に進
1 めます。
1 (3) 成果指標
1 指標名 | 単位 | 現状値（R1） | 目標値（R7）
1 自主防災組織の結成率 | % | 68.5 | 85.0
1 防災訓練の参加者数 | 人 | 3,420 | 5,000
2 第3章 にぎわいと活力のあるまち
2 1 商工業の振興
2 (1) 現状と課題
2 駅前の商店街では店主の高齢化が進み、空き店舗が目
2 立つようになりました。一方で、町内で新しく事業を
2 始めたいという相談は少しずつ増えています。
2 ・創業の相談から開業まで一貫して支える体制があり
2 ません。
2 ・商店街の催しは年に2回にとどまっています。
2 (2) 施策の方向
2 ① 創業の支援
2 商工会や金融機関と組んで、開業の資金や店舗探しの
2 相談にまとめて応じます。
2 ② 商店街のにぎわいづくり
2 空き店舗を使った期間限定の出店を募り、通りを歩い
2 て楽しめる催しを増やします。
2 (3) 成果指標
2 指標名 | 単位 | 現状値（R1） | 目標値（R7）
2 町内での新規創業件数 | 件 | 6 | 15
2 商店街の空き店舗数 | 店 | 18 | 10
2 2 観光と交流の推進
2 (1) 現状と課題
2 町を訪れる人は年間およそ38万人で、その多くが春の
2 花の時期に集まっています。泊まりがけで訪れる人は
2 少なく、町内での消費につながりにくい状況です。
2 ・季節を問わず楽しめる体験の場が足りません。
2 (2) 施策の方向
2 ① 通年型の観光づくり
2 農業や里山の体験を組み合わせた催しを、秋と冬にも
2 開きます。
2 ② 情報発信の強化
2 町の魅力を伝える動画や案内を、近隣の駅や道の駅で
2 も届けます。
2 (3) 成果指標
2 指標名 | 単位 | 現状値（R1） | 目標値（R7）
2 観光入込客数 | 人 | 382,000 | 450,000
2 体験型催しの参加者数 | 人 | 640 | 1,500
"""

OUT_OF_ORDER_LINES = """\
1 基本目標2 子どもが健やかに育つまち
1 施策2-1 子育て家庭への支援
1 現状と課題
1 核家族の世帯が全体の8割を占め、身近に頼れる人
1 のいない子育て家庭が増えています。市が令和2年
1 度に行った調査では、子育てに負担を感じると答え
1 た人が46.3%にのぼりました。相談の窓口が部署ご
1 とに分かれているため、どこに相談すればよいか分
1 かりにくいという声も寄せられています。
1 施策の方向
1 (1) 相談体制の一本化
1 妊娠から子育てまでの相談を一つの窓口で受け、
1 担当の保健師が継続して寄り添います。夜間や休
1 日にも相談できるよう、オンラインでの受付を始
1 めます。
1 (2) 経済的な負担の軽減
1 子どもの医療費の助成を高校生の年代まで広げ、
1 第2子以降の保育料の負担を軽くします。
1 (3) 親子の居場所づくり
1 地区の集会所を使い、親子が気軽に集える広場を毎週
1 開きます。子育てを終えた世代にも運営に加わっても
1 らい、世代をこえた交流を生み出します。
1 成果指標
1 指標名 | 単位 | 基準値（R2年度） | 目標値（R8年度）
1 子育てに負担を感じる保護者の割合 | % | 46.3 | 40.0
1 親子広場の延べ利用者数 | 人 | 5,240 | 8,000
2 基本目標2 子どもが健やかに育つまち
2 施策2-2 学校教育の充実
2 現状と課題
2 市内の小中学校では、一人一台の学習用端末の配備
2 が令和2年度に終わりました。端末を授業で日常的
2 に使う学級は増えているものの、学校による差が大
2 きく、教員の研修の機会も十分ではありません。不
2 登校の児童生徒数は増える傾向にあります。
2 施策の方向
2 (1) 学びの質の向上
2 端末を使った授業の事例を学校どうしで共有し、
2 教員の研修を年間を通じて開きます。
2 (2) 一人ひとりに合った支援
2 学校に来にくい子どもが過ごせる教室を各中学校に設
2 け、専門の相談員を置きます。
2 成果指標
2 指標名 | 単位 | 基準値（R2年度） | 目標値（R8年度）
2 授業で端末を毎日使う学級の割合 | % | 38.0 | 90.0
2 校内の学びの教室を設けた中学校の数 | 校 | 1 | 5
"""

OVERPRINT_LINES = """\
1 子 育 て 支 援
1 施策1 妊娠・出産の安心を支える
1 めざす姿
1 安心して子どもを産み、親子が健やかに過ごせる村
1 主な取組
1 ① 妊婦健診の費用の助成
1 村外の医療機関で受ける健診も助成の対象に加えます。
1 ② 産後の訪問
1 出産から一か月以内に助産師がすべての家庭を訪ねます。
1 成果指標 | 現状値（R3年度） | 目標値（R9年度）
1 産後の訪問を受けた家庭の割合 | 88.0% | 100%
1 村内の出生数 | 21人 | 25人
2 子 育 て 支 援
2 施策2 子どもの育ちと学びを支える
2 めざす姿
2 子どもが地域の人に見守られながら、のびのびと育つ村
2 主な取組
2 ① 放課後の居場所づくり
2 学校の空き教室で放課後の学習と遊びの場を開きます。
2 ② 自然体験の充実
2 森や川での体験活動を小学校の全学年で行います。
2 成果指標 | 現状値（R3年度） | 目標値（R9年度）
2 放課後教室の登録児童数 | 34人 | 50人
2 自然体験に参加した児童の割合 | 62.5% | 90%
3 健 康 づ く り
3 施策3 村民の健康づくりを進める
3 めざす姿
3 一人ひとりが自分の体に関心をもち、年を重ねても元気に暮らせる村
3 主な取組
3 ① 健診を受けやすい体制
3 休日の集団健診を増やし、受診の案内を個別に届けます。
3 ② 食と運動の習慣づくり
3 地区の集会所で、調理と軽い運動を組み合わせた教室を開きます。
3 成果指標 | 現状値（R3年度） | 目標値（R9年度）
3 特定健診の受診率 | 41.2% | 60%
3 週に2回以上運動する村民の割合 | 28.0% | 40%
"""


# ---------------------------------------------------------------- the two-column plan


def test_two_columns_are_read_left_then_right_under_the_full_width_chapter(two_column) -> None:
    assert [shown(line) for line in two_column.lines] == expected(TWO_COLUMN_LINES)


def test_the_stream_is_numbered_from_one_and_knows_its_pages(two_column) -> None:
    assert [line.number for line in two_column.lines] == list(range(1, 97))
    assert two_column.pages == 2
    assert two_column.title == "みずほ野町第5次総合計画"
    assert two_column.name == "pdf-two-column.pdf"


def test_running_heads_and_page_numbers_are_dropped_and_listed(two_column) -> None:
    assert [(n.page, n.code, n.text) for n in two_column.notices] == [
        (
            1,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: みずほ野町第5次総合計画 基本計画",
        ),
        (
            1,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: 第2章 安心して暮らせるまち",
        ),
        (1, "page_number", "ページ番号を除きました: - 1 -"),
        (
            2,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: みずほ野町第5次総合計画 基本計画",
        ),
        (
            2,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: 第3章 にぎわいと活力のあるまち",
        ),
        (2, "page_number", "ページ番号を除きました: - 2 -"),
    ]


def test_headings_carry_their_size_weight_and_bookmark_depth(two_column) -> None:
    hints = {(line.text, line.size, line.bold, line.outline) for line in two_column.lines[:14]}
    assert {
        ("第2章 安心して暮らせるまち", 17.0, True, 1),
        ("1 子育て支援の充実", 12.5, True, 2),
        ("(1) 現状と課題", 10.5, True, 3),
        ("① 妊娠期からの切れ目ない支援", 9.5, True, 4),
        ("町の年間出生数は令和元年度に142人となり、10年前と", 9.5, False, 0),
    } <= hints


def test_table_rows_have_their_cells_and_tabs(two_column) -> None:
    rows = [line for line in two_column.lines if line.cells][:3]
    assert [line.cells for line in rows] == [
        (
            "指標名",
            "単位",
            "現状値（R1）",
            "目標値（R7）",
        ),  # 「単/位」, 「現状値/（R1）」 wrapped in their cells
        ("保育所等の待機児童数", "人", "12", "0"),
        ("子育て相談窓口の利用件数", "件", "1,830", "2,400"),  # the name wrapped in its cell
    ]
    assert rows[1].text == "保育所等の待機児童数\t人\t12\t0"
    assert [line.bold for line in rows] == [True, False, False]  # the header cells are bold
    assert (rows[1].page, rows[1].size, rows[1].outline) == (1, 8.5, 0)


def test_no_word_of_a_table_is_read_twice(two_column) -> None:
    texts = [line.text for line in two_column.lines if not line.cells]
    assert not [text for text in texts if "待機児童数" in text or "1,830" in text]


def test_a_table_broken_by_the_column_break_keeps_its_rows_in_order(two_column) -> None:
    tail = [shown(line) for line in two_column.lines[-4:]]
    assert tail == [
        "2 (3) 成果指標",
        "2 指標名 | 単位 | 現状値（R1） | 目標値（R7）",  # at the foot of the left column
        "2 観光入込客数 | 人 | 382,000 | 450,000",  # at the top of the right one
        "2 体験型催しの参加者数 | 人 | 640 | 1,500",
    ]


def test_read_document_chooses_the_pdf_reader(two_column) -> None:
    assert read_document(PLANS / "pdf-two-column.pdf") == two_column


# ---------------------------------------------------------------- the out-of-order plan


def test_content_drawn_out_of_order_is_read_in_reading_order(out_of_order) -> None:
    assert [shown(line) for line in out_of_order.lines] == expected(OUT_OF_ORDER_LINES)


def test_vertical_labels_are_one_line_in_their_place(out_of_order) -> None:
    texts = [line.text for line in out_of_order.lines[:12]]
    assert texts[2:4] == ["現状と課題", "核家族の世帯が全体の8割を占め、身近に頼れる人"]
    assert texts[9:11] == ["施策の方向", "(1) 相談体制の一本化"]
    label = out_of_order.lines[2]
    assert (label.size, label.bold, label.cells) == (11.0, False, ())


def test_bookmarks_give_the_depth_of_their_headings(out_of_order) -> None:
    assert [(line.text, line.outline) for line in out_of_order.lines if line.outline] == [
        ("基本目標2 子どもが健やかに育つまち", 1),
        ("施策2-1 子育て家庭への支援", 2),
        ("基本目標2 子どもが健やかに育つまち", 1),
        ("施策2-2 学校教育の充実", 2),
    ]


def test_the_page_foot_drawn_first_is_still_a_page_number(out_of_order) -> None:
    assert [(n.page, n.code, n.text) for n in out_of_order.notices] == [
        (
            1,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: 東雲台市総合計画 後期基本計画",
        ),
        (1, "page_number", "ページ番号を除きました: P.24"),
        (
            2,
            "running_head",
            "柱（各ページの上下に繰り返す文字）を除きました: 東雲台市総合計画 後期基本計画",
        ),
        (2, "page_number", "ページ番号を除きました: P.25"),
    ]
    assert out_of_order.title == "東雲台市総合計画　後期基本計画"


# ---------------------------------------------------------------- the overprinted plan


def test_overprinted_headings_are_read_once(overprint) -> None:
    assert [shown(line) for line in overprint.lines] == expected(OVERPRINT_LINES)


def test_overprint_counts_as_bold(overprint) -> None:
    bold = [line.text for line in overprint.lines if line.bold]
    assert bold == [
        "施策1 妊娠・出産の安心を支える",  # drawn four times at the same place
        "めざす姿",  # drawn twice, a quarter point apart
        "主な取組",
        "施策2 子どもの育ちと学びを支える",
        "めざす姿",
        "主な取組",
        "施策3 村民の健康づくりを進める",
        "めざす姿",
        "主な取組",
    ]
    assert overprint.lines[1].size == 14.0


def test_a_letter_spaced_title_keeps_its_gaps_for_the_plan_reader(overprint) -> None:
    line = overprint.lines[0]
    assert (line.text, line.size, line.bold) == ("子 育 て 支 援", 20.0, False)


def test_a_bare_page_number_in_the_foot_is_dropped(overprint) -> None:
    numbers = [(n.page, n.text) for n in overprint.notices if n.code == "page_number"]
    assert numbers == [
        (1, "ページ番号を除きました: 12"),
        (2, "ページ番号を除きました: 13"),
        (3, "ページ番号を除きました: 14"),
    ]
