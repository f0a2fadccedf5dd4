# make site: build the static site into site/; make test: run every test. Both set up .venv first.
# ENGINE=zensical builds site/ from the same mkdocs.yml with Zensical instead of MkDocs.
PYTHON ?= python3
ENGINE ?= mkdocs
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
# A Japanese font for chromium: without one the pages' Japanese is laid out in a fallback's metrics
# (a source line at 390 px no longer wraps, and the test of its wrapping fails).
JAPANESE_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: site docs serve test check bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: $(PYTHON) is not Python 3.11 or newer (or does not run): name one that is, as in make site PYTHON=python3.12" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: $(PYTHON) -m venv failed: install python3-venv (Debian) and run make again" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

docs: $(STAMP)
	$(PY) -m generator build

# Zensical runs no MkDocs hooks: the phrase index of our search is written from its pages afterwards.
# Not --quiet: MkDocs would then drop warnings before --strict counts them (a broken link would pass).
BUILD.mkdocs = $(PY) -m mkdocs build --strict
BUILD.zensical = $(VENV)/bin/zensical build --strict && $(PY) -m generator search-index
SERVE.mkdocs = $(PY) -m mkdocs serve
SERVE.zensical = $(VENV)/bin/zensical serve
# An engine is one that has a build command above (none for "", "foo", or "mkdocs zensical").
ifeq ($(BUILD.$(ENGINE)),)
$(error unknown ENGINE "$(ENGINE)": use ENGINE=mkdocs (the default) or ENGINE=zensical)
endif

site: docs
	$(BUILD.$(ENGINE))

serve: docs
	$(SERVE.$(ENGINE))

check: $(STAMP)
	$(PY) -m generator check

# Browser tests: axe-core from npm (locked), and Debian's chromium and Noto CJK fonts, installed when
# missing and root.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

$(CHROMIUM) $(JAPANESE_FONT) &:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "note: browser tests need Debian chromium and fonts-noto-cjk (sudo apt-get install chromium fonts-noto-cjk); without chromium they are skipped (with CI or REQUIRE_BROWSER set, they fail)"; fi

test: $(STAMP) $(NODE_STAMP) $(CHROMIUM) $(JAPANESE_FONT)
	$(PY) -m pytest

# Synthetic archives of 40, 400 and 4,000 meetings: generator stages, memory, rebuilds, both engines.
# A benchmark, not a test (15–35 minutes, by the machine); figures in .bench/results.json.
# SIZES="40 400" for less.
SIZES ?= 40 400 4000
bench: $(STAMP)
	$(PY) -m tests.bench.run --sizes $(SIZES)

# The generated pages and our cache go through the generator, which waits for a build under way
# (site/ and Zensical's .cache/ are removed before that wait).
clean:
	rm -rf site .cache .pytest_cache  # .cache: Zensical's build cache
	$(PYTHON) -m generator clean
