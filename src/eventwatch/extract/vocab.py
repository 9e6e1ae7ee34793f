"""Vocabulary files of one language (`lexicon/<lang>/<name>.toml`), parsed once per process."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"
LANGUAGE = "en"


@cache
def load(name: str, language: str = LANGUAGE) -> dict[str, Any]:
    """The parsed `lexicon/<language>/<name>.toml`."""
    with (LEXICON_DIR / language / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing group matching any of the words, longest first, spaces as `\\s+`."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace `{name}` in a pattern by its fragment (fragments may use earlier fragments)."""
    for name, value in fragments.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern
