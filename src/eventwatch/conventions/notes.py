"""Notes without the article's dateline, outlet or headline (codebook, "Notes")."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _dateline() -> re.Pattern[str]:
    text = resources.files("eventwatch.conventions").joinpath("notes.toml").read_text("utf-8")
    return re.compile(tomllib.loads(text)["dateline"])


def has_dateline(notes: str) -> bool:
    return bool(_dateline().match(notes))


def plain_notes(notes: str, title: str | None = None) -> str:
    """`notes` without a leading dateline and outlet, and without the article's `title` glued
    before the first sentence."""
    text = _dateline().sub("", notes, count=1)
    if title:
        head = " ".join(title.split())
        if head and text.startswith(head) and text[len(head) : len(head) + 1].isspace():
            text = text[len(head) :].lstrip(" .:-–—")
            text = _dateline().sub("", text, count=1)
    return text[:1].upper() + text[1:] if text else notes
