"""Every regular expression eventwatch runs on text stays linear on adversarial input (issue 15,
item 2): long runs of one character, "a." repeated, nested quotes, no spaces, a long line.

The probe (tests/extract/regex_probe.py) runs in a fresh interpreter, collects every pattern
eventwatch compiles (module patterns, lazily built ones, the lexicon's through extract/vocab.py)
while it reads and extracts the demo corpus, and scans each adversarial text at 1/4 and at full
size. It measures this thread's CPU time, not wall-clock time, and flags a pattern only when the
larger scan costs over 10x the smaller (linear: 4x, quadratic: 16x) plus 5 ms, or more than a
CPU second at all: bounds a linear scan does not come near however loaded the machine is. A
pattern listed in BOUNDED is instead scanned on each adversarial text cut to the most it is
ever applied to, and must stay under BOUNDED_SECONDS there.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eventwatch.extract.sentences import MAX_SENTENCE_CHARS

from ..conftest import EXAMPLES

ROOT = EXAMPLES.parent
SENTENCE = MAX_SENTENCE_CHARS  # the splitter cuts every sentence to this before any other regex
# Patterns that are super-linear when searched from every position of a long text, but that
# eventwatch only ever applies to a bounded slice: pattern (its start) -> (the most characters it
# is applied to, where). The probe scans each on adversarial texts of that length, under
# BOUNDED_SECONDS. Keep this list short: prefer bounding the pattern itself.
BOUNDED = {
    r"(?:(?:provincial |regional |state )?capital|town": (SENTENCE, "event_types.toml place_noun: one sentence"),
    r"\b[A-Z][\w'’-]*\w(?=(?:['’]s)?\s+": (SENTENCE, "extract/actors.py: one sentence"),
    r"(?P<speaker>(?:(?i:the|a|an)\s+)?": (SENTENCE, "claims.toml, a stance's speaker: one sentence"),
    r"(?:(?i:denials?)\s+(?i:from|by)\s+(?P<speaker>": (SENTENCE, "claims.toml, a denial from: one sentence"),
    r"(?:(?i:claims?|admissions?)\s+(?i:of)\s+": (SENTENCE, "claims.toml, a claim of responsibility: one sentence"),
}
# CPU seconds one scan of a bounded pattern may take on its longest input. The costliest, the
# claims rules that start with a speaker, take about 0.04 s on 1,000 characters with no space
# (quadratic within the sentence); a news sentence takes microseconds. At the splitter's 2,000
# sentences an article, 0.2 s is 400 s for one pattern on a hostile document: past that the
# per-document budget (scale.document_seconds, 600 s) rejects the document.
BOUNDED_SECONDS = 0.2


@pytest.mark.slow  # about a CPU minute: every pattern on every adversarial text and a 200 KB line
def test_no_pattern_is_super_linear_on_adversarial_text() -> None:
    bounded = json.dumps({start: chars for start, (chars, _where) in BOUNDED.items()})
    done = subprocess.run(
        [sys.executable, "-m", "tests.extract.regex_probe", "--size", "16000", "--line", "200000", "--limit", "1",
         "--bounded", bounded, "--bounded-limit", str(BOUNDED_SECONDS)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["patterns"] >= 150, "the probe no longer sees eventwatch's patterns"
    assert {"a-dot", "one-char", "nested-quotes", "no-spaces", "prose-no-stop"} <= set(found["families"])
    assert found["slow"] == []


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        ("Omar Sheikh, of Wanstead, was hurt", "Wanstead", True),  # _BIOGRAPHY, read from the word's start
        ("a Lyon-born writer", "Lyon", True),  # _BASED
        ("the Ohio-based church group", "Ohio", True),
        ("on the Kabul road", "Kabul", True),  # _STREET
        ("in the Kabul market", "Kabul", False),
    ],
)
def test_scene_patterns_keep_their_examples(sentence: str, place: str, expected: bool) -> None:
    from eventwatch.extract.scene import not_the_scene

    start = sentence.index(place)
    assert not_the_scene(sentence, start, start + len(place)) is expected


def test_site_names_and_feed_prelude_keep_their_examples() -> None:
    from eventwatch.extract.sites import find_sites
    from eventwatch.ingest.feeds import looks_like_feed

    found = find_sites("Drones hit the Sheskharis oil terminal and the Saudi Hospital.")
    assert [site.name for site in found] == ["Sheskharis oil terminal", "Saudi Hospital"]
    assert looks_like_feed(b'<?xml version="1.0"?>\n<!-- a -->\n<!DOCTYPE rss>\n<rss version="2.0">')
    assert not looks_like_feed(b"<?xml version='1.0'?><html></html>")
    assert not looks_like_feed(b"<?>\n<rss>")  # a processing instruction closes with "?>"
