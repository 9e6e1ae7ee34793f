"""Directory walking and choosing a reader for each file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from eventwatch.errors import InputError
from eventwatch.ingest.meta import is_sidecar

Kind = Literal["html", "text", "jsonl", "feed", "warc", "sniff", "sidecar"]

_BY_SUFFIX: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
_ARCHIVE_ENDINGS = (".warc.gz", ".arc.gz", ".arc")
_MARKUP = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<meta|<p[\s>]|<div[\s>])", re.I)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|body|html)[\s/>]", re.I)


def kind_of(path: Path) -> Kind:
    """The reader for a file, from its name; "sniff" means decide from the content."""
    name = path.name.lower()
    if is_sidecar(path):
        return "sidecar"
    if name.endswith(_ARCHIVE_ENDINGS):
        return "warc"
    return _BY_SUFFIX.get(path.suffix.lower(), "sniff")


def looks_like_markup(text: str) -> bool:
    """HTML rather than plain text: starts like a page, or is dense with common tags."""
    head = text[:4096]
    return bool(_MARKUP.match(head)) or len(_TAG.findall(head)) >= 3


# Files a news folder carries that are about the folder, not news: skipped when walking a
# directory (a file named explicitly is still read).
_NOT_DOCUMENTS = re.compile(
    r"^(?:readme|license|licence|changelog|notice)(?:\.\w+)?$|\.(?:json|py|sh|toml|ya?ml)$", re.I
)


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _not_a_document(path: Path) -> bool:
    return bool(_NOT_DOCUMENTS.search(path.name))


def iter_files(root: Path) -> Iterator[Path | InputError]:
    """Every non-hidden document file under ``root``, recursively, in sorted order, or the
    error for a directory that cannot be listed. Hidden files and directories, ``*.meta.json``
    sidecars, a folder's own README/LICENSE, data and code files (JSON, scripts) and
    symlinked directories (loops) are skipped."""
    try:
        children = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(f"cannot list directory {root}: {exc.strerror or exc}")
        return
    for child in children:
        if _hidden(child) or (child.is_symlink() and child.is_dir()):
            continue
        if child.is_dir():
            yield from iter_files(child)
        elif child.is_file() and not is_sidecar(child) and not _not_a_document(child):
            yield child
