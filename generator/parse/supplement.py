"""Apply sidecar supplements: they fill what the text leaves unknown, never overwrite it."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from ..model import WEEKDAYS, Meeting, Supplement
from .report import Report


def apply_supplements(meeting: Meeting, supplements: list[tuple[Supplement, Optional[int]]],
                      report: Report) -> None:
    for supplement, line in supplements:
        field, value = supplement.field, supplement.value
        if field == "note":
            meeting.supplements.append(supplement)
            continue
        current = getattr(meeting, field)
        if current is not None:
            if current != value:
                report.error(line, f"sidecar {field} {value!r} contradicts the text, which says {current!r}")
            else:
                report.info(line, f"sidecar {field} repeats what the text says; it can be removed")
            continue
        setattr(meeting, field, value)
        meeting.supplements.append(supplement)
        if field == "number":
            meeting.number_source, meeting.number_line = "supplement", line
        elif field == "date":
            meeting.date_source = "supplement"
            meeting.weekday = WEEKDAYS[dt.date.fromisoformat(value).weekday()]
