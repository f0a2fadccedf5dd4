"""Downloads round-trip: CSV with BOM re-read, the Atom feed read by a real feed parser."""

import csv
import io
import json

import feedparser
import pytest

from .conftest import ROOT


def read_csv(data: bytes) -> list[dict]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csvs_round_trip(generation):
    files = generation.files
    meetings = read_csv(files["data/meetings.csv"])
    assert [m["id"] for m in meetings] == ["003", "014", "027", "037", "002_607a81b7cfd4288f"]
    assert meetings[2]["url"] == "https://example.org/dx-kentokai/meetings/027/"
    # 第37回 and the undated meeting print no roster, 第3回 and 第14回 no list of materials: not known
    # to be none, so blank, not 0
    assert [(m["attendees"], m["materials"], m["statements"]) for m in meetings] == [
        ("23", "", "14"), ("24", "", "11"), ("22", "15", "8"), ("", "2", "20"), ("", "9", "25")]
    # The version in force, as the pages' その時点の計画の版 gives it
    assert [(m["plan_in_force"], m["plan_before_first"], m["plan_possibly_later"], m["plan_not_yet"])
            for m in meetings] == [("", "true", "", ""), ("1.0", "false", "", ""), ("2.0", "false", "2.3", "3.0"),
                                   ("4.0", "false", "", ""), ("", "", "", "")]  # 策定前; no date
    attendance = read_csv(files["data/attendance.csv"])
    assert len(attendance) == sum(len(m.attendees) for m in generation.archive.meetings) == 69
    kimizuka = next(r for r in attendance if r["person_id"] == "君塚明宏")
    assert (kimizuka["status"], kimizuka["proxy"], kimizuka["online"]) == ("proxy", "中野補佐", "true")
    assert len(read_csv(files["data/materials.csv"])) == 26
    statements = read_csv(files["data/statements.csv"])
    assert len(statements) == 78
    first = next(s for s in statements if s["meeting"] == "027" and s["anchor"] == "s1-1")
    assert (first["first_line"], first["last_line"]) == ("97", "100")
    assert first["text"].startswith("アナログ規制の点検") and first["url"].endswith("/meetings/027/#s1-1")
    # Every statement of the record is there, text for text.
    record = json.loads(files["data/meetings.json"])["meetings"]
    texts = {(m["id"], s["id"]): s["text"] for m in record for sec in m["sections"] for s in sec["statements"]}
    assert {(s["meeting"], s["anchor"]): s["text"] for s in statements} == texts


def test_meetings_json_says_which_plan_version_was_in_force(generation):
    """The pages' その時点の計画の版 was in no data file: a reader could not reproduce it."""
    record = {m["id"]: m["plan_in_force"] for m in json.loads(generation.files["data/meetings.json"])["meetings"]}
    assert record["003"] == {"version": None, "published": None, "published_by": None, "before_first": True,
                             "possibly_later": [], "not_yet": None}
    assert record["027"] == {"version": "2.0", "published": "2022-09-02", "published_by": None, "before_first": False,
                             "possibly_later": ["2.3"], "not_yet": "3.0"}
    assert record["037"] == {"version": "4.0", "published": None, "published_by": "2025-07-29", "before_first": False,
                             "possibly_later": [], "not_yet": None}
    assert record["002_607a81b7cfd4288f"] is None  # no date
    page = generation.files["meetings/027.md"]
    assert "[第2.0版](../plan/2.0.md)（2022-09-02公表）以降、第3.0版より前（第3.0版は第27回で案を審議。第2.3版の" in page


def test_feed_is_valid_atom_with_every_dated_meeting(generation):
    feed = feedparser.parse(generation.files["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [
        f"https://example.org/dx-kentokai/meetings/{n}/" for n in ("037", "027", "014", "003")]
    assert "開催日は補記による" in feed.entries[0].summary
    assert [e.title for e in feed.entries[:2]] == ["第37回 議事概要（2025-07-29〔補記〕）", "第27回 議事概要（2024-03-11）"]
    assert feed.entries[1].summary.startswith("議題：自治体デジタル・トランスフォーメーション")


def test_feed_escapes_a_site_address_with_xml_characters(generation):
    from xml.etree import ElementTree

    from generator.render.exports import render_feed

    site_url = """https://example.org/a&b<c>"d'/"""
    root = ElementTree.fromstring(render_feed(generation.archive, site_url))
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}id").text == site_url
    links = [link.get("href") for link in root.iter(f"{atom}link")]
    assert links[:2] == [site_url, site_url + "feed.xml"]
    assert links[2] == site_url + "meetings/037/"


def test_citation_on_every_meeting_page(generation):
    page = generation.files["meetings/027.md"]
    assert ("総務省「地方自治体のデジタルトランスフォーメーション推進に係る検討会」第27回 議事概要"
            "（令和6年3月11日（2024-03-11）開催）。議事概要アーカイブ、https://example.org/dx-kentokai/meetings/027/") in page
    supplied = generation.files["meetings/037.md"]  # its date is from the sidecar, not the text
    assert "第37回 議事概要（令和7年7月29日（2025-07-29）開催。開催日は原文になく補記による）。" in supplied


