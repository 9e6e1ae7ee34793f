"""The one interface the pipeline extracts through, whatever runs it (this process, a
process pool, a Dask cluster): ordered batches of articles in, their mentions out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from eventwatch.errors import TimeBudgetExceeded
from eventwatch.records import Article, Mention, Rejected
from eventwatch.scale.budget import time_budget

if TYPE_CHECKING:
    from eventwatch.extract.assemble import Services

Tag = TypeVar("Tag")
# One result per article of a batch: its mentions, or the Rejected record of an article whose
# extraction failed (the failure stays with that document; the batch goes on).
BatchMentions = list[list[Mention] | Rejected]
LOG = logging.getLogger("eventwatch.extract")


def extract_or_reject(article: Article, services: Services, budget: float | None = None) -> list[Mention] | Rejected:
    """The article's mentions; a failure, or extraction running past `budget` seconds
    (scale/budget.py), is confined to this one article."""
    from eventwatch.extract.assemble import extract_mentions

    try:
        with time_budget(budget):
            return extract_mentions(article, services)
    except TimeBudgetExceeded as exc:
        LOG.info("%s: %s", _origin(article), exc.message)
        return Rejected(stage="extract", reason=exc.message, origin=_origin(article), code=exc.code)
    except Exception as exc:  # the document boundary of extraction
        LOG.debug("internal error extracting %s", article.origin or article.id, exc_info=True)
        return Rejected.internal("extract", _origin(article), exc)


def _origin(article: Article) -> str:
    return article.origin or article.url or article.id


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
