"""The facts of the five seeds, exactly as the sources give them."""

import re

import pytest

from .conftest import SEEDS

S000, S001, S002, S003, S004 = SEEDS


def statements(meeting):
    return [s for section in meeting.sections for s in section.statements]


def test_statement_counts(seeds):
    assert len(statements(seeds[S002])) == 25
    assert len(statements(seeds[S003])) == 20
    assert len(statements(seeds[S000])) == 8
    assert len(statements(seeds[S004])) == 11
    # 001 has 11 opinions under 意見交換, besides three 事務局説明 statements.
    opinions = [s for sec in seeds[S001].sections if sec.heading != "事務局説明" for s in sec.statements]
    assert len(opinions) == 11
    assert len(statements(seeds[S001])) == 14


def test_numbers_dates_and_sources(seeds):
    facts = [(m.id, m.number, m.number_source, m.date, m.date_source, m.weekday, m.start_time, m.end_time)
             for m in (seeds[name] for name in SEEDS)]
    assert facts == [
        ("027", 27, "text", "2024-03-11", "text", "月", "15:00", "16:15"),
        ("003", 3, "text", "2020-12-18", "text", "金", "13:00", "15:00"),
        ("002_607a81b7cfd4288f", None, None, None, None, None, None, None),
        ("037", 37, "inferred", "2025-07-29", "supplement", "火", None, None),
        ("014", 14, "text", "2022-07-28", "text", "木", "10:00", "11:00"),
    ]


def test_venue_and_format(seeds):
    assert [(seeds[n].venue, seeds[n].format) for n in SEEDS] == [
        ("オンライン開催", "online"),
        ("中央合同庁舎第2号館 8階 第1特別会議室", "hybrid"),
        (None, None),
        ("中央合同庁舎第2号館", None),
        ("オンライン開催", "online"),
    ]


def test_hybrid_online_marks(seeds):
    online = {a.name: a.online for a in seeds[S001].attendees}
    assert online["庄司 昌彦"] is True and online["石井夏生利"] is True
    assert online["楠 正憲"] is False and online["澤 俊彦"] is True
    assert sum(1 for v in online.values() if v) == 7  # lines 15, 19, 27, 65, 67, 69, 71


def test_attendee_roles_and_counts(seeds):
    def count(name, role):
        return sum(1 for a in seeds[name].attendees if a.role == role)
    assert [count(S000, r) for r in ("座長", "構成員", "幹事", "オブザーバー")] == [1, 7, 7, 7]
    assert [count(S004, r) for r in ("座長", "構成員", "幹事", "オブザーバー")] == [1, 8, 8, 7]
    assert [count(S001, r) for r in ("座長", "構成員", "幹事", "オブザーバー")] == [1, 9, 6, 7]
    assert seeds[S002].attendees == [] and seeds[S003].attendees == []


def test_proxies_and_statuses(seeds):
    def of(name):
        return {a.name: (a.status, a.proxy) for a in seeds[name].attendees}
    m27, m14 = of(S000), of(S004)
    assert m27["君塚 明宏"] == ("proxy", "中野補佐")
    assert m27["八矢 拓"] == ("proxy", "谷口補佐")  # mark on its own line after a blank
    assert m27["吉浜 隆雄"] == ("proxy", "千葉地方業務標準化エキスパート")
    assert m27["白水 伸英"] == ("proxy", "平尾補佐")
    assert m27["向山 秀昭"] == ("proxy", None) and m27["小出 太朗"] == ("proxy", None)
    assert m27["正木 祐輔"] == ("absent", None) and m27["名越 一郎"] == ("present", None)
    assert m14["岩崎 勝"] == ("late", None) and m14["足達 雅英"] == ("left_early", None)
    assert m14["折笠 史典"] == ("proxy", "佐々木補佐")
    assert m14["渡邊 繁樹"] == ("proxy", "木下補佐") and m14["白水 伸英"] == ("proxy", "塗師木補佐")
    assert m14["松田 洋平"] == ("absent", None) and m14["西川 亨"] == ("absent", None)


def test_person_identity(seeds):
    ids = {name: {a.person_id: a for a in seeds[name].attendees} for name in SEEDS}
    for name in (S000, S001, S004):  # 庄司 昌彦 chairs 第3回, 第14回 and 第27回
        assert ids[name]["庄司昌彦"].role == "座長"
    assert "田中聖也" in ids[S000] and "田中良斉" in ids[S001]
    assert ids[S001]["原田智"].affiliation == "京都府政策企画部情報政策統括監"
    assert ids[S000]["原田智"].affiliation == "公益財団法人京都産業21DX推進監 兼 CISO"
    assert ids[S001]["黒瀬敏文"].affiliation == "総務省大臣官房審議官（新型コロナウイルス感染症対策・地域振興担当）"


def test_materials(seeds):
    assert sum(len(seeds[n].materials) for n in SEEDS) == 26
    ids = [m.id for m in seeds[S000].materials]
    assert ids[:3] == ["資料1-1", "資料1-2", "資料1-3"] and ids[-2:] == ["参考資料1", "参考資料2"]
    assert {m.disclosure for m in seeds[S000].materials} == {"非公開"}
    assert {m.disclosure for m in seeds[S002].materials} == {"非公表"}
    assert {m.disclosure for m in seeds[S003].materials} == {None}
    assert seeds[S002].materials[3].title == "自治体デジタル・トランスフォーメーション（DX）推進計画【第4.0版】（案）（見え消し）"


def test_secretariat_is_an_organisation(seeds):
    assert seeds[S000].secretariat == ["総務省自治行政局地域DX推進室"]
    assert all("推進室" not in a.name for n in SEEDS for a in seeds[n].attendees)


def test_plan_versions(seeds):
    assert [seeds[n].plan_versions for n in SEEDS] == [["3.0"], [], ["4.0"], ["4.0"], []]


def test_supplements_are_kept_apart(seeds):
    m37 = seeds[S003]
    assert {s.field for s in m37.supplements} == {"committee", "date", "venue"}
    assert all(s.source for s in m37.supplements)
    assert m37.date_text is None  # the text itself gives no date


JAPANESE_LATIN_SPACE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("name", SEEDS)
def test_statements_read_cleanly(seeds, name):
    for statement in statements(seeds[name]):
        text = statement.text
        assert not JAPANESE_LATIN_SPACE.search(text), text
        assert not re.search(r"[０-９Ａ-Ｚａ-ｚ\uf09e]", text), text
        assert text[0] not in "○〇・- ", text
        assert "  " not in text
