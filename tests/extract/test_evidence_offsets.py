"""Every evidence span points at the words it quotes, including a site named again later
in the article by its bare name or as "the plant"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from eventwatch.extract.assemble import extract_mentions
from eventwatch.records import Article

TEXT = (
    "Drones struck the Kremniy EL plant in Bryansk on Tuesday, the regional governor said.\n\n"
    "A day later, two more drones attacked the Kremniy-El in Bryansk and one was jammed.\n\n"
    "On Friday drones hit the plant in Bryansk again, damaging a workshop."
)


def test_every_evidence_span_quotes_the_article(services: Any) -> None:
    article = Article.build(TEXT, "text", published_at=datetime(2024, 6, 14, 12, tzinfo=UTC))
    mentions = extract_mentions(article, services)
    assert mentions
    sites = []
    for mention in mentions:
        for name, evidence in mention.evidence.items():
            assert TEXT[evidence.start:evidence.end] == evidence.quote, name
            if name == "site":
                sites.append(evidence.quote)
    assert sites
    assert all("Kremniy" in quote or "plant" in quote for quote in sites), sites
