from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventwatch.errors import NotNews
from eventwatch.ingest.dates import parse_published
from eventwatch.ingest.meta import DocMeta
from eventwatch.ingest.text import parse_text
from eventwatch.settings import IngestSettings

from .samples import BODY, PARAGRAPHS

SETTINGS = IngestSettings()


def test_front_matter_gives_metadata_and_is_not_text() -> None:
    doc = f"""---
title: Depot fire at Marlow Bridge
outlet: The Weekly Courier
url: https://courier.example/local/depot-fire
published: 2024-03-12T22:40:00+02:00
---
{BODY}
"""
    article = parse_text(doc, SETTINGS, origin="fire.md")
    assert article.title == "Depot fire at Marlow Bridge"
    assert article.outlet == "The Weekly Courier"
    assert article.url == "https://courier.example/local/depot-fire"
    assert article.published_at == datetime(2024, 3, 12, 20, 40, tzinfo=UTC)
    assert article.text == BODY
    assert article.source_kind == "text"


def test_short_first_line_without_stop_is_the_title() -> None:
    article = parse_text(f"Depot fire at Marlow Bridge\n\n{BODY}", SETTINGS, origin="a.txt")
    assert article.title == "Depot fire at Marlow Bridge"
    assert parse_text(BODY, SETTINGS, origin="b.txt").title is None


def test_sidecar_metadata_is_used_but_front_matter_wins() -> None:
    given = DocMeta(title="Sidecar title", outlet="Sidecar outlet")
    article = parse_text(f"---\ntitle: Front title\n---\n{BODY}", SETTINGS, origin="a.txt", given=given)
    assert (article.title, article.outlet) == ("Front title", "Sidecar outlet")


def test_boilerplate_lines_are_removed_and_copyright_is_not_a_date() -> None:
    doc = "\n".join(
        [
            *PARAGRAPHS,
            "Share this article",
            "Sign up for our newsletter",
            "Be the first to comment",
            "Leave a Reply",
            "This site uses Akismet to reduce spam.",
            "© 2023 The Weekly Courier. All rights reserved.",
            "Unauthorized use and/or duplication of this material is prohibited.",
        ]
    )
    article = parse_text(doc, SETTINGS, origin="a.txt")
    assert article.text == BODY
    assert article.published_at is None


def test_a_sentence_mentioning_copyright_is_kept() -> None:
    doc = BODY + "\nCopyright lawyers for the council said the footage could be published."
    assert "Copyright lawyers" in parse_text(doc, SETTINGS, origin="a.txt").text


def test_too_little_text_is_not_news() -> None:
    with pytest.raises(NotNews):
        parse_text("Short note\nNothing much here.", SETTINGS, origin="a.txt")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-12", datetime(2024, 3, 12, tzinfo=UTC)),
        ("2024-03-12T08:15:00", datetime(2024, 3, 12, 8, 15, tzinfo=UTC)),
        ("2024-03-12T08:15:00Z", datetime(2024, 3, 12, 8, 15, tzinfo=UTC)),
        ("Tue, 12 Mar 2024 08:15:00 GMT", datetime(2024, 3, 12, 8, 15, tzinfo=UTC)),
        ("last Tuesday", None),
        ("2024-13-45", None),
        ("", None),
    ],
)
def test_published_parsing(raw: str, expected: datetime | None) -> None:
    assert parse_published(raw) == expected


def test_bad_date_in_front_matter_is_none_not_a_rejection() -> None:
    article = parse_text(f"---\npublished: sometime soon\n---\n{BODY}", SETTINGS, origin="a.txt")
    assert article.published_at is None
