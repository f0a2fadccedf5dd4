"""Each parsing concern on small inputs taken from the shapes the seeds show."""

import pytest

from generator.parse import parse_source
from generator.parse.agenda import parse_agenda
from generator.parse.attendees import parse_role_block
from generator.parse.blocks import split_blocks
from generator.parse.discussion import parse_discussion
from generator.parse.header import parse_title, parse_when, to_wareki
from generator.parse.materials import parse_materials
from generator.model import Line

from .conftest import SOURCE, lines_of

LABEL = Line(10, "【幹事】")


# ---------------------------------------------------------------- title and date

def test_title_number_and_committee(report):
    title = parse_title(lines_of(" 地方自治体のデジタルトランスフォーメーション推進 \n\nに係る検討会（第３回） 議事概要 "), report)
    assert title.number == 3
    assert title.committee == "地方自治体のデジタルトランスフォーメーション推進に係る検討会"
    assert title.title == "地方自治体のデジタルトランスフォーメーション推進に係る検討会（第3回） 議事概要"


def test_title_on_two_lines_keeps_suffix_apart(report):
    title = parse_title(lines_of("第14回地方自治体のデジタルトランスフォーメーション推進に係る検討会\n\n議事概要"), report)
    assert title.number == 14
    assert title.title.endswith("検討会 議事概要")


def when(text, report):
    return parse_when(Line(6, "○開催日時：" + text), text, [], report)


def test_date_with_spaces_and_halfwidth_time(report):
    w = when(" 令和６年３月 11 日（月）15:00～16:15 ", report)
    assert (w.date, w.weekday, w.start_time, w.end_time) == ("2024-03-11", "月", "15:00", "16:15")
    assert report.diagnostics == []


def test_date_fullwidth_time(report):
    w = when("令和２年１２月１８日（金）１３：００～１５：００", report)
    assert (w.date, w.start_time, w.end_time) == ("2020-12-18", "13:00", "15:00")


def test_date_kanji_time_and_gregorian_in_parentheses(report):
    w = when("令和5年（2023年）9月1日（金）16時から17時45分まで", report)
    assert (w.date, w.start_time, w.end_time) == ("2023-09-01", "16:00", "17:45")
    assert report.diagnostics == []


def test_gannen(report):
    assert when("令和元年5月7日（火）10:00～11:00", report).date == "2019-05-07"


def test_weekday_mismatch_is_a_warning(report):
    w = when("令和６年３月11日（火）15:00～16:15", report)
    assert w.date == "2024-03-11"
    assert [str(d) for d in report.diagnostics] == [
        "source/test.txt:6: warning: 開催日時 says （火） but 2024-03-11 is a 月曜日"]


def test_impossible_date_is_an_error(report):
    assert when("令和6年2月30日（金）10:00～11:00", report).date is None
    assert str(report.diagnostics[0]) == "source/test.txt:6: error: 開催日時 is not a date: 令和6年2月30日（金）"


def test_no_year(report):
    when("3月11日（月）15:00～16:15", report)
    assert str(report.diagnostics[0]).startswith("source/test.txt:6: error: 開催日時 has no year")


def test_unknown_era(report):
    when("令和和6年3月11日", report)
    assert "unknown era" in report.diagnostics[0].message


def test_end_before_start(report):
    when("令和6年3月11日（月）16:15～15:00", report)
    assert "ends (15:00) before it starts (16:15)" in report.diagnostics[0].message


def test_to_wareki():
    assert to_wareki("2024-03-11") == "令和6年3月11日"
    assert to_wareki("2019-05-01") == "令和元年5月1日"
    assert to_wareki("2019-04-30") == "平成31年4月30日"


# ---------------------------------------------------------------- attendees

def attendees(text, report):
    return parse_role_block("幹事", LABEL, lines_of(text, 11), report).people


def test_padded_and_unpadded_names(report):
    people = attendees("原  秀樹  CocreCo コンサルティング合同会社代表\n小牧兼太郎  総務省自治行政局\n森 麻理子  内閣官房", report)
    assert [(p.name, p.person_id, p.affiliation) for p in people] == [
        ("原 秀樹", "原秀樹", "CocreCoコンサルティング合同会社代表"),
        ("小牧兼太郎", "小牧兼太郎", "総務省自治行政局"),
        ("森 麻理子", "森麻理子", "内閣官房"),
    ]


