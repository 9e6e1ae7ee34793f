"""JSON Lines: one article object per line with a required ``text`` field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventwatch.errors import EmptyDocument, InputError, MalformedDocument
from eventwatch.ingest.clean import rejected, require_prose, strip_boilerplate
from eventwatch.ingest.meta import meta_from_mapping
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a decoded JSON value (iteratively)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


def load_json(line: str, settings: IngestSettings, origin: str) -> Any:
    """json.loads within ingest.max_int_digits and ingest.max_json_depth."""

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > settings.max_int_digits:
            raise MalformedDocument(f"{origin}: an integer of {len(digits):,} digits (limit ingest.max_int_digits)")
        return int(digits)

    try:
        values = json.loads(line, parse_int=bounded_int)
    except json.JSONDecodeError as exc:
        raise MalformedDocument(f"{origin}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:  # an integer of > 4300 digits; nesting past the stack
        raise MalformedDocument(f"{origin}: JSON the reader refuses ({type(exc).__name__})") from exc
    if _depth(values) > settings.max_json_depth:
        raise MalformedDocument(f"{origin}: JSON nested deeper than ingest.max_json_depth ({settings.max_json_depth})")
    return values


def parse_record(line: str, settings: IngestSettings, origin: str) -> Article:
    values = load_json(line, settings, origin)
    if not isinstance(values, dict):
        raise MalformedDocument(f"{origin}: expected a JSON object, got {type(values).__name__}")
    text = values.get("text")
    if not isinstance(text, str):
        raise MalformedDocument(f"{origin}: the required field 'text' is missing or not a string")
    if not text.strip():
        raise EmptyDocument(f"{origin}: the field 'text' is empty")
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    body = require_prose(strip_boilerplate(body), settings.min_chars, origin, settings.max_chars)
    meta = meta_from_mapping({k: v for k, v in values.items() if k != "text"})
    return meta.article(body, "jsonl", origin)


def parse_jsonl(content: str, settings: IngestSettings, origin: str) -> Iterator[Article | Rejected]:
    """Every non-blank line becomes an Article or a Rejected with origin ``FILE#LINE``."""
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}#{number}"
        try:
            yield parse_record(line, settings, where)
        except InputError as err:
            yield rejected(err, where)
