"""Transactions, idempotency, constraints and the SQLite connection set-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from eventwatch.errors import StoreError
from eventwatch.records import Article, Mention, Rejected, Site
from eventwatch.store import Repository, open_repository

from .builders import make_event


def store_all(repo: Repository, article: Article, mentions: list[Mention], site: Site) -> None:
    with repo.transaction() as tx:
        tx.add_article(article)
        tx.save_site(site)
        tx.add_rejected(Rejected(stage="ingest", reason="empty", origin="in/x.txt", code="empty"))
        for mention in mentions:
            tx.add_mention(mention, "evt-strike-0001")  # before its event: the FK is deferred
        tx.save_event(make_event("evt-strike-0001", mentions[0], site_id=site.id))


def test_rollback_on_exception_leaves_nothing(repo: Repository, article_a: Article, mention_a: Mention) -> None:
    with pytest.raises(RuntimeError), repo.transaction() as tx:
        tx.add_article(article_a)
        tx.save_event(make_event("evt-strike-0001", mention_a))
        tx.add_mention(mention_a, "evt-strike-0001")
        raise RuntimeError("stage failed")
    assert set(repo.counts().values()) == {0}
    assert all(rows == [] for rows in repo.snapshot().values())


def test_adding_everything_twice_is_idempotent(
    repo: Repository, article_a: Article, mention_a: Mention, interception_a: Mention, site: Site
) -> None:
    store_all(repo, article_a, [mention_a, interception_a], site)
    before = repo.snapshot()
    store_all(repo, article_a, [mention_a, interception_a], site)
    assert repo.snapshot() == before
    assert repo.counts()["claims"] == 2 and repo.counts()["rejected"] == 1


def test_re_adding_a_mention_replaces_its_children(
    repo: Repository, article_a: Article, mention_a: Mention, site: Site
) -> None:
    store_all(repo, article_a, [mention_a], site)
    with repo.transaction() as tx:
        tx.add_mention(replace(mention_a, claims=mention_a.claims[:1], evidence={}), "evt-strike-0001")
    [(_, stored)] = repo.event_mentions("evt-strike-0001")
    assert stored.claims == mention_a.claims[:1] and stored.evidence == {}


def test_site_alias_belongs_to_one_site(repo: Repository, site: Site) -> None:
    with repo.transaction() as tx:
        tx.save_site(site)
    other = Site(id="site-other", name="Other works", kind="factory", aliases=("KREMNIY  el",))
    with pytest.raises(StoreError, match="saving a site"), repo.transaction() as tx:
        tx.save_site(other)
    assert [s.id for s in repo.list_sites()] == [site.id]


def test_resaving_a_site_replaces_its_aliases(repo: Repository, site: Site) -> None:
    with repo.transaction() as tx:
        tx.save_site(site)
        tx.save_site(replace(site, aliases=("Kremniy El",), kind="plant"))
        assert tx.find_site("kremny el microelectronics plant") is None
    assert repo.list_sites() == [replace(site, aliases=("Kremniy El",), kind="plant")]


def test_mention_of_unsaved_event_fails_at_commit(repo: Repository, article_a: Article, mention_a: Mention) -> None:
    with pytest.raises(StoreError, match="transaction failed"), repo.transaction() as tx:
        tx.add_article(article_a)
        tx.add_mention(mention_a, "evt-never-saved")
    assert repo.counts()["mentions"] == 0


def test_naive_datetime_is_refused(repo: Repository, article_a: Article) -> None:
    naive = replace(article_a, published_at=datetime(2024, 3, 12, 9, 0))
    with pytest.raises(StoreError, match="naive datetime"), repo.transaction() as tx:
        tx.add_article(naive)


def test_sqlite_file_database_uses_wal_and_foreign_keys(sqlite_db_url: str) -> None:
    """SQLite only: the connection set-up of the default backend."""
    repo = open_repository(sqlite_db_url)
    with repo.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000
    assert Path(sqlite_db_url.removeprefix("sqlite:///")).exists()
    repo.engine.dispose()


def test_reopening_keeps_data(db_url: str, article_a: Article) -> None:
    first = open_repository(db_url)
    with first.transaction() as tx:
        tx.add_article(article_a)
    first.engine.dispose()
    second = open_repository(db_url)
    assert second.get_article(article_a.id) == article_a
    assert second.url == db_url
    second.engine.dispose()


def test_unusable_urls_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_repository("nosuchdialect://x")
    with pytest.raises(StoreError, match="cannot open database"):
        open_repository(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")  # SQLite only: a bad path
