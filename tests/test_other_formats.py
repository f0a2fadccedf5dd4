"""議事概要 of other study groups (see shared notes): numbered labels (１．日時：), a letter-spaced
title, 時分 times, 令和5年（2023年）, and attendees as 氏名（所属） with no role heading, one a line or
several on a line, with their role (【主査】) and marks (※代理出席, （オンライン）) after the name.
What can be read is read; the rest is kept and reported."""

from pathlib import Path

import pytest

from generator.model import Line
from generator.parse import parse_source
from generator.parse.attendees import parse_attendance, parse_role_block
from generator.parse.materials import parse_materials, stated_none

from .conftest import COLON_LABELS, LAYOUT_VARIANTS, lines_of
from .lossless import lost_pieces
from .pagetext import lone_meeting_page

INPUTS = Path(__file__).parent / "inputs"
LAYOUT = LAYOUT_VARIANTS.read_text(encoding="utf-8")  # the base of the layout tests


def layout_with(*changes: tuple[str, str]) -> str:
    """LAYOUT with each (old, new) made: an old text that is not in it once would leave the layout
    as it is, and the test would check nothing new."""
    text = LAYOUT
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} is not in the layout once"
        text = text.replace(old, new)
    return text
LABEL = Line(5, "３．出席者：")


def parse(name):
    return parse_source("other.txt", (INPUTS / name).read_bytes())


def people(attendees):
    return [(a.role, a.name, a.affiliation, a.status, a.proxy, a.online, a.line) for a in attendees]


def test_numbered_labels_and_kanji_times():
    result = parse("other_committee_format.txt")
    m = result.meeting
    assert result.ok
    assert (m.date, m.weekday, m.start_time, m.end_time, m.venue) == ("2023-09-01", "金", "16:00", "17:45", "オンライン")
    assert [(a.label, a.text) for a in m.agenda] == [("（1）", "自治体DXの推進について")]
    assert [(x.id, x.title) for x in m.materials] == [("資料1", "自治体DXの現状(PDF/3,065KB)")]
    assert [s.text for sec in m.sections for s in sec.statements] == ["生成AIの活用を進めるべき。", "標準化の期限を守るべき。"]


def test_labels_that_carry_their_first_line_after_a_colon():
    # The corpus case other-format-colon-labels, read in full: its expected.txt holds diagnostics only.
    source = COLON_LABELS
    m = parse_source(source.name, source.read_bytes()).meeting
    assert [(a.label, a.text, a.items) for a in m.agenda] == [  # （１）（２） alone: a flat list
        ("（1）", "標準仕様の改定について", []), ("（2）", "今後の進め方について", [])]
    assert [(x.id, x.title) for x in m.materials] == [("資料1", "標準仕様改定案"), ("資料2", "今後の進め方")]
    assert [(s.text[:8], s.lines) for sec in m.sections for s in sec.statements] == [
        ("事務局から資料に", (13, 13)), ("改定の影響を受け", (14, 14)), ("移行期限の見直し", (15, 15))]
    assert [(a.name, a.role) for a in m.attendees] == [("山田太郎", "座長"), ("鈴木花子", "構成員")]


def test_comma_separated_attendees_with_role_and_proxy_marks():
    result = parse("other_committee_format.txt")
    assert people(result.meeting.attendees) == [
        ("主査", "山田太郎", "○○大学教授", "present", None, True, 6),
        ("構成員", "鈴木花子", "△△株式会社", "present", None, True, 6),
        ("構成員", "佐藤一郎", "総務省", "proxy", None, True, 6),  # ※代理出席: someone, unnamed, in his place
    ]
    # 場所：オンライン: an online meeting, so everyone who took part did so online.
    assert (result.meeting.format, result.meeting.format_note) == ("online", "オンライン")
    assert result.meeting.unparsed == []
    assert [str(d) for d in result.diagnostics] == [
        "source/other.txt:1: warning: title gives no meeting number (第N回)",
        "source/other.txt:6: info: no role printed for 鈴木花子、佐藤一郎: listed as 構成員",
        "source/other.txt: warning: meeting number unknown: the text does not give it",
    ]