def test_marks_on_the_line(report):
    people = attendees(
        "田中 聖也 総務省自治行政局行政課長【欠席】 \n"
        "君塚 明宏  総務省市町村課長【代理：中野補佐】\n"
        "向山 秀昭  全国市長会行政部長【代理出席】\n"
        "岩崎 勝 宇部市総務部デジタル推進課長 【冒頭欠席】\n"
        "足達 雅英 総務省大臣官房審議官【途中退席】\n"
        "庄司 昌彦  武蔵大学教授(※)\n"
        "折笠 史典 総務省課長 【欠席】 【代理：佐々木補佐】", report)
    assert [(p.status, p.proxy, p.online) for p in people] == [
        ("absent", None, None), ("proxy", "中野補佐", None), ("proxy", None, None),
        ("late", None, None), ("left_early", None, None), ("present", None, True),
        ("proxy", "佐々木補佐", None),
    ]
    assert people[0].affiliation == "総務省自治行政局行政課長"


def test_proxy_mark_on_its_own_line_after_a_blank(report):
    people = attendees("八矢  拓  総務省地域情報化企画室長 \n\n【代理：谷口補佐】 \n名越 一郎  総務省室長", report)
    assert [(p.name, p.status, p.proxy) for p in people] == [
        ("八矢 拓", "proxy", "谷口補佐"), ("名越 一郎", "present", None)]


def test_affiliation_continues_on_next_line(report):
    people = attendees("黒瀬 敏文  総務省大臣官房審議官 \n\n(新型コロナウイルス感染症対策・地域振興担当) \n", report)
    assert len(people) == 1
    assert people[0].affiliation == "総務省大臣官房審議官（新型コロナウイルス感染症対策・地域振興担当）"


def test_an_affiliation_broken_mid_word_is_joined_not_a_person(report):
    """長（※） below …担当部 became a person named 長, and the affiliation lost its end."""
    people = attendees("吉本 明平  一般財団法人全国地域情報化推進協会企画部担当部\n長（※）\n新井 美咲  つくば市課長", report)
    assert [(p.name, p.affiliation, p.online) for p in people] == [
        ("吉本 明平", "一般財団法人全国地域情報化推進協会企画部担当部長", True), ("新井 美咲", "つくば市課長", None)]
    assert report.diagnostics == []


def test_unknown_mark_is_kept_and_reported(report):
    people = attendees("山田 太郎 総務省課長【所用】", report)
    assert people[0].affiliation == "総務省課長【所用】"
    assert str(report.diagnostics[0]) == "source/test.txt:11: warning: unknown mark 【所用】 in attendee line"


def test_line_without_name(report):
    attendees("総務省自治行政局行政課長（兼）デジタル基盤推進室長", report)
    assert "cannot be split into name and affiliation" in report.diagnostics[0].message


def test_role_heading_without_people(report):
    assert attendees("", report) == []
    assert str(report.diagnostics[0]) == "source/test.txt:10: warning: role heading 【幹事】 has no people"


# ---------------------------------------------------------------- materials

def test_materials_ids_titles_and_wraps(report):
    items = parse_materials("非公開", lines_of(
        " 資料１－１ 自治体デジタル・トランスフォーメーション（ＤＸ）推進計画【第 3.0\n\n版】（案）（見え消し） \n"
        " 資料１   令和６年度末の改定概要（案）\n"
        " 参考資料２ （通知）地域におけるDX 推進体制の構築について（依頼） \n"
        "\uf09e 地方自治体のデジタル・トランスフォーメーション推進に係る検討会（第 37 回）事\n\n務局資料 "), report)
    assert [(m.id, m.title, m.disclosure) for m in items] == [
        ("資料1-1", "自治体デジタル・トランスフォーメーション（DX）推進計画【第3.0版】（案）（見え消し）", "非公開"),
        ("資料1", "令和6年度末の改定概要（案）", "非公開"),
        ("参考資料2", "（通知）地域におけるDX推進体制の構築について（依頼）", "非公開"),
        (None, "地方自治体のデジタル・トランスフォーメーション推進に係る検討会（第37回）事務局資料", "非公開"),
    ]


def test_a_title_carried_on_under_itself_is_one_material(report):
    """pdftotext -layout sets a wrapped title's rest under the title: it was a material of its own
    (版】（案）（見え消し）), and 資料1 lost its version."""
    items = parse_materials(None, lines_of(" 資料１   自治体ＤＸ推進計画【第５．０\n          版】（案）（見え消し）\n"
                                           " 資料２   構成員提出資料\n          山田構成員提出資料\n ・参考 名簿", 1), report)
    assert [(m.id, m.title) for m in items] == [  # under a finished title, an indented line is an item
        ("資料1", "自治体DX推進計画【第5.0版】（案）（見え消し）"), ("資料2", "構成員提出資料"), (None, "山田構成員提出資料"),
        (None, "参考 名簿")]


