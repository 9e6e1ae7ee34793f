"""The corroboration summary: independent outlets (a wire copy once), officials per side."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from eventwatch.records import Article, Claim, Event, Evidence, SourceRef
from eventwatch.resolve.corroboration import corroborate, side_of

from ..store.builders import make_mention

WIRE = ("MOSCOW, March 14 (Global Newswire) - Ukrainian drones struck the Ryazan oil refinery early on Friday, "
        "starting a fire, the governor of Russia's Ryazan region said. Nobody was killed.")


def _article(text: str, outlet: str, hour: int) -> Article:
    return Article.build(text, "text", outlet=outlet, published_at=datetime(2025, 3, 14, hour, tzinfo=UTC))


def _claim(article: Article, speaker: str, stance: str) -> Claim:
    return Claim(speaker, stance, None, Evidence(article.id, 0, 5, article.text[:5]))  # type: ignore[arg-type]


def test_wire_copies_count_once_and_sides_sum_up() -> None:
    original = _article(WIRE, "Global Newswire", 8)
    copy = _article(WIRE + " Republished under licence.", "Black Sea Bulletin", 9)
    own = _article("KYIV (Steppe Wire) - A fire broke out at the Ryazan refinery on Friday after a drone attack, "
                   "officials said.", "Steppe Wire", 10)
    mention = make_mention(original, country="Russia", fatalities=0)
    sources = [
        (original, replace(mention, claims=(_claim(original, "Ukraine's security service", "claims_responsibility"),))),
        (copy, replace(mention, article_id=copy.id)),
        (own, replace(mention, article_id=own.id, fatalities=1, claims=(
            _claim(own, "the governor", "confirms"), _claim(own, "Russia's defence ministry", "disputes")))),
    ]
    summary = corroborate(Event("e", mention, ()), sources)
    assert summary.reports == 3
    assert summary.outlets == ("Global Newswire", "Steppe Wire")
    assert summary.copies == (("Black Sea Bulletin", "Global Newswire"),)
    verdicts = {s.side: s.verdict for s in summary.sides}
    assert verdicts == {"Ukraine": "confirms", "Russia": "disputed"}
    assert summary.fatalities == (1, 1)


def test_an_uncredited_copy_counts_under_the_article_it_copies() -> None:
    text = WIRE.split(" - ", 1)[1]
    first, second = _article(text, "Outlet A", 8), _article(text + " More soon.", "Outlet B", 9)
    mention = make_mention(first)
    pairs = [(first, mention), (second, replace(mention, article_id=second.id))]
    refs = (SourceRef(first.id, 0, "Outlet A", None, None), SourceRef(second.id, 0, "Outlet B", None, None, first.id))
    summary = corroborate(Event("e", mention, refs), pairs)
    assert summary.outlets == ("Outlet A",) and summary.copies == (("Outlet B", "Outlet A"),)
    unlinked = corroborate(Event("e", mention, ()), pairs)  # no stored copy link: two outlets
    assert unlinked.outlets == ("Outlet A", "Outlet B") and unlinked.copies == ()


def test_speaker_sides() -> None:
    assert side_of("Ukraine's general staff", "Russia") == "Ukraine"
    assert side_of("the regional governor", "Russia") == "Russia"
    assert side_of("The RSF", "Sudan") == "RSF"
    assert side_of("a local community leader", "Nigeria") is None
