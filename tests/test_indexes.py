"""Cross-meeting indexes: catalogue matching, person identity, plan versions, materials."""

import json
import re

import pytest

from generator.catalogue import load_catalogues
from generator.documents import TitleMatcher
from generator.render.common import in_force_label

from .conftest import SOURCE, generate_folder, source_folder
from .pagetext import held_lines, lone_meeting_page


@pytest.fixture(scope="module")
def families():
    catalogues, problems = load_catalogues((SOURCE / "documents.yml").read_text(encoding="utf-8"), None)
    assert problems == []
    return catalogues.families


@pytest.mark.parametrize("title, expected", [
    ("自治体デジタル・トランスフォーメーション（DX）推進計画【第3.0版】（案）（見え消し）", ("dx-plan", "3.0", True, "見え消し")),
    ("自治体デジタル・トランスフォーメーション（ＤＸ）推進計画【第 4.0 版】（案）（溶け込み）", ("dx-plan", "4.0", True, "溶け込み")),
    ("自治体 DX 推進計画の改定概要", ("dx-plan", None, False, "改定概要")),
    ("令和6年度末の自治体DX推進計画等の改定概要（案）", ("dx-plan", None, True, "改定概要")),
    ("自治体の行政手続のオンライン化に係る申請管理システム等の構築に関する標準仕様書【第3.0版】（案）（見え消し）",
     ("online-spec", "3.0", True, "見え消し")),
    ("自治体の行政手続のオンライン化に係る手順書の改定概要", ("online-procedures", None, False, "改定概要")),
    ("自治体フロントヤード改革推進手順書 概要（案）", ("frontyard-procedures", None, True, "概要")),
    ("改定案に係る主なご指摘事項と対応方針", ("review-responses", None, False, None)),
    # Naming a document inside another title is not that document.
    ("自治体DX推進計画に掲載されている閣議決定文書（令和7年度版）", (None, None, False, None)),
    ("総務大臣書簡（2024年（令和6年）1月19日）", (None, None, False, None)),
])
def test_match_title(families, title, expected):
    found = TitleMatcher(families).match(title)
    assert (found.family, found.version, found.draft, found.variant) == expected


def test_catalogue_problems_name_their_place():
    _, problems = load_catalogues("families:\n  - id: Bad Id\n    name: x\n    aliases: [x]\n    source: s\n"
                                  "  - id: index\n    name: y\n    aliases: [y]\n    source: s\n",
                                  "versions:\n  - version: three\n    published: null\n    source: s\n")
    assert [str(p) for p in problems] == [
        "source/documents.yml:2: error: id must be lower-case ASCII with hyphens: 'Bad Id'",
        "source/documents.yml:6: error: id 'index' is taken by the page listing all documents",
        "source/plan_versions.yml:2: error: version must look like 3.0, not 'three'",
    ]


@pytest.mark.parametrize("entry, message", [
    ("published: 2024-01-01\n    published_by: 2024-06-01", "published_by is only for a version whose published is null"),
    ("published: null\n    published_by: soon", "published_by must be an ISO date, not 'soon'"),
])
def test_published_by_is_a_date_for_a_version_without_one(entry, message):
    _, problems = load_catalogues(None, f"versions:\n  - version: '3.0'\n    {entry}\n    source: s\n")
    assert [str(p) for p in problems] == [f"source/plan_versions.yml:2: error: {message}"]


def _plan_archive(versions: str, dates: list[str], heading: str | None = None):
    """An archive of meetings on `dates` (numbered from 1), each with `heading` if given, with the
    plan catalogue `versions` and the seeds' documents.yml."""
    from generator.index import build_archive
    from generator.model import Meeting, Section

    catalogues, problems = load_catalogues((SOURCE / "documents.yml").read_text(encoding="utf-8"),
                                           "versions:\n" + versions)
    assert problems == []
    meetings = [Meeting(id=f"{k:03d}", source_file=f"{k:03d}.txt", sha256="0" * 64, number=k, date=date,
                        sections=[Section(heading=heading, anchor="s1")] if heading else [])
                for k, date in enumerate(dates, start=1)]
    return build_archive(meetings, catalogues), meetings


