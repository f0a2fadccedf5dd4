"""A page as a reader sees it: Markdown rendered to HTML, then its text."""

from html.parser import HTMLParser

import markdown

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
