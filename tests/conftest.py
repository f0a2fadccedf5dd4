from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Line
from generator.parse import parse_source
from generator.parse.report import Report

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
SEEDS = sorted(p.name for p in SOURCE.glob("*.txt"))


def lines_of(text: str, start: int = 1) -> list[Line]:
    return [Line(start + i, t) for i, t in enumerate(text.split("\n"))]


@pytest.fixture
def report() -> Report:
    return Report("source/test.txt")


def parse_seed(name: str):
    sidecar = SOURCE / name.replace(".txt", ".yml")
    return parse_source(name, (SOURCE / name).read_bytes(),
                        sidecar.read_text(encoding="utf-8") if sidecar.exists() else None)


@pytest.fixture(scope="session")
def seeds() -> dict:
    """Every seed parsed once: file name → Meeting."""
    return {name: parse_seed(name).meeting for name in SEEDS}