def test_a_version_known_to_be_out_by_a_date_is_in_force_from_it():
    archive, (before, on, after) = _plan_archive(
        "  - {version: '1.0', published: 2020-01-10, source: s}\n"
        "  - {version: '2.0', published: null, published_by: 2021-06-01, source: s}\n"
        "  - {version: '3.0', published: null, source: s}\n",
        ["2021-05-31", "2021-06-01", "2022-01-01"])
    state = archive.in_force(before)  # 2.0 may or may not be out yet
    assert (state.version.version, [v.version for v in state.undetermined]) == ("1.0", ["2.0", "3.0"])
    for meeting in (on, after):  # out by then; 3.0's date is not known at all
        state = archive.in_force(meeting)
        assert (state.version.version, [v.version for v in state.undetermined]) == ("2.0", ["3.0"])
    assert in_force_label(archive, on, "meetings/002.md").startswith(
        "[第2.0版](../plan/2.0.md)（公表日は目録になし、2021-06-01までに公表）以降")


def test_before_a_dated_version_an_undated_earlier_one_may_be_in_force():
    """Not 策定前: the first version, of unknown date, may already be out."""
    archive, (meeting,) = _plan_archive("  - {version: '1.0', published: null, source: s}\n"
                                        "  - {version: '2.0', published: 2021-01-01, source: s}\n", ["2020-06-01"])
    state = archive.in_force(meeting)
    assert (state.version, [v.version for v in state.undetermined], state.before_first) == (None, ["1.0"], False)
    archive, (meeting,) = _plan_archive("  - {version: '1.0', published: 2021-01-01, source: s}\n", ["2020-06-01"])
    assert archive.in_force(meeting).before_first


def test_a_draft_put_up_without_its_version_is_the_next_one_published(archive, generation):
    """第3回 discussed 自治体DX推進計画骨子 a week before 第1.0版, 第14回 the 改定案 five weeks before
    第2.0版; their pages said no meeting had discussed either version."""
    drafts = {e.version: [(d.meeting.number, d.anchor) for d in e.agenda_drafts] for e in archive.plan}
    assert drafts == {"1.0": [(3, "s9")], "2.0": [(14, "s1")], "2.3": [], "3.0": [], "4.0": []}
    page = generation.files["plan/1.0.md"]
    assert "- [第3回](../meetings/003.md#s9){ .meeting }（2020-12-18（金））：自治体DX推進計画骨子について" in page
    assert "| [第2.0版](2.0.md) | 第1回改定 | 2022-09-02 | [第14回](../meetings/014.md){ .meeting }（議題から推定） |" \
        in generation.files["plan/index.md"]


@pytest.mark.parametrize("heading, versions, expected", [
    ("自治体DX推進計画改定案について", "", "2.0"),
    ("自治体DX推進計画の素案について", "", "2.0"),
    ("今後の自治体DX推進計画の重点取組事項（案）", "", None),  # a draft of something else
    ("自治体DX推進計画の改定について", "", None),  # not a draft
    ("自治体DX推進計画（案）について", "", "2.0"),
    ("自治体 DX 推進計画 骨子", "", "2.0"),  # spaces as extraction may leave them
    ("自治体DX推進計画の改定（案）", "", "2.0"),
    ("自治体DX推進計画の案件", "", None),
    # A version of unknown date may come between: which draft it was, the dates cannot tell
    ("自治体DX推進計画改定案について", "  - {version: '1.5', published: null, source: s}\n", None),
])
def test_which_agenda_puts_up_a_draft_of_which_version(heading, versions, expected):
    archive, _ = _plan_archive("  - {version: '1.0', published: 2020-01-10, source: s}\n" + versions
                               + "  - {version: '2.0', published: 2021-01-10, source: s}\n", ["2020-06-01"], heading)
    assert [e.version for e in archive.plan if e.agenda_drafts] == ([expected] if expected else [])


