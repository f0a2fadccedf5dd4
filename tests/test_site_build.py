"""The real thing: generate the docs and run `mkdocs build --strict` on them (fixture built_site)."""

import html
import json
import re
import shutil
from urllib.parse import quote

from .conftest import SOURCE, grep_lines
from .linkcheck import broken_links, reachable
from .pagetext import held_lines
from .sitebuild import build_site


def test_every_meeting_has_a_page(built_site):
    for meeting_id in ("003", "014", "027", "037", "002_607a81b7cfd4288f"):
        assert (built_site / "meetings" / meeting_id / "index.html").is_file()


def test_statement_anchors_are_in_the_html(built_site):
    page = (built_site / "meetings" / "027" / "index.html").read_text(encoding="utf-8")
    assert 'id="s1-6"' in page and 'id="s2-2"' in page and 'id="s1"' in page
    assert '自治体DX推進計画が<a href="../../plan/3.0/">第3.0版</a>へ改版' in page


def test_the_home_page_lists_each_recent_meeting_as_an_item_of_its_own(built_site):
    """A template tag at the end of the line ate the line break: the four meetings ran into one item."""
    page = (built_site / "index.html").read_text(encoding="utf-8")
    recent = re.search(r'<h2 id="recent">.*?<ul>(.*?)</ul>', page, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", recent, re.S)
    assert [re.match(r'<a class="meeting" href="[^"]+">(第\d+回)</a>', item).group(1) for item in items] == ["第37回", "第27回", "第14回", "第3回"]
    assert not any("- <a" in item for item in items)


def test_meetings_json_is_published(built_site):
    data = json.loads((built_site / "data" / "meetings.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["meetings"]] == ["003", "014", "027", "037", "002_607a81b7cfd4288f"]
    assert data["meetings"][2]["url"] == "meetings/027/"
    assert data["meetings"][2]["source"]["sha256"] == (
        "dc904e36cd86837e394fd195e5d09da0eea49ed91c9ec3867bedc5022fe10569")


def test_no_google_fonts(built_site):
    for page in built_site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8")


def test_no_broken_internal_link_or_anchor(built_site):
    assert broken_links(built_site) == []


def test_link_checker_finds_a_broken_anchor(tmp_path):
    (tmp_path / "index.html").write_text('<a href="a/#x">a</a><a href="#top">t</a><a id="top"></a>')
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="y"></p><a href="../b/">b</a>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/ → missing b/index.html",
                                      "index.html: a/#x → no #x in a/index.html"]


def test_every_page_is_reachable_from_the_home_page(built_site):
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")} - {"404.html"}
    assert pages - reachable(built_site) == set()
    assert "members/%E5%BA%84%E5%8F%B8%E6%98%8C%E5%BD%A6/index.html" not in pages  # stored unquoted
    assert "members/庄司昌彦/index.html" in pages


def test_person_and_plan_pages(built_site):
    shoji = (built_site / "members" / "庄司昌彦" / "index.html").read_text(encoding="utf-8")
    assert shoji.count("座長") >= 3 and "第3回" in shoji and "第14回" in shoji and "第27回" in shoji
    plan4 = (built_site / "plan" / "4.0" / "index.html").read_text(encoding="utf-8")
    assert "資料4-1" in plan4 and "#s2-2" in plan4


def test_every_statement_links_to_its_source_lines(built_site):
    page = (built_site / "meetings" / "027" / "index.html").read_text(encoding="utf-8")
    assert '<a class="source-lines" href="../../source/000_1e74b449c9ce0912/#L97-L100">原文 L97–100</a>' in page
    assert page.count('class="source-lines"') == 8
    source = (built_site / "source" / "000_1e74b449c9ce0912" / "index.html").read_text(encoding="utf-8")
    assert 'id="L97"' in source and "アナログ規制の点検に関する主管課" in source
    assert held_lines(source)["L97-L100"] == ["L97", "L98", "L99", "L100"]  # its link's target


def test_a_source_page_shows_each_line_as_the_file_has_it(built_site):
    """Numbered lines, and nothing else: a line copied from the page is the file's (before, an empty
    line held a zero-width space)."""
    for path in (SOURCE).glob("*.txt"):
        page = (built_site / "source" / path.stem / "index.html").read_text(encoding="utf-8")
        numbered = re.findall(r'<span id="L(\d+)"><a href="#L\1" aria-label="\1行"> *\1 </a>(.*?)</span>', page)
        assert [int(n) for n, _ in numbered] == list(range(1, len(numbered) + 1))
        assert [html.unescape(text) for _, text in numbered] == grep_lines(path.read_text(encoding="utf-8"))


def test_no_line_break_inside_japanese_text(built_site):
    """A line break inside a paragraph shows as a space, which Japanese text does not have
    (PDFから読み取った 本文): templates and hand-written pages keep each paragraph on one line."""
    breaks = []
    for page in sorted(built_site.rglob("*.html")):
        for block in re.findall(r"<(p|li|td|th|blockquote)\b[^>]*>(.*?)</\1>", page.read_text(encoding="utf-8"), re.S):
            # Tags of blocks part text (a newline before a nested list is no space); others do not.
            text = re.sub(r"<[^>]+>", "", re.sub(r"</?(?:ul|ol|li|p|div|table|tr|td|th|br)\b[^>]*>", "|", block[1]))
            breaks += [f"{page.relative_to(built_site)}: {m.group()!r}"
                       # spaces around the break too (an indented continuation line); | parts blocks
                       for m in re.finditer(r".{0,8}(?:[^\s\x00-\x7f][ \t]*\n[ \t]*[^\s|]"
                                            r"|[^\s|][ \t]*\n[ \t]*[^\s\x00-\x7f]).{0,8}", text)]
    assert breaks == []


def test_a_meeting_page_section_has_the_same_anchor_on_every_page(built_site):
    """Before, MkDocs numbered them (#_3): 資料 on one page, 議事概要 on a page without 出席者."""
    for meeting in ("027", "037"):
        page = (built_site / "meetings" / meeting / "index.html").read_text(encoding="utf-8")
        assert '<h2 id="materials">資料<a class="headerlink" href="#materials" title="この見出しへのリンク">' in page
        assert '<h2 id="discussion">議事概要' in page and not re.search(r'id="_\d', page)


def test_the_404_page_and_the_footer_speak_japanese(built_site):
    """Material's 404 page said only "404 - Not found"; its footer, "Made with Material for MkDocs"."""
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>ページが見つかりません</h1>" in page and 'href="/dx-kentokai/meetings/">会議一覧</a>' in page
    assert "Not found" not in page and "Made with" not in page


def test_raw_sources_are_published_unchanged(built_site):
    for path in (SOURCE).glob("*.txt"):
        assert (built_site / "source" / path.name).read_bytes() == path.read_bytes()


def test_a_source_file_name_with_spaces_and_syntax_is_linked_intact(tmp_path):
    """Maintainers name files as they like (第14回 議事概要.txt, README.txt): the file keeps its name,
    and every link to it is quoted, so --strict passes, each link reaches it and table rows stay whole."""
    source, project = tmp_path / "source", tmp_path / "project"
    shutil.copytree(SOURCE, source)
    name = "第14回 議事概要|案#1%.txt"
    (source / "004_780bb8195d2e3bbd.txt").rename(source / name)
    # MkDocs makes README.md, like index.md, a folder's page: before, these two clashed with each
    # other (source/) and README with the list of meetings (meetings/), and --strict failed.
    for note in ("README.txt", "index.txt"):
        (source / note).write_text("このフォルダには議事概要のテキストを置く。\n", encoding="utf-8")
    project.mkdir()
    site = build_site(project, source)
    assert broken_links(site) == []
    for page in ("meetings/README_", "meetings/index_", "source/README", "source/index"):
        assert "このフォルダには" in (site / page / "index.html").read_text(encoding="utf-8")
    assert (site / "source" / name).read_bytes() == (source / name).read_bytes()
    meeting = (site / "meetings" / "014" / "index.html").read_text(encoding="utf-8")
    raw_link = f'href="../../source/{quote(name)}"><code>{name}</code></a>'
    lines_links = meeting.count(f'class="source-lines" href="../../source/{quote(name[:-4])}/#L')
    assert raw_link in meeting and lines_links == meeting.count('class="source-lines"') == 11
    page = (site / "source" / name[:-4] / "index.html").read_text(encoding="utf-8")
    assert f'href="../{quote(name)}"><code>{name}</code></a>' in page
    popolo = (project / "docs" / "data" / "popolo.json").read_text(encoding="utf-8")
    assert f"source/{quote(name)}" in popolo


def test_the_way_to_the_next_meeting_is_not_searched(built_site):
    """前の回｜会議一覧｜次の回 names the neighbours: indexed, a search for 第14回 found 027 too."""
    index = json.loads((built_site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    texts = [doc["x"] for doc in index["docs"] if doc["l"].startswith("meetings/027/")]
    assert texts and not [text for text in texts if "次の回" in text or "第14回" in text]


def test_what_the_archive_adds_to_a_meeting_is_not_searched(built_site):
    """A search for 第3.0版 found 第37回 by its 「その時点の計画の版」 row (then 「第2.3版・第3.0版・第4.0版
    の公表日が目録にないため特定できない」, now 「公表日は目録になし、…までに公表」), and 第27回 by that row
    first; every page's citation matched the committee's name."""
    index = json.loads((built_site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    texts = {doc["l"]: doc["x"] for doc in index["docs"] if doc["l"].startswith("meetings/0")}
    added = ("特定できない", "目録になし", "議事概要アーカイブ、")  # the in-force rows (027, 037) and the citation
    assert not [url for url, text in texts.items() if any(words in text for words in added)]
    found = [url for url in texts if "第3.0版" in texts[url]]  # materials of 第27回, and what was said
    assert found[:2] == ["meetings/027/#m1-1", "meetings/027/#m1-2"] and found[-1] == "meetings/027/#s1-3"
    assert all(url.startswith("meetings/027/#m") for url in found[:-1])
    assert any("開催日時" in text and "2024-03-11" in text for text in texts.values())  # the text's facts are


def test_materials_own_search_index_holds_no_page(built_site):
    """Material's bundle fetches it on every page load; our worker answers from phrase_index.json."""
    lunr = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == [] and lunr["config"]["lang"] == ["ja"]
    assert (built_site / "search" / "search_index.json").stat().st_size < 1000


def test_search_leads_to_meetings_people_and_versions_not_to_lists(built_site):
    # Lists and source pages repeat what those pages hold (front matter from _not_searched.yml.j2).
    index = json.loads((built_site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    pages = {doc["l"].split("#")[0] for doc in index["docs"]}
    assert {"meetings/027/", "plan/3.0/", "members/%E5%BA%84%E5%8F%B8%E6%98%8C%E5%BD%A6/"} <= pages  # 庄司昌彦
    listed = {"meetings/", "members/", "members/matrix/", "documents/", "documents/dx-plan/", "materials/",
              "plan/", "source/000_1e74b449c9ce0912/"}
    assert listed & pages == set()
    assert all((built_site / page / "index.html").is_file() for page in listed)  # they exist, unsearched