def test_one_attendee_a_line_with_nested_brackets_wraps_and_online_marks():
    result = parse("other_one_per_line.txt")
    m = result.meeting
    assert (m.number, m.date, m.start_time, m.end_time) == (3, "2023-10-02", "10:30", "11:15")  # 10時30分〜11時15分
    assert people(m.attendees) == [
        ("主査", "山田太郎", "○○大学大学院情報学研究科（情報社会論）教授", "present", None, False, 7),
        ("構成員", "鈴木 花子", "△△株式会社、デジタル推進部長", "present", None, False, 8),
        ("構成員", "佐藤一郎", "総務省自治行政局（地域DX推進室）", "proxy", None, False, 9),
        ("構成員", "田中次郎", "□□市情報政策課長", "present", None, True, 10),
        ("構成員", "高橋三郎", "◇◇県デジタル戦略局長", "present", None, True, 11),  # broken over lines 11–12
        ("顧問", "伊藤四郎", "全国市長会", "present", None, False, 13),
    ]
    # Some attend online, in a meeting room: hybrid, from the first online mark as printed.
    assert (m.format, m.format_note) == ("hybrid", "（オンライン）")
    assert [(u.line, u.text) for u in m.unparsed] == [(14, "事務局より資料説明")]
    assert [str(d) for d in result.diagnostics] == [
        "source/other.txt:13: warning: unknown role 【顧問】 after 伊藤四郎: kept as printed",
        "source/other.txt:14: warning: unexpected text after 出席者: 事務局より資料説明",
        "source/other.txt:8: info: no role printed for 鈴木 花子、佐藤一郎、田中次郎、高橋三郎: listed as 構成員",
    ]


def test_letter_spaced_labels_a_note_after_a_role_heading_a_proxy_in_round_brackets_and_page_furniture():
    """○日　時：, ○場　所：, ○出 席 者 are labels; 【構成員】（五十音順） is a heading (its note was
    taken for text, and every 構成員 became 座長); （代理：X） is a proxy, not more affiliation; a page
    number and a running head are no person and no text: a sentence broken by them is joined."""
    result = parse("layout_variants.txt")
    m = result.meeting
    assert (m.date, m.start_time, m.end_time, m.venue) == ("2026-06-30", "14:00", "16:00", "総務省8階 第1特別会議室")
    # ※はオンライン参加 on the 出席者 line is the legend; a ※ alone at a line's end is its mark.
    assert (m.format, m.format_note) == ("hybrid", "※はオンライン参加")
    assert [(a.role, a.name, a.affiliation, a.status, a.proxy, a.online) for a in m.attendees] == [
        ("座長", "庄司 昌彦", "武蔵大学社会学部メディア社会学科教授", "present", None, False),
        ("構成員", "原 秀樹", "CocreCoコンサルティング合同会社代表", "present", None, True),
        ("構成員", "原田 智", "公益財団法人京都産業21DX推進監 兼 CISO", "present", None, False),
        ("オブザーバー", "向山 秀昭", "全国市長会行政部長", "proxy", "鈴木行政部副部長", False)]
    head = "地方自治体のデジタルトランスフォーメーション推進に係る検討会（第43回）議事概要"
    assert m.roster_notes == ["敬称略", "五十音順"]  # 【構成員】（五十音順）, and a line of its own
    assert [(u.line, u.text) for u in m.unparsed] == [(15, "- 1 -"), (27, "－2－"), (28, head)]
    assert [(s.heading, [st.text for st in s.statements]) for s in m.sections] == [
        ("意見交換", ["テストです。", "自治体DXの推進について、小規模団体への支援を求める意見があった。"]),
        ("その他", ["次回の日程は追って連絡する。"])]
    assert [str(d) for d in result.diagnostics] == [
        "source/other.txt:15: info: page number or running head, left out of the text: - 1 -",
        "source/other.txt:27: info: page number or running head, left out of the text: －2－",
        f"source/other.txt:28: info: page number or running head, left out of the text: {head}"]


@pytest.mark.parametrize("label, below", [
    ("○出席者（五十音順、敬称略）", ""), ("○出 席 者（敬称略・五十音順）", ""), ("○出席者（敬称略）", "（五十音順）\n"),
    ("○出席者", "（五十音順・敬称略）"),  # the notes in front of the legend, on its line
    ("○出席者", "○（五十音順・敬称略）"),  # and so after a bullet (the notes were dropped)
])
def test_roster_notes_in_their_shapes(label, below):
    """（五十音順、敬称略） after 出席者, or （五十音順） on a line of its own, were unread text; in front
    of the legend they became part of it. The file's own （五十音順） notes are taken out first, so
    that each note here can only come from the shape under test."""
    text = layout_with(("【構成員】（五十音順）", "【構成員】"), ("\n（五十音順）\n", "\n"),
                       ("○出 席 者（敬称略）※はオンライン参加\n", f"{label}\n{below}※はオンライン出席\n"))
    assert text.count("五十音順") == label.count("五十音順") + below.count("五十音順")
    result = parse_source("t.txt", text.encode())
    assert sorted(result.meeting.roster_notes) == ["五十音順", "敬称略"]
    assert result.meeting.format_note == "※はオンライン出席"  # its legend, on a line of its own
    assert [d for d in result.diagnostics if d.severity == "warning"] == []
    assert lost_pieces(result.meeting, text) == []