def test_two_files_at_one_path_are_a_fault_not_one_replacing_the_other():
    from generator.render import Pages

    pages = Pages()
    pages.add("documents/index.md", lambda: "the list")
    with pytest.raises(ValueError, match="two generated files at docs/documents/index.md"):
        pages.add("documents/index.md", lambda: "a family whose id is index")


def test_every_material_is_listed_once_and_matched_or_other(archive):
    listed = [c.material for items in archive.documents.values() for c in items] + [c.material for c in archive.unmatched]
    assert len(listed) == 26 == len({id(m) for m in listed})
    assert [c.material.title for c in archive.unmatched] == [
        "総務大臣書簡（2024年（令和6年）1月19日）",
        "（通知）地域におけるDX推進体制の構築について（依頼）",
        "地方自治体のデジタル・トランスフォーメーション推進に係る検討会（第37回）事務局資料",
        "自治体DX推進計画に掲載されている閣議決定文書（令和7年度版）",
    ]


def test_check_warns_about_unmatched_materials(generation):
    warned = [d for d in generation.diagnostics if "matches no document family" in d.message]
    assert len(warned) == 4 and all(d.line for d in warned)


def person(archive, person_id):
    return next(p for p in archive.people if p.id == person_id)


def test_same_person_across_meetings(archive):
    shoji = person(archive, "庄司昌彦")
    assert [(m.meeting.number, m.attendee.role) for m in shoji.memberships] == [(3, "座長"), (14, "座長"), (27, "座長")]


def test_affiliations_change(archive):
    harada = person(archive, "原田智")
    assert [m.attendee.affiliation for m in harada.memberships] == [
        "京都府政策企画部情報政策統括監", "公益財団法人京都産業21DX推進監 兼 CISO", "公益財団法人京都産業21DX推進監 兼 CISO"]


def test_people_sharing_a_surname_are_two_people(archive):
    ids = {p.id for p in archive.people}
    assert {"田中聖也", "田中良斉"} <= ids


def test_proxies_get_no_person_page(archive, generation):
    assert not any("補佐" in p.id for p in archive.people)
    assert "members/中野補佐.md" not in generation.files


def test_attendance_counts_only_listed_meetings(archive, generation):
    koide = person(archive, "小出太朗")  # listed at 第3回, 第14回, 第27回 (代理出席)
    assert (len(koide.memberships), koide.count("present"), koide.count("proxy")) == (3, 2, 1)
    # Set as Japanese: no space between a word and its number (欠席 0 read as two things)
    assert "| 出席／掲載 | 2／3（欠席0、代理1） |" in generation.files["members/小出太朗.md"]


def test_plan_pages(archive, generation):
    versions = {e.version: e for e in archive.plan}
    assert [m.number for m in versions["3.0"].meetings] == [27]
    assert [m.id for m in versions["4.0"].meetings] == ["002_607a81b7cfd4288f"]
    assert [(m.meeting.number, m.statement.id) for m in versions["3.0"].mentions] == [(27, "s1-3")]
    assert [(m.meeting.number, m.statement.id) for m in versions["4.0"].mentions] == [(37, "s2-2")]
    page = generation.files["plan/3.0.md"]
    assert "[第27回の発言1-3](../meetings/027.md#s1-3)" in page
    assert set(versions) >= {"1.0", "2.0", "3.0", "4.0"}


