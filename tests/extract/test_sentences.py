"""The sentence splitter (issue 15, item 2): offsets into the text, abbreviations kept inside a
sentence, and pathological input (stops with no spaces, a paragraph with no stops) cut into
pieces of at most MAX_SENTENCE_CHARS before any other regex sees it, in time linear in its size."""

from __future__ import annotations

import time

import pytest

from eventwatch.extract.sentences import MAX_RUN_CHARS, MAX_SENTENCE_CHARS, MAX_SENTENCES, split_sentences


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Gen. Smith said two died. The U.S. embassy in Kyiv. Mr. J. Doe left!\n\nA new paragraph here."
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "Gen. Smith said two died.",
        "The U.S. embassy in Kyiv.",
        "Mr. J. Doe left!",
        "A new paragraph here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.paragraph for s in found] == [0, 0, 0, 1]


@pytest.mark.parametrize(
    "text",
    [
        "a." * 30_000 + "?",  # was 21.6 s: the abbreviation check re-read the growing sentence
        "word " * 36_000,  # a 178 KB paragraph with no stop (was 43 s through extraction)
        "A. " * 60_000,  # 60,000 initials: every stop looks like an abbreviation
        "x" * 200_000,  # no spaces at all
        ("Gen. " * 5 + "Smith attacked. ") * 5_000,
    ],
)
def test_pathological_text_is_cut_and_linear(text: str) -> None:
    started = time.perf_counter()
    found = split_sentences(text)
    elapsed = time.perf_counter() - started
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in found)
    assert all(text[s.start : s.end] == s.text for s in found)
    covered = sum(len(s.text) for s in found)
    read = min(len(text), MAX_RUN_CHARS)  # of one run with no boundary, only the first MAX_RUN_CHARS
    assert covered >= len(text[:read].replace(" ", "")) * 0.99 - len(found)  # nothing else dropped but spaces
    assert elapsed < 5.0  # a generous budget: linear work here takes ~0.01-0.2 s


def test_a_long_run_is_cut_at_spaces() -> None:
    text = " ".join(f"w{n}" for n in range(2000))
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(not p.text.startswith(" ") and not p.text.endswith(" ") for p in pieces)
    assert " ".join(p.text for p in pieces) == text


def test_only_the_start_of_an_overlong_run_is_read_and_real_sentences_all_are() -> None:
    run = " ".join(["the convoy moved on"] * 52_000)  # 1 MB with no sentence boundary
    pieces = split_sentences(run)
    assert pieces[0].start == 0 and pieces[-1].end <= MAX_RUN_CHARS
    assert sum(len(p.text) for p in pieces) >= MAX_RUN_CHARS * 0.99 - len(pieces)
    prose = "Shelling hit the town on Monday. Two people were killed, officials said. " * 700  # 50 KB
    sentences = split_sentences(prose)
    assert len(sentences) == 1_400 and sentences[-1].end == len(prose.rstrip())


def test_only_the_first_sentences_of_a_dump_are_read() -> None:
    dump = "Shelling hit the town on Monday.\n\nTwo people were killed, officials said. " * 14_000  # 1 MB
    sentences = split_sentences(dump)
    assert len(sentences) == MAX_SENTENCES and [s.index for s in sentences] == list(range(MAX_SENTENCES))
    assert all(dump[s.start : s.end] == s.text for s in sentences)
