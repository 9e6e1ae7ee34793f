"""The rule files hold no wording that exists only because a seed report used it (issue 14):
rules describe the language, not the texts they were first written against.

Searched: the string constants of src/eventwatch/extract/*.py (docstrings and comments may
quote a report's wording as an example) and the values of every lexicon TOML file (comments
are not rules)."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwatch"

# Seed-only wording named in issue 14, as it would appear in a rule.
PHRASES = {
    "closed adverb list": r"(?i:firmly\|quickly)",
    "firmly": r"(?i:\bfirmly\b)",
    "puts the blame on": r"(?i:\bputs?\b.{0,12}\bthe blame\b)",
    "the other hit": r"(?i:\bthe other\b.{0,12}\bhit\b)",
    "surge": r"(?i:\bsurge\b)",
    "highest rate": r"(?i:\bhighest rate\b)",
    "underscores": r"(?i:\bunderscores\b)",
    "reinforcements": r"(?i:\breinforcements\b)",
    "recorded": r"(?i:\brecorded\b)",
    # capitalised words a seed's sentences start with, listed as non-names
    "Dramatic": r"\bDramatic\b",
    "Huge": r"\bHuge\b",
    "drone units": r"(?i:\bdrone units\b)",
    "firefighters": r"(?i:\bfirefighters\b)",
    # rule stems in lower case (a determiner "Another" in a list of non-names is no stem)
    "the other": r"\bthe other\b",
    "the rest": r"\bthe rest\b",
    "another": r"\banother\b",
}

# (file, phrase): the word is one entry of a general vocabulary, not a rule about one report.
GENERAL = {
    ("lexicon/en/casualties.toml", "firefighters"): "one of the responder nouns that are never casualties",
    ("lexicon/en/repeat.toml", "another"): "'another attack', 'yet another' mark a repeat incident for the resolver, "
    "not an extraction stem",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _python_strings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value


def _toml_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _toml_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _toml_strings(item)


@lru_cache(maxsize=1)
def _rule_files() -> dict[str, list[str]]:
    files: dict[str, list[str]] = {}
    for path in sorted((SRC / "extract").glob("*.py")):
        files[str(path.relative_to(SRC))] = list(_python_strings(path))
    for path in sorted((SRC / "lexicon").glob("**/*.toml")):
        with path.open("rb") as handle:
            files[str(path.relative_to(SRC))] = list(_toml_strings(tomllib.load(handle)))
    return files


def _holds(strings: list[str], phrase: str) -> bool:
    pattern = re.compile(PHRASES[phrase])
    return any(pattern.search(s) for s in strings)


def test_the_rule_files_are_found() -> None:
    files = _rule_files()
    assert "extract/claims.py" in files and "lexicon/en/claims.toml" in files and "lexicon/en/cues.toml" in files


@pytest.mark.parametrize("phrase", sorted(PHRASES))
def test_no_seed_wording(phrase: str) -> None:
    offenders = [name for name, strings in _rule_files().items()
                 if (name, phrase) not in GENERAL and _holds(strings, phrase)]
    assert offenders == [], f"{phrase!r} is a seed's wording, not a rule: {offenders}"

