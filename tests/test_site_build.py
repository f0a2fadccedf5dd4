"""The real thing: generate the docs and run `mkdocs build --strict` on them."""

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "source", work / "source")
    shutil.copytree(ROOT / "docs", work / "docs",
                    ignore=lambda d, names: [n for n in names if n in ("meetings", "data", "index.md", ".generated.json")]
                    if d == str(ROOT / "docs") else [])
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    generate = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=work, env=env,
                              capture_output=True, text=True)
    assert generate.returncode == 0, generate.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=work, env=env,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    return work / "site"


def test_every_meeting_has_a_page(built_site):
    for meeting_id in ("003", "014", "027", "037", "002_607a81b7cfd4288f"):
        assert (built_site / "meetings" / meeting_id / "index.html").is_file()


def test_statement_anchors_are_in_the_html(built_site):
    html = (built_site / "meetings" / "027" / "index.html").read_text(encoding="utf-8")
    assert 'id="s1-6"' in html and 'id="s2-2"' in html and 'id="s1"' in html
    assert "自治体DX推進計画が第3.0版へ改版" in html


def test_meetings_json_is_published(built_site):
    data = json.loads((built_site / "data" / "meetings.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["meetings"]] == ["003", "014", "027", "037", "002_607a81b7cfd4288f"]
    assert data["meetings"][2]["url"] == "meetings/027/"
    assert data["meetings"][2]["source"]["sha256"] == (
        "dc904e36cd86837e394fd195e5d09da0eea49ed91c9ec3867bedc5022fe10569")


def test_no_google_fonts(built_site):
    for page in built_site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8")
