"""Where the generator's own files are: in docs/ besides the pages, and the project's mkdocs.yml.
Apart from the writer, so that checking whether the last build is still in place (a build with
nothing to do) need not load the writer."""

from pathlib import Path

MANIFEST = ".generated.json"  # the files the generator owns
STAGING = ".staging"  # a write in progress


def config_of(source_dir: Path) -> Path:
    """The project's mkdocs.yml, beside source/: its site_url is part of what a build makes."""
    return source_dir.parent / "mkdocs.yml"
