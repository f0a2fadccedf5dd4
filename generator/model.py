"""The meeting record: plain dataclasses, no logic beyond what the fields mean.

Every other stage imports from here; this module imports nothing from the package (the
diagnostics it holds are diagnostic.Diagnostic, named only in annotations).
Field names follow the published JSON (site/data/meetings.json), so `to_dict` is a plain walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # only named in annotations
    from .diagnostic import Diagnostic

# Roles as printed, in the order pages list them: this study group uses 座長, 構成員, 幹事 and
# オブザーバー; other study groups' 議事概要 print 主査, 副座長, 副主査, 座長代理 and 委員.
ROLES = ("座長", "主査", "座長代理", "副座長", "副主査", "構成員", "委員", "幹事", "オブザーバー")

# Attendance status as published; the Japanese label is what the page shows.
STATUS_LABELS = {
    "present": "出席",
    "absent": "欠席",
    "proxy": "代理出席",
    "late": "冒頭欠席",
    "left_early": "途中退席",
}

# How a material's disclosure is printed after it or its block's label (【非公開】, （委員限り）):
# not public, not published, or handed to the members only.
DISCLOSURES = ("非公開", "非公表", "委員限り", "構成員限り")
DISCLOSURE = "|".join(DISCLOSURES)  # as a regular expression's alternation

FORMAT_LABELS = {"online": "オンライン", "in_person": "対面", "hybrid": "ハイブリッド（対面・オンライン併用）",
                 "written": "書面開催"}

WEEKDAYS = "月火水木金土日"  # index = date.weekday()


@dataclass(frozen=True)
class Line:
    """One line of a source text, as read: `number` is 1-based, `text` has no line ending."""

    number: int
    text: str


# Every generated folder's list page (meetings/index.md, members/index.md, documents/index.md), and
# the attendance matrix (members/matrix.md): no meeting, person or document family may take their name,
# nor README, which MkDocs makes a folder's index page too (meetings/README.md would clash with the list).
INDEX_PAGE = "index"
FOLDER_PAGE_NAMES = frozenset({INDEX_PAGE, "README"})
TAKEN_PAGE_NAMES = FOLDER_PAGE_NAMES | {"matrix"}
_NOT_IN_PAGE_NAME = re.compile(r"[^\w.-]")


def page_name(text: str) -> str:
    """text as the last part of a page address: letters (Japanese too), digits, '_', '-' and '.'
    (anything else becomes '_'), and never the name of an index page."""
    name = _NOT_IN_PAGE_NAME.sub("_", text)
    return name + "_" if name in TAKEN_PAGE_NAMES else name


def version_key(version: str) -> tuple[int, ...]:
    """3.0 < 3.10 < 4.0: plan versions in numeric order."""
    return tuple(int(part) for part in version.split("."))


def sidecar_of(source_file: str) -> str:
    """The sidecar's name for a source: 014.txt → 014.yml."""
    return source_file.rsplit(".", 1)[0] + ".yml"


@dataclass
class Attendee:
    role: str
    name: str  # family and given name separated by one space when the source separates them
    person_id: str
    affiliation: str
    status: str = "present"
    proxy: Optional[str] = None  # who attended in their place, e.g. "中野補佐"
    online: Optional[bool] = None
    line: int = 0


@dataclass
class Material:
    id: Optional[str]  # "資料1-1", "参考資料2"; None for unnumbered items
    title: str
    disclosure: Optional[str]  # one of DISCLOSURES, as printed; None when not stated
    line: int = 0
    # Filled by the index stage from source/documents.yml; None when the title names no family.
    document: Optional[str] = None  # family id, e.g. "dx-plan"
    version: Optional[str] = None  # "3.0" from 【第3.0版】
    draft: bool = False  # （案）
    variant: Optional[str] = None  # 見え消し | 溶け込み | 概要 | 改定概要


@dataclass
class AgendaItem:
    label: Optional[str]  # "1.", "①", "（1）" as printed (width-folded); None when unmarked
    text: str
    line: int = 0
    items: list[AgendaItem] = field(default_factory=list)


@dataclass
class Statement:
    id: str  # anchor, "s2-3": section 2, statement 3
    text: str
    lines: tuple[int, int] = (0, 0)  # first and last source line


