"""A page as a reader sees it: Markdown rendered to HTML, then its text."""

from html.parser import HTMLParser

import markdown

from generator.index import build_archive
from generator.render import render_meeting

EXTENSIONS = ["tables", "attr_list", "toc"]  # as in mkdocs.yml


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def page_html(page_markdown: str) -> str:
    body = page_markdown.split("\n---\n", 1)[1]  # drop the front matter
    return markdown.markdown(body, extensions=EXTENSIONS)


def page_text(page_markdown: str) -> str:
    parser = _Text()
    parser.feed(page_html(page_markdown))
    return " ".join(parser.parts)


def lone_meeting_page(meeting) -> str:
    """The Markdown page of one meeting, in an archive of its own (build_archive fills in the
    record it is given: pass a copy to keep the caller's)."""
    return render_meeting(meeting, build_archive([meeting]), "https://example.org/")