def test_every_json_file_validates_against_its_schema(generation):
    from jsonschema import Draft202012Validator

    for name in ("meetings", "people", "popolo"):
        schema = json.loads(generation.files[f"data/{name}.schema.json"])
        Draft202012Validator.check_schema(schema)
        errors = list(Draft202012Validator(schema).iter_errors(json.loads(generation.files[f"data/{name}.json"])))
        assert errors == [], (name, [e.message for e in errors[:3]])


def test_schema_rejects_a_broken_record(generation):
    from jsonschema import Draft202012Validator

    schema = json.loads(generation.files["data/meetings.schema.json"])
    data = json.loads(generation.files["data/meetings.json"])
    data["meetings"][0]["attendees"][0]["status"] = "sleeping"
    assert list(Draft202012Validator(schema).iter_errors(data))


@pytest.mark.parametrize("field, value", [("published", "令和2年12月25日"), ("published_by", "令和7年7月29日"),
                                          ("version", "第3.0版"), ("not_yet", "4.0版")])
def test_schema_rejects_a_plan_in_force_not_as_written(generation, field, value):
    """"format": "date" is only an annotation in JSON Schema 2020-12: a date is checked by pattern."""
    from jsonschema import Draft202012Validator

    schema = json.loads(generation.files["data/meetings.schema.json"])
    data = json.loads(generation.files["data/meetings.json"])
    record = next(m for m in data["meetings"] if m["plan_in_force"] and m["plan_in_force"]["published"])
    record["plan_in_force"][field] = value
    assert list(Draft202012Validator(schema).iter_errors(data))


def test_the_schema_admits_every_disclosure_the_parser_reads(generation):
    from generator.model import DISCLOSURES

    schema = json.loads(generation.files["data/meetings.schema.json"])
    material = schema["$defs"]["meeting"]["properties"]["materials"]["items"]["properties"]["disclosure"]
    assert material["enum"] == [*DISCLOSURES, None]


def test_popolo_people_and_events(generation):
    popolo = json.loads(generation.files["data/popolo.json"])
    chair = next(m for m in popolo["memberships"] if m["person_id"] == "person/庄司昌彦" and m.get("role") == "座長")
    assert (chair["start_date"], chair["end_date"]) == ("2020-12-18", "2024-03-11")
    event = next(e for e in popolo["events"] if e["id"] == "event/027")
    assert (event["start_time"], event["end_time"]) == ("2024-03-11T15:00:00+09:00", "2024-03-11T16:15:00+09:00")
    kimizuka = next(p for p in event["participants"] if p.get("person_id") == "person/君塚明宏")
    assert (kimizuka["attendance"], kimizuka["proxy"]) == ("proxy", "中野補佐")
    names = {o["name"] for o in popolo["organizations"]}
    assert {"総務省", "デジタル庁", "総務省自治行政局地域DX推進室"} <= names


def test_every_meeting_field_is_explained_to_readers():
    """The data page (Japanese, on the site) and the README list every field the schema has."""
    schema = json.loads((ROOT / "generator" / "schemas" / "meetings.schema.json").read_text(encoding="utf-8"))
    fields = schema["$defs"]["meeting"]["properties"]
    for page in (ROOT / "docs" / "data.md", ROOT / "README.md"):
        # In the first cell of a row of the fields table: a field named elsewhere is not explained.
        cells = [line.split("|")[1] for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
        assert [f for f in fields if not any(f"`{f}`" in cell for cell in cells)] == [], page.name


def test_popolo_ids_name_the_same_body_and_post_after_a_meeting_is_added(archive):
    """Secretariats and affiliations were numbered by their place in a sorted list: a new one took
    organization/secretariat/1 from 総務省自治行政局地域DX推進室."""
    import copy

    from generator.catalogue import Catalogues
    from generator.index import build_archive
    from generator.render.popolo import render_popolo

    def named(meetings):
        catalogues = Catalogues(organizations=archive.organizations)
        data = json.loads(render_popolo(build_archive(copy.deepcopy(meetings), catalogues), "https://example.org/"))
        return ({o["id"]: o["name"] for o in data["organizations"]},
                {m["id"]: m.get("label") or m.get("role") for m in data["memberships"]})

    before = named(archive.meetings)
    # A meeting with 小牧兼太郎, who already has two affiliations: a third that sorts before them
    # (総務省大… before 総務省自…) took the position, and so the id, of one he had.
    added = copy.deepcopy(next(m for m in archive.meetings if any(a.person_id == "小牧兼太郎" for a in m.attendees)))
    added.number, added.id, added.source_file = 99, "099", "099.txt"
    added.secretariat = ["デジタル庁国民向けサービスグループ"]  # sorts before 総務省…
    komaki = next(a for a in added.attendees if a.person_id == "小牧兼太郎")
    labels = [label for key, label in before[1].items() if key.startswith("membership/小牧兼太郎/soumu/")]
    assert labels and all(label > "総務省大臣官房審議官" for label in labels)
    komaki.affiliation = "総務省大臣官房審議官"
    after = named([*archive.meetings, added])
    for ids_before, ids_after in zip(before, after):
        assert {key: ids_after[key] for key in ids_before} == ids_before
    assert len(after[0]) > len(before[0]) and len(after[1]) > len(before[1])