def test_a_line_shaped_like_a_running_head_but_not_one_is_kept():
    """A material or a statement about an earlier 議事概要 was dropped as page furniture."""
    text = layout_with(("○議事概要\n", "【資料】\n 資料１ 論点\n 資料２ 第２回検討会議事概要\n\n○議事概要\n"
                                        "○ 第２回議事概要\nについて、修正の意見はなかった。\n"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [m.title for m in meeting.materials] == ["論点", "第2回検討会議事概要"]
    assert meeting.sections[0].statements[0].text == "第2回議事概要について、修正の意見はなかった。"
    assert [u.text for u in meeting.unparsed] == [  # the real page furniture only
        "- 1 -", "－2－", "地方自治体のデジタルトランスフォーメーション推進に係る検討会（第43回）議事概要"]


def test_page_furniture_in_each_of_its_shapes_and_what_only_looks_like_it():
    """Each rule of page_furniture on its own: the title in the first lines is no running head; a
    head names the document's committee or is printed on more than one page; one with a bullet or
    資料 in front is text, even naming the committee; page numbers as 2, - 1 -, 3/5."""
    from generator.parse.furniture import page_furniture

    committee = "地方自治体のデジタルトランスフォーメーション推進に係る検討会"
    text = [f"{committee}（第４３回）議事概要", "○開催日時：令和８年６月３０日（火）", "○開催場所：総務省", "○出席者",
            "庄司 昌彦 武蔵大学教授", "- 1 -", f"{committee}（第４３回）議事概要",  # 6, 7: furniture
            f"資料２ {committee}（第４２回）議事概要", f"○ {committee}（第４２回）議事概要",  # 8, 9: text
            "3/5", "別の研究会（第４３回）議事概要", "○ 意見。", "別の研究会（第４３回）議事概要",  # 10, 11, 13: furniture
            "２"]  # 14: furniture
    lines = [Line(number, line) for number, line in enumerate(text, start=1)]
    assert [line.number for line in page_furniture(lines)] == [6, 7, 10, 11, 13, 14]
    alone = lines[:10] + [Line(11, "別の研究会（第４３回）議事概要")]  # printed once, not the committee
    assert [line.number for line in page_furniture(alone)] == [6, 7, 10]


def test_a_materials_colon_and_own_disclosure_lose_nothing():
    text = layout_with(("○議事概要\n", "【資料】\n 資料１：論点（案）\n 資料２ 構成員提出資料【非公開】\n\n○議事概要\n"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [(m.id, m.title, m.disclosure) for m in meeting.materials] == [
        ("資料1", "論点（案）", None), ("資料2", "構成員提出資料", "非公開")]
    assert lost_pieces(meeting, text) == []


def test_materials_in_brackets_and_side_by_side_lose_nothing():
    """【資料１】論点 was one unnumbered material with the next one in its title; 【資料１】 on a line of
    its own was a role heading; items printed side by side on one line, or listed with 、, were one material."""
    materials = ("【資料】\n【資料１】論点整理\n【資料２】\n構成員提出資料【委員限り】\n（参考資料１）名簿\n"
                 " 資料３ 今後の進め方 資料４－１ 計画（案） 参考資料２ 資料２の補足\n"
                 "資料５ 概要、資料６ 工程表（資料１、資料２の比較）\n資料７ 関係資料（資料２、資料３ 別添）\n\n")
    text = layout_with(("○議事概要\n", materials + "○議事概要\n"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [(m.id, m.title, m.disclosure) for m in meeting.materials] == [
        ("資料1", "論点整理", None), ("資料2", "構成員提出資料", "委員限り"), ("参考資料1", "名簿", None),
        ("資料3", "今後の進め方", None), ("資料4-1", "計画（案）", None), ("参考資料2", "資料2の補足", None),
        ("資料5", "概要", None), ("資料6", "工程表（資料1、資料2の比較）", None), ("資料7", "関係資料（資料2、資料3 別添）", None)]
    assert lost_pieces(meeting, text) == []


def test_a_comma_inside_quotes_does_not_part_materials():
    """「論点、資料２ 名簿」 was cut into two materials at its comma (a review's input)."""
    text = layout_with(("○議事概要\n", "【資料】\n資料１ 「論点、資料２ 名簿」の補足\n\n○議事概要\n"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [(m.id, m.title) for m in meeting.materials] == [("資料1", "「論点、資料2 名簿」の補足")]
    assert lost_pieces(meeting, text) == []


def test_a_letter_spaced_online_legend_is_read():
    """※ は オ ン ラ イ ン 参 加 before the summary stopped the build with an AttributeError."""
    text = layout_with(("○議事概要\n", "※ は オ ン ラ イ ン 参 加\n○議事概要\n"))
    result = parse_source("t.txt", text.encode())
    assert result.ok and lost_pieces(result.meeting, text) == []


def test_notes_on_the_summary_itself_are_facts_not_sections():
    """（文責：事務局） before 以上 was an empty section of the discussion, and after 以上 a warning."""
    text = layout_with(("\n以上", "\n（文責：事務局）\n以上\n※速報のため、事後修正の可能性があります。"))
    result = parse_source("t.txt", text.encode())
    meeting = result.meeting
    assert [(n.line, n.text) for n in meeting.document_notes] == [
        (33, "（文責：事務局）"), (35, "※速報のため、事後修正の可能性があります。")]
    assert "文責：事務局" not in [s.heading for s in meeting.sections]
    assert not [d for d in result.diagnostics if d.line in (33, 35)]
    assert "| 文書の注記（原文） | （文責：事務局）（[原文 L33](../source/t.md#L33)" in lone_meeting_page(meeting)
    assert lost_pieces(meeting, text) == []


def test_a_note_printed_first_is_not_the_title_running_heads_are_told_by():
    """※速報… on line 1 was taken for the title, so a running head printed once, naming the committee,
    was no longer told apart and was glued into a statement."""
    meeting = parse_source("t.txt", ("※速報のため事後修正の可能性あり\n" + LAYOUT).encode()).meeting
    assert [(n.line, n.text) for n in meeting.document_notes] == [(1, "※速報のため事後修正の可能性あり")]
    assert "自治体DXの推進について、小規模団体への支援を求める意見があった。" in [
        statement.text for section in meeting.sections for statement in section.statements]


@pytest.mark.parametrize("line, note", [
    ("（文責：事務局）", True), ("【文責：総務省自治行政局地域ＤＸ推進室】", True), ("文責：事務局", True),
    ("（速報版のため事後修正の可能性あり）", True), ("※速報につき、内容は今後変更されることがある。", True),
    ("（文責　事務局）", True), ("（文責：総務省自治行政局（地域DX推進室））", True), ("＊速報版につき今後修正の可能性があります", True),
    ("速報値として公表されており、修正が見込まれる。", False),  # a statement's wrapped line
    ("※速報値のため、今後修正される可能性がある。", False),  # a statement's own note on its figures
    ("・文責は事務局にある旨を確認した。", False), ("（速報）", False)])
def test_what_a_note_on_the_summary_is(line, note):
    from generator.parse.furniture import document_notes

    assert bool(document_notes([Line(1, line)])) is note


@pytest.mark.parametrize("old, new, note", [
    ("○場　所：総務省８階　第１特別会議室", "○場　所：書面開催", "書面開催"),
    ("○場　所：総務省８階　第１特別会議室", "○場　所：持回り開催", "持回り開催"),
    ("○場　所：総務省８階　第１特別会議室", "○場　所：書面形式にて開催", "書面形式にて開催"),
    ("１６時００分", "１６時００分（書面による開催）", "書面による開催"),
    ("（第４３回）\n", "（第４３回）（書面審議）\n", "書面審議"),
    ("○出 席 者", "○開催方法：書面開催（持ち回り）\n○出 席 者", "書面開催（持ち回り）")])
def test_a_meeting_held_in_writing(old, new, note):
    """書面開催 gave no format, or in_person from its venue, with everyone marked as not online."""
    text = layout_with((old, new))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert (meeting.format, meeting.format_note) == ("written", note)
    assert {a.online for a in meeting.attendees} == {None}
    assert f"| 形式 | 書面開催、原文「{note}」 |" in lone_meeting_page(meeting)
    assert lost_pieces(meeting, text) == []


@pytest.mark.parametrize("method, expected", [
    ("オンライン併用", ("hybrid", "オンライン併用")), ("オンライン開催", ("online", "オンライン開催")),
    ("対面", ("in_person", None))])
def test_a_method_label_tells_the_format(method, expected):
    """○開催方法：… was read as more of the venue. No venue here: the format is the method's alone."""
    text = layout_with(("○場　所：総務省８階　第１特別会議室\n", ""), ("○出 席 者", f"○開催方法：{method}\n○出 席 者"),
                       ("原　　秀樹　　CocreCo コンサルティング合同会社代表※", "原　　秀樹　　CocreCo コンサルティング合同会社代表"),
                       ("※はオンライン参加", ""))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert (meeting.venue, meeting.method, meeting.format, meeting.format_note) == (None, method, *expected)
    assert lost_pieces(meeting, text) == []


def test_the_method_is_kept_when_the_format_comes_from_elsewhere():
    """With the online legend giving the format, ○開催方法：対面開催 was on neither the page nor the record."""
    text = layout_with(("○出 席 者", "○開催方法：対面開催\n○出 席 者"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert (meeting.method, meeting.format) == ("対面開催", "hybrid")
    assert "| 開催方法（原文） | 対面開催 |" in lone_meeting_page(meeting)
    assert lost_pieces(meeting, text) == []


TABLE_ROSTER = """○出席者（敬称略）
氏　名　　　所属・役職　　　　　　　　備考
庄司　昌彦　武蔵大学社会学部教授　　　座長
原　　秀樹　CocreCo コンサルティング合同会社代表　オンライン
原田　　智　公益財団法人京都産業２１ DX 推進監
向山　秀昭　全国市長会行政部長　欠席
【幹事】
氏名　所属
小牧　兼太郎　総務省大臣官房審議官

"""


def test_a_roster_printed_as_a_table():
    """The header row (氏名 所属 備考) was a person named 氏 名, and the rows after 出席者 were
    unreadable; the 備考 cell (座長, 欠席, オンライン) was read as part of the affiliation."""
    text = LAYOUT[:LAYOUT.index("○出 席 者")] + TABLE_ROSTER + LAYOUT[LAYOUT.index("○議事概要"):]
    result = parse_source("t.txt", text.encode())
    meeting = result.meeting
    assert [(a.role, a.name, a.affiliation, a.status, a.online) for a in meeting.attendees] == [
        ("座長", "庄司 昌彦", "武蔵大学社会学部教授", "present", False),
        ("構成員", "原 秀樹", "CocreCoコンサルティング合同会社代表", "present", True),
        ("構成員", "原田 智", "公益財団法人京都産業21DX推進監", "present", False),
        ("構成員", "向山 秀昭", "全国市長会行政部長", "absent", None),
        ("幹事", "小牧 兼太郎", "総務省大臣官房審議官", "present", False)]
    assert (meeting.format, meeting.format_note) == ("hybrid", "オンライン")
    assert not [d for d in result.diagnostics if d.severity != "info"]
    assert lost_pieces(meeting, text) == []


@pytest.mark.parametrize("roster, expected", [
    ("氏名　所属　出欠\n向山　秀昭　全国市長会行政部長　欠席", [("構成員", "向山 秀昭", "全国市長会行政部長", "absent")]),
    ("区分　氏名　所属\n座長　庄司　昌彦　武蔵大学教授\n構成員　原　秀樹　CocreCo代表",
     [("座長", "庄司 昌彦", "武蔵大学教授", "present"), ("構成員", "原 秀樹", "CocreCo代表", "present")]),
    ("氏名　所属　備考\n山田　太郎　経団連 デジタル委員会 委員", [("構成員", "山田 太郎", "経団連 デジタル委員会 委員", "present")]),
    ("氏名　所属\n山田　太郎　経団連デジタル委員会　委員", [("構成員", "山田 太郎", "経団連デジタル委員会 委員", "present")]),
    # A 所属 cell wrapped onto a row of its own, and an empty 所属 cell; spaced with full-width spaces
    ("氏名　　　所属　　　　　　備考\n庄司　昌彦　武蔵大学社会学部　座長\n　　　　　　教授\n原　秀樹　　　　　　　　　　欠席",
     [("座長", "庄司 昌彦", "武蔵大学社会学部教授", "present"), ("構成員", "原 秀樹", "", "absent")]),
    # … and as pdftotext -layout sets it, Japanese characters narrower than the columns they fill
    ("氏名        所属              備考\n庄司 昌彦   武蔵大学社会学部   座長\n            教授\n"
     "山田太郎    東京都\n原 秀樹                       欠席",
     [("座長", "庄司 昌彦", "武蔵大学社会学部教授", "present"), ("構成員", "山田太郎", "東京都", "present"),
      ("構成員", "原 秀樹", "", "absent")]),
    # A row with an empty 区分 cell starts at the name column, not the 所属 one: a person
    ("区分　氏名　所属\n座長　庄司　昌彦　武蔵大学教授\n　　　原　秀樹　CocreCo代表",
     [("座長", "庄司 昌彦", "武蔵大学教授", "present"), ("構成員", "原 秀樹", "CocreCo代表", "present")]),
    # Rows of more than one word in the 所属 column are people, not a wrapped cell (review: they were
    # merged into the 所属 above)
    ("区分　氏名　所属\nオブザーバー　山田　太郎　デジタル庁\n　　　　　　　佐藤　花子　内閣府",
     [("オブザーバー", "山田 太郎", "デジタル庁", "present"), ("構成員", "佐藤 花子", "内閣府", "present")]),
    ("氏名 所属 備考\n　　庄司　昌彦　武蔵大学教授\n　　原　秀樹　CocreCo代表",
     [("構成員", "庄司 昌彦", "武蔵大学教授", "present"), ("構成員", "原 秀樹", "CocreCo代表", "present")]),
    # A header centred over its columns: a whole name and a short 所属 stay apart (review: 山田太郎 総務省
    # was one name)
    ("　　　氏名　　　　　　所属\n山田太郎　　総務省", [("構成員", "山田太郎", "総務省", "present")]),
    ("   氏名            所属\n山田太郎   総務省", [("構成員", "山田太郎", "総務省", "present")])])
def test_a_table_roster_reads_the_columns_its_header_names(roster, expected):
    """出欠 was not read (欠席 stayed in the affiliation); a leading 区分 cell made 座長 庄司 a name; a
    role word that ends an affiliation (…委員会 委員) was taken for a 備考 cell; a wrapped 所属 cell
    (教授) was a person, and a name with an empty 所属 cell was split (庄司 of 昌彦)."""
    text = LAYOUT[:LAYOUT.index("○出 席 者")] + "○出席者\n" + roster + "\n" + LAYOUT[LAYOUT.index("○議事概要"):]
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [(a.role, a.name, a.affiliation, a.status) for a in meeting.attendees] == expected
    assert lost_pieces(meeting, text) == []


def test_a_label_word_at_the_start_of_an_agenda_item_is_no_label():
    """２．開催方法の見直しについて opened a 開催方法 block: items 2 and after left the agenda, unreported."""
    agenda = "○議事次第\n１．開会\n２．開催方法の見直しについて\n３．場所の確保について\n４．開催形式について\n５．閉会\n"
    text = layout_with(("○議事概要\n", agenda + "○議事概要\n"))
    meeting = parse_source("t.txt", text.encode()).meeting
    assert [item.text for item in meeting.agenda] == [
        "開会", "開催方法の見直しについて", "場所の確保について", "開催形式について", "閉会"]
    assert lost_pieces(meeting, text) == []


def test_a_disclosure_wrapped_onto_a_line_of_its_own_is_the_items():
    """【委員限り】 under its item was an unknown role heading with no people, and no disclosure."""
    text = layout_with(("○議事概要\n", "【資料】\n資料２ 意見集\n【委員限り】\n資料３ 名簿\n○議事概要\n"))
    result = parse_source("t.txt", text.encode())
    assert [(m.id, m.title, m.disclosure) for m in result.meeting.materials] == [
        ("資料2", "意見集", "委員限り"), ("資料3", "名簿", None)]
    assert not [d for d in result.diagnostics if "role" in d.message]
    assert lost_pieces(result.meeting, text) == []


def test_a_text_without_its_date_says_so_unless_a_sidecar_gives_it():
    title = "地方自治体のデジタルトランスフォーメーション推進に係る検討会（第４１回）\n議事概要\n".encode()
    missing = "source/t.txt: warning: no 開催日時 in the text: the date is unknown (a sidecar source/t.yml can give it)"
    assert missing in [str(d) for d in parse_source("t.txt", title).diagnostics]
    supplied = parse_source("t.txt", title, "date:\n  value: 2026-05-01\n  source: 総務省の開催案内\n")
    assert supplied.meeting.date == "2026-05-01" and missing not in [str(d) for d in supplied.diagnostics]


@pytest.mark.parametrize("name", ["other_committee_format.txt", "other_one_per_line.txt", "layout_variants.txt"])
def test_nothing_of_another_format_is_lost(name):
    result = parse(name)
    assert lost_pieces(result.meeting, (INPUTS / name).read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------- 出席者 lines, one by one

def attendance(arg, text, report):
    return parse_attendance(LABEL, arg, lines_of(text, 6), report)


def test_separators_outside_brackets_only(report):
    read = attendance("", "山田太郎（東京都、大阪府）,鈴木花子（A社，B社），佐藤一郎(デジタル庁（自治体DX担当)）", report)
    assert people(read.people) == [
        ("構成員", "山田太郎", "東京都、大阪府", "present", None, None, 6),
        ("構成員", "鈴木花子", "A社，B社", "present", None, None, 6),
        ("構成員", "佐藤一郎", "デジタル庁（自治体DX担当)", "present", None, None, 6),
    ]


def test_attendees_on_the_label_line_after_the_notes(report):
    read = attendance("（敬称略） ※全員オンライン参加 山田太郎（A大学）【座長】、鈴木花子（B社）", "", report)
    assert [(a.role, a.name, a.affiliation, a.line) for a in read.people] == [
        ("座長", "山田太郎", "A大学", 5), ("構成員", "鈴木花子", "B社", 5)]
    assert read.leftover == []


@pytest.mark.parametrize("marks, status, online", [
    ("【欠席】", "absent", None), ("【代理出席】", "proxy", None), ("※代理出席", "proxy", None),
    ("※ 代理出席", "proxy", None), ("（オンライン）", "present", True), ("※オンライン参加", "present", True),
    ("【オンライン】", "present", True), ("(※)", "present", True), ("【途中退席】", "left_early", None),
    ("【代理出席】※オンライン参加", "proxy", True),
])
def test_marks_after_an_entry(report, marks, status, online):
    read = attendance("", f"山田太郎（A大学）{marks}、鈴木花子（B社）", report)
    assert [(a.status, a.proxy, a.online) for a in read.people] == [(status, None, online), ("present", None, None)]
    assert [d.severity for d in report.diagnostics] == ["info"]


def test_a_named_proxy_on_the_line_below(report):
    read = attendance("", "山田太郎（A大学）\n【代理：田中補佐】", report)
    assert [(a.status, a.proxy) for a in read.people] == [("proxy", "田中補佐")]


def test_an_entry_that_cannot_be_read_is_kept_the_others_are_read(report):
    read = attendance("", "山田太郎（A大学）、資料の説明があった、鈴木花子（B社）教授", report)
    assert [a.name for a in read.people] == ["山田太郎"]
    assert [(u.line, u.text) for u in read.leftover] == [(6, "資料の説明があった"), (6, "鈴木花子（B社）教授")]
    assert [str(d) for d in report.diagnostics] == [
        "source/test.txt:6: warning: attendee entry cannot be read: 資料の説明があった",
        "source/test.txt:6: warning: attendee entry cannot be read: 鈴木花子（B社）教授",
        "source/test.txt:6: info: no role printed for 山田太郎: listed as 構成員",
    ]


def test_a_label_line_with_nothing_readable_is_kept_whole(report):
    read = attendance("- ・ （敬称略） ※全員オンライン参加", "", report)
    assert [(u.line, u.text) for u in read.leftover] == [(5, "-・（敬称略）※全員オンライン参加")]
    assert [str(d) for d in report.diagnostics] == [
        "source/test.txt:5: warning: unexpected text after 出席者: -・（敬称略）※全員オンライン参加"]


def test_brackets_never_closed_are_kept(report):
    read = attendance("", "山田太郎（A大学", report)
    assert read.people == [] and [(u.line, u.text) for u in read.leftover] == [(6, "山田太郎（A大学")]
    assert [d.message for d in report.diagnostics] == ["unexpected text after 出席者: 山田太郎（A大学"]


def test_an_entry_without_affiliation_is_not_taken_for_a_person(report):
    read = attendance("", "以上【座長】", report)  # a name-like word with a mark: no 氏名（所属）
    assert read.people == [] and [u.text for u in read.leftover] == ["以上【座長】"]


def test_listed_entries_under_a_role_heading_take_its_role(report):
    read = parse_role_block("構成員", Line(10, "【構成員】"),
                            lines_of("山田太郎（A大学）、鈴木花子（B社）【欠席】\n佐藤一郎（C市）【主査】", 11), report)
    assert [(a.role, a.name, a.status, a.line) for a in read.people] == [
        ("構成員", "山田太郎", "present", 11), ("構成員", "鈴木花子", "absent", 11), ("主査", "佐藤一郎", "present", 12)]
    assert report.diagnostics == []


def test_a_mark_inside_a_name_leaves_the_entry_unread(report):
    read = attendance("", "高橋三※代理出席郎（◇◇県）、※代理出席山田太郎（A大学）", report)
    assert read.people == []
    assert [u.text for u in read.leftover] == ["高橋三※代理出席郎（◇◇県）、※代理出席山田太郎（A大学）"]


# ---------------------------------------------------------------- 資料：なし

@pytest.mark.parametrize("text, line, words", [
    ((INPUTS / "other_one_per_line.txt").read_text(encoding="utf-8").replace(
        "資料1 標準化の進捗状況 (PDF/1,204KB)", "　なし"), 18, "なし"),  # ５．資料 / なし
    (COLON_LABELS.read_text(encoding="utf-8").replace("配布資料：資料1 標準仕様改定案\n資料2 今後の進め方",
                                                      "配布資料：特になし。"), 11, "特になし。"),
])
def test_materials_stated_as_none_are_no_material(text, line, words):
    """なし under 資料 says none were handed out: before, it was listed as a material titled なし."""
    assert "なし" in text
    result = parse_source("other.txt", text.encode("utf-8"))
    m = result.meeting
    assert (m.materials, m.no_materials.line, m.no_materials.text) == ([], line, words)
    page = lone_meeting_page(m)
    assert f"## 資料 {{ #materials }}\n\n{words} [原文 L{line}](../source/other.md#L{line}){{ .source-lines }}\n" in page
    assert lost_pieces(m, text) == []


def test_none_among_materials_is_a_title_as_printed(report):
    lines = lines_of("資料1 標準仕様\nなし", 11)
    assert [x.title for x in parse_materials(None, lines, report)] == ["標準仕様なし"]  # continues item 1
    assert stated_none(lines) is None
    before = lines_of("なし\n資料1 標準仕様", 11)  # more than なし: nothing is dropped
    assert stated_none(before) is None and [x.id for x in parse_materials(None, before, report)] == [None, "資料1"]


@pytest.mark.parametrize("line", ["参考資料", "資料1 なし版", "なし（別添）", "該当なし", "なしの件"])
def test_a_material_that_merely_holds_none_is_a_material(line, report):
    lines = lines_of(line, 11)
    assert stated_none(lines) is None and len(parse_materials(None, lines, report)) == 1


@pytest.mark.parametrize("line, words", [("なし", "なし"), ("・特に無し", "特に無し"), ("（なし）", "（なし）"),
                                         ("　なし。", "なし。"), ("なし．", "なし．")])
def test_none_in_its_shapes(line, words):
    assert stated_none(lines_of(f"\n{line}\n", 11)).text == words


def test_none_beside_a_list_of_materials_shows_both():
    text = (INPUTS / "other_one_per_line.txt").read_text(encoding="utf-8").replace(
        "６．議事概要", "配布資料：なし\n６．議事概要")  # two blocks: neither hides the other
    m = parse_source("other.txt", text.encode("utf-8")).meeting
    assert [x.id for x in m.materials] == ["資料1"] and m.no_materials.text == "なし"
    page = lone_meeting_page(m)
    assert "\n\nなし [原文 L19](../source/other.md#L19){ .source-lines }\n\n| 番号 | 資料名 |" in page


def test_a_second_none_is_kept_as_printed():
    """Before, a second なし block replaced the first, which was then on no page."""
    text = (INPUTS / "other_one_per_line.txt").read_text(encoding="utf-8").replace(
        "資料1 標準化の進捗状況 (PDF/1,204KB)", "　なし").replace("６．議事概要", "配布資料：特になし。\n６．議事概要")
    result = parse_source("other.txt", text.encode("utf-8"))
    m = result.meeting
    assert (m.no_materials.line, m.no_materials.text) == (18, "なし")
    assert [(u.line, u.text) for u in m.unparsed if u.line == 19] == [(19, "特になし。")]
    assert any(d.line == 19 and "second 資料：なし" in d.message for d in result.diagnostics)
    assert lost_pieces(m, text) == []
