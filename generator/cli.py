"""python -m generator build|check|clean|search-index — the only place that prints or exits."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .cache import LOCK, LastBuild, Outcome, inputs_fingerprint, read_folder
from .layout import config_of
from .diagnostic import ERROR, INFO, WARNING, Diagnostic

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a build with nothing to do)
if TYPE_CHECKING:
    from .build import Generation
    from .cache import SourceFolder

# Addresses that cannot be where the archive is published (mkdocs.yml's as shipped, or none at all).
PLACEHOLDER_HOSTS = frozenset({"example.org", "example.com", "example.net", "localhost", "127.0.0.1"})

# The pipeline (.build: parsers, Jinja, YAML, SQLite) is imported only when there is something to
# build: a build with nothing to do then takes a third of the time (0.17 → 0.055 s for the seeds).


def main(argv: list[str] | None = None) -> int:
    # A build allocates millions of small objects that live to the end: with the default
    # threshold the collector rescans them again and again (11 % of a 4,000-meeting build).
    gc.set_threshold(200_000, 30, 30)
    try:
        return _run(argv)
    except (KeyboardInterrupt, RuntimeError) as error:
        # Python 3.11 wraps a Ctrl-C that lands while a class is made (a dataclass of the pipeline,
        # imported once there is something to build) in a RuntimeError.
        if isinstance(error, RuntimeError) and not isinstance(error.__cause__, KeyboardInterrupt):
            raise
        # write_tree holds Ctrl-C back while it commits: docs/ is either as it was or all new.
        print("interrupted: docs/ was left as it was or completely written, never half", file=sys.stderr)
        return 130


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("command", choices=["build", "check", "clean", "search-index"],
                        help="build: write the pages into docs/; check: only report problems; "
                             "clean: remove the generated pages from docs/ and empty the cache; "
                             "search-index: write the phrase index of a site built by zensical")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--source", type=Path, default=Path("source"), help="folder of source texts")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="also show information notes")
    parser.add_argument("--cache", type=Path, default=Path(".build-cache"),  # not .cache/: zensical --clean empties it
                        help="where parse results, compiled templates and the last build's state are kept")
    parser.add_argument("--no-cache", action="store_true", help="parse every source and rebuild everything")
    parser.add_argument("--timings", action="store_true", help="print each stage's wall time (for make bench)")
    args = parser.parse_args(argv)

    config = config_of(args.source)
    if args.command == "search-index":  # Zensical runs no MkDocs hooks (generator/search_index.py)
        from .search_index import write_site_index
        try:
            index = write_site_index(config)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"search-index: {index} written")
        return 0
    project = LastBuild(args.cache)
    if args.command == "clean":
        return _clean(args, project)
    if not args.source.is_dir():
        print(f"error: source folder {args.source} does not exist", file=sys.stderr)
        return 2
    if args.docs.exists() and not args.docs.is_dir():
        print(f"error: {args.docs} is not a folder: the pages are written into a docs folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    folder = read_folder(args.source)  # once: for the fingerprint and for the build
    read_seconds = time.perf_counter() - started
    if args.command == "check":  # writes nothing, keeps no cache
        return _build(args, config, folder, read_seconds, None)
    with _held(project, args):
        return _build(args, config, folder, read_seconds, None if args.no_cache else project)


def _held(project: LastBuild, args: argparse.Namespace):
    lock = args.cache / LOCK
    return project.held(
        waiting=lambda: print(f"waiting for another build of this project to end ({lock})", file=sys.stderr),
        unheld=lambda error: print(f"note: {lock} cannot be locked ({_reason(error)}): a second build "
                                   "started now would not wait for this one", file=sys.stderr))


def _reason(error: OSError) -> str:
    """What went wrong, and where: `.build-cache` may be the culprit of a lock inside it."""
    if not error.strerror:
        return str(error)
    return f"{error.strerror}: {error.filename}" if error.filename else error.strerror


def _clean(args: argparse.Namespace, project: LastBuild) -> int:
    """What the generator made, gone: its pages in docs/ (hand-written files stay) and the cache;
    after any build under way, and before the next (the lock, kept while it is held, holds them
    apart)."""
    from .write import write_tree

    if not args.docs.exists() and not args.cache.exists():  # not a project, or nothing made yet
        print(f"clean: nothing to clean ({args.docs} and {args.cache} do not exist)")
        return 0
    removed = []
    with _held(project, args) as locked:
        try:
            if args.docs.is_dir():
                removed = write_tree(args.docs, {}).removed
            project.forget(locked)
        except OSError as error:
            print(f"error: {_reason(error)} ({len(removed)} generated files removed from {args.docs}"
                  f" before it)", file=sys.stderr)
            return 1
    print(f"clean: {len(removed)} generated files removed from {args.docs}, {args.cache} emptied")
    return 0


def _build(args: argparse.Namespace, config: Path, folder: "SourceFolder", read_seconds: float,
           last: LastBuild | None) -> int:
    inputs = inputs_fingerprint(folder, config.read_bytes() if config.is_file() else b"") if last else ""
    outcome = last.outcome(inputs, args.docs) if last else None  # the last build's, if nothing changed
    generation = None
    if outcome is None:
        from .build import generate

        generation = generate(args.source, cache_dir=args.cache if last else None, folder=folder)
        generation.seconds["read"] += read_seconds
        outcome = generation.outcome()
    failed = _report(outcome, args)
    if args.command == "check" or (failed and args.strict):
        print(f"check: {outcome.summary}; {'FAILED' if failed else 'ok'}")
        return 1 if failed else 0
    written = "nothing changed since the last build, 0 files written"
    if generation is not None:
        try:
            written = _write(generation, outcome, args, last, inputs)
        except OSError as error:  # a full disk, a folder that cannot be written
            print(f"error: cannot write into {args.docs}: {_reason(error)}. It holds what it held before "
                  "this build (or the files were being moved into place: the next build finishes that)",
                  file=sys.stderr)
            return 1
    skipped = f"; {len(outcome.skipped)} source(s) skipped for errors (above)" if outcome.skipped else ""
    print(f"build: {outcome.summary}; {written}{skipped}")
    if urlsplit(outcome.site_url).hostname in PLACEHOLDER_HOSTS:
        print(f"note: site_url {outcome.site_url} (mkdocs.yml) is a placeholder: citations, canonical "
              "links, the feed and the data files point there; set the archive's public address before "
              "publishing", file=sys.stderr)
    # A source with errors is left off the site and named above; the others are built, and the
    # site must be too (make site goes on to MkDocs only on 0). `check` and `--strict` fail instead.
    return 0


def _write(generation: "Generation", outcome: Outcome, args: argparse.Namespace,
           last: LastBuild | None, inputs: str) -> str:
    """Write the pages into docs/ and remember the build; what was written, in words."""
    from .write import write_tree

    started = time.perf_counter()
    keys = generation.files.keys
    # Pages whose inputs are those they were last made from, and that docs/ holds as then, are
    # neither made nor read again (the unfinished write that would void this is seen first).
    known = last.unchanged(keys, args.docs) if last else set()
    result = write_tree(args.docs, generation.files, known)
    if last:
        last.record(inputs, args.docs, sorted(generation.files), outcome, keys)
    # Pages are rendered as write_tree takes them: their time counts as render, not write.
    generation.seconds["render"] += generation.files.seconds
    generation.seconds["write"] = time.perf_counter() - started - generation.files.seconds
    if args.timings:
        print("timings: " + " ".join(f"{stage}={seconds:.4f}" for stage, seconds in generation.seconds.items()),
              file=sys.stderr)
        print(f"made: {generation.files.made} of {len(generation.files)} files", file=sys.stderr)
    return f"{len(result.written)} files written, {result.unchanged} unchanged, {len(result.removed)} removed"


def _report(outcome: Outcome, args: argparse.Namespace) -> bool:
    """Print the diagnostics and skipped sources; whether the build has failed."""
    for diagnostic in outcome.diagnostics:
        if diagnostic.severity != INFO or args.verbose:
            print(diagnostic, file=sys.stderr)
    for name in outcome.skipped:
        print(f"source/{name}: skipped (see the errors above)", file=sys.stderr)
    return _has_failed(outcome.diagnostics, args.strict)


def _has_failed(diagnostics: list[Diagnostic], strict: bool) -> bool:
    """Errors fail a build; with --strict, warnings too."""
    bad = (ERROR, WARNING) if strict else (ERROR,)
    return any(d.severity in bad for d in diagnostics)
