"""Build the whole site into a temporary project: generator, then `mkdocs build --strict`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_site(work: Path, source: Path = ROOT / "source") -> Path:
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(source, work / "source")
    shutil.copytree(ROOT / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    # Only the hand-written files of docs/ (those git tracks): the generator makes the rest.
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    for name in tracked:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, work / name)
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    generate = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=work, env=env,
                              capture_output=True, text=True)
    assert generate.returncode == 0, generate.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=work, env=env,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return work / "site"
