"""What every page shares: the template environment, page paths, links and labels."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Optional
from urllib.parse import quote

import jinja2

from ..catalogue import Family
from ..index import Carried
from ..markdown_text import code, md, md_cited
from ..parse.agenda import BARE_LABEL
from ..search_index import NOT_SEARCHED
from ..model import FORMAT_LABELS, STATUS_LABELS, Attendee, Material, Meeting

UNKNOWN = "不明"
UNKNOWN_DATE = "開催日不明"
SUPPLIED = "〔補記〕"
# On a page the mark says what it means when pointed at or tapped (content.tooltips); titles,
# descriptions, the feed and citations are plain text and carry it bare.
SUPPLIED_MEANING = "原文になく、出典つきの補記で補った値"
SUPPLIED_MARK = f'<abbr class="supplied" title="{SUPPLIED_MEANING}">{SUPPLIED}</abbr>'

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent.parent / "templates"),
    autoescape=False,  # the output is Markdown; every source string goes through the md filter
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    auto_reload=False,  # templates do not change during a build: no stat of the file at every page
)
env.filters["md"] = md
env.globals["SUPPLIED_MEANING"] = SUPPLIED_MEANING
env.filters["code"] = code
env.filters["cited"] = md_cited
env.globals["NOT_SEARCHED"] = NOT_SEARCHED
# A JSON string is a valid YAML double-quoted scalar: safe front matter whatever the text holds.
env.filters["yaml_str"] = lambda text: json.dumps(str(text), ensure_ascii=False)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier build, kept in .build-cache/. Like the parse cache it only
    saves time: a file that cannot be read or written is compiled again, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:  # Jinja checks the version and the template's source, not that the file is whole
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged, whatever the error: compile it again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # read-only, disk full
            pass


def keep_compiled_templates(folder: Optional[Path], version: str) -> None:
    """Compile the templates once, not at every build (0.08 s, a fifth of building 40 meetings): in
    folder/<version>, for this version of the generator only, since Jinja checks each template's own
    text but not the code and settings around it; other versions' are removed. None: every build
    compiles them (the environment is shared: a build without a folder must not use an earlier one's)."""
    env.bytecode_cache = None
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in folder.iterdir():
            if other.is_dir() and other.name != version:
                shutil.rmtree(other)
            elif not other.is_dir():
                other.unlink()
        (folder / version).mkdir(exist_ok=True)
    except OSError:  # not kept: compiled at every build, as without a folder
        return
    env.bytecode_cache = _CompiledTemplates(str(folder / version))


def render(template: str, **context) -> str:
    return env.get_template(template).render(**context)


# ---------------------------------------------------------------- where pages live (under docs/)

HOME_PAGE = "index.md"
MATERIALS_PAGE = "materials.md"
PLAN_INDEX = "plan/index.md"
MEETINGS_INDEX = "meetings/index.md"
MEMBERS_INDEX = "members/index.md"
DOCUMENTS_INDEX = "documents/index.md"


def meeting_page(meeting: Meeting) -> str:
    return f"meetings/{meeting.id}.md"


def person_page(person_id: str) -> str:
    return f"members/{person_id}.md"


def person_link(from_page: str, person_id: str, name: str) -> str:
    """[庄司 昌彦](../members/庄司昌彦.md), the name escaped; marked as a name, which the stylesheet
    keeps on one line in a narrow table."""
    return f"[{md(name)}]({link(from_page, person_page(person_id))}){{ .person }}"


def family_page(family_id: str) -> str:
    return f"documents/{family_id}.md"


def version_page(version: str) -> str:
    return f"plan/{version}.md"


def version_anchor(version: Optional[str]) -> str:
    return "v" + version.replace(".", "-") if version else "v-none"


def material_anchor(material: Material, index: int) -> str:
    """資料1-1 → m1-1, 参考資料2 → r2, an unnumbered item → m-3 (its place in the list)."""
    if material.id is None:
        return f"m-{index + 1}"
    prefix = "r" if material.id.startswith("参考") else "m"
    return prefix + material.id.removeprefix("参考資料").removeprefix("資料")


# Characters that end or change a Markdown link target (a space, ( ), #, %, |, : read as a scheme…).
# Page names never hold them (model.page_name); a source file's name, published as it is, may.
_NOT_IN_LINK = re.compile(r"[^\w./~-]")


def link(from_page: str, to_page: str, anchor: Optional[str] = None) -> str:
    """A relative link between two pages of docs/, as MkDocs resolves it. Page paths are plain
    (no `.` or `..`), so the common folders are a prefix: no need for posixpath.relpath, which
    made links the costliest part of rendering."""
    if from_page == to_page and anchor:
        return f"#{anchor}"
    *from_dirs, _ = from_page.split("/")
    *to_dirs, name = to_page.split("/")
    common = 0
    while common < min(len(from_dirs), len(to_dirs)) and from_dirs[common] == to_dirs[common]:
        common += 1
    href = "../" * (len(from_dirs) - common) + "".join(d + "/" for d in to_dirs[common:]) + name
    href = _NOT_IN_LINK.sub(lambda m: quote(m.group()), href)  # only a source file's name has any
    return href + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- labels

def meeting_label(meeting: Meeting) -> str:
    return f"第{meeting.number}回" if meeting.number is not None else f"回不明（{meeting.id}）"


def meeting_link(from_page: str, meeting: Meeting, anchor: Optional[str] = None, after: str = "") -> str:
    """[第27回](../meetings/027.md), the label escaped: a meeting without a number is labelled with
    its file's name, which may hold Markdown syntax (_x_). `after`: more link text (Markdown).
    Marked as a meeting, which the stylesheet keeps whole in a narrow table (第27回, not 第27 / 回)."""
    return f"[{md(meeting_label(meeting))}{after}]({link(from_page, meeting_page(meeting), anchor)}){{ .meeting }}"


def material_label(material: Material) -> str:
    return material.id or "（番号なし）"


def agenda_label(label: str) -> str:
    """An agenda item's label and what parts it from the text: a space after a label in Latin style
    (1. 1 1) ア.) or a katakana or roman numeral alone (ア, ⅰ), none after a bracketed or Japanese one
    (（1） (1) ① 1） 1、), as in the headings."""
    bare = BARE_LABEL.match(label) is not None
    return md(label) + (" " if label[-1].isascii() and label[0] != "(" or bare else "")


env.filters["agenda_label"] = agenda_label


def material_link(from_page: str, carried: Carried) -> str:
    """[資料1](../meetings/027.md#m1): the material's row on its meeting's page."""
    anchor = material_anchor(carried.material, carried.index)
    return f"[{md(material_label(carried.material))}]({link(from_page, meeting_page(carried.meeting), anchor)})"


def document_link(from_page: str, material: Material, families: dict[str, Family]) -> str:
    """The material's document family (at its version) and the version, or その他 (by family id)."""
    family = families.get(material.document)
    if family is None:
        return f"[その他]({link(from_page, DOCUMENTS_INDEX, 'other')})"
    text = f"[{md(family.short)}]({link(from_page, family_page(family.id), version_anchor(material.version))})"
    return text + (f" 第{material.version}版" if material.version else "")


def date_label(meeting: Meeting) -> str:
    if not meeting.date:
        return UNKNOWN
    return f"{meeting.date}（{meeting.weekday}）" + date_mark(meeting, on_page=True)


def marked_date(meeting: Meeting, on_page: bool = False) -> str:
    """The ISO date, marked 〔補記〕 when a sidecar supplied it (on_page: with what that means)."""
    return meeting.date + date_mark(meeting, on_page)


def short_key(text: str) -> str:
    """8 hex digits made from a name, not from its place in a list: an anchor or id that stays when
    other names come or go."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def date_mark(meeting: Meeting, on_page: bool = False) -> str:
    """〔補記〕 after a date that a sidecar supplied (on_page: with what that means)."""
    if meeting.date_source != "supplement":
        return ""
    return SUPPLIED_MARK if on_page else SUPPLIED


def format_label(meeting: Meeting) -> str:
    return FORMAT_LABELS[meeting.format] if meeting.format else UNKNOWN


def attendance_label(attendee: Attendee) -> str:
    text = STATUS_LABELS[attendee.status]
    if attendee.proxy:
        text += f"（{md(attendee.proxy)}）"
    if attendee.online:
        text += "・オンライン"
    return text


def topics(meeting: Meeting) -> str:
    """What was discussed: the items under 議事 in the agenda, or else the section headings."""
    items = [sub.text for item in meeting.agenda for sub in item.items]
    if not items:
        items = [s.heading for s in meeting.sections if s.heading and s.level == 1]
    return "／".join(items)


def in_force_label(archive, meeting: Meeting, from_page: str) -> str:
    """The plan version in force at a meeting, saying plainly what the catalogue cannot tell."""
    state = archive.in_force(meeting)
    if state.before_first:
        return "なし（策定前）"
    if state.version is None:
        return UNKNOWN
    entry = state.version
    published = entry.catalogue.published  # the latest version out by then has a date, or a date it was out by
    when = f"{published}公表" if published else f"公表日は目録になし、{entry.catalogue.published_by}までに公表"
    text = f"[第{entry.version}版]({link(from_page, version_page(entry.version))})（{when}）"
    notes, bound = [], ""
    if state.not_yet:
        bound = f"、第{state.not_yet.version}版より前"
        notes.append(f"第{state.not_yet.version}版は{md(meeting_label(state.not_yet.last_draft))}で案を審議")
    if state.undetermined:
        notes.append("・".join(f"第{v.version}版" for v in state.undetermined) + "の公表日が目録にないため特定できない")
    return f"{text}以降{bound}（{'。'.join(notes)}）" if notes else text
