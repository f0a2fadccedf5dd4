"""Which document family, version, draft and variant a material title names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .catalogue import Family
from .normalize import fold_width

VARIANTS = ("見え消し", "溶け込み", "改定概要", "概要")
# What may follow a family's name in a title that is that document (and not, say, a list of
# documents cited in it): a version, 等, （案）, or a variant.
_TAIL = re.compile(r"^(?:【第\d+(?:\.\d+)?版】|第\d+(?:\.\d+)?版|等|の?改定概要|の?概要|（案）|（見え消し）|（溶け込み）)")
_VERSION = re.compile(r"第(\d+(?:\.\d+)?)版")


def title_key(text: str) -> str:
    """Titles compare without spaces and ・ (自治体デジタル・トランスフォーメーション = デジタルトランスフォーメーション)."""
    return re.sub(r"[\s・]", "", fold_width(text))


@dataclass(frozen=True)
class DocumentMatch:
    family: Optional[str]
    version: Optional[str] = None
    draft: bool = False
    variant: Optional[str] = None


class TitleMatcher:
    """Which family a material's title names: the families' aliases are made into keys once, not
    once a title (they were 60 % of the index stage at 4,000 meetings)."""

    def __init__(self, families: list[Family]):
        self.aliases = sorted(((title_key(a), f) for f in families for a in f.aliases), key=lambda p: -len(p[0]))

    def match(self, title: str) -> DocumentMatch:
        key = title_key(title)
        for alias, family in self.aliases:
            start = key.find(alias)
            if start < 0:
                continue
            tail = key[start + len(alias):]
            rest = tail
            while rest:
                match = _TAIL.match(rest)
                if not match:
                    break
                rest = rest[match.end():]
            if rest:
                continue  # the name is cited inside another title
            version = _VERSION.search(tail)
            variant = next((v for v in VARIANTS if v in tail), None)
            return DocumentMatch(family.id, version.group(1) if version else None, "（案）" in tail, variant)
        return DocumentMatch(None)