def test_a_material_marked_non_public_says_so(report):
    """資料２ …【非公開】 kept the mark in its title, and its 公開区分 said 記載なし; so did 【委員限り】."""
    items = parse_materials(None, lines_of(" 資料１ 論点\n 資料２ 構成員提出資料【非公開】\n 参考資料１ 名簿（非公表）\n"
                                           " 資料３ 意見集【委員限り】\n 資料４ 個票（構成員限り）", 1), report)
    assert [(m.id, m.title, m.disclosure) for m in items] == [
        ("資料1", "論点", None), ("資料2", "構成員提出資料", "非公開"), ("参考資料1", "名簿", "非公表"),
        ("資料3", "意見集", "委員限り"), ("資料4", "個票", "構成員限り")]


@pytest.mark.parametrize("line, expected", [
    ("・資料１ 論点　・資料２ 名簿", [("資料1", "論点"), ("資料2", "名簿")]),
    ("資料２ 意見集【委員限り】 資料３ 名簿", [("資料2", "意見集"), ("資料3", "名簿")]),
    ("資料３ 第４２回 資料１ の修正版", [("資料3", "第42回 資料1 の修正版")]),
    ("資料１ 意見募集の結果 （資料２）", [("資料1", "意見募集の結果（資料2）")])])
def test_items_side_by_side_and_ids_inside_a_title(report, line, expected):
    """Bulleted items on one line were one material; an id inside a title (資料１ の修正版, a closing
    （資料２）) made an item of its own, the second with no title."""
    assert [(m.id, m.title) for m in parse_materials(None, lines_of(line, 1), report)] == expected
    assert report.diagnostics == []


def test_material_ids_whatever_dash_the_hyphen_is_printed_as(report):
    """資料１−１ (a minus sign) and 資料１−２ were both 資料1, titled −1 … and −2 …: one anchor, two items.
    A colon after the id parts it from the title (資料３－１：名簿 was titled ：名簿)."""
    items = parse_materials(None, lines_of(" 資料１−１ 論点（案）\n 資料１−２ 手順書\n 資料1‐3 概要\n"
                                           " 資料２ー１ 調査\n 資料２―２ 結果\n 資料３－１：名簿", 1), report)
    assert [(m.id, m.title) for m in items] == [("資料1-1", "論点（案）"), ("資料1-2", "手順書"), ("資料1-3", "概要"),
                                                ("資料2-1", "調査"), ("資料2-2", "結果"), ("資料3-1", "名簿")]


# ---------------------------------------------------------------- agenda

def flat(items, depth=0):
    for item in items:
        yield depth, item.label, item.text
        yield from flat(item.items, depth + 1)


def test_agenda_nests_as_deep_as_its_labels_go():
    """ア and イ under （１） were joined into its text; ① ② under （１） sat beside （２）."""
    items = parse_agenda(lines_of("1. 開会\n2. 議事\n（１）論点について\n ア 重点取組事項の進捗\n イ 今後の進め方\n"
                                  "（２）手順書について\n ①窓口\n ②成果指標\n（３）発表\n3. 閉会", 1))
    assert list(flat(items)) == [
        (0, "1.", "開会"), (0, "2.", "議事"), (1, "（1）", "論点について"), (2, "ア", "重点取組事項の進捗"),
        (2, "イ", "今後の進め方"), (1, "（2）", "手順書について"), (2, "①", "窓口"), (2, "②", "成果指標"),
        (1, "（3）", "発表"), (0, "3.", "閉会")]
    roman = parse_agenda(lines_of("（１）論点について\n ⅰ 重点取組事項の進捗\n ⅱ 今後の進め方\n（２）手順書", 1))
    assert list(flat(roman)) == [(0, "（1）", "論点について"), (1, "ⅰ", "重点取組事項の進捗"), (1, "ⅱ", "今後の進め方"),
                                 (0, "（2）", "手順書")]


def test_agenda_nested_and_rejoined():
    items = parse_agenda(lines_of(
        "1. 開会 \n2. 議事 \n\n① 自治体デジタル・トランスフォーメーション（ＤＸ）推進計画の改定につい\nて \n\n"
        "② 自治体ＤＸ全体手順書の改\n\n\n\n定について \n3. 閉会"))
    assert list(flat(items)) == [
        (0, "1.", "開会"), (0, "2.", "議事"),
        (1, "①", "自治体デジタル・トランスフォーメーション（DX）推進計画の改定について"),
        (1, "②", "自治体DX全体手順書の改定について"), (0, "3.", "閉会")]


def test_agenda_fullwidth_numbers_and_parenthesised_items():
    items = parse_agenda(lines_of("１ 開会 \n\n２ 議事 \n\n（１）行政手続のオンライン化について \n\n（２）ＡＩ・ＲＰＡについて \n\n３ 閉会"))
    assert list(flat(items)) == [
        (0, "1", "開会"), (0, "2", "議事"), (1, "（1）", "行政手続のオンライン化について"),
        (1, "（2）", "AI・RPAについて"), (0, "3", "閉会")]


