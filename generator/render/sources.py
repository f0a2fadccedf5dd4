"""The raw source of each meeting, published with the site: the file byte for byte, and a page
that shows it with numbered lines, so that a statement can link to the lines it came from."""

from __future__ import annotations

import html
from collections.abc import Collection
from urllib.parse import quote

from ..markdown_text import code
from ..model import FOLDER_PAGE_NAMES, Meeting
from ..normalize import Decoded, decode, line_texts
from .common import link, meeting_label, meeting_link, render


def source_page(meeting: Meeting) -> str:
    """source/<file name without .txt>.md; index.txt and README.txt get a folder of their own, as
    MkDocs would make source/index.md and source/README.md both the page of source/."""
    stem = meeting.source_file.removesuffix(".txt")
    return f"source/{stem}/index.md" if stem in FOLDER_PAGE_NAMES else f"source/{stem}.md"


def published_path(name: str) -> str:
    """Where a file of source/ is published under docs/ (as it is, byte for byte)."""
    return f"source/{name}"


def source_file(meeting: Meeting) -> str:
    return published_path(meeting.source_file)


def published_link(here: str, name: str, published: Collection[str]) -> str:
    """[`name`](…/source/name) from page `here` when the site publishes that file of source/;
    `source/name` as code when it does not (a link to no file would fail mkdocs --strict)."""
    if name not in published:
        return code(published_path(name))
    return file_link(here, name)


def file_link(here: str, name: str) -> str:
    return f"[{code(name)}]({link(here, published_path(name))})"


def source_url(meeting: Meeting, site_url: str) -> str:
    """The published source file's address: its name quoted whole, as a URL must be."""
    return site_url + quote(source_file(meeting))


def line_anchor(number: int) -> str:
    return f"L{number}"


def range_anchor(first: int, last: int) -> str:
    return f"L{first}-L{last}"  # as GitHub names a range of lines


def line_ranges(meeting: Meeting) -> dict[int, int]:
    """first → last line of each statement that spans lines: the source page holds these lines in
    one target (#L97-L100), so that following a statement's link marks all of its lines, not the
    first alone. A range that overlaps one already held (two statements sharing a line) links to its
    first line instead: the spans holding ranges stay side by side, never one inside another."""
    ranges: dict[int, int] = {}
    held_to = 0
    for first, last in sorted({s.lines for section in meeting.sections for s in section.statements}):
        if last > first > held_to:
            ranges[first] = held_to = last
    return ranges


def lines_anchor(first: int, last: int, ranges: dict[int, int]) -> str:
    """The anchor a link to lines first–last goes to: their range's, where the page holds one."""
    return range_anchor(first, last) if ranges.get(first) == last else line_anchor(first)  # ranges: last > first


def lines_label(first: int, last: int) -> str:
    return f"原文 L{first}" + (f"–{last}" if last != first else "")


ENCODING_LABELS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                   "cp932": "CP932（Shift_JIS）"}


def encoding_label(decoded: Decoded) -> str:
    """The file's encoding as a reader would name it; a file not in UTF-8 may show garbled when a
    browser opens it as UTF-8, which the page says (the lines below are the same text, decoded)."""
    encoding = decoded.encoding
    label = ENCODING_LABELS.get(encoding, encoding)  # a published text was read: it has one
    if decoded.bom:
        label += "（BOM付き）"
    if encoding != "utf-8":
        label += "。ブラウザで開くと文字化けすることがあります（下の表示は同じ内容をUTF-8で示したもの）"
    return label


def render_source(meeting: Meeting, data: bytes) -> str:
    here = source_page(meeting)
    # Raw HTML: every line escaped, numbered, and an anchor of its own (#L96). An empty line keeps
    # its height by its number, with no filler: a copied line must be the file's (the space after
    # the number belongs to the number, which is not copied). Escaping keeps line breaks, so the
    # whole text is escaped at once. A line has no class: the stylesheet finds lines and numbers
    # inside pre.source-text (42 bytes a line, 28 MB at 4,000 meetings); only the span that holds a
    # statement's lines has one. Lines are numbered as the parser numbers them, without a Line
    # object each (0.2 s at 4,000 meetings).
    decoded = decode(data)
    lines = line_texts(html.escape(decoded.text or ""))
    width = len(str(len(lines)))
    ranges = line_ranges(meeting)
    held_to = 0
    spans = []
    for number, text in enumerate(lines, start=1):
        if number in ranges:
            held_to = ranges[number]
            spans.append(f'<span class="range" id="{range_anchor(number, held_to)}">')
        anchor = line_anchor(number)
        spans.append(f'<span id="{anchor}"><a href="#{anchor}" aria-label="{number}行">{number:>{width}} </a>'
                     f'{text}</span>')
        if number == held_to:
            spans.append("</span>")
    if held_to > len(lines):  # a range past the last line (the file changed since it was parsed?)
        spans.append("</span>")
    body = "".join(spans)  # no newlines: each line is a block of its own
    return render("source.md.j2", m=meeting, label=meeting_label(meeting), body=body, digits=width,
                  back=meeting_link(here, meeting), file=file_link(here, meeting.source_file),
                  encoding=encoding_label(decoded))
