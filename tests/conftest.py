from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import generate
from generator.model import Line
from generator.parse.report import Report

from .sitebuild import SITE_URL, build_site, build_with, generate_docs, prepare_project

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
SEEDS = sorted(p.name for p in SOURCE.glob("*.txt"))
# The corpus case other-format-colon-labels: labels that carry their first line after a colon.
COLON_LABELS = ROOT / "tests" / "bad_inputs" / "other-format-colon-labels" / "source" / "standardization_04.txt"
LAYOUT_VARIANTS = ROOT / "tests" / "inputs" / "layout_variants.txt"  # many layouts in one meeting


def source_folder(root: Path, files: dict[str, bytes]) -> Path:
    """root/source/ holding `files` (name → bytes)."""
    source = root / "source"
    source.mkdir()
    for name, data in files.items():
        (source / name).write_bytes(data)
    return source


def generate_folder(source: Path):
    """The generation of a source/ folder made by a test, at the tests' site_url."""
    return generate(source, SITE_URL)


def grep_lines(text: str) -> list[str]:
    """The text's lines as grep -n and editors count them: only \n ends a line, and a final one
    opens none. Written here apart from the generator's own splitting, to test it against."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def lines_of(text: str, start: int = 1) -> list[Line]:
    return [Line(start + i, t) for i, t in enumerate(text.split("\n"))]


@pytest.fixture
def report() -> Report:
    return Report("source/test.txt")


@pytest.fixture(scope="session")
def generation():
    """The whole archive generated once from source/: parse, index, render (nothing written)."""
    return generate(SOURCE, SITE_URL)


@pytest.fixture(scope="session")
def archive(generation):
    return generation.archive


@pytest.fixture(scope="session")
def seeds(archive) -> dict:
    """Every seed's meeting record: file name → Meeting."""
    return {m.source_file: m for m in archive.meetings}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site: the generator and `mkdocs build --strict` in a copy of the project."""
    return build_site(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory) -> Path:
    """The same project built as `make site ENGINE=zensical` does (once: engines and browser tests)."""
    project = prepare_project(tmp_path_factory.mktemp("zensical"))
    generate_docs(project)
    build_with("zensical", project)
    return project


@pytest.fixture(scope="session")
def zensical_site(zensical_project) -> Path:
    return zensical_project / "site"
