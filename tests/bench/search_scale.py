"""Search at scale: synthetic archives of N meetings (tests/bench/synthetic.py), built for real, then
the phrase index's size and the worker's setup time and query latency in headless chromium.

    .venv/bin/python -m tests.bench.search_scale 40 400

A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from ..sitebuild import build_site
from ..browser.chromium import CHROMIUM, CHROMIUM_ARGS, serve
from .synthetic import write_archive

QUERIES = ["標準化", "生成 AI", "ＬＧＷＡＮ", "第 3.0 版", "庄司 昌彦", "外部人材 活用", "存在しない語句"]


def measure(count: int) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_archive(work / "synthetic", count)
        started = time.perf_counter()
        site = build_site(work, source=work / "synthetic")
        build_seconds = time.perf_counter() - started
        index = site / "search" / "phrase_index.json"
        meetings = len(list((site / "meetings").glob("*/index.html")))
        with serve(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            timings = page.evaluate("""async queries => {
                const worker = new Worker("assets/search/phrase-worker.js")
                const next = () => new Promise(r => worker.addEventListener("message", e => r(e.data), {once: true}))
                let t = performance.now()
                worker.postMessage({type: 0, data: {}}); await next()
                worker.postMessage({type: 2, data: "x"}); await next()  // the index loads on the first query
                const setup = performance.now() - t
                const queries_ms = {}
                for (const q of queries) {
                    t = performance.now()
                    worker.postMessage({type: 2, data: q}); const r = await next()
                    queries_ms[q] = [performance.now() - t, r.data.items.length]
                }
                return {setup, queries_ms}
            }""", QUERIES)
            browser.close()
        return {
            "meetings": meetings, "build_seconds": round(build_seconds, 1),
            "index_bytes": index.stat().st_size, "index_bytes_per_meeting": index.stat().st_size // meetings,
            "worker_setup_ms": round(timings["setup"]),
            "query_ms": {q: round(ms, 1) for q, (ms, _) in timings["queries_ms"].items()},
            "query_pages": {q: n for q, (_, n) in timings["queries_ms"].items()},
        }


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [40, 400]:
        print(json.dumps(measure(size), ensure_ascii=False))
