"""The labelled examples the classifier learns from (written by the project, see examples/README.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eventwatch.classify.examples import EXAMPLES_DIR, Example, examples_digest, load_examples
from eventwatch.errors import ConfigError
from eventwatch.extract.snippet import CASE_LABELS

MIN_PER_LABEL = 50


def test_every_case_label_has_enough_examples() -> None:
    counts = Counter(e.label for e in load_examples())
    assert set(counts) == set(CASE_LABELS)
    thin = {label: n for label, n in counts.items() if n < MIN_PER_LABEL}
    assert not thin, f"labels below {MIN_PER_LABEL} examples: {thin}"


def test_examples_are_single_lines_without_duplicates() -> None:
    examples = load_examples()
    assert all(e.text and "\t" not in e.text and not e.text.startswith("#") for e in examples)
    repeated = [text for text, n in Counter(e.text for e in examples).items() if n > 1]
    assert not repeated


def test_the_folder_documents_how_the_examples_were_made() -> None:
    readme = (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert "own words" in readme and "CASE" in readme


def test_comments_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "ARREST.txt").write_text("# a comment\n\nPolice detained two men.\n  \n", encoding="utf-8")
    assert load_examples(tmp_path) == [Example("Police detained two men.", "ARREST")]


def test_a_file_not_named_after_a_label_is_refused(tmp_path: Path) -> None:
    (tmp_path / "BATTLE.txt").write_text("Troops fought rebels.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="BATTLE"):
        load_examples(tmp_path)


def test_the_digest_changes_with_any_example() -> None:
    examples = [Example("Police detained two men.", "ARREST")]
    assert examples_digest(examples) == examples_digest(list(examples))
    assert examples_digest(examples) != examples_digest([Example("Police detained three men.", "ARREST")])
