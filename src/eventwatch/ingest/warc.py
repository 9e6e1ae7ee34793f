"""WARC (and ARC) archives with warcio: each HTML response record becomes an Article.

Records that are not successful HTML responses (requests, metadata, images, redirects) are
not documents and are passed over. A truncated or corrupt archive yields a MalformedDocument
rejection for the rest of the file; records read before the damage are kept."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventwatch.errors import InputError, MalformedDocument, MissingPath, NotNews, TooLarge
from eventwatch.ingest.clean import rejected
from eventwatch.ingest.dates import parse_published
from eventwatch.ingest.decode import decode
from eventwatch.ingest.fetch import content_type_parts
from eventwatch.ingest.html import parse_html
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_SIGNATURES = (b"\x1f\x8b", b"WARC/", b"filedesc://")
# What warcio raises on a damaged archive: its own ArchiveLoadFailed, zlib and EOF errors, and,
# for a record whose required header is missing or mangled, AttributeError or TypeError from
# inside its parser (a header read as None: seen with byte-flipped plain WARCs, bench/fuzz.py).
_BROKEN = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, AttributeError, TypeError)


def _html_response(record: ArcWarcRecord) -> tuple[str, str | None] | None:
    """(target URI, declared charset) for a 2xx HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    mime, charset = content_type_parts(record.http_headers.get_header("Content-Type"))
    if not status.startswith("2") or mime not in HTML_TYPES:
        return None
    return record.rec_headers.get_header("WARC-Target-URI") or "", charset


class Expansion:
    """Decompressed bytes read from one archive, against ingest.max_decompressed_bytes and
    ingest.max_ratio times the archive's size on disk (a gzip bomb stops here)."""

    FLOOR = 10_000_000  # a small archive may always expand this far (ratios mean little below)

    def __init__(self, settings: IngestSettings, size: int | None) -> None:
        ratio_cap = int(settings.max_ratio * size) if size else settings.max_decompressed_bytes
        self.limit = min(settings.max_decompressed_bytes, max(ratio_cap, self.FLOOR))
        self.read = 0

    def spend(self, n: int, where: str) -> None:
        self.read += n
        if self.read > self.limit:
            raise ArchiveBomb(f"{where}: the archive expands past {self.limit:,} bytes (ingest.max_ratio, "
                              "ingest.max_decompressed_bytes): the rest of the file is not read")


class ArchiveBomb(TooLarge):
    """An archive that decompresses past its budget: the rest of the file is refused."""


def _check_complete(record: ArcWarcRecord, where: str) -> None:
    """warcio returns short content for a cut-off record; its length reader shows what is missing."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise MalformedDocument(f"{where}: the archive is truncated inside this record")


def _skip(record: ArcWarcRecord, where: str, budget: Expansion) -> None:
    while chunk := record.raw_stream.read(65536):
        budget.spend(len(chunk), where)
    _check_complete(record, where)


def _payload(record: ArcWarcRecord, max_bytes: int, where: str, budget: Expansion) -> bytes:
    payload: bytes = record.content_stream().read(max_bytes + 1)
    budget.spend(len(payload), where)
    if len(payload) > max_bytes:
        raise TooLarge(f"{where}: record is over the {max_bytes:,}-byte limit")
    _check_complete(record, where)
    return payload


def _read_record(record: ArcWarcRecord, settings: IngestSettings, where: str, budget: Expansion) -> Article | None:
    found = _html_response(record)
    if found is None:
        _skip(record, where, budget)
        return None
    url, charset = found
    html = decode(_payload(record, settings.max_bytes, where, budget), where, charset)
    return parse_html(
        html,
        settings,
        origin=where,
        source_kind="warc",
        url=url or None,
        fallback_published=parse_published(record.rec_headers.get_header("WARC-Date")),
    )


def iter_archive(
    stream: BinaryIO, settings: IngestSettings, origin: str, size: int | None = None
) -> Iterator[Article | Rejected]:
    """Articles from an open archive stream of ``size`` bytes; origins are ``FILE#record N``."""
    number = found = 0
    budget = Expansion(settings, size)
    try:
        archive = ArchiveIterator(stream, arc2warc=True)
        for record in archive:
            number += 1
            where = f"{origin}#record {number}"
            try:
                article = _read_record(record, settings, where, budget)
            except (MalformedDocument, ArchiveBomb) as err:
                yield rejected(err, where)
                return
            except InputError as err:
                found += 1
                yield rejected(err, where)
                continue
            if article is not None:
                found += 1
                yield article
        if size is not None and archive.offset < size:
            raise EOFError(f"{size - archive.offset} bytes at the end are not a complete record")
        if not found:  # an archive with nothing to read is refused, never passed over in silence
            yield rejected(NotNews(f"{origin}: no HTML response record in {number} record(s)"), origin)
    except _BROKEN as exc:
        where = f"{origin}#record {number + 1}"
        message = f"{where}: corrupt or truncated archive, the rest of the file is unreadable ({exc})"
        yield rejected(MalformedDocument(message), where)


def parse_warc(path: Path, settings: IngestSettings, origin: str) -> Iterator[Article | Rejected]:
    try:
        with path.open("rb") as stream:
            if not stream.read(16).startswith(_SIGNATURES):
                raise MalformedDocument(f"{origin} is not a WARC or ARC archive")
            stream.seek(0)
            yield from iter_archive(stream, settings, origin, path.stat().st_size)
    except FileNotFoundError as exc:
        raise MissingPath(f"{origin} does not exist") from exc
    except OSError as exc:
        raise InputError(f"cannot read {origin}: {exc.strerror or exc}") from exc
