"""Synthetic archives for the benchmark: N meetings made from the five seeds.

Each synthetic meeting copies one seed (in turn) and changes what grows with a real archive:
- a number of its own and a date of its own (spread over the years, weekday right), so that the
  meeting list, feed and matrix grow;
- its attendees, drawn from a pool of people that grows with N, members serving for a stretch of
  consecutive meetings, so that the person pages and the attendance matrix grow realistically;
- its statements, reshuffled (same lines, another order);
- the plan versions its materials and statements name: a new version every few meetings, each in
  a generated plan_versions.yml with a publication date, so that the version pages grow.
The seeds' own parse tells where each of these stands (attendee lines, statement line ranges).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.model import WEEKDAYS
from generator.parse import parse_source

from ..sitebuild import ROOT

SEED_DIR = ROOT / "source"
FIRST_DATE = dt.date(2019, 6, 3)
MEETINGS_PER_VERSION = 8
_VERSION = re.compile(r"第\s*[0-9０-９]+\s*[.．]\s*[0-9０-９]+\s*版")
_TITLE_NUMBER = re.compile(r"第\s*[0-9０-９]+\s*回")
_DATE = re.compile(r"令和\s*[0-9０-９元]+\s*年\s*[0-9０-９]+\s*月\s*[0-9０-９]+\s*日\s*[（(].[）)]")


@dataclass
class Seed:
    name: str
    lines: list[str]  # the text's lines, without line endings
    attendee_lines: dict[int, str]  # 0-based line index → the name as the parser read it
    statements: list[tuple[int, int]]  # 0-based [first, last] line index of each statement
    number_source: str | None  # "text" (the title), "inferred" (its own material list) or None
    has_date: bool


def _load_seed(path: Path) -> Seed:
    data = path.read_bytes()
    meeting = parse_source(path.name, data).meeting
    lines = data.decode("utf-8").split("\n")
    return Seed(
        name=path.name,
        lines=lines,
        attendee_lines={a.line - 1: a.name for a in meeting.attendees},
        statements=[(s.lines[0] - 1, s.lines[1] - 1) for sec in meeting.sections for s in sec.statements],
        number_source=meeting.number_source,
        has_date=meeting.date_source == "text",
    )


def _people_pool(seeds: list[Seed], size: int) -> list[str]:
    """`size` distinct names, 姓 名, recombined from the seeds' own family and given names."""
    family, given = [], []
    for seed in seeds:
        for name in seed.attendee_lines.values():
            parts = name.split()
            if len(parts) == 2:
                family.append(parts[0])
                given.append(parts[1])
    family, given = sorted(set(family)), sorted(set(given))
    rng = random.Random(7)
    pairs = [(f, g) for f in family for g in given]
    rng.shuffle(pairs)
    if size > len(pairs):
        raise ValueError(f"only {len(pairs)} synthetic names; asked for {size}")
    return [f"{f} {g}" for f, g in pairs[:size]]


def _reiwa(day: dt.date) -> str:
    return f"令和{day.year - 2018}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def _version(k: int) -> str:
    step = k // MEETINGS_PER_VERSION
    return f"{1 + step // 10}.{step % 10}"


def _rename(line: str, old: str, new: str) -> str:
    """Replace the printed name at the start of an attendee line (however it was padded)."""
    pattern = r"\s*".join(map(re.escape, old.replace(" ", "")))
    return re.sub(rf"^(\s*){pattern}", lambda m: m.group(1) + new, line, count=1)


