"""Text → clean lines and clean strings, keeping source line numbers.

The rules here are the archive's Japanese text standard (see README):
- full-width ASCII letters and digits become half-width; Japanese punctuation stays full-width;
- lines broken by the PDF are joined without a space, except between two half-width words;
- spaces that extraction put between Japanese and Latin text go; meaningful spaces (between Latin
  words, between family and given name, between Japanese words set apart in the original) stay single.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .model import Line

# ---------------------------------------------------------------- decoding


@dataclass(frozen=True)
class Decoded:
    text: Optional[str]
    encoding: Optional[str]
    error: Optional[str]  # why the bytes could not be read, naming the byte offset
    warning: Optional[str] = None  # read, but something is off (a truncated last character)
    bom: bool = False  # the file starts with a byte order mark


def decode(data: bytes) -> Decoded:
    """Read UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when its NUL bytes give it
    away), or CP932; nothing is silently replaced. What cannot be read is named by its byte offset
    and line, in the encoding that read furthest (a damaged CP932 file is not blamed on UTF-8)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", offset=len(codecs.BOM_UTF8), bom=True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", bom=True)
    if data.startswith(b"%PDF-"):
        return Decoded(None, None, "it is a PDF file: save the text extracted from it instead (pdftotext -layout)")
    nul = data.find(b"\x00")
    if nul >= 0:
        return _bomless_utf16(data) or Decoded(None, None, f"{_place(data, nul, 'utf-8')}: NUL byte: not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", None)
    except UnicodeDecodeError as exc:  # each encoding is tried once; where it fails says which read furthest
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        # UTF-8 cut in the middle of its last character (a truncated copy), not another encoding
        return Decoded(data[:utf8_error.start].decode("utf-8"), "utf-8", None,
                       f"byte {utf8_error.start}: the file ends in the middle of a character: it may be truncated")
    cp932, cp932_at = _cp932(data)
    if cp932 is not None and not _looks_like_mojibake(cp932):
        return Decoded(cp932, "cp932", None)
    if cp932_at is not None and cp932_at > utf8_error.start:
        return Decoded(None, None, f"{_place(data, cp932_at, 'cp932')}: invalid CP932; not UTF-8 either")
    return Decoded(None, None, f"{_place(data, utf8_error.start, 'utf-8')}: invalid UTF-8; not CP932 either")


def line_at(data: bytes, offset: int, encoding: str) -> int:
    """The line of the byte at `offset`, as split_lines numbers them (CR, LF and CRLF end a line)."""
    return len(line_texts(data[:offset].decode(encoding, errors="replace") + "x"))  # binary too


def _place(data: bytes, offset: int, encoding: str, shift: int = 0) -> str:
    """`byte 2989 (line 66)`; `shift` counts bytes already cut off the front (a BOM)."""
    return f"byte {offset + shift} (line {line_at(data, offset, encoding)})"


def _strict(data: bytes, encoding: str, offset: int = 0, bom: bool = False) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, None, bom=bom)
    except UnicodeDecodeError as exc:
        return Decoded(None, None, f"{_place(data, exc.start, encoding, offset)}: invalid {encoding.upper()}")


# Bytes Windows leaves undefined in CP932; Python maps them to U+0080 and private-use U+F8F0–F8F3
# instead of failing, so a damaged byte would pass unnoticed.
_CP932_UNDEFINED = re.compile("[\x80\uf8f0-\uf8f3]")