def test_in_force_says_what_the_catalogue_cannot_tell(archive, seeds):
    by_number = {m.number: m for m in archive.meetings}
    assert archive.in_force(by_number[3]).before_first
    state14 = archive.in_force(by_number[14])
    assert state14.version.version == "1.0" and state14.certain
    # 第27回 discusses 第3.0版 as a draft (資料1-1 （案）): 3.0 and 4.0 were not in force yet; 2.3 may have been.
    state27 = archive.in_force(by_number[27])
    assert state27.version.version == "2.0" and [v.version for v in state27.undetermined] == ["2.3"]
    assert (state27.not_yet.version, state27.not_yet.last_draft.number) == ("3.0", 27)
    # 第37回 speaks of 第4.0版 as out (plan_versions.yml: published_by 2025-07-29): in force then,
    # though its date is not known; so were 2.3 and 3.0 before it. Not 第2.0版 "or later".
    state37 = archive.in_force(by_number[37])
    assert state37.version.version == "4.0" and state37.certain and state37.not_yet is None
    assert in_force_label(archive, by_number[37], "meetings/037.md") == (
        "[第4.0版](../plan/4.0.md)（公表日は目録になし、2025-07-29までに公表）")
    label = in_force_label(archive, by_number[27], "meetings/027.md")
    assert label == ("[第2.0版](../plan/2.0.md)（2022-09-02公表）以降、第3.0版より前（第3.0版は第27回で案を審議。"
                     "第2.3版の公表日が目録にないため特定できない）")


def test_people_json(generation):
    persons = json.loads(generation.files["data/people.json"])["persons"]
    shoji = next(p for p in persons if p["id"] == "庄司昌彦")
    assert [m["meeting"] for m in shoji["memberships"]] == ["003", "014", "027"]
    meetings = json.loads(generation.files["data/meetings.json"])["meetings"]
    material = meetings[2]["materials"][0]
    assert (material["document"], material["version"]) == ("dx-plan", "3.0")


def test_home_counts_are_set_as_japanese_and_name_what_they_count(generation):
    """50 people are listed in the rosters, but 12 of them never attended themselves: 出席者 50 名
    would be quoted wrong; 会議 5回 was read as 第5回. A number and its counter take no space (5回)."""
    home = generation.files["index.md"]
    assert "| 収録した会議 | 名簿掲載者 | 資料 | 発言 |\n| --- | --- | --- | --- |\n| 5回 | 50名 | 26件 | 78件 |\n" in home


def test_a_supplied_fact_is_marked_with_what_the_mark_means(generation):
    """Readers met 〔補記〕 on the lists with no word of what it is, and after the committee's name,
    which then looked uncertain; a page's description carried it twice."""
    files = generation.files
    mark = '<abbr class="supplied" title="原文になく、出典つきの補記で補った値">〔補記〕</abbr>'
    page = files["meetings/037.md"]
    assert f"| 日付 | 令和7年7月29日（火）／2025-07-29{mark} |" in page
    assert f"| 場所 | 中央合同庁舎第2号館{mark} |" in page
    assert "の議事概要（会議名・開催日は原文になく補記による）。議題：" in page.split("---")[1]
    assert "〔補記〕" not in page.split("---")[1]  # front matter: plain text, said once in words
    for path in ("meetings/index.md", "index.md"):
        assert f"2025-07-29（火）{mark}" in files[path]
        assert "開催日の〔補記〕は、原文になく、出典つきの補記で補った値であることを示します" in files[path]
    assert "開催日の〔補記〕" not in files["members/index.md"]


def test_a_meeting_without_a_roster_says_so(generation):
    """第37回 had no 出席者 at all, and nothing on its page said why."""
    from generator.model import Meeting

    assert ("## 出席者 { #attendees }\n\n原文から出席者を読み取れなかった（名簿がないか、読み取れない形で載っている。"
            "原文は途中から始まっており、名簿は欠けた冒頭にあったおそれがある）。\n") in generation.files["meetings/037.md"]
    whole = Meeting(id="001", source_file="001.txt", sha256="0" * 64, number=1, date="2024-01-01")
    assert ("## 出席者 { #attendees }\n\n原文から出席者を読み取れなかった（名簿がないか、読み取れない形で載っている）。\n"
            in lone_meeting_page(whole))
    assert "出席者を読み取れなかった" not in generation.files["meetings/027.md"]


