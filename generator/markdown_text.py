"""Source text is data: escape it so that Markdown and HTML in it render literally."""

from __future__ import annotations

import re

# Characters Python-Markdown treats as syntax anywhere in a line (| with the tables extension,
# { } with attr_list); each is backslash-escaped.
_SYNTAX = r"\\`*_\[\]{}|!#"
_INLINE = re.compile(f"([{_SYNTAX}])")
# At the start of a block, these would open a list, a quote or a heading.
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=>])")


def _escape(text: str) -> str:
    value = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", value)


def _finish(value: str) -> str:
    value = _LINE_START.sub(lambda m: (m.group(1) + m.group(2) + "\\" + m.group(3)) if m.group(2)
                            else (m.group(4) + "\\" + m.group(5)), value)
    return " ".join(value.split())  # one line: a newline would end a table row


# Text that md would change: syntax characters, white space other than single spaces between
# words, or a start that _LINE_START could match. Most text has none and is returned as it is.
_NEEDS_ESCAPING = re.compile(f"[{_SYNTAX}&<>]" + r"|[^\S ]|  |^[\s\d+=>-]|\s$")


def md(text: object) -> str:
    """Escape one piece of text for inline use (a paragraph, a table cell, a list item)."""
    if text is None:
        return ""
    text = str(text)
    return text if _NEEDS_ESCAPING.search(text) is None else _finish(_escape(text))


def md_linked(text: str, links: list[tuple[int, int, str]]) -> str:
    """Escape text, turning the spans [start, end) into links to href; overlapping spans are dropped."""
    out, position = [], 0
    for start, end, href in sorted(links):
        if start < position:
            continue
        out.append(_escape(text[position:start]))
        out.append(f"[{_escape(text[start:end])}]({href})")
        position = end
    out.append(_escape(text[position:]))
    return _finish("".join(out))


# A web address as catalogues and sidecars cite one (総務省 https://www.soumu.go.jp/….pdf): ASCII
# up to the first space or Japanese character, not ending in the punctuation of the sentence. An
# address with brackets in it (…/Foo_(bar)) is cut at the first one:
# write them encoded (%28, %29).
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*[A-Za-z0-9/#=_~-]")


def md_cited(text: object) -> str:
    """A cited source, escaped, its web addresses made links."""
    text = str(text)
    return md_linked(text, [(m.start(), m.end(), m.group()) for m in _URL.finditer(text)])


def code(text: str) -> str:
    """Text as a code span (a file name): fenced by more backticks than any run inside it, and
    padded when it starts or ends with one. Inside a table, Python-Markdown keeps | in a code span."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    one_line = re.sub(r"[\r\n\t]", " ", text)  # a newline would end a table row
    return f"{fence}{pad}{one_line}{pad}{fence}"
