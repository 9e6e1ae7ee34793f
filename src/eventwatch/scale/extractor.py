"""The one interface the pipeline extracts through, whatever runs it (this process, a
process pool, a Dask cluster): ordered batches of articles in, their mentions out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from eventwatch.records import Article, Mention

Tag = TypeVar("Tag")
BatchMentions = list[list[Mention]]  # one list of mentions per article of a batch


class Extractor(Protocol):
    """Yields one result per batch, in the order the batches came in, each with its batch's
    tag (what the caller needs to store it). An implementation may read a few batches ahead
    while earlier results are being stored, never an unbounded number."""

    def __call__(self, batches: Iterable[tuple[Tag, list[Article]]], /) -> Iterator[tuple[Tag, BatchMentions]]: ...


def batch_by_batch(extract_batch: Callable[[list[Article]], BatchMentions]) -> Extractor:
    """An Extractor that extracts each batch in turn, without reading ahead."""

    def run(batches: Iterable[tuple[Tag, list[Article]]], /) -> Iterator[tuple[Tag, BatchMentions]]:
        for tag, batch in batches:
            yield tag, extract_batch(batch)

    return run
