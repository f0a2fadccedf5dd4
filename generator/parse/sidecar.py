"""Sidecar supplements (source/<stem>.yml): facts a source text lacks, each with its source.

    date:
      value: 2025-07-29
      source: 総務省報道資料「…（第37回）の開催について」

They fill only what the text leaves unknown; a sidecar that contradicts the text is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

import yaml

from ..model import FORMAT_LABELS, Supplement
from .report import Report

FIELDS = {
    "number": "回", "date": "開催日", "start_time": "開始時刻", "end_time": "終了時刻",
    "venue": "開催場所", "format": "開催形式", "committee": "会議名", "note": "注記",
}
FORMATS = tuple(FORMAT_LABELS)
_TIME = re.compile(r"^([01]\d|2[0-4]):[0-5]\d$")


def read_sidecar(text: str, report: Report) -> list[tuple[Supplement, Optional[int]]]:
    """Parse and validate a sidecar: (supplement, its line); every problem is reported with its line."""
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        # A scanner error's context is the token it was reading (`venue` missing its colon); the
        # problem mark is only where it gave up, often the next line.
        scanning = isinstance(exc, yaml.scanner.ScannerError) and exc.context_mark is not None
        mark = exc.context_mark if scanning else getattr(exc, "problem_mark", None)
        report.error(mark.line + 1 if mark else None, f"sidecar is not valid YAML: {getattr(exc, 'problem', exc)}")
        return []
    if data is None:
        return []
    if not isinstance(data, dict):
        report.error(1, "sidecar must be a mapping of field: {value, source}")
        return []
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    supplements = []
    for key, entry in data.items():
        line = lines.get(key)
        if key not in FIELDS:
            report.error(line, f"sidecar has an unknown key {key!r} (known: {', '.join(FIELDS)})")
            continue
        if not isinstance(entry, dict) or set(entry) != {"value", "source"}:
            report.error(line, f"sidecar {key} must have exactly 'value' and 'source'")
            continue
        if not isinstance(entry["source"], str) or not entry["source"].strip():
            report.error(line, f"sidecar {key} needs a source that says where the fact comes from")
            continue
        value = _check_value(key, entry["value"], line, report)
        if value is not None:
            supplements.append((Supplement(field=key, value=value, source=entry["source"].strip()), line))
    return supplements


def _check_value(key: str, value: Any, line: Optional[int], report: Report) -> Any:
    if key == "number" and not (isinstance(value, int) and value > 0):
        report.error(line, f"sidecar number must be a positive whole number, not {value!r}")
        return None
    if key == "date":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, dt.date):
            report.error(line, f"sidecar date must be an ISO date (2025-07-29), not {value!r}")
            return None
        return value.isoformat()
    if key in ("start_time", "end_time") and not (isinstance(value, str) and _TIME.match(value)):
        report.error(line, f"sidecar {key} must be HH:MM in quotes, not {value!r}")
        return None
    if key == "format" and value not in FORMATS:
        report.error(line, f"sidecar format must be one of {', '.join(FORMATS)}, not {value!r}")
        return None
    if key in ("venue", "committee", "note") and not (isinstance(value, str) and value.strip()):
        report.error(line, f"sidecar {key} must be text")
        return None
    return value
