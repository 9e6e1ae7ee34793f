"""Vocabulary files: the TOML word lists and patterns under ``eventwatch/lexicon/<lang>/``,
parsed once per process.

Patterns are compiled with the ``regex`` module, whose ``\\p{Lu}`` (any upper-case letter)
and ``\\w`` work for Cyrillic as for Latin script. A pattern may name a fragment of the same
file's ``[fragments]`` table as ``{name}``; fragments may name other fragments.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import regex

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"
LANGUAGE = "en"
_FRAGMENT = regex.compile(r"\{([a-z_]+)\}")
_DEPTH = 4


@cache
def load(name: str, language: str = LANGUAGE) -> dict[str, Any]:
    """The parsed TOML file ``lexicon/<language>/<name>.toml``."""
    with (LEXICON_DIR / language / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing group matching any of the words, longest first, spaces as `\\s+`."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def expand(text: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` by its fragment (fragments may name other fragments); unknown names stay."""
    for _ in range(_DEPTH):
        text = _FRAGMENT.sub(lambda m: fragments.get(m.group(1), m.group(0)), text)
    return text


def compile_pattern(text: str, fragments: dict[str, str] | None = None, *, ignore_case: bool = False) -> Any:
    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile(expand(text, fragments or {}), flags)
