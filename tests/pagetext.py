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


def held_lines(page: str) -> dict[str, list[str]]:
    """The lines each range span of a source page holds (#L97-L100 → L97…L100), read from its HTML
    (Markdown or built); every element is closed in order."""
    held: dict[str, list[str]] = {}

    class Spans(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack: list[str] = []  # open elements: a span by its id

        def handle_starttag(self, tag, attrs):
            ids = dict(attrs).get("id") or ""
            if tag == "span" and self.stack and self.stack[-1] in held:
                held[self.stack[-1]].append(ids)
            if "-" in ids:
                held[ids] = []
            self.stack.append(ids if tag == "span" else tag)

        def handle_endtag(self, tag):
            assert self.stack, f"</{tag}> closes nothing"
            self.stack.pop()

    parser = Spans()
    parser.feed(page[page.index("<pre"):page.index("</pre>") + 6])
    assert parser.stack == []
    return held