@pytest.mark.parametrize("text, expected", [
    # with no top item (1. 開会), items of the first item's style are siblings (each once nested
    # under the first); another style nests
    ("（１）標準仕様\n（２）今後の進め方\nについて\n（３）その他",
     [(0, "（1）", "標準仕様"), (0, "（2）", "今後の進め方について"), (0, "（3）", "その他")]),
    ("標準仕様の改定について\n（１）概要\n（２）論点",
     [(0, None, "標準仕様の改定について"), (1, "（1）", "概要"), (1, "（2）", "論点")]),
    ("①標準仕様\n（１）概要\n②進め方", [(0, "①", "標準仕様"), (1, "（1）", "概要"), (0, "②", "進め方")]),
])
def test_agenda_without_top_items_nests_by_label_style(text, expected):
    assert list(flat(parse_agenda(lines_of(text)))) == expected


def test_agenda_unmarked_item_under_a_top_item():
    items = parse_agenda(lines_of("1. 開会\n2. 議事\n\n自治体 DX 推進計画改定案の修正案等について 等\n\n3. 閉会"))
    assert list(flat(items))[2] == (1, None, "自治体DX推進計画改定案の修正案等について 等")


# ---------------------------------------------------------------- discussion

def statements(sections):
    return [(s.id, s.text) for section in sections for s in section.statements]


def test_bullets_of_every_kind(report):
    sections = parse_discussion(lines_of(
        "【テーマ】\n○丸の発言。\n\uf09e 私用領域の発言。\n- ・ ハイフンと中黒の発言。\n 欠けた記号の発言で、\n\n"
        "ページをまたぐ。\n \n"), report)
    assert statements(sections) == [
        ("s1-1", "丸の発言。"), ("s1-2", "私用領域の発言。"), ("s1-3", "ハイフンと中黒の発言。"),
        ("s1-4", "欠けた記号の発言で、ページをまたぐ。")]


def test_statements_without_any_bullet_end_at_sentence_end(report):
    sections = parse_discussion(lines_of("【テーマ】\n一つ目の発言。\n二つ目の発言は\n続く。"), report)
    assert statements(sections) == [("s1-1", "一つ目の発言。"), ("s1-2", "二つ目の発言は続く。")]


def test_wrapped_heading_and_topic_levels(report):
    sections = parse_discussion(lines_of(
        "（情報システムの標準化について）\n【事務局説明】\n 資料１のとおり説明。\n（意見交換）\n"
        "【②自治体DX 全体手順書の改定につい\n\nて】\n○意見。"), report)
    assert [(s.anchor, s.level, s.heading) for s in sections] == [
        ("s1", 1, "情報システムの標準化について"), ("s2", 2, "事務局説明"), ("s3", 1, "意見交換"),
        ("s4", 2, "②自治体DX全体手順書の改定について")]
    assert statements(sections) == [("s2-1", "資料1のとおり説明。"), ("s4-1", "意見。")]


def test_leading_space_before_latin_mid_sentence_is_not_a_bullet(report):
    sections = parse_discussion(lines_of("【テーマ】\n○自治体が\n DX を進める。"), report)
    assert statements(sections) == [("s1-1", "自治体がDXを進める。")]


def test_statement_line_range(report):
    sections = parse_discussion(lines_of("【テーマ】\n ある発言\n\n\nの続き。", start=95), report)
    assert sections[0].statements[0].lines == (96, 99)


# ---------------------------------------------------------------- blocks

@pytest.mark.parametrize("mark", ["【オンライン】", "【欠席】", "【代理：谷口補佐】", "【途中出席】", "【 欠 席 】"])
def test_a_mark_on_a_line_of_its_own_is_no_heading(mark):
    # The marks reader and the block splitter share one vocabulary (【オンライン】 once opened a role).
    blocks = split_blocks(lines_of(f"【構成員】\n山田 太郎 総務省課長\n{mark}\n【幹事】\n鈴木 一郎 総務省室長"))
    assert [(b.kind, b.arg) for b in blocks] == [("title", None), ("role", "構成員"), ("role", "幹事")]


def test_headerless_source_starts_at_a_label():
    kinds = [b.kind for b in split_blocks(lines_of(" 【事務局】\n総務省\n 【資料（非公表）】\n 資料１ 概要\n〇議事概要\n【x】\n○y。\n以上"))]
    assert kinds == ["title", "secretariat", "materials", "discussion", "end", "after_end"]


@pytest.mark.parametrize("label, disclosure", [("【資料（非公表）】", "非公表"), ("【資料（委員限り）】", "委員限り"),
                                               ("【配布資料（構成員限り）】", "構成員限り"), ("【資料（公開）】", None),
                                               ("【参考資料】", None)])  # was a role heading: its items, people
