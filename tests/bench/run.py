"""`make bench`: the generator and the site build on synthetic archives of 40, 400 and 4,000 meetings.

    .venv/bin/python -m tests.bench.run [--sizes 40 400 4000] [--engines mkdocs zensical] [--out FILE]

For each size, in a temporary copy of the project (tests/bench/synthetic.py makes the sources; the
generator's code byte-compiled, as an installed package's is), every command pinned to one core,
after a sync of the disk (tests/bench/measure.py):
- a full generation (`python -m generator build --timings` on an empty docs/): wall time, time of
  each stage, CPU time, meetings per second, peak memory;
- the floor under it: the same files written again by a bare loop and synced (tests/bench/floor.py);
- a no-op rebuild (nothing changed): wall time, files written, whether any mtime in docs/ changed;
- one meeting added: wall time, and how many files were made (rendered, or copied from source/) and written;
- `mkdocs build` (and `zensical build`) on the same docs: wall time, peak memory, search index bytes.
It prints a table and writes the figures as JSON (default .bench/results.json). A benchmark, not a
test: it checks nothing and fails only when a build fails.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ..sitebuild import ENV as SITE_ENV
from ..sitebuild import ROOT, engine_commands, mtimes, prepare_project
from .synthetic import add_meeting, meeting_day, write_archive

ENV = {**SITE_ENV, "PYTHONHASHSEED": "0"}


def measured(command: list[str], cwd: Path) -> dict:
    """Wall time and peak memory of `command`, run on one core (tests/bench/measure.py)."""
    wrapper = [sys.executable, "-m", "tests.bench.measure", "--", *command]
    done = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": f"{cwd}:{ROOT}"}, check=True)
    result = json.loads(done.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result['stderr'][-3000:]}")
    return result


def generation(project: Path) -> dict:
    run = measured([sys.executable, "-m", "generator", "build", "--timings"], project)
    result = {"seconds": run["seconds"], "cpu_seconds": run["cpu_seconds"], "peak_mb": run["peak_mb"],
              "stages": {}, "written": 0, "removed": 0}
    if "nothing changed since the last build" in run["stdout"]:  # skipped whole: no stages ran
        return result
    timings = re.search(r"^timings: (.*)$", run["stderr"], re.M)
    written = re.search(r"(\d+) files written, (\d+) unchanged, (\d+) removed", run["stdout"])
    result["stages"] = {k: float(v) for k, v in (pair.split("=") for pair in timings.group(1).split())}
    made = re.search(r"^made: (\d+) of (\d+) files$", run["stderr"], re.M)
    result["made"], result["files"] = int(made.group(1)), int(made.group(2))
    result["written"], result["removed"] = int(written.group(1)), int(written.group(3))
    return result


def bench_size(count: int, engines: list[str], work: Path) -> dict:
    """Every figure for one size, in the empty folder `work`."""
    write_archive(work / "synthetic", count)
    project = prepare_project(work, source=work / "synthetic")
    # Byte-compiled first, as pip does when it installs a package (MkDocs' own code, in the venv,
    # already is): else the first build also compiles the generator, 0.13 s once per copy.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "generator")], check=True)
    full = generation(project)
    floor = measured([sys.executable, "-m", "tests.bench.floor", str(project / "docs"), str(work / "floor")], project)
    full["write_floor"] = json.loads(floor["stdout"])
    before = mtimes(project / "docs")
    noop = generation(project)
    noop["mtimes_unchanged"] = mtimes(project / "docs") == before
    builds = {}
    for engine in engines:
        try:
            runs = [measured(command, project) for command in engine_commands(engine)]
        except RuntimeError as failure:  # an engine that fails at this size is a finding, not the end
            builds[engine] = {"error": str(failure).strip().splitlines()[-1]}
            continue
        site = project / "site"
        builds[engine] = {
            "seconds": sum(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "phrase_index_bytes": _size(site / "search" / "phrase_index.json"),
            "engine_index_bytes": _size(site / "search" / "search_index.json"),
            "meeting_pages": len(list((site / "meetings").glob("*/index.html"))),
        }
    # A meeting on the latest version in the catalogue (its own k would open a version of its own
    # every eighth meeting, and every size is a multiple of eight).
    add_meeting(project / "source", None, count, count + 1, meeting_day(count, count), version_k=count - 1)
    added = generation(project)
    # The site after one meeting is added: Zensical reuses its cache (it built last, so site/ is
    # its own); MkDocs has no incremental build, its rebuild is a full one.
    if "zensical" in builds and "error" not in builds["zensical"] and engines[-1] == "zensical":
        runs = [measured(command, project) for command in engine_commands("zensical", clean=False)]
        builds["zensical"]["rebuild_after_add_seconds"] = sum(r["seconds"] for r in runs)
        builds["zensical"]["meeting_pages_after_add"] = len(list((project / "site" / "meetings").glob("*/index.html")))
    return {"meetings": count, "full": full, "noop": noop, "add_one": added, "builds": builds}


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def table(results: list[dict]) -> str:
    rows = [["meetings", *(str(r["meetings"]) for r in results)]]

    def row(label, value):
        rows.append([label, *(value(r) for r in results)])

    for stage in ("read", "parse", "index", "render", "write"):
        row(f"  {stage} s", lambda r, s=stage: f"{r['full']['stages'].get(s, 0):.2f}")
    row("generation wall s", lambda r: f"{r['full']['seconds']:.2f}")
    row("meetings/s (wall)", lambda r: f"{r['meetings'] / r['full']['seconds']:.0f}")
    row("generation CPU s (user + system)", lambda r: f"{r['full']['cpu_seconds']:.2f}")
    row("meetings/s (CPU)", lambda r: f"{r['meetings'] / r['full']['cpu_seconds']:.0f}")
    row("floor: bare write of docs/ s", lambda r: f"{r['full']['write_floor']['seconds']:.2f}")
    row("floor: meetings/s", lambda r: f"{r['meetings'] / r['full']['write_floor']['seconds']:.0f}")
    row("peak memory MB", lambda r: f"{r['full']['peak_mb']:.0f}")
    row("no-op rebuild s", lambda r: f"{r['noop']['seconds']:.2f}")
    row("no-op / full generation", lambda r: f"{r['noop']['seconds'] / r['full']['seconds']:.0%}")
    row("no-op: files written", lambda r: f"{r['noop']['written']}")
    row("no-op: mtimes unchanged", lambda r: "yes" if r["noop"]["mtimes_unchanged"] else "NO")
    row("add one: s / files written", lambda r: f"{r['add_one']['seconds']:.2f} / {r['add_one']['written']}")
    row("add one: files made / all", lambda r: f"{r['add_one']['made']} / {r['add_one']['files']}")
    for engine in results[0]["builds"]:
        row(f"{engine} build s", lambda r, e=engine: _built(r, e, lambda b: f"{b['seconds']:.1f}"))
        row(f"{engine} peak MB", lambda r, e=engine: _built(r, e, lambda b: f"{b['peak_mb']:.0f}"))
        row(f"{engine} meeting pages", lambda r, e=engine: _built(r, e, lambda b: f"{b['meeting_pages']}"))
        if engine == "mkdocs":  # fetched by Material's bundle on every page load (see README, "Search")
            row("mkdocs: lunr index bytes", lambda r: _built(
                r, "mkdocs", lambda b: f"{b['engine_index_bytes'] or 0:,}"))
        if engine == "zensical":
            row("zensical rebuild, one added s / pages", lambda r: _built(
                r, "zensical", lambda b: f"{b.get('rebuild_after_add_seconds', float('nan')):.1f} / "
                                         f"{b.get('meeting_pages_after_add')}"))
        row("generation / make site", lambda r, e=engine: _built(
            r, e, lambda b: f"{r['full']['seconds'] / (r['full']['seconds'] + b['seconds']):.1%}"))
    row("phrase index bytes", lambda r: f"{_first(r, 'phrase_index_bytes'):,}")
    failures = [f"{r['meetings']} meetings, {e}: {b['error']}" for r in results for e, b in r["builds"].items()
                if "error" in b]
    width = [max(len(line[i]) for line in rows) for i in range(len(rows[0]))]
    return "\n".join(["  ".join(cell.ljust(width[i]) if i == 0 else cell.rjust(width[i])
                                for i, cell in enumerate(line)) for line in rows] + failures)


def _built(result: dict, engine: str, show) -> str:
    build = result["builds"][engine]
    return "failed" if "error" in build else show(build)


def _first(result: dict, key: str) -> int:
    return next((b[key] for b in result["builds"].values() if b.get(key) is not None), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    parser.add_argument("--engines", nargs="+", default=["mkdocs", "zensical"])
    parser.add_argument("--out", type=Path, default=ROOT / ".bench" / "results.json")
    args = parser.parse_args(argv)
    results = []
    # Every size's folder is kept until all are measured: on this machine's disk (ext4, mounted
    # with discard) files made soon after a large deletion were slow to create, and the 4,000-meeting
    # run paid for the 400 one's: 7.1 s of writing and 19.6 s of generation, against 2.5 and 15.1 s.
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for count in args.sizes:
            print(f"bench: {count} meetings …", file=sys.stderr, flush=True)
            work = Path(tmp) / str(count)
            work.mkdir()
            results.append(bench_size(count, args.engines, work))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"results": results}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"figures: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