def test_the_yaml_behind_the_pages_is_published_and_linked(generation, tmp_path):
    """The plan and document pages named source/plan_versions.yml and source/documents.yml, which the
    site did not hold; a meeting's 補記 did not say where its facts are kept."""
    files = generation.files
    for name in ("documents.yml", "plan_versions.yml", "organizations.yml", "003_93df5cc9a7216084.yml"):
        assert files[f"source/{name}"] == (SOURCE / name).read_bytes()
    assert "[`plan_versions.yml`](../source/plan_versions.yml)" in files["plan/index.md"]
    assert "[`documents.yml`](../source/documents.yml)" in files["documents/index.md"]
    assert "補記のファイル：[`003_93df5cc9a7216084.yml`](../source/003_93df5cc9a7216084.yml)" in files["meetings/037.md"]
    # Without the catalogues nothing links to them (a link to no file would fail mkdocs --strict).
    bare = generate_folder(source_folder(tmp_path, {"x.txt": (SOURCE / "000_1e74b449c9ce0912.txt").read_bytes()})).files
    assert not [path for path in bare if path.endswith(".yml")]
    assert "`source/plan_versions.yml`" in bare["plan/index.md"] and "../source/plan_versions.yml" not in bare["plan/index.md"]


def test_a_source_page_names_the_files_encoding():
    """A CP932 file was published as 「このファイルそのもの」 with no word that a browser may garble it."""
    import codecs

    from generator.normalize import decode
    from generator.render.sources import encoding_label

    def label(data: bytes) -> str:
        return encoding_label(decode(data))

    text = "第1回 議事概要\n"
    assert label(b"abc") == "UTF-8"
    assert label(codecs.BOM_UTF8 + b"abc") == "UTF-8（BOM付き）"
    assert label(text.encode("cp932")).startswith("CP932（Shift_JIS）。ブラウザで開くと文字化け")
    assert label(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).startswith("UTF-16（BOM付き）。")
    assert label(text.encode("utf-16-le")).startswith("UTF-16。")  # without a BOM


def test_the_source_page_of_a_cp932_text_says_so(tmp_path):
    text = (SOURCE / "000_1e74b449c9ce0912.txt").read_text(encoding="utf-8")
    files = generate_folder(source_folder(tmp_path, {"x.txt": text.encode("cp932", errors="replace")})).files
    assert "| 文字コード | CP932（Shift_JIS）。ブラウザで開くと文字化けすることがあります" in files["source/x.md"]


def test_a_statements_lines_are_one_target_unless_they_overlap_another():
    """Two statements on one line (or a range inside another) cannot both hold it: spans nest. The
    later one links to its first line, and every range opened on the page is closed."""
    from generator.model import Meeting, Section, Statement
    from generator.render.sources import line_ranges, lines_anchor, render_source

    statements = [Statement("s1-1", "a", (2, 4)), Statement("s1-2", "b", (4, 5)), Statement("s1-3", "c", (6, 6)),
                  Statement("s1-4", "d", (7, 8)), Statement("s1-5", "e", (7, 8))]
    meeting = Meeting(id="x", source_file="x.txt", sha256="0" * 64, sections=[Section(None, "s1", 1, 0, statements)])
    ranges = line_ranges(meeting)
    assert ranges == {2: 4, 7: 8}
    assert [lines_anchor(*s.lines, ranges) for s in statements] == ["L2-L4", "L4", "L6", "L7-L8", "L7-L8"]
    page = render_source(meeting, "".join(f"{n}行目\n" for n in range(1, 10)).encode())
    assert held_lines(page) == {"L2-L4": ["L2", "L3", "L4"], "L7-L8": ["L7", "L8"]}
    shorter = render_source(meeting, "1行目\n2行目\n3行目\n".encode())  # the file changed since it was parsed
    assert held_lines(shorter) == {"L2-L4": ["L2", "L3"]}


