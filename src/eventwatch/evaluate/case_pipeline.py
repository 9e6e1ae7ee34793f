"""Score the ingest pipeline's own event typing on a CASE 2021 Task 2 TSV.

``eventwatch eval case2021 FILE --pipeline``: every snippet runs through the real extraction
(``extract_mentions``) as a tiny plain-text article published on ``PUBLISHED``; the
article's primary mention (``primary.primary_mention``) gives the label, its sub-event type
as a CASE code. A snippet the pipeline extracts no event from gets the label the snippet
rules give it when that is one of the five non-ACLED labels (crime, disaster, diplomacy,
attribution: news the pipeline rightly leaves out), else ``FALLBACK`` ("OTHER"). The
scores are those of ``case2021.score``, so they compare with the snippet classifier's.

This measures the types stored in the database, including what the pipeline's other stages
add: an event is extracted only when the snippet says where it happened. Results carry
counts and scores only, never snippet text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwatch.evaluate.case2021 import CaseRow, read_case_tsv, score
from eventwatch.evaluate.primary import primary_mention
from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.extract.snippet import CODE_OF, EXTRA_LABELS, FALLBACK, classify_text
from eventwatch.records import Article

PUBLISHED = datetime(2021, 1, 1, tzinfo=UTC)  # any fixed date: snippets carry their own


def pipeline_label(snippet: str, services: Services) -> tuple[str, bool]:
    """The CASE label of the snippet's primary mention, and whether there was one."""
    article = Article.build(snippet, "text", published_at=PUBLISHED, origin="case2021")
    top = primary_mention(extract_mentions(article, services))
    if top is not None:
        return CODE_OF[top.sub_event_type], True
    rules = classify_text(snippet).label
    return (rules if rules in EXTRA_LABELS else FALLBACK), False


def predict_rows(rows: Sequence[CaseRow], services: Services) -> list[tuple[str, bool]]:
    """Per row: its label, and whether the pipeline extracted an event."""
    return [pipeline_label(row.snippet, services) for row in rows]


def evaluate_pipeline(path: Path, services: Services) -> dict[str, Any]:
    """The ``case2021`` scores of the pipeline's typing, plus ``with_mention`` (the snippets
    the pipeline extracted an event from) and ``with_mention_accuracy`` (the share of those
    whose primary event has the gold label: the typing, apart from what is extracted)."""
    rows = read_case_tsv(path)
    found = predict_rows(rows, services)
    typed = [row.gold == label for row, (label, had) in zip(rows, found, strict=True) if had]
    result = score([row.gold for row in rows], [label for label, _ in found])
    return {
        "n": result.pop("n"),
        "with_mention": len(typed),
        "with_mention_accuracy": round(sum(typed) / len(typed), 4) if typed else 0.0,
        **result,
    }
