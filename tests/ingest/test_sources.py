from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from eventwatch.ingest import read_sources
from eventwatch.records import Article, Rejected
from eventwatch.settings import Settings

from .samples import BODY, META_HEAD, PARAGRAPHS, RSS, make_warc, page

RUSSIAN = (
    "Ночью беспилотник атаковал нефтебазу в пригороде города. По словам губернатора области, "
    "пострадали два человека, пожар был потушен к утру. Жители сообщили о нескольких взрывах "
    "незадолго до полуночи, движение по главной дороге было перекрыто до обеда."
)


def build_tree(root: Path) -> None:
    """A folder of good and bad documents of every kind."""
    (root / "html").mkdir(parents=True)
    (root / "html" / "fire.html").write_text(page(head=META_HEAD))
    (root / "html" / "cut.htm").write_text(page()[:-400])
    (root / "html" / "login.html").write_text("<html><body><form><input name=user></form></body></html>")
    (root / "notes").mkdir()
    (root / "notes" / "report.txt").write_text(f"Depot fire at Marlow Bridge\n\n{BODY}\n")
    (root / "notes" / "report.txt.meta.json").write_text(
        json.dumps({"outlet": "Sidecar Times", "published": "2024-03-12"})
    )
    (root / "notes" / "legacy.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (root / "notes" / "empty.txt").write_text("  \n")
    (root / "notes" / "junk.dat").write_bytes(bytes(range(256)) * 8)
    (root / "notes" / "page.unknown").write_text(page())
    (root / "feeds").mkdir()
    (root / "feeds" / "news.xml").write_bytes(RSS)
    (root / "feeds" / "broken.rss").write_text("<rss version='2.0'><chan")
    (root / "lines.jsonl").write_text(json.dumps({"text": BODY + " Second version."}) + "\n{oops\n")
    (root / "crawl.warc.gz").write_bytes(make_warc(True))
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text(BODY)
    (root / ".draft.txt").write_text(BODY)


def by_origin(records: list[Article | Rejected], root: Path) -> dict[str, str]:
    """Relative origin -> source_kind for articles, code for rejections."""
    out = {}
    for record in records:
        assert record.origin is not None
        key = record.origin.replace(str(root) + "/", "")
        out[key] = record.source_kind if isinstance(record, Article) else f"rejected:{record.code}"
    return out


def test_directory_with_good_and_bad_documents(tmp_path: Path) -> None:
    build_tree(tmp_path)
    records = list(read_sources([str(tmp_path)], Settings()))
    assert by_origin(records, tmp_path) == {
        "crawl.warc.gz#record 2": "warc",
        "crawl.warc.gz#record 5": "warc",
        "crawl.warc.gz#record 8": "warc",
        "feeds/broken.rss": "rejected:malformed",
        "feeds/news.xml#1": "rss",
        "feeds/news.xml#2": "rejected:not_news",
        "html/cut.htm": "html",
        "html/fire.html": "html",
        "html/login.html": "rejected:not_news",
        "lines.jsonl#1": "jsonl",
        "lines.jsonl#2": "rejected:malformed",
        "notes/empty.txt": "rejected:empty",
        "notes/junk.dat": "rejected:binary",
        "notes/legacy.txt": "text",
        "notes/page.unknown": "html",
        "notes/report.txt": "text",
    }
    legacy = next(
        r for r in records if isinstance(r, Article) and r.origin and r.origin.endswith("legacy.txt")
    )
    assert legacy.text == RUSSIAN
    report = next(
        r for r in records if isinstance(r, Article) and r.origin and r.origin.endswith("report.txt")
    )
    assert report.outlet == "Sidecar Times"
    assert report.title == "Depot fire at Marlow Bridge"
    assert report.published_at == datetime(2024, 3, 12, tzinfo=UTC)


def test_same_input_twice_gives_the_same_ids(tmp_path: Path) -> None:
    build_tree(tmp_path)
    first = [r.id for r in read_sources([str(tmp_path)], Settings()) if isinstance(r, Article)]
    second = [r.id for r in read_sources([str(tmp_path)], Settings()) if isinstance(r, Article)]
    assert first == second and len(first) == 10


def test_missing_path_is_rejected_and_the_batch_continues(tmp_path: Path) -> None:
    good = tmp_path / "story.txt"
    good.write_text(BODY)
    records = list(read_sources([str(tmp_path / "nope.html"), str(good)], Settings()))
    missing, article = records
    assert isinstance(missing, Rejected)
    assert (missing.stage, missing.code, missing.origin) == (
        "ingest",
        "missing_path",
        str(tmp_path / "nope.html"),
    )
    assert isinstance(article, Article) and article.text == BODY


def test_explicit_file_of_each_kind(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("\n\n".join(PARAGRAPHS))
    (article,) = list(read_sources([str(story)], Settings()))
    assert isinstance(article, Article) and article.text.split("\n\n") == list(PARAGRAPHS)


def test_oversized_file_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(BODY * 10)
    settings = Settings()
    small = type(settings.ingest)(max_bytes=100, min_chars=settings.ingest.min_chars)
    (rejected,) = list(read_sources([str(big)], Settings(ingest=small)))
    assert isinstance(rejected, Rejected) and rejected.code == "too_large"
