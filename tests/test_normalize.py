import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import normalize
from generator.normalize import clean, clean_joined, decode, fold_width, join_parts, split_lines


@pytest.mark.parametrize("raw, expected", [
    ("自治体 DX 推進計画が第 3.0 版へ改版", "自治体DX推進計画が第3.0版へ改版"),
    ("生成 AI に関する", "生成AIに関する"),
    ("令和６年３月 11 日（月）15:00～16:15", "令和6年3月11日（月）15:00～16:15"),
    ("資料１－１", "資料1-1"),
    ("Ｇｏｖ－Ｃｌｏｕｄの導入", "Gov-Cloudの導入"),
    ("ＳｏＲ（System of Record）", "SoR（System of Record）"),  # spaces between Latin words stay
    ("５～１０社", "5～10社"),  # Japanese punctuation stays full-width
    ("（金）１３：００～１５：００", "（金）13:00～15:00"),  # but a colon between digits is a time's
    ("開催日時：令和２年", "開催日時：令和2年"),
    ("資料１：２０２５年度の", "資料1：2025年度の"),  # not a time: the colon stays
    ("比率は１：１", "比率は1：1"),
    ("（ＤＸ）推進計画", "（DX）推進計画"),
    ("Q&A 対応等を", "Q&A対応等を"),
    ("庄司  昌彦", "庄司 昌彦"),  # family and given name: one space
    ("中央合同庁舎第２号館 ８階 第１特別会議室", "中央合同庁舎第2号館 8階 第1特別会議室"),
    ("自治体フロントヤード改革推進手順書 概要（案）", "自治体フロントヤード改革推進手順書 概要（案）"),
    ("Japan Digital Design 株式会社 Chief Technology Officer",
     "Japan Digital Design 株式会社 Chief Technology Officer"),  # an English phrase keeps its spaces
    ("公益財団法人京都産業２１ DX 推進監 兼 CISO", "公益財団法人京都産業21DX推進監 兼 CISO"),
    ("第 27 回 地方自治体", "第27回 地方自治体"),
    ("（重点取組事項等）・ ④  今後の", "（重点取組事項等）・④今後の"),
    ("\u3000全角空白\u3000", "全角空白"),
    # A full-width word spaced out between Japanese: the same as in half-width (第 27 回 → 第27回).
    ("第 ４０ 回　令和 ８ 年、約 ８ 割", "第40回 令和8年、約8割"),
    ("自治体 ＤＸ 推進計画", "自治体DX推進計画"),
    ("中央合同庁舎第２号館 ８階", "中央合同庁舎第2号館 8階"),  # the author's: 8階 goes on in Japanese
    ("ＣＯＶＩＤ １９ 対策", "COVID 19対策"),  # between two full-width words: kept
    # Half-width brackets around Japanese are set full-width, as the rest of the text sets them.
    ("審議官(新型コロナウイルス感染症対策・地域振興担当)", "審議官（新型コロナウイルス感染症対策・地域振興担当）"),
    ("(※)はオンライン参加", "（※）はオンライン参加"),
    ("CIO (Chief Information Officer) の役割", "CIO (Chief Information Officer) の役割"),
    ("CIO (最高情報責任者)", "CIO（最高情報責任者）"),  # the space before （ goes, as before any （
    ("https://example.jp/a_(テスト)", "https://example.jp/a_(テスト)"),  # an address keeps its own
])
def test_clean(raw, expected):
    assert clean(raw) == expected


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(list("議aZ09 ０９ＡＺａｚ\u3000－．＆／＋＿：-.。（）")), max_size=8).map("".join))
def test_fold_width_shortcut_equals_full_folding(text):
    # fold_width returns a line it judges to have nothing to fold as it is: never wrongly.
    assert fold_width(text) == normalize._fold(text)


def test_fold_width_keeps_japanese_punctuation():
    assert fold_width("（１）、。「Ａ」：") == "（1）、。「A」："


@pytest.mark.parametrize("parts, expected", [
    (["ＬＧＷＡ", "Ｎ接続系"], "ＬＧＷＡＮ接続系"),  # a full-width word broken over lines
    (["長期的に「Ｒ", "ＰＡ導入団体数」"], "長期的に「ＲＰＡ導入団体数」"),
    (["推進計画【第 3.0", "", "版】（案）"], "推進計画【第 3.0版】（案）"),
    (["English words", "wrapped"], "English words wrapped"),  # half-width words keep a space
    (["CIO", "がデジタル"], "CIOがデジタル"),
])
def test_join_parts(parts, expected):
    assert join_parts(parts) == expected


def test_clean_joined_full_pipeline():
    assert clean_joined(["自治体 DX 推進計画が第 3.0", "版へ"]) == "自治体DX推進計画が第3.0版へ"


TEXT = "第１回\n議事概要\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("cp932"),
    TEXT.encode("utf-16"),  # with BOM
    TEXT.replace("\n", "\r\n").encode("utf-8"),
    TEXT.replace("\n", "\r").encode("utf-8"),
])
def test_decode_gives_identical_lines(data):
    decoded = decode(data)
    assert decoded.error is None
    assert [line.text for line in split_lines(decoded.text)] == ["第１回", "議事概要"]


def test_decode_rejects_binary_with_offset():
    decoded = decode(b"abc\x00def")
    assert decoded.text is None and decoded.error == "byte 3 (line 1): NUL byte: not a text file"
    assert decode(b"a\nb\n\x00").error.startswith("byte 4 (line 3):")


def test_decode_invalid_utf8_names_offset():
    decoded = decode("議事".encode("utf-8") + b"\xff\xfe\xfd\xfc" * 40)
    assert decoded.text is None and "byte 6" in decoded.error


def test_utf8_cut_mid_character_is_utf8_with_a_warning():
    decoded = decode("議事概要".encode("utf-8")[:-1])
    assert (decoded.text, decoded.encoding) == ("議事概", "utf-8")
    assert decoded.warning == "byte 9: the file ends in the middle of a character: it may be truncated"


def test_fold_width_shortcut_on_every_character():
    # Every character of the Basic Multilingual Plane alone and between letters or digits.
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            continue
        for text in (chr(code), f"a{chr(code)}b", f"1{chr(code)}2"):
            assert fold_width(text) == normalize._fold(text), f"U+{code:04X}"


def test_line_numbers_are_those_of_grep_and_editors_after_a_form_feed():
    """pdftotext puts \f at every page break; str.splitlines ended a line there too, so every
    line after it was numbered one more than grep -n shows (#L…, `line` in the data)."""
    from generator.parse import parse_source

    from .conftest import SOURCE, grep_lines

    text = (SOURCE / "004_780bb8195d2e3bbd.txt").read_text(encoding="utf-8")
    broken = text.replace("\n【オブザーバー】", "\n\f【オブザーバー】", 1).replace("\n以上", "\n\f\n以上", 1)
    assert broken.count("\f") == 2
    grep = grep_lines(broken)
    assert normalize.line_texts(broken) == grep
    plain = parse_source("x.txt", text.encode()).meeting
    paged = parse_source("x.txt", broken.encode()).meeting
    assert [(a.name, a.line, a.role) for a in paged.attendees] == [(a.name, a.line, a.role) for a in plain.attendees]
    assert any(a.role == "オブザーバー" for a in paged.attendees)
    for attendee in paged.attendees:
        assert "".join(attendee.name.split()) in "".join(grep[attendee.line - 1].split())
    assert [s.text for s in paged.sections[-1].statements] == [s.text for s in plain.sections[-1].statements]
