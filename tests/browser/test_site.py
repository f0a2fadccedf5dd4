"""A reader's path through the site, with no console error and no request to another host."""

from pathlib import Path

import pytest

from ..conftest import SOURCE

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
    # Reading is not searching: the search index is fetched only for a query. Material's bundle
    # fetches its own lunr index on every page load, whatever worker answers: it holds no page.
    assert not any("phrase_index.json" in url for url in watched.urls)
    lunr = [url for url in watched.urls if url.endswith("/search/search_index.json")]
    assert all(page.request.get(url).json()["docs"] == [] for url in lunr)


def test_a_statement_anchor_opens_at_the_statement(watched, site_url):
    page = watched.page
    page.goto(site_url + "meetings/027/#s2-2")
    statement = page.locator("#s2-2")
    assert "小規模自治体において" in statement.inner_text()
    assert statement.evaluate("el => el.matches(':target')")


# Where the first letter of each line of a text node starts, left to right: wrapped lines of a
# hanging indent all start at one place.
LINE_STARTS = """text => {
    const starts = {};
    for (let i = 0; i < text.data.length; i++) {
        if (/\\s/.test(text.data[i])) continue;
        const letter = document.createRange(); letter.setStart(text, i); letter.setEnd(text, i + 1);
        const box = letter.getBoundingClientRect();
        if (!(box.top in starts)) starts[box.top] = box.left;
    }
    return Object.values(starts);
}"""
COPIED = """element => {
    const range = document.createRange(); range.selectNodeContents(element);
    const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
    return selection.toString();
}"""


def test_a_statement_number_is_apart_from_its_text_and_wrapped_lines_align(watched, site_url):
    """Copied (and in MkDocs' search index) the number ran into the text: 1-82025年度までの…"""
    page = watched.page
    page.goto(site_url + "meetings/014/")
    statement = page.locator("#s1-8")
    assert statement.evaluate(COPIED).startswith("1-8\u30002025年度までの")
    starts = statement.evaluate(f"""p => ({LINE_STARTS})(
        [...p.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.data.trim()))""")
    assert len(starts) > 1 and max(starts) - min(starts) < 1, starts


def test_a_source_line_wraps_clear_of_the_numbers_and_copies_as_the_file_has_it(watched, site_url):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site_url + "source/000_1e74b449c9ce0912/")
    line = page.locator("#L2")
    starts = line.evaluate(f"line => ({LINE_STARTS})(line.lastChild)")
    assert len(starts) > 1 and max(starts) - min(starts) < 1, starts  # before, it wrapped under "2"
    printed = (SOURCE / "000_1e74b449c9ce0912.txt").read_text(encoding="utf-8").splitlines()[1]
    assert line.evaluate(COPIED) == printed  # not the number, nor the space after it


# The ids of the source lines shown marked: a background of their own or of a span holding them.
MARKED_LINES = """() => [...document.querySelectorAll("pre.source-text span[id^=L]:not(.range)")]
  .filter(line => {
    for (let e = line; !e.matches("pre"); e = e.parentElement)
      if (getComputedStyle(e).backgroundColor !== "rgba(0, 0, 0, 0)") return true
    return false
  }).map(line => line.id)"""


def test_a_statements_source_link_marks_all_of_its_lines(watched, site_url):
    """Before, only the first line of 原文 L97–100 was marked, the rest of the statement left plain."""
    page = watched.page
    page.goto(site_url + "meetings/027/")
    page.locator("#s1-1").get_by_role("link", name="原文 L97–100").click()
    page.wait_for_url("**/source/000_1e74b449c9ce0912/#L97-L100")
    assert page.evaluate(MARKED_LINES) == ["L97", "L98", "L99", "L100"]
    assert page.locator("#L97").is_visible() and page.evaluate("window.scrollY") > 0
    page.goto(site_url + "source/000_1e74b449c9ce0912/#L98")  # one line, cited on its own
    assert page.evaluate(MARKED_LINES) == ["L98"]


def test_a_linked_file_name_shows_its_underscores(watched, site_url):
    """The link's underline ran through the underscores: 003_93df….txt read as 003 93df….txt."""
    page = watched.page
    page.goto(site_url + "meetings/037/")
    link = page.locator("td a:has(> code)", has_text="003_93df5cc9a7216084.txt")
    offset, size = link.evaluate("a => [getComputedStyle(a).textUnderlineOffset, getComputedStyle(a).fontSize]")
    assert float(offset.removesuffix("px")) >= 0.35 * float(size.removesuffix("px"))


@pytest.mark.parametrize("path", ["meetings/027/", "members/庄司昌彦/", "members/"])
def test_on_a_phone_a_roster_fits_the_screen_and_names_stay_whole(watched, site_url, path):
    """At 390 px the 出欠 column of a member's meetings was off-screen (Material's cell padding), and
    a narrow column broke 庄司 昌彦 and 第27回 inside."""
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site_url + path)
    widths = page.evaluate("""() => [...document.querySelectorAll("article table")]
        .map(t => Math.round(t.getBoundingClientRect().right - document.documentElement.clientWidth))""")
    assert widths and max(widths) <= 0, widths
    broken = page.evaluate("""() => [...document.querySelectorAll("article td a:is(.person, .meeting)")]
        .filter(a => a.getClientRects().length > 1).map(a => a.textContent)""")  # a box a line
    assert broken == []


# The characters a Japanese line must not start with (kinsoku): where one does, the text before it.
LINES_STARTING_BADLY = """() => {
  const bad = [], range = document.createRange()
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT)
  for (let node; (node = walker.nextNode());) {
    for (let i = 1; i < node.data.length; i++) {
      if (!"ーァィゥェォッャュョ、。）」".includes(node.data[i])) continue
      range.setStart(node, i - 1); range.setEnd(node, i); const before = range.getBoundingClientRect()
      range.setStart(node, i); range.setEnd(node, i + 1); const mark = range.getBoundingClientRect()
      if (mark.height && before.height && mark.top >= before.bottom - 1) bad.push(node.data.slice(Math.max(0, i - 5), i + 1))
    }
  }
  return bad
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_no_line_starts_with_a_long_vowel_mark_or_a_small_kana(watched, site_url, width):
    """The attendee table broke オブザーバ／ー (line-break: normal lets a line start with ー)."""
    page = watched.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "meetings/027/")
    assert page.evaluate(LINES_STARTING_BADLY) == []


def test_a_material_reached_by_its_anchor_is_marked(watched, site_url):
    page = watched.page
    page.goto(site_url + "meetings/027/#m1-2")
    colour = page.locator("tr:has(#m1-2)").evaluate("row => getComputedStyle(row).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("path", ["", "meetings/027/", "members/庄司昌彦/", "members/matrix/"])
def test_no_serious_accessibility_violations(watched, site_url, path):
    page = watched.page
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
