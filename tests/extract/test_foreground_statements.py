"""A participle clause that sets a statement ("Speaking in Moscow, ...") is background: its place
is the speaker's, never the incident's. Sentences are written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.foreground import read_clauses
from eventwatch.records import Article


@pytest.mark.parametrize(("text", "clause"), [
    ("Speaking in Lviv on Tuesday, the governor said a missile hit a school in Sumy.", "Speaking in Lviv on Tuesday"),
    ("Addressing reporters in Odesa, the mayor said drones struck the port.", "Addressing reporters in Odesa"),
])  # fmt: skip
def test_a_speaking_clause_is_background(text: str, clause: str) -> None:
    (clauses,) = read_clauses([(text, [], False)])
    assert [text[s:e] for s, e in clauses.background] == [clause]


def test_the_speakers_town_is_not_the_scene(services: Any) -> None:
    text = ("Missile hits school\n\nSpeaking in Lviv on Tuesday, the regional governor said "
            "a missile had hit a school in Sumy, wounding three teachers.")
    article = Article.build(text, "text", published_at=datetime(2024, 5, 9, 12, tzinfo=UTC))
    locations = {m.location for m in extract_mentions(article, services)}
    assert "Lviv" not in locations


def test_a_labelled_background_sentence_is_all_background() -> None:
    text = "Background: drones hit the same depot in Bryansk twice in March."
    start = text.index("hit")
    (clauses,) = read_clauses([(text, [(start, start + 3)], False)])
    assert clauses.reasons == ("background label",) and clauses.inside(0, len(text))
