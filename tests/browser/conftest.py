"""Headless Debian chromium (Playwright) against the built site, served on localhost."""

from __future__ import annotations

import os
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from ..conftest import SOURCE
from .chromium import CHROMIUM, CHROMIUM_ARGS, serve
from .phrases import fold

if not CHROMIUM.exists():
    if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("browser tests need /usr/bin/chromium (make test installs it as root)")
    pytest.skip("Debian chromium is not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


def _has_japanese_font() -> bool:
    """Whether fontconfig, where chromium finds its fonts, has one for Japanese (True when there is
    no fc-list to ask)."""
    if shutil.which("fc-list") is None:
        return True
    listed = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True)
    return listed.returncode != 0 or bool(listed.stdout.strip())  # a failing fc-list tells nothing


@pytest.fixture(scope="session", autouse=True)
def japanese_font():
    """Without one, Japanese is set in a fallback's widths, and layout tests fail for that alone."""
    if not _has_japanese_font():
        pytest.fail("browser tests need a Japanese font: apt-get install fonts-noto-cjk "
                    "(make test installs it when run as root)")


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page that records console errors, page errors and every request's host."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.urls: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request):
        self.urls.append(request.url)
        self.hosts.add(urlsplit(request.url).hostname or urlsplit(request.url).scheme)


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="ja-JP")
    yield Watched(context.new_page())
    context.close()


@pytest.fixture(scope="session")
def meeting_sources(archive):
    """Each meeting page's URL → its source text, folded as the query rules fold it."""
    return {f"meetings/{m.id}/": fold((SOURCE / m.source_file).read_text(encoding="utf-8"))
            for m in archive.meetings}
