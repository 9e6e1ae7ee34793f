"""Split an article into sentences with character offsets into Article.text.

A regex splitter is used instead of spaCy's parser: it is ~100x cheaper, and heavy NLP
then runs only on the sentences that can report an event (see assemble.py).
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


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"([A-Za-z.]+)\.[\"'”’)]*$", chunk)
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREV or (len(token) == 1 and token.isalpha())


def _split_paragraph(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        if _ends_with_abbreviation(text[start:end]):
            continue
        spans.append((offset + start, offset + end))
        start = match.end()
    if text[start:].strip():
        spans.append((offset + start, offset + len(text.rstrip())))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    position = 0
    for paragraph, chunk in enumerate(_PARAGRAPH.split(text)):
        begin = text.find(chunk, position) if chunk else position
        position = begin + len(chunk)
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        for start, end in _split_paragraph(stripped, begin + lead):
            sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))
    return sentences