def test_a_materials_label_gives_its_disclosure(label, disclosure):
    """【資料（委員限り）】 was read as a role heading, and the materials under it as people."""
    blocks = split_blocks(lines_of(f"{label}\n 資料１ 概要"))
    assert [(b.kind, b.arg) for b in blocks] == [("title", None), ("materials", disclosure)]


@pytest.mark.parametrize("colon", ["：", ":", " ： "])
def test_a_block_label_may_carry_its_first_line_after_a_colon(colon):
    # Other study groups print ○議事概要：主な意見は以下のとおり。 — once read as no label at all,
    # which made every statement below an attendee row.
    blocks = split_blocks(lines_of(f"○議事次第{colon}1. 開会\n2. 議事\n配布資料{colon}資料１ 概要\n"
                                   f"○議 事 概 要{colon}主な意見は以下のとおり。\n○意見。\n以上"))
    assert [(b.kind, [(l.number, l.text) for l in b.lines]) for b in blocks[1:4]] == [
        ("agenda", [(1, "1. 開会"), (2, "2. 議事")]),
        ("materials", [(3, "資料１ 概要")]),
        ("discussion", [(4, "主な意見は以下のとおり。"), (5, "○意見。")]),
    ]


def test_a_label_with_nothing_after_its_colon_opens_an_empty_block():
    blocks = split_blocks(lines_of("【事務局】\n総務省\n○議事概要：\n○意見。\n以上"))
    assert [(b.kind, [l.text for l in b.lines]) for b in blocks[2:4]] == [("discussion", ["○意見。"]), ("end", [])]


def test_discussion_label_with_text_right_after_the_title_opens_the_discussion():
    # 議事概要 just under the title is the title's suffix, but not when text follows its colon.
    blocks = split_blocks(lines_of("自治体システム標準化に関する検討会（第4回）\n議事概要：主な意見は以下のとおり。\n○意見。\n以上"))
    assert [(b.kind, [l.text for l in b.lines]) for b in blocks[:2]] == [
        ("title", ["自治体システム標準化に関する検討会（第4回）"]), ("discussion", ["主な意見は以下のとおり。", "○意見。"])]


@pytest.mark.parametrize("item", ["２．議事", "２．議事：標準仕様の改定について", "２．議題：標準仕様の改定について", "議事"])
def test_an_agenda_label_inside_the_agenda_is_an_item(item):
    # A numbered section label (４．議事) opens the agenda; inside it, the same words are an item.
    blocks = split_blocks(lines_of(f"○議事次第\n１．開会\n{item}\n（１）標準仕様\n３．閉会\n○議事概要\n○意見。\n以上"))
    assert [(b.kind, [l.text for l in b.lines]) for b in blocks[1:3]] == [
        ("agenda", ["１．開会", item, "（１）標準仕様", "３．閉会"]), ("discussion", ["○意見。"])]


def test_a_colon_label_in_a_seed_reads_as_the_label():
    text = (SOURCE / "000_1e74b449c9ce0912.txt").read_text(encoding="utf-8")
    plain = parse_source("000.txt", text.encode())
    for label in ("○議事次第", "○議事概要"):
        assert text.count(label + " \n") == 1
    assert "○議事次第 \n1. 開会" in text  # the replacement below takes place
    # One line fewer before the discussion: statement lines shift by one, the diagnostics (all above) do not.
    changed = text.replace("○議事次第 \n1. 開会", "○議事次第：1. 開会").replace("○議事概要 \n", "○議事概要：主な意見は次のとおり。\n")
    colon = parse_source("000.txt", changed.encode())
    assert colon.diagnostics == plain.diagnostics
    assert colon.meeting.attendees == plain.meeting.attendees
    assert list(flat(colon.meeting.agenda)) == list(flat(plain.meeting.agenda))
    first, *rest = colon.meeting.sections
    assert [s.text for s in first.statements] == ["主な意見は次のとおり。"] and first.heading is None
    assert [s.heading for s in rest] == [s.heading for s in plain.meeting.sections]


def test_a_mark_nobody_can_take_is_kept(report):
    read = parse_role_block("幹事", LABEL, lines_of("【代理：谷口補佐】\n山田 太郎 総務省課長"), report)
    people = read.people
    assert [(u.line, u.text) for u in read.leftover] == [(1, "【代理：谷口補佐】")]
    assert people[0].proxy is None and "no person to take it" in report.diagnostics[0].message


