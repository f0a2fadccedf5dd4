"""Source text is data: Markdown, HTML and Jinja syntax in it render literally."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import markdown_text
from generator.markdown_text import md
from generator.model import Material, Meeting, Section, Statement
from generator.index import build_archive

from .pagetext import lone_meeting_page, page_html, page_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a | b | c",
    "**太字** _斜体_ `code`",
    "# 見出し",
    "[リンク](https://example.com)",
    "1. 番号",
    "- 箇条",
    "> 引用",
    "{{ config }} {% raw %}",
    "{ #fake .class }",
    "&amp; &lt;",
    "\\ バックスラッシュ",
]


def meeting_with(text: str) -> Meeting:
    return Meeting(
        id="001", source_file="x.txt", sha256="0" * 64, number=1,
        materials=[Material(id="資料1", title=text, disclosure=None, line=1)],
        sections=[Section(heading=text, anchor="s1", statements=[Statement("s1-1", text, (1, 1))])],
    )


def test_hostile_text_renders_literally():
    for text in HOSTILE:
        meeting = meeting_with(text)
        page = lone_meeting_page(meeting)
        html = page_html(page)
        assert "<script" not in html and "<img" not in html and "<strong>" not in html
        assert '<a href="https://example.com"' not in html and "<blockquote>" not in html
        assert page_text(page).count(text) == 3, text  # heading, material row, statement
        materials_table = html.split("<table>")[2]  # after the facts table
        rows = re.findall(r"<tr>(.*?)</tr>", materials_table, re.S)
        assert [len(re.findall(r"<t[hd]>", row)) for row in rows] == [4, 4], text  # cells intact


def test_code_spans_hold_any_file_name():
    assert markdown_text.code("a|b.txt") == "`a|b.txt`"
    assert markdown_text.code("a`b``c.txt") == "```a`b``c.txt```"
    assert markdown_text.code("`x") == "`` `x ``"
    assert markdown_text.code("a\nb\rc\td") == "`a b c d`"  # one table row
    for name in ["a|b`c``d.txt", "`x", "x`", "*x*_y_ <b>.txt"]:  # in a table cell, as on the pages
        text = page_text(f"---\n---\n| a |\n|---|\n| {markdown_text.code(name)} |")
        assert text.split() == ["a", *name.split()]


def test_a_cited_web_address_is_a_link_and_nothing_else_is():
    """総務省 https://…/000919516.pdf, the 出典 of a plan version, was plain text to copy by hand."""

    cited = markdown_text.md_cited("総務省 https://www.soumu.go.jp/main_content/000919516.pdf。別紙 http://a.example/x_y. "
                                   "javascript:alert(1) <b>*強調*</b>")
    html = page_html(f"---\n---\n{cited}")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', html) == [
        ("https://www.soumu.go.jp/main_content/000919516.pdf", "https://www.soumu.go.jp/main_content/000919516.pdf"),
        ("http://a.example/x_y", "http://a.example/x_y")]  # not the 。 or . of the sentence
    assert "<b>" not in html and "<em>" not in html and "javascript:alert(1)" in html


def test_link_targets_are_quoted_only_where_markdown_needs_it():
    from generator.render.common import link
    assert link("meetings/014.md", "members/山田_太郎.md", "a") == "../members/山田_太郎.md#a"
    assert link("meetings/014.md", "source/第14回 議事|案#1%.md", "L3") == "../source/第14回%20議事%7C案%231%25.md#L3"
    assert link("source/a.md", "source/c:d (1).txt") == "c%3Ad%20%281%29.txt"  # c: is no scheme
    assert link("source/a.md", "source/a#1|b.txt") == "a%231%7Cb.txt"


def test_md_escapes_line_start_syntax():
    assert md("1. 開会") == "1\\. 開会"
    assert md("- x") == "\\- x"
    assert md("a|b") == "a\\|b"


# Text drawn from what pages hold: Japanese, Latin, digits, every syntax character, every kind of space.
_PIECES = st.lists(st.sampled_from(list("議事aZ09 .)-+=>#*_`[]{}|!&<>\\\t\n\u3000\u00a0。、（）")), max_size=8).map("".join)


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(_PIECES)
def test_md_shortcut_equals_full_escaping(text):
    # md returns text it judges plain as it is: that judgement must never skip an escape.
    assert md(text) == markdown_text._finish(markdown_text._escape(text))


def test_md_shortcut_on_every_character():
    # Every character of the Basic Multilingual Plane (all of Unicode's white space is in it) alone,
    # between letters, doubled, between spaces, and at each end.
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            continue
        c = chr(code)
        for text in (c, f"a{c}b", c + c, f" {c} ", f"{c}a", f"a{c}"):
            assert md(text) == markdown_text._finish(markdown_text._escape(text)), f"U+{code:04X} in {text!r}"


def test_a_meeting_labelled_with_its_file_name_is_text_on_every_page():
    # A meeting without a number is labelled 回不明（<file name>）, and a file name may hold _x_.
    from generator.catalogue import load_catalogues
    from generator.parse import parse_source
    from generator.render import render_site

    from .conftest import SOURCE

    data = (SOURCE / "002_607a81b7cfd4288f.txt").read_bytes()
    catalogues, _ = load_catalogues(*((SOURCE / name).read_text(encoding="utf-8")
                                      for name in ("documents.yml", "plan_versions.yml")))
    archive = build_archive([parse_source("_x_.txt", data).meeting], catalogues)
    pages = render_site(archive, {"_x_.txt": data}, "https://example.org/")
    listing = [path for path in pages if path.endswith(".md") and "回不明（" in pages[path]]
    assert {"materials.md", "plan/index.md", "documents/dx-plan.md"} <= set(listing)
    for path in listing:
        assert "<em>" not in page_html(pages[path]), path
