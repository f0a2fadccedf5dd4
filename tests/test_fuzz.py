"""Property: whatever the maintainer drops into source/, the generator ends with a page or with
diagnostics, never an uncaught exception, and every page it produces loses nothing of its source.
Mutations of the seeds and of the other study groups' inputs (tests/inputs): deleted, duplicated
and swapped lines, truncation at any byte, random insertions (text, and structure: bullets,
brackets, labels, attendee separators and marks), and width and spacing changes. The lossless check
itself is in tests/lossless.py."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.normalize import fold_width
from generator.parse import parse_source

from .conftest import SEEDS, SOURCE
from .lossless import lost_pieces
from .pagetext import lone_meeting_page

TEXTS = {name: (SOURCE / name).read_text(encoding="utf-8") for name in SEEDS}
# Other study groups' formats: tests/inputs and the corpus's other-format cases (colon labels, 〜 times).
OTHER_TEXTS = {path.name: path.read_text(encoding="utf-8")
               for path in sorted([*(Path(__file__).parent / "inputs").glob("*.txt"),
                                   *(Path(__file__).parent / "bad_inputs").glob("other-format-*/source/*.txt")])}
TEXT_NOISE = ["（", "第 ３ 回", "令和", " ", "\u3000", "<b>", "|", "{{ x }}", "資料１－１", "\r", "【欠席】",
              "【代理：田中補佐】"]
STRUCTURAL_NOISE = ["○", "\uf09e", "【", "】", "以上", "議事概要", "- ・ "]
NOISE = TEXT_NOISE + STRUCTURAL_NOISE
ATTENDEE_NOISE = ["、", ",", "（", "）", "※", "※代理出席", "【主査】", "（オンライン）"]

@st.composite
def mutated(draw, noise=NOISE, texts=TEXTS):
    name = draw(st.sampled_from(sorted(texts)))
    lines = texts[name].split("\n")
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "width", "spaces"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(noise)) + lines[i][at:]
        elif op == "width":
            lines[i] = fold_width(lines[i]) if draw(st.booleans()) else lines[i].translate(
                {c: c + 0xFEE0 for c in range(0x30, 0x3A)})
        else:
            lines[i] = lines[i].replace(" ", draw(st.sampled_from(["", "  ", "\u3000"])))
    data = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]  # truncated at any byte, even mid-character
    return name, data


SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(mutated(), mutated(noise=NOISE + ATTENDEE_NOISE, texts=OTHER_TEXTS)))
def test_pages_or_diagnostics_never_a_crash(case):
    name, data = case
    result = parse_source(name, data)
    assert result.meeting is not None or result.diagnostics
    if result.meeting is not None:
        lone_meeting_page(result.meeting)


def loses_nothing(case):
    name, data = case
    result = parse_source(name, data)
    if result.ok:
        assert lost_pieces(result.meeting, data.decode("utf-8", errors="ignore")) == []


@SETTINGS
@given(mutated())
def test_every_page_produced_loses_nothing(case):
    loses_nothing(case)


@SETTINGS
@given(mutated(noise=NOISE + ATTENDEE_NOISE, texts=OTHER_TEXTS))
def test_every_page_of_another_format_loses_nothing(case):
    loses_nothing(case)