def test_a_version_named_in_a_heading_is_listed_on_its_page():
    """The record's plan_versions counted headings; the version page said no one mentioned it."""
    from generator.index import build_archive
    from generator.model import Meeting, Section, Statement
    from generator.render.plan import render_version

    said = Statement(id="s1-1", text="公表された。", lines=(9, 9))
    meeting = Meeting(id="039", source_file="039.txt", sha256="0" * 64, number=39, date="2026-09-01",
                      sections=[Section("自治体DX推進計画【第5.0版】の公表について", "s1", 1, 8, [said])])
    archive = build_archive([meeting])
    entry = next(e for e in archive.plan if e.version == "5.0")
    page = render_version(archive, entry)
    assert "- [第39回の見出し](../meetings/039.md#s1){ .meeting }：自治体DX推進計画【第5.0版】の公表について" in page
    assert "にはありません" not in page.split("{ #mentions }")[1]


def test_the_members_index_lists_each_role_as_the_latest_roster_does(generation):
    """Code-point order of kanji names (千葉, 原, 原田, 吉岡…) reads as no order to a Japanese reader;
    the rosters print 構成員 五十音順 and 幹事 by post, and the index keeps their order."""
    index = generation.files["members/index.md"]
    rows = re.findall(r"^\| \[([^]]+)\]\([^)]+\)\{ \.person \} \| ([^|]+) \|", index, re.M)
    secretaries = [name for name, role in rows if role == "幹事"]
    # 第27回's 幹事 as its roster prints them, then those last listed at 第14回, then at 第3回
    assert secretaries[:7] == ["田中 聖也", "君塚 明宏", "八矢 拓", "名越 一郎", "小牧兼太郎", "渡部 貴徳", "佐々木明彦"]
    assert secretaries[7:9] == ["大村 慎一", "足達 雅英"]
    assert secretaries[-5:] == ["黒瀬 敏文", "神門 純一", "田中 良斉", "谷口 謙治", "金澤 直樹"]
    assert "最後に載った回が新しい人から、その回の名簿に載った順に並べています" in index


def test_member_pages_say_why_they_list_no_statements_and_which_meetings_have_no_roster(generation):
    """A researcher took a member page without statements for an incomplete one, and 最終 第27回 on
    the index for the last meeting the member came to, though 第37回 (no roster) came later."""
    assert "構成員の発言が誰のものかを記していません" in generation.files["members/庄司昌彦.md"]
    index = generation.files["members/index.md"]
    assert ("出席者を一人も読み取れなかった回（原文に名簿のない回など。2回：[第37回](../meetings/037.md){ .meeting }、"
            "[回不明（002\\_607a81b7cfd4288f）](../meetings/002_607a81b7cfd4288f.md){ .meeting }）") in index


def test_an_unnumbered_meeting_that_drafted_a_version_is_named_as_markdown_text():
    """Its label holds its file name (回不明（a_b_c）): put into the in-force label unescaped, the
    underscores became emphasis."""
    from generator.index import build_archive
    from generator.parse import parse_source

    catalogues, _ = load_catalogues((SOURCE / "documents.yml").read_text(encoding="utf-8"),
                                    (SOURCE / "plan_versions.yml").read_text(encoding="utf-8"))
    text = (SOURCE / "000_1e74b449c9ce0912.txt").read_text(encoding="utf-8")
    untitled = parse_source("a_b_c.txt", text[text.index("○開催日時"):].encode()).meeting
    archive = build_archive([untitled], catalogues)
    assert "第3.0版は回不明（a\\_b\\_c）で案を審議" in in_force_label(archive, untitled, "meetings/a_b_c.md")
