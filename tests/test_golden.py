"""Golden pairs: each seed → its expected record (JSON) and page (Markdown), reviewed by a person.

A missing golden file is written and the test fails, so that it is read before it is committed.
UPDATE_GOLDEN=1 rewrites them all (review the diff before committing).
"""

import json
import os
from pathlib import Path

import pytest

from generator.model import to_dict

from .conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"


def check(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(actual, encoding="utf-8")
        pytest.fail(f"{path.name} written: review it line by line against the source, then commit it")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs (UPDATE_GOLDEN=1 to rewrite)"


@pytest.mark.parametrize("name", SEEDS)
def test_golden_record(seeds, name):
    actual = json.dumps(to_dict(seeds[name]), ensure_ascii=False, indent=1) + "\n"
    check(GOLDEN / name.replace(".txt", ".json"), actual)


@pytest.mark.parametrize("name", SEEDS)
def test_golden_page(seeds, generation, name):
    check(GOLDEN / name.replace(".txt", ".md"), generation.files[f"meetings/{seeds[name].id}.md"])
