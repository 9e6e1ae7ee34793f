from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from eventwatch.errors import MalformedDocument
from eventwatch.ingest.warc import parse_warc
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings

from .samples import make_warc

SETTINGS = IngestSettings()


def test_html_responses_become_articles(tmp_path: Path) -> None:
    for gzip, name in ((True, "crawl.warc.gz"), (False, "crawl.warc")):
        path = tmp_path / name
        path.write_bytes(make_warc(gzip))
        records = list(parse_warc(path, SETTINGS, str(path)))
        assert all(isinstance(r, Article) for r in records)
        assert [r.url for r in records if isinstance(r, Article)] == [
            f"https://courier.example/{i}" for i in range(3)
        ]
        first = records[0]
        assert isinstance(first, Article) and first.source_kind == "warc"
        assert first.published_at == datetime(2024, 3, 13, 7, 0, tzinfo=UTC)  # WARC-Date as fallback
        assert "Eastfold" in records[1].text if isinstance(records[1], Article) else False


def test_truncated_warc_keeps_records_read_before_the_damage(tmp_path: Path) -> None:
    for gzip in (True, False):
        data = make_warc(gzip)
        path = tmp_path / f"cut-{gzip}.warc.gz"
        path.write_bytes(data[: int(len(data) * 0.6)])
        records = list(parse_warc(path, SETTINGS, str(path)))
        articles = [r for r in records if isinstance(r, Article)]
        assert 1 <= len(articles) < 3
        assert isinstance(records[-1], Rejected) and records[-1].code == "malformed"


def test_corrupt_gzip_warc_is_malformed(tmp_path: Path) -> None:
    data = bytearray(make_warc(True))
    middle = len(data) // 2
    data[middle : middle + 40] = b"\x00garbage\xff" * 4
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(bytes(data))
    records = list(parse_warc(path, SETTINGS, str(path)))
    assert any(isinstance(r, Article) for r in records)
    assert isinstance(records[-1], Rejected) and records[-1].code == "malformed"


def test_not_an_archive_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is a text file pretending to be an archive\n" * 5)
    with pytest.raises(MalformedDocument):
        list(parse_warc(path, SETTINGS, str(path)))