def _cp932(data: bytes) -> tuple[Optional[str], Optional[int]]:
    """(text, None) if data reads as CP932, else (None, the offset of the first byte it cannot read)."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as exc:
        return None, exc.start
    match = _CP932_UNDEFINED.search(text)
    return (None, len(text[:match.start()].encode("cp932"))) if match else (text, None)


def _bomless_utf16(data: bytes) -> Optional[Decoded]:
    """UTF-16 saved without a byte order mark: the NUL halves of its ASCII characters (every line
    break) fall on one side of each pair. Accepted only if it then reads as plain text."""
    if len(data) % 2:
        return None
    high, low = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-be" if high >= 2 and high > 3 * low else "utf-16-le" if low >= 2 and low > 3 * high else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if not any(c in "\r\n" for c in text) or any(
            unicodedata.category(c) in ("Cc", "Cn", "Cs") and c not in "\t\n\r\f\v" for c in text):
        return None
    return Decoded(text, encoding, None)


def _looks_like_mojibake(text: str) -> bool:
    # CP932 accepts most byte strings; real Japanese text is mostly kana/kanji, not half-width kana.
    halfwidth_kana = sum(1 for c in text if "\uff61" <= c <= "\uff9f")
    return halfwidth_kana > max(3, len(text) // 20)


def split_lines(text: str) -> list[Line]:
    """Lines numbered from 1, as line_texts splits them; a form feed (a page break) read as nothing,
    so that a line holding only one is the blank of a page break."""
    return [Line(i, t) for i, t in enumerate(line_texts(text.replace("\f", "")), start=1)]


def line_texts(text: str) -> list[str]:
    """The text's lines: CRLF, CR and LF end a line, and nothing else. pdftotext puts a form feed
    (\f) at each page break: str.splitlines would end a line there too, and every line number after
    it (#L96, `line` in the data) would be one more than grep -n or an editor shows. A form feed is
    nothing to the parser (split_lines). The parser's numbers and the source page's anchors share
    this split."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # str methods: twice a regex's speed
    return lines[:-1] if lines[-1] == "" else lines


# ---------------------------------------------------------------- characters

# Bullets as extraction leaves them: a circle (three code points: ◯ is U+25EF, which some fonts
# give), U+F09E (a glyph lost), ● and ・ before statements; ◆◇■□• before items of other lists.
CIRCLES = "○〇◯"
BULLET_CHARS = CIRCLES + "\uf09e●◆◇■□•・"


def is_blank(text: str) -> bool:
    return not text.strip()


def indent(text: str) -> int:
    """How many spaces (of any width) a line starts with."""
    return len(text) - len(text.lstrip())


def without_spaces(text: str) -> str:
    """Every white space removed (what re.sub(r"\\s+", "", text) does, without the regex)."""
    return "".join(text.split())


def is_halfwidth_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


@lru_cache(maxsize=4096)  # called for every character around every space: a few hundred distinct ones
def _char_class(char: str) -> str:
    """L: half-width Latin, digits, ASCII punctuation; P: Japanese punctuation/symbols; J: the rest.

    Full-width letters and digits count as J: they are set in the Japanese font, so a space next to
    them is one the author typed (第２号館 ８階), not one extraction put around a Latin run.
    """
    if char.isascii():
        return "L"
    code = ord(char)
    if char in "ー々〆ヶ" or code in _FULLWIDTH_ALNUM:
        return "J"
    if (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation: 、。「」【】〇…
        or 0xFF00 <= code <= 0xFFEF  # full-width forms left after folding: （）：～
        or 0x2000 <= code <= 0x2BFF  # general punctuation, arrows, circled numbers ①, shapes ○, ※
        or char == "・"
        or 0xE000 <= code <= 0xF8FF  # private use: lost bullet glyphs
    ):
        return "P"
    return "J"


_FULLWIDTH_ALNUM = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
# Full-width symbols that belong to a Latin token when they stand between letters or digits, and
# the colon of a time (１３：００ → 13:00, not 13：00): one or two digits, then two from 00 to 59
# (資料１：２０２５年度 keeps its colon).
# The hyphen is printed as several dashes (資料１−１ with a minus sign): each is a hyphen there, or
# 資料１−１ and 資料１−２ would both be 資料1. (Not ー, the long vowel mark, in most lines of Japanese:
# looking for it would cost every line the shortcut below; material ids read it as a hyphen.)
_JOINERS = re.compile(r"(?<=[0-9A-Za-z])[－．＆／＋＿−‐‑](?=[0-9A-Za-z])|(?<=[0-9])―(?=[0-9])"
                      r"|(?<![0-9]{3})(?<=[0-9])：(?=[0-5][0-9](?![0-9]))")
_JOINER_MAP = {"－": "-", "．": ".", "＆": "&", "／": "/", "＋": "+", "＿": "_", "：": ":",
               "−": "-", "‐": "-", "‑": "-", "―": "-"}
# Any character fold_width may change: without one, a line is returned as it is.
_TO_FOLD = re.compile("[\u3000" + re.escape("".join(map(chr, _FULLWIDTH_ALNUM)) + "".join(_JOINER_MAP)) + "]")


def fold_width(text: str) -> str:
    """Full-width ASCII letters and digits → half-width; ideographic space → space.

    Japanese punctuation (（）、。：～ …) stays full-width; a full-width hyphen or period between
    letters or digits becomes ASCII (資料１－１ → 資料1-1, Ｇｏｖ－Ｃｌｏｕｄ → Gov-Cloud), and so
    does the colon of a time (１３：００ → 13:00).
    """
    # Most lines have nothing to fold: a search is ten times cheaper than translate.
    return text if _TO_FOLD.search(text) is None else _fold(text)


def _fold(text: str) -> str:
    text = text.translate(_FULLWIDTH_ALNUM).replace("\u3000", " ")
    return _JOINERS.sub(lambda m: _JOINER_MAP[m.group()], text)


# ---------------------------------------------------------------- spaces

_WS = re.compile(r"\s+")


def clean_spaces(text: str) -> str:
    """Collapse white space and drop the spaces PDF extraction put around half-width Latin text.

    Run it on raw text (before fold_width), once.

    A space is kept only when it separates two Latin words, two Japanese words, an English phrase of
    two or more words from Japanese (Japan Digital Design 株式会社), or a one-kanji word set apart
    on both sides (推進監 兼 CISO). Spaces next to Japanese punctuation always go.
    """
    text = _WS.sub(" ", text).strip()
    if " " not in text:
        return text
    words = text.split(" ")
    out = [words[0]]
    at = len(words[0])  # where the space before the next word stands in text
    for word in words[1:]:
        if _keep_space(text, at):
            out.append(" ")
        out.append(word)
        at += 1 + len(word)
    return "".join(out)


def _keep_space(text: str, i: int) -> bool:
    left, right = _char_class(text[i - 1]), _char_class(text[i + 1])
    if left == "P" or right == "P":
        return False
    if left == right == "J":  # 令和 ８ 年, 自治体 ＤＸ 推進計画: a full-width word set apart from Japanese
        return not (_is_fullwidth_word(text, i + 1, text[i - 1]) or _is_fullwidth_word(text, i - 1, text[i + 1]))
    if left == right:
        return True
    latin_at = i + 1 if right == "L" else i - 1
    japanese_at = i - 1 if right == "L" else i + 1
    if _in_latin_phrase(text, latin_at):
        return True
    # A lone kanji next to a number is its counter (27 回, 12 月), never a word set apart.
    start, end = _run(text, latin_at)
    numeric = all(c.isdigit() or c in ".,-" for c in text[start:end])
    return not numeric and _is_lone_japanese_char(text, japanese_at)


def _is_fullwidth_word(text: str, i: int, beyond: str) -> bool:
    """Is text[i] in a run of full-width letters and digits alone between spaces, with Japanese
    (`beyond`, the character across the space) on the other side? Extraction spaced it out; a space
    next to a run that goes on in Japanese (第２号館 ８階) or between two such runs is the author's."""
    if ord(text[i]) not in _FULLWIDTH_ALNUM or ord(beyond) in _FULLWIDTH_ALNUM:
        return False
    start, end = i, i + 1
    while start > 0 and ord(text[start - 1]) in _FULLWIDTH_ALNUM:
        start -= 1
    while end < len(text) and ord(text[end]) in _FULLWIDTH_ALNUM:
        end += 1
    return _is_standalone(text, start, end)


def _run(text: str, i: int) -> tuple[int, int]:
    """The [start, end) of the run of characters of text[i]'s class around i."""
    cls = _char_class(text[i])
    start, end = i, i + 1
    while start > 0 and text[start - 1] != " " and _char_class(text[start - 1]) == cls:
        start -= 1
    while end < len(text) and text[end] != " " and _char_class(text[end]) == cls:
        end += 1
    return start, end


def _is_standalone(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")


def _in_latin_phrase(text: str, i: int) -> bool:
    """Is text[i] in a Latin word that has another stand-alone Latin word next to it?"""
    start, end = _run(text, i)
    if not _is_standalone(text, start, end):
        return False
    for neighbour in (start - 2, end + 1):
        if 0 <= neighbour < len(text) and _char_class(text[neighbour]) == "L":
            n_start, n_end = _run(text, neighbour)
            if _is_standalone(text, n_start, n_end) and any(c.isalpha() for c in text[n_start:n_end]):
                return any(c.isalpha() for c in text[start:end])
    return False


def _is_lone_japanese_char(text: str, i: int) -> bool:
    """A one-kanji word with a space on both sides, like 兼 in 推進監 兼 CISO (never a particle)."""
    start, end = _run(text, i)
    return (
        end - start == 1
        and 0 < start and end < len(text)
        and text[start - 1] == " " and text[end] == " "
        and unicodedata.category(text[start]) == "Lo"
        and not ("\u3040" <= text[start] <= "\u30ff")
    )


# ---------------------------------------------------------------- joining


def join_parts(parts: list[str]) -> str:
    """Join pieces of text broken over PDF lines.

    Pieces are raw (not yet width-folded), so a break inside a full-width word (ＬＧＷＡ|Ｎ) joins
    without a space, while a break between two half-width words (English wrap) keeps one.
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and is_halfwidth_alnum(out[-1]) and is_halfwidth_alnum(part[0]):
            out += " "
        out += part
    return out


# Half-width brackets around Japanese, as extraction may leave them: （…） as the rest of the text
# sets them, before the space rules (which then drop a space before them as before any （). Around
# Latin text only (the CIO (Chief Information Officer) of…) they stay, and in a text that holds a
# web address all of them do (an address may hold brackets).
_JAPANESE_IN_BRACKETS = re.compile(r"\(([^()（）]*[^\x00-\x7f][^()（）]*)\)")


def clean(text: str) -> str:
    """One raw piece of source text → the text as the page shows it. Apply once: the space
    rules need to see which letters and digits were full-width."""
    if "(" in text and "://" not in text:
        text = _JAPANESE_IN_BRACKETS.sub(r"（\1）", text)
    return fold_width(clean_spaces(text))


def clean_joined(parts: list[str]) -> str:
    return clean(join_parts(parts))
