from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventwatch.errors import EmptyDocument, MalformedDocument
from eventwatch.ingest.feeds import looks_like_feed, parse_feed
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings

from .samples import ATOM, PARAGRAPHS, RSS

SETTINGS = IngestSettings()


def test_rss_entries_become_articles_and_thin_entries_are_rejected() -> None:
    records = list(parse_feed(RSS, SETTINGS, "news.rss"))
    article, thin = records
    assert isinstance(article, Article) and isinstance(thin, Rejected)
    assert article.source_kind == "rss"
    assert article.title == "Depot fire at Marlow Bridge"
    assert article.outlet == "The Weekly Courier"
    assert article.url == "https://courier.example/depot-fire"
    assert article.published_at == datetime(2024, 3, 12, 22, 40, tzinfo=UTC)
    assert article.text.split("\n") == list(PARAGRAPHS)
    assert article.origin == "news.rss#1"
    assert (thin.code, thin.origin) == ("not_news", "news.rss#2")


def test_atom_summary_and_updated_date() -> None:
    (article,) = list(parse_feed(ATOM, SETTINGS, "radio.atom"))
    assert isinstance(article, Article)
    assert article.outlet == "Valley Radio News"
    assert article.url == "https://radio.example/fire"
    assert article.published_at == datetime(2024, 3, 13, 6, 0, tzinfo=UTC)
    assert PARAGRAPHS[1] in article.text and "<p>" not in article.text


def test_broken_feed_is_malformed() -> None:
    with pytest.raises(MalformedDocument):
        list(parse_feed(b'<?xml version="1.0"?><rss><channel><title>Bro', SETTINGS, "bad.rss"))


def test_feed_without_entries_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        list(
            parse_feed(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", SETTINGS, "q.rss")
        )


def test_feed_sniffing() -> None:
    assert looks_like_feed(RSS) and looks_like_feed(ATOM)
    assert looks_like_feed(b"<?xml version='1.0'?>\n<!-- note -->\n<rdf:RDF xmlns:rdf='x'></rdf:RDF>")
    assert not looks_like_feed(b"<?xml version='1.0'?><urlset><url/></urlset>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>feed me</body></html>")