@dataclass
class Section:
    heading: Optional[str]  # None for statements before any heading
    anchor: str  # "s2"
    level: int = 1  # 1: top heading; 2: a 【…】 heading under a （…について） topic
    line: int = 0
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Supplement:
    """A fact from a sidecar file, never from the source text; shown on the page as 補記."""

    field: str
    value: Any
    source: str


@dataclass
class UnparsedLine:
    line: int
    text: str


@dataclass
class DocumentNote:
    """A note on the summary itself, printed on a line of its own: （文責：事務局）, ※速報のため事後修正の可能性あり."""
    line: int
    text: str  # cleaned as any text is


@dataclass
class NoMaterials:
    """The source says that no materials were handed out (配布資料：なし)."""
    line: int
    text: str  # its words, cleaned as any text is: なし, 特になし。


@dataclass
class Meeting:
    id: str
    source_file: str  # file name inside source/
    sha256: str
    number: Optional[int] = None
    number_source: Optional[str] = None  # "text" | "inferred" | "supplement"
    # Where the number was read, for diagnostics only (not published): the source line of 第N回
    # or of the material it was inferred from, or the sidecar line when number_source is "supplement".
    number_line: Optional[int] = None
    title: Optional[str] = None
    committee: Optional[str] = None
    date: Optional[str] = None  # ISO
    date_source: Optional[str] = None  # "text" | "supplement"
    date_text: Optional[str] = None  # the 開催日時 line as printed (normalized)
    weekday: Optional[str] = None
    start_time: Optional[str] = None
    end_time: Optional[str] = None
    venue: Optional[str] = None
    method: Optional[str] = None  # 開催方法 (開催形式, 開催方式) as printed
    format: Optional[str] = None  # a key of FORMAT_LABELS
    format_note: Optional[str] = None  # the words the format was read from
    attendees: list[Attendee] = field(default_factory=list)
    roster_notes: list[str] = field(default_factory=list)  # printed with the roster: 敬称略, 五十音順
    secretariat: list[str] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    no_materials: Optional[NoMaterials] = None
    # Where a copy may have lost text: the line it starts at when it lacks its title (it begins
    # mid-document), and its last line of text when it does not end with 以上.
    missing_start: Optional[int] = None
    missing_end: Optional[int] = None
    document_notes: list[DocumentNote] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    plan_versions: list[str] = field(default_factory=list)
    supplements: list[Supplement] = field(default_factory=list)
    unparsed: list[UnparsedLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"meetings/{self.id}/"

    @property
    def statement_count(self) -> int:
        return sum(len(s.statements) for s in self.sections)


def to_dict(meeting: Meeting) -> dict[str, Any]:
    """The published shape of a meeting (site/data/meetings.json)."""
    data = _plain(meeting)
    data["url"] = meeting.url
    data["source"] = {"file": f"source/{meeting.source_file}", "sha256": meeting.sha256}
    data["diagnostics"] = [
        {"line": d.line, "severity": d.severity, "message": d.message} for d in meeting.diagnostics
    ]
    order = [
        "id", "url", "number", "number_source", "title", "committee", "date", "date_source",
        "date_text", "weekday", "start_time", "end_time", "venue", "method", "format", "format_note", "source",
        "attendees", "roster_notes", "secretariat", "materials", "no_materials", "missing_start", "missing_end",
        "document_notes", "agenda", "sections", "plan_versions",
        "supplements", "unparsed", "diagnostics",
    ]
    return {key: data[key] for key in order}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Dataclasses → dicts, tuples → lists, as dataclasses.asdict would, without its deep copies
    (which made it the costliest part of writing meetings.json). A scalar, most of a record, is
    taken as it is without a call (1.4 million calls at 4,000 meetings)."""
    fields = getattr(value.__class__, "__dataclass_fields__", None)
    if fields is not None:
        out = {}
        for name in fields:
            item = getattr(value, name)
            out[name] = item if item.__class__ in _SCALARS else _plain(item)
        return out
    if isinstance(value, (list, tuple)):
        return [item if item.__class__ in _SCALARS else _plain(item) for item in value]
    return value
