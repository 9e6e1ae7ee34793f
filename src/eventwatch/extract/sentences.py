"""Split an article into sentences with character offsets into Article.text.

A regex splitter is used instead of spaCy's parser: it is ~100x cheaper, and heavy NLP
then runs only on the sentences that can report an event (see assemble.py).

Linear in the text: the abbreviation check looks only at the few characters before a stop,
and a "sentence" longer than MAX_SENTENCE_CHARS (a paragraph with no stops, a pasted table)
is cut into pieces at spaces before any other stage's regex sees it; of a run with no boundary
longer than MAX_RUN_CHARS, only the first MAX_RUN_CHARS are read; of an article, only the first
MAX_SENTENCES sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "gov",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "e.g", "i.e", "approx", "est", "rep", "sen", "pres", "prof", "inc", "ltd", "co",
}
_BOUNDARY = re.compile(r"""([.!?]["'”’)]*)\s+(?=["'“‘(]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*")
# Longest sentence passed on whole, in characters. News sentences run to ~60 words (~400
# characters); the longest in the demo corpus and ../shared/domain is under 700. Past this a
# run of text is not a sentence, and the regexes of extraction would cost far more than its size.
MAX_SENTENCE_CHARS = 1000
# Longest run of text without a sentence boundary that is read at all, in characters: past it
# the run is a dump, a pasted table or a hostile document, and only its first MAX_RUN_CHARS are
# cut into pieces and read (issue 15: a 1 MB "sentence" took 38 s, a 178 KB one 109 s; read to
# here, well under a second). 20,000 characters is four times the median news article, so an
# article written all in lower case (no boundary is found in it) is still read in full or nearly.
MAX_RUN_CHARS = 20_000
# Most sentences of one article that are read: a long news report runs to ~200 sentences (the
# longest of the demo corpus and HRDsAttack are under 300); past 2,000 (~300 KB of prose) a
# document is a dump of many reports, and reading only its first 2,000 sentences bounds the work
# and memory of one document (the spaCy parses of its candidate sentences are held together).
MAX_SENTENCES = 2_000
# An abbreviation ("Gen.", "U.S.", a lone initial) is at most 6 characters: the stop and the
# 20 characters before it are all the check needs to see (a longer run is no abbreviation).
_ABBREV_WINDOW = 24


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"(?<![A-Za-z.])([A-Za-z.]+)\.[\"'”’)]*$", chunk)
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREV or (len(token) == 1 and token.isalpha())


def _cut(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """text[start:end] as pieces of at most `limit` characters, cut after the last space
    of each piece when there is one (offsets kept; surrounding spaces left out); of a run longer
    than MAX_RUN_CHARS only the first MAX_RUN_CHARS."""
    pieces: list[tuple[int, int]] = []
    end = min(end, start + max(limit, MAX_RUN_CHARS))
    while end - start > limit:
        space = text.rfind(" ", start + limit // 2, start + limit)
        stop = space if space > start else start + limit
        pieces.append((start, stop))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _split_paragraph(text: str, offset: int, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        if _ends_with_abbreviation(text[max(start, end - _ABBREV_WINDOW) : end]):
            continue
        spans.extend(_cut(text, start, end, limit))
        start = match.end()
    if text[start:].strip():
        spans.extend(_cut(text, start, len(text.rstrip()), limit))
    return [(offset + begin, offset + end) for begin, end in spans]


def split_sentences(
    text: str, max_chars: int = MAX_SENTENCE_CHARS, max_sentences: int = MAX_SENTENCES
) -> list[Sentence]:
    """The first `max_sentences` sentences of the text, each at most `max_chars` long."""
    sentences: list[Sentence] = []
    position = 0
    for paragraph, chunk in enumerate(_PARAGRAPH.split(text)):
        if len(sentences) >= max_sentences:
            break
        begin = text.find(chunk, position) if chunk else position
        position = begin + len(chunk)
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        for start, end in _split_paragraph(stripped, begin + lead, max_chars):
            sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))
    return sentences[:max_sentences]
