"""python -m generator build|check|search-index — the only place that prints or exits."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import generate
from .model import INFO
from .search_index import write_site_index
from .write import write_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("command", choices=["build", "check", "search-index"],
                        help="build: write the pages into docs/; check: only report problems; "
                             "search-index: write the phrase index of a site built by zensical")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--source", type=Path, default=Path("source"), help="folder of source texts")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="also show information notes")
    args = parser.parse_args(argv)

    if args.command == "search-index":  # Zensical runs no MkDocs hooks (generator/search_index.py)
        try:
            index = write_site_index(Path("mkdocs.yml"))
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"search-index: {index} written")
        return 0
    if not args.source.is_dir():
        print(f"error: source folder {args.source} does not exist", file=sys.stderr)
        return 2
    generation = generate(args.source)
    for diagnostic in generation.diagnostics:
        if diagnostic.severity != INFO or args.verbose:
            print(diagnostic, file=sys.stderr)
    for name in generation.skipped:
        print(f"source/{name}: skipped (see the errors above)", file=sys.stderr)
    failed = generation.failed(args.strict)
    counts = generation.archive.counts
    summary = f"{counts['meetings']} meetings, {counts['statements']} statements"
    if args.command == "check" or (failed and args.strict):
        print(f"check: {summary}; {'FAILED' if failed else 'ok'}")
        return 1 if failed else 0
    result = write_tree(args.docs, generation.files)
    print(f"build: {summary}; {len(result.written)} files written, "
          f"{result.unchanged} unchanged, {len(result.removed)} removed")
    return 1 if failed else 0