def _meeting_text(seed: Seed, k: int, number: int, day: dt.date, pool: list[str], rng: random.Random,
                  version_k: int) -> str:
    lines = list(seed.lines)
    # Members serve for a stretch: meeting k takes the pool from an offset that moves by 2.
    start = (2 * k) % len(pool)
    for i, (index, old) in enumerate(sorted(seed.attendee_lines.items())):
        lines[index] = _rename(lines[index], old, pool[(start + i) % len(pool)])
    # Statements reshuffled: the same blocks of lines in another order, in the same places.
    order = list(range(len(seed.statements)))
    rng.shuffle(order)
    blocks = [lines[first:last + 1] for first, last in seed.statements]
    out: list[str] = []
    slot_at = {first: (slot, last) for slot, (first, last) in enumerate(seed.statements)}
    i = 0
    while i < len(lines):
        if i in slot_at:
            slot, last = slot_at[i]
            out += blocks[order[slot]]
            i = last + 1
        else:
            out.append(lines[i])
            i += 1
    text = "\n".join(out)
    text = _VERSION.sub(f"第{_version(version_k)}版", text)
    text = re.sub(r"検討会\s*[（(]\s*第\s*[0-9０-９]+\s*回\s*[）)]", f"検討会（第{number}回）", text)
    if seed.number_source == "text":
        text = _TITLE_NUMBER.sub(f"第{number}回", text, count=1)
    if seed.has_date:
        text = _DATE.sub(_reiwa(day), text, count=1)
    return text


def meeting_day(k: int, count: int) -> dt.date:
    """The date of the k-th of `count` meetings: 40 span about five years, 4,000 about 33."""
    return FIRST_DATE + dt.timedelta(days=k * _spacing(count))


def _spacing(count: int) -> int:
    return max(3, 1800 // max(count, 1))


def write_archive(folder: Path, count: int) -> None:
    """Write `count` synthetic meetings (numbered 1…count) and the catalogues into `folder`."""
    seeds = [_load_seed(p) for p in sorted(SEED_DIR.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("documents.yml", "organizations.yml"):
        shutil.copy(SEED_DIR / name, folder / name)
    pool = _people_pool(seeds, 30 + count // 3)
    for k in range(count):
        add_meeting(folder, seeds, k, k + 1, meeting_day(k, count), pool)
    _write_plan_versions(folder, count)


def add_meeting(folder: Path, seeds: list[Seed] | None, k: int, number: int, day: dt.date,
                pool: list[str] | None = None, version_k: int | None = None) -> None:
    """One synthetic meeting (the k-th) as `folder/<k:05d>_<seed>.txt`, with a sidecar where its
    seed lacks the number or date; it names the plan version of meeting `version_k` (its own)."""
    seeds = seeds or [_load_seed(p) for p in sorted(SEED_DIR.glob("*.txt"))]
    pool = pool or _people_pool(seeds, 30 + (k + 1) // 3)
    seed = seeds[k % len(seeds)]
    name = f"{k:05d}_{seed.name}"
    text = _meeting_text(seed, k, number, day, pool, random.Random(k), k if version_k is None else version_k)
    (folder / name).write_text(text, encoding="utf-8")
    sidecar = []
    if seed.number_source is None:
        sidecar.append(f"number:\n  value: {number}\n  source: synthetic\n")
    if not seed.has_date:
        sidecar.append(f"date:\n  value: {day.isoformat()}\n  source: synthetic\n")
    if sidecar:
        (folder / name).with_suffix(".yml").write_text("".join(sidecar), encoding="utf-8")


def _write_plan_versions(folder: Path, count: int) -> None:
    """Every synthetic version, published the day after the last meeting that carried its draft."""
    lines = ["versions:\n"]
    for step in range((count + MEETINGS_PER_VERSION - 1) // MEETINGS_PER_VERSION):
        last_meeting = min(count, (step + 1) * MEETINGS_PER_VERSION) - 1
        published = meeting_day(last_meeting, count) + dt.timedelta(days=1)
        lines.append(f'  - version: "{_version(step * MEETINGS_PER_VERSION)}"\n'
                     f"    label: 第{_version(step * MEETINGS_PER_VERSION)}版\n"
                     f"    published: {published.isoformat()}\n    source: synthetic\n")
    (folder / "plan_versions.yml").write_text("".join(lines), encoding="utf-8")
