"""Bounded work at ingest (issue 15, items 2 and 3): every limit in settings refuses the
document (or the rest of it) with a reason, and the batch goes on."""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwatch.errors import FetchError
from eventwatch.ingest import read_sources
from eventwatch.ingest.feeds import parse_feed
from eventwatch.ingest.jsonl import parse_jsonl
from eventwatch.ingest.warc import parse_warc
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings, Settings

from .samples import BODY, make_warc
from .test_fetch import fetcher

SETTINGS = IngestSettings()


def _settings(**ingest: object) -> Settings:
    return Settings(ingest=IngestSettings(**ingest))  # type: ignore[arg-type]


def test_a_symlink_is_not_followed_unless_allowed(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text(BODY)
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text(BODY.replace("Marlow", "Eastfold"))
    (news / "link.txt").symlink_to(secret)
    records = list(read_sources([str(news), str(news / "link.txt")], Settings()))
    refused = [r for r in records if isinstance(r, Rejected)]
    assert [r.origin for r in refused] == [str(news / "link.txt")] * 2
    assert all("symbolic link" in r.reason for r in refused)
    assert sum(isinstance(r, Article) for r in records) == 1
    followed = list(read_sources([str(news)], _settings(follow_symlinks=True)))
    assert sum(isinstance(r, Article) for r in followed) == 2


def test_json_depth_and_integer_size_are_bounded() -> None:
    deep = json.dumps({"text": BODY, "extra": json.loads("[" * 100 + "]" * 100)})
    long_int = json.dumps({"text": BODY})[:-1] + ', "n": ' + "9" * 200 + "}"
    good = json.dumps({"text": BODY, "n": 123})
    records = list(parse_jsonl("\n".join([deep, long_int, good]), SETTINGS, "f.jsonl"))
    assert [type(r) for r in records] == [Rejected, Rejected, Article]
    assert "max_json_depth" in records[0].reason and "max_int_digits" in records[1].reason  # type: ignore[union-attr]


def test_text_past_max_chars_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "long.txt"
    story.write_text(BODY * 20)
    (refused,) = list(read_sources([str(story)], _settings(max_chars=len(BODY) * 5)))
    assert isinstance(refused, Rejected) and "max_chars" in refused.reason


def test_feed_entries_past_the_limit_are_one_rejection() -> None:
    items = "".join(
        f"<item><title>T{n}</title><link>https://c.example/{n}</link><description>{BODY} {n}</description></item>"
        for n in range(5)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>{items}</channel></rss>'.encode()
    records = list(parse_feed(feed, IngestSettings(max_feed_entries=3), "feed.xml"))
    assert sum(isinstance(r, Article) for r in records) == 3
    (refused,) = [r for r in records if isinstance(r, Rejected)]
    assert "max_feed_entries" in refused.reason


def _bomb(size: int) -> bytes:
    """A gzipped WARC: one record of `size` zero bytes (a few KB on disk), then real pages."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "application/octet-stream")], protocol="HTTP/1.1")
    zeros = io.BytesIO(bytes(size))
    record = writer.create_warc_record("https://c.example/z", "response", payload=zeros, http_headers=headers)
    writer.write_record(record)
    return buffer.getvalue() + make_warc(True)


def test_an_archive_that_expands_past_its_budget_is_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_bomb(30_000_000))
    assert path.stat().st_size < 100_000
    records = list(parse_warc(path, IngestSettings(max_decompressed_bytes=12_000_000), str(path)))
    assert len(records) == 1 and isinstance(records[0], Rejected)
    assert "max_decompressed_bytes" in records[0].reason and len(records[0].reason) <= 500
    (by_ratio,) = list(parse_warc(path, SETTINGS, str(path)))  # 1000x: past the default ratio
    assert isinstance(by_ratio, Rejected) and "max_ratio" in by_ratio.reason
    whole = list(parse_warc(path, IngestSettings(max_ratio=10_000), str(path)))
    assert sum(isinstance(r, Article) for r in whole) == 3


def test_a_url_fetch_has_a_total_deadline() -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(50):
            time.sleep(0.05)
            yield b"<p>x</p>"

    def slow(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=drip(), headers={"content-type": "text/html"})

    with pytest.raises(FetchError, match="total fetch time"):
        fetcher(slow, total_timeout=0.3).fetch("https://courier.example/slow")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_dangling_symlink_is_rejected_not_a_crash(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    (refused,) = list(read_sources([str(link)], Settings()))
    assert isinstance(refused, Rejected) and "symbolic link" in refused.reason


def test_a_warc_record_with_a_mangled_header_is_malformed_not_internal(tmp_path: Path) -> None:
    """warcio fails with AttributeError inside its parser on a record without its target URI
    (a byte-flipped plain WARC in bench/fuzz.py): the rest of the file is malformed."""
    data = make_warc(False)
    path = tmp_path / "mangled.warc"
    path.write_bytes(data.replace(b"WARC-Target-URI: https://courier.example/1\r\n", b"WARC-Target-UXI: x\r\n", 1))
    records = list(parse_warc(path, SETTINGS, str(path)))
    assert isinstance(records[0], Article)
    refused = [r for r in records if isinstance(r, Rejected)]
    assert [r.code for r in refused] == ["malformed"]