def test_marks_that_disagree_are_reported_with_the_marks_as_printed(report):
    people = attendees("岩崎 勝 宇部市デジタル推進課長【代理：田中補佐】 【冒頭欠席】\n"
                       "折笠 史典 総務省課長 【欠席】 【代理：佐々木補佐】", report)
    assert [(p.status, p.proxy) for p in people] == [("proxy", "田中補佐"), ("proxy", "佐々木補佐")]
    # 【欠席】【代理：X】 agree (absent, X attended instead): only the first line is reported.
    assert [str(d) for d in report.diagnostics] == [
        "source/test.txt:11: warning: attendance marks disagree (【代理：田中補佐】 【冒頭欠席】): 岩崎 勝 read as 代理出席"]


def test_a_mark_inside_the_line_is_read_and_reported(report):
    people = attendees("大村 慎一 総務省【欠席】地域力創造審議官", report)
    assert [(p.status, p.affiliation) for p in people] == [("absent", "総務省 地域力創造審議官")]
    assert [str(d) for d in report.diagnostics] == [
        "source/test.txt:11: warning: attendance mark inside the line, not at its end: 大村 慎一 総務省【欠席】地域力創造審議官"]


def test_a_mark_inside_another_bracket_is_not_read(report):
    people = attendees("山田 太郎 総務省課長\n【代理：谷口【代理：田中補佐】補佐】", report)
    assert people[0].proxy is None
    assert str(report.diagnostics[0]) == ("source/test.txt:12: warning: mark 【代理：田中補佐】 inside brackets, "
                                          "not read: 【代理：谷口【代理：田中補佐】補佐】")


def test_asterisk_marks_in_a_padded_line(report):
    people = attendees("山田 太郎 総務省課長※代理出席\n鈴木 花子 内閣官房 ※オンライン参加", report)
    assert [(p.affiliation, p.status, p.online) for p in people] == [
        ("総務省課長", "proxy", None), ("内閣官房", "present", True)]
    assert report.diagnostics == []


@pytest.mark.parametrize("label", ["【資料１】", "【資料１－２】", "【参考資料３】"])
def test_a_material_id_on_a_line_of_its_own_is_no_heading(label):
    blocks = split_blocks(lines_of(f"【資料】\n{label}\n論点整理"))
    assert [(b.kind, b.arg, len(b.lines)) for b in blocks[1:]] == [("materials", None, 2)]


def test_role_heading_is_width_folded():
    blocks = split_blocks(lines_of("【資料１－１構成員】\n山田 太郎 総務省課長"))
    assert [(b.kind, b.arg) for b in blocks[1:]] == [("unknown_role", "資料1-1構成員")]


def test_roles_of_other_study_groups_are_headings():
    blocks = split_blocks(lines_of("【主査】\n山田太郎（A大学）\n【副主査】\n【委員】\n【座長代理】\n【顧問】"))
    assert [(b.kind, b.arg) for b in blocks[1:]] == [
        ("role", "主査"), ("role", "副主査"), ("role", "委員"), ("role", "座長代理"), ("unknown_role", "顧問")]


def test_an_empty_secretariat_heading_is_reported():
    result = parse_source("x.txt", "【事務局】\n【資料】\n資料１ 概要\n議事概要\n○ 意見。\n以上\n".encode())
    assert "source/x.txt:1: warning: heading 【事務局】 has no organisations" in [str(d) for d in result.diagnostics]
    assert result.meeting.secretariat == []


def test_a_second_date_line_is_kept_and_the_first_is_read():
    text = "○開催日時：令和6年3月11日（月）15:00～16:15\n○開催日時：令和6年3月12日（火）\n議事概要\n○ 意見。\n以上\n"
    result = parse_source("x.txt", text.encode())
    assert result.meeting.date == "2024-03-11"
    assert [(u.line, u.text) for u in result.meeting.unparsed] == [(2, "○開催日時：令和6年3月12日（火）")]
    assert "source/x.txt:2: warning: second 開催日時, kept as printed: ○開催日時：令和6年3月12日（火）" in \
        [str(d) for d in result.diagnostics]


def test_a_proxy_name_is_width_folded(report):
    people = attendees("黛 孝次 デジタル庁参事官【代理：第３グループ補佐】", report)
    assert people[0].proxy == "第3グループ補佐"


# ---------------------------------------------------------------- meeting number and id

SEED_003 = "003_93df5cc9a7216084.txt"  # headerless: its material list names 第37回
SIDECAR_37 = "number:\n  value: 37\n  source: 開催案内\n"


def _naming_36_too() -> bytes:
    text = (SOURCE / SEED_003).read_text(encoding="utf-8")
    first = text.splitlines()[1]  # the material that names 第37回
    assert "第 37 回" in first
    return text.replace(first, first + "\n" + first.replace("第 37 回", "第 36 回"), 1).encode()


