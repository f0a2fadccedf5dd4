"""The generator's own files in docs/ besides the pages. Apart from the writer, so that checking
whether the last build is still in place (a build with nothing to do) need not load the writer."""

MANIFEST = ".generated.json"  # the files the generator owns
STAGING = ".staging"  # a write in progress
