"""Vocabulary files: the TOML word lists and patterns under ``eventwatch/lexicon/<lang>/``.

Patterns are compiled with the ``regex`` module, whose ``\\p{Lu}`` (any upper-case letter)
and ``\\w`` work for Cyrillic as for Latin script. A pattern may name a fragment of the same
file's ``[fragments]`` table as ``{name}``; fragments may name other fragments.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import regex

LEXICON = Path(__file__).resolve().parent.parent / "lexicon"
_FRAGMENT = regex.compile(r"\{([a-z_]+)\}")
_DEPTH = 4


@cache
def load(name: str, language: str = "en") -> dict[str, Any]:
    """The parsed TOML file ``lexicon/<language>/<name>.toml``."""
    with (LEXICON / language / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def expand(text: str, fragments: dict[str, str]) -> str:
    for _ in range(_DEPTH):
        text = _FRAGMENT.sub(lambda m: fragments.get(m.group(1), m.group(0)), text)
    return text


def compile_pattern(text: str, fragments: dict[str, str] | None = None, *, ignore_case: bool = False) -> Any:
    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile(expand(text, fragments or {}), flags)

