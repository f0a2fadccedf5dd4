"""Versions of 自治体DX推進計画 named in a meeting's materials, agenda or discussion."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Meeting, version_key

# The version follows the plan's name closely: 推進計画【第3.0版】, 推進計画が第3.0版へ, 推進計画の第4.0版.
PLAN_VERSION = re.compile(r"(?:DX|ＤＸ）|DX）)推進計画[^。、第]{0,3}(第(\d+(?:\.\d+)?)版)")


def plan_version_mentions(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, version) of each 第X版 that names a version of the plan."""
    for match in PLAN_VERSION.finditer(text):
        yield match.start(1), match.end(1), match.group(2)


def _texts(meeting: Meeting):
    for material in meeting.materials:
        yield material.title
    for section in meeting.sections:
        yield section.heading or ""
        for statement in section.statements:
            yield statement.text


def plan_versions(meeting: Meeting) -> list[str]:
    found = {version for text in _texts(meeting) for _, _, version in plan_version_mentions(text)}
    return sorted(found, key=version_key)

