"""Issue 12 and issue 15 (item 4) end to end on reports written for these tests
(tests/fixtures/resolution/, the project's own words): templated bulletins, a corrected
republication, one refinery under two names, and the same articles in any order."""

from __future__ import annotations

import random
from pathlib import Path

from eventwatch.ingest import read_sources
from eventwatch.pipeline import ingest_items
from eventwatch.records import Article
from eventwatch.resolve.corroboration import corroborate
from eventwatch.store import Repository, open_repository
from eventwatch.store.schema import VOLATILE_COLUMNS, events

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = FIXTURES / "resolution"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "resolution"


def _articles(settings, *paths: Path) -> list[Article]:  # type: ignore[no-untyped-def]
    return [a for a in read_sources([str(p) for p in paths], settings) if isinstance(a, Article)]


def _ingest(url: str, settings, services, articles: list[Article]) -> Repository:  # type: ignore[no-untyped-def]
    repo = open_repository(url)
    ingest_items(articles, settings, repo, services)
    return repo


def _by_outlet(repo: Repository, outlet: str) -> list[str]:
    return [e.id for e in repo.list_events() if any(s.outlet == outlet for s in e.sources)]


def test_templated_bulletins_about_three_towns_are_three_events_and_no_copies(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    bulletins = sorted(REPORTS.glob("steppe-bulletin-*.txt"))
    repo = _ingest(db_url, settings, services, _articles(settings, *bulletins))
    copies, versions = repo.article_links()
    assert copies == {} and versions == {}
    assert len(_by_outlet(repo, "Steppe Bulletin")) == 3


def test_a_corrected_republication_supersedes_the_first_version(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    first, corrected = _articles(settings, REPORTS / "river-ledger-nikopol-first.txt",
                                 REPORTS / "river-ledger-nikopol-corrected.txt")  # fmt: skip
    repo = _ingest(db_url, settings, services, [first, corrected])
    assert repo.article_links() == ({}, {first.id: corrected.id})
    (event,) = repo.list_events()
    assert event.mention.fatalities == 2  # the newer figure, not ACLED's lowest of both versions
    assert list(event.values_by_source) == [corrected.id]
    summary = corroborate(event, repo.event_mentions(event.id))
    assert summary.outlets == ("River Ledger",)
    history = repo.event_history(event.id)
    assert any("newer version" in v.reason for v in history)


def test_an_operators_refinery_and_the_towns_refinery_are_one_event_and_one_site(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    reports = sorted(REPORTS.glob("*kstovo*.txt"))
    repo = _ingest(db_url, settings, services, _articles(settings, *reports))
    (event,) = repo.list_events()
    assert {s.outlet for s in event.sources} == {"Volga Times", "Harbour Post"}
    site = repo.get_site(event.site_id or "")
    assert {"Lukoil oil refinery", "Kstovo oil refinery"} <= set(site.aliases)
    assert "joined event" in repo.event_history(event.id)[-1].reason


def _tables(repo: Repository) -> dict[str, list[tuple[object, ...]]]:
    """The stored events, mentions, sites and article links; an event's version number (the
    length of its history, which tells the order sources came in) is left out."""
    snapshot = repo.snapshot()
    tables = {name: snapshot[name] for name in ("mentions", "sites", "site_aliases", "article_duplicates",
                                                "article_versions", "merge_blocks")}  # fmt: skip
    version = [c.name for c in events.columns if c.name not in VOLATILE_COLUMNS["events"]].index("version")
    tables["events"] = [row[:version] + row[version + 1 :] for row in snapshot["events"]]
    return tables


def test_the_same_articles_in_any_order_give_the_same_events(db_url_factory, settings, services) -> None:  # type: ignore[no-untyped-def]
    examples = sorted(EXAMPLES.glob("*.txt"))[:14]
    articles = _articles(settings, REPORTS, FIXTURES / "audit", *examples)
    orders = [articles, articles[::-1], random.Random(12).sample(articles, len(articles))]
    tables = [_tables(_ingest(db_url_factory(), settings, services, order)) for order in orders]
    assert tables[0]["events"] and tables[0]["article_versions"]
    for other in tables[1:]:
        differences = {name: _diff(rows, other[name]) for name, rows in tables[0].items() if rows != other[name]}
        assert not differences, repr(differences)


def _diff(a: list[tuple[object, ...]], b: list[tuple[object, ...]]) -> list[object]:
    return [sorted(set(a) - set(b)), sorted(set(b) - set(a))]
