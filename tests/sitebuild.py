"""Build the whole site into a temporary project: generator, then `mkdocs build --strict` (or Zensical)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
# The site's address in tests, whatever mkdocs.yml says: a maintainer sets that to where the
# archive is published, and the tests must stay green.
SITE_URL = "https://example.org/dx-kentokai/"


def copy_config(project: Path) -> None:
    """The project's mkdocs.yml into `project`, with the tests' site_url."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, found = re.subn(r"(?m)^site_url: .*$", f"site_url: {SITE_URL}", text)
    assert found == 1, "mkdocs.yml has no site_url line"
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def prepare_project(work: Path, source: Path = ROOT / "source") -> Path:
    """A copy of the project in `work`: config, sources, generator and the hand-written docs."""
    copy_config(work)
    shutil.copytree(source, work / "source")
    shutil.copytree(ROOT / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    # Only the hand-written files of docs/ (those git tracks): the generator makes the rest.
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    for name in tracked:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, work / name)
    return work


def engine_commands(engine: str, clean: bool = True) -> list[list[str]]:
    """What `make site ENGINE=…` runs after the generator, in the project folder (see Makefile).
    clean=False lets Zensical reuse its build cache (.cache/), as `make site` does; MkDocs always
    builds everything."""
    if engine == "mkdocs":
        return [[sys.executable, "-m", "mkdocs", "build", "--strict"]]
    if engine == "zensical":  # it runs no MkDocs hooks: the phrase index comes from its pages
        return [[str(Path(sys.executable).parent / "zensical"), "build", *(["--clean"] if clean else []), "--strict"],
                [sys.executable, "-m", "generator", "search-index"]]
    raise ValueError(f"unknown engine {engine}")


def _run(command: list[str], project: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stderr}"
    return done


def run_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in cwd, with this checkout's generator; output captured."""
    return run_python("-m", "generator", *args, cwd=cwd)


def run_python(*args: str, cwd: Path, path: Path = ROOT) -> subprocess.CompletedProcess:
    """`python ARGS` in cwd, importing the generator from `path` (this checkout's); output captured."""
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(path)})


def generate_docs(project: Path) -> None:
    _run([sys.executable, "-m", "generator", "build"], project)


def build_with(engine: str, project: Path) -> Path:
    """What `make site ENGINE=…` runs after the generator, in `project`: its site/ (see Makefile)."""
    for command in engine_commands(engine):
        _run(command, project)
    return project / "site"


def build_site(work: Path, source: Path = ROOT / "source") -> Path:
    prepare_project(work, source)
    generate_docs(work)
    return build_with("mkdocs", work)  # --strict: any warning (a broken link) fails it


def file_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too), by path relative to it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    """Every file under `root` with its modification time (ns): what a rebuild must leave alone."""
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def differing_paths(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """The paths two file trees disagree on: in one only, or with other bytes (a short failure)."""
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
