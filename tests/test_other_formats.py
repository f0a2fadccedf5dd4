"""議事概要 of other study groups (see shared notes): numbered labels (１．日時：), a letter-spaced
title, 時分 times, 令和5年（2023年）. What can be read is read; the rest is kept and reported."""

from pathlib import Path

from generator.parse import parse_source

INPUTS = Path(__file__).parent / "inputs"


def test_numbered_labels_and_kanji_times():
    result = parse_source("other.txt", (INPUTS / "other_committee_format.txt").read_bytes())
    m = result.meeting
    assert result.ok
    assert (m.date, m.weekday, m.start_time, m.end_time, m.venue) == ("2023-09-01", "金", "16:00", "17:45", "オンライン")
    assert [(a.label, a.text) for a in m.agenda] == [("（1）", "自治体DXの推進について")]
    assert [(x.id, x.title) for x in m.materials] == [("資料1", "自治体DXの現状(PDF/3,065KB)")]
    assert [s.text for sec in m.sections for s in sec.statements] == ["生成AIの活用を進めるべき。", "標準化の期限を守るべき。"]
    # Comma-separated 氏名（所属） attendees are not read yet: kept on the page and reported, not lost.
    assert [u.line for u in m.unparsed] == [6]
    assert "source/other.txt:6: warning: unexpected text after 出席者: 山田太郎（○○大学教授）【主査】" in \
        [str(d)[:len("source/other.txt:6: warning: unexpected text after 出席者: 山田太郎（○○大学教授）【主査】")]
         for d in result.diagnostics]
