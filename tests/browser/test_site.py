"""A reader's path through the site, with no console error and no request to another host."""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def test_home_to_a_meeting_through_the_navigation(watched, site_url):
    page = watched.page
    page.goto(site_url)
    page.get_by_role("link", name="会議", exact=True).first.click()
    page.wait_for_url("**/meetings/")
    page.get_by_role("link", name="第27回").first.click()
    page.wait_for_url("**/meetings/027/")
    assert page.locator("h1").inner_text().rstrip("¶") == "第27回 議事概要"
    assert page.locator("#s1-3").is_visible()
    assert watched.errors == []
    assert watched.hosts <= {"127.0.0.1"}
    # Reading is not searching: the search index is fetched only for a query.
    assert not any("phrase_index.json" in url for url in watched.urls)


def test_a_statement_anchor_opens_at_the_statement(watched, site_url):
    page = watched.page
    page.goto(site_url + "meetings/027/#s2-2")
    statement = page.locator("#s2-2")
    assert "小規模自治体において" in statement.inner_text()
    assert statement.evaluate("el => el.matches(':target')")


@pytest.mark.parametrize("path", ["", "meetings/027/", "members/庄司昌彦/", "members/matrix/"])
def test_no_serious_accessibility_violations(watched, site_url, path):
    page = watched.page
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