def test_materials_naming_several_meetings_leave_the_number_unknown():
    result = parse_source(SEED_003, _naming_36_too())
    assert result.meeting.number is None
    assert [d.message for d in result.diagnostics if "number" in d.message] == [
        "materials name several meetings (36, 37): number left unknown"]


def test_a_sidecar_number_settles_materials_naming_several_meetings():
    # The warning was given before the sidecar was read, so --strict failed a source the sidecar fixed.
    result = parse_source(SEED_003, _naming_36_too(), SIDECAR_37)
    assert (result.meeting.number, result.meeting.number_source) == (37, "supplement")
    assert not [d for d in result.diagnostics if "several meetings" in d.message or "unknown" in d.message]


@pytest.mark.parametrize("file_name, id_", [("a|b *c*.txt", "a_b__c_"), ("index.txt", "index_"),
                                            ("第5回 検討会.txt", "第5回_検討会")])
def test_a_file_name_id_is_a_page_address(file_name, id_):
    # A meeting without a number is published at meetings/<id>/: a | or space there broke the tables
    # that link to it, and index.txt replaced meetings/index.md.
    text = (SOURCE / "002_607a81b7cfd4288f.txt").read_bytes()
    result = parse_source(file_name, text)
    assert result.meeting.id == id_
    assert [d.message for d in result.diagnostics if "page address" in d.message] == [
        f"file name cannot be a page address as it is: the meeting's id is {id_} "
        "(rename the file, or give the number in a sidecar)"]


def test_a_plain_file_name_is_the_id_as_it_is():
    result = parse_source("002_607a81b7cfd4288f.txt", (SOURCE / "002_607a81b7cfd4288f.txt").read_bytes())
    assert result.meeting.id == "002_607a81b7cfd4288f"
    assert not [d for d in result.diagnostics if "page address" in d.message]


@pytest.mark.parametrize("sidecar, line, message", [
    ("number:\n\tvalue: 37\n", 2, "found character '\\t' that cannot start any token"),
    # libyaml would take this tab for a space: PyYAML, on every machine, refuses it.
    ("number:\n  value:\t37\n  source: x\n", 2, "found character '\\t' that cannot start any token"),
    ("number: &n\n  value: 37\n  source: *s\n", 3, "found undefined alias 's'"),
    ("number:\n  value: 37\n  source x\n", 3, "could not find expected ':'"),
])
def test_a_broken_sidecar_is_told_with_its_line_and_what_is_wrong(sidecar, line, message):
    # PyYAML's own parser, not libyaml's (five times faster): libyaml says less ("found character that
    # cannot start any token"), accepts some tabs PyYAML refuses, and is not built on every machine.
    result = parse_source(SEED_003, (SOURCE / SEED_003).read_bytes(), sidecar)
    assert [(d.line, d.message) for d in result.diagnostics if "YAML" in d.message] == [
        (line, f"sidecar is not valid YAML: {message}")]


def test_a_person_id_is_a_page_address(report):
    # A line that cannot be split keeps its whole text as the name: its id names the person's page
    # (members/<id>.md), which "index" or "matrix" would replace, and "a/b" would put in a folder.
    people = parse_role_block("構成員", LABEL, lines_of("index\nmatrix\na/b|c d\n庄司 昌彦 大学教授"), report).people
    assert [p.person_id for p in people] == ["index_", "matrix_", "a_b_cd", "庄司昌彦"]
    assert [p.name for p in people][:3] == ["index", "matrix", "a/b|c d"]


# ---------------------------------------------------------------- format from the venue

@pytest.mark.parametrize("venue, online_only, hybrid", [
    ("中央合同庁舎第2号館8階 第1特別会議室", False, False),
    ("オンライン", True, False), ("オンライン開催", True, False), ("オンライン会議", True, False), ("Web会議", True, False),
    ("総務省８階　第１特別会議室及びオンライン（ハイブリッド開催）", False, True),
    ("中央合同庁舎第２号館（Web会議併用）", False, True), ("会議室／オンライン", False, True),
    ("会議室及びWeb会議", False, True), ("会議室及びオンライン開催", False, True),
    ("オンライン会議（Zoom）", True, False), ("Web会議システムによる開催", True, False),
    ("総務省及びオンライン", False, True), ("AP虎ノ門 及び オンライン", False, True), ("対面（一部オンライン）", False, True),
    ("オンライン（一部対面）", False, True), ("ハイブリッド開催", False, True),  # by its word alone
    ("Web開催", True, False), ("リモート開催", True, False), ("Teams会議", True, False),
    ("Zoomによるオンライン開催", True, False), ("会議室及びTeams", False, True), ("Webex会議", True, False),
])
def test_the_venue_tells_online_and_hybrid_meetings(venue, online_only, hybrid):
    """オンライン会議 was read as in person, 会議室及びオンライン開催 as online only."""
    from generator.parse.header import parse_venue

    read = parse_venue(venue, [])
    assert (read.online_only, read.hybrid) == (online_only, hybrid)


def test_a_hybrid_venue_without_marks_leaves_who_was_online_unknown():
    """Not false for everyone: the text says some took part online, but not who."""
    text = (SOURCE / "001_7a9c7822e9072531.txt").read_text(encoding="utf-8")  # 第3回, marks taken out
    text = text.replace("(※)はオンライン参加", "").replace("(※)", "")
    venue = next(line for line in text.splitlines() if "開催場所" in line)
    meeting = parse_source("x.txt", text.replace(venue, venue.rstrip() + "（オンライン併用）").encode()).meeting
    assert meeting.format == "hybrid" and meeting.format_note.endswith("（オンライン併用）")
    assert {a.online for a in meeting.attendees if a.status != "absent"} == {None}


@pytest.mark.parametrize("label, shown", [("1.", "1\\. "), ("1", "1 "), ("1)", "1\\) "), ("ア.", "ア. "), ("ア", "ア "), ("ⅰ", "ⅰ "),
                                          ("（1）", "（1）"), ("(1)", "(1)"), ("①", "①"), ("1）", "1）"), ("1、", "1、")])
def test_an_agenda_label_is_parted_from_its_text_as_its_style_wants(label, shown):
    """ア alone ran into its text (ア重点取組事項の進捗). (As Markdown: 1\\. is no list.)"""
    from generator.render.common import agenda_label

    assert agenda_label(label) == shown


@pytest.mark.parametrize("mark", ["＜{}＞", "<{}>", "■{}"])
def test_headings_in_other_shapes_open_sections(mark, report):
    """＜…について＞ was glued to the statement above; ■… (where ○ marks the statements) was a statement."""
    text = "\n".join([mark.format("論点について"), "○ 重点取組事項の進捗を見える化していただいた。", "は有益。",
                      mark.format("構成員からの発表"), "○ 新井構成員から説明があった。"])
    sections = parse_discussion(lines_of(text, 1), report)
    assert [(s.heading, [st.text for st in s.statements]) for s in sections] == [
        ("論点について", ["重点取組事項の進捗を見える化していただいた。は有益。"]),
        ("構成員からの発表", ["新井構成員から説明があった。"])]


@pytest.mark.parametrize("text, statements", [
    # ■ marks every statement (no other bullet), some without a full stop
    ("■ 一つ目の意見\n■ 二つ目の意見", ["一つ目の意見", "二つ目の意見"]),
    # ■ statements with ・ sub-points, one carried over to the next line
    ("■ 自治体DXの推進について、小規模団体への支援を\n求める意見があった。\n・特に人材確保が課題である。",
     ["自治体DXの推進について、小規模団体への支援を求める意見があった。", "特に人材確保が課題である。"]),
    # a ■ line ends a sentence: ■ marks statements here
    ("■ 論点について\n○ 支援が必要。\n■ 次の論点は重要である。\n○ 賛成。", ["論点について", "支援が必要。", "次の論点は重要である。", "賛成。"]),
])
def test_a_square_bullet_is_a_statement_unless_it_plainly_heads_a_section(text, statements, report):
    sections = parse_discussion(lines_of(text, 1), report)
    assert [(s.heading, [st.text for st in s.statements]) for s in sections] == [(None, statements)]


def test_numbered_topics_open_sections_but_numbered_statements_do_not(report):
    """１．…について was glued onto the statement above it: the whole discussion was one section."""
    text = "１．論点について\n○ 支援が必要。\n２．手順書について\n○ 事例集を充実してほしい。"
    sections = parse_discussion(lines_of(text, 1), report)
    assert [(s.heading, [st.text for st in s.statements]) for s in sections] == [
        ("1．論点について", ["支援が必要。"]), ("2．手順書について", ["事例集を充実してほしい。"])]
    numbered = parse_discussion(lines_of("1. 支援が必要である。\n2. 事例集を充実してほしい。", 1), report)
    assert [(s.heading, len(s.statements)) for s in numbered] == [(None, 2)]


def test_a_large_circle_is_a_bullet(report):
    """◯ (U+25EF) stayed at the start of each statement."""
    sections = parse_discussion(lines_of("◯ 一つ目の意見。\n◯ 二つ目の意見。", 1), report)
    assert [st.text for st in sections[0].statements] == ["一つ目の意見。", "二つ目の意見。"]


def test_an_address_in_angle_brackets_is_no_heading(report):
    sections = parse_discussion(lines_of("○ 資料は次のとおり。\n<https://www.soumu.go.jp/main_content/000919516.pdf>", 1), report)
    assert [(s.heading, len(s.statements)) for s in sections] == [(None, 1)]
