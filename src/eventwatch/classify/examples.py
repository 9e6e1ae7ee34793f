"""The labelled examples the classifier learns from: ``examples/<LABEL>.txt``, one per line.

Every example was written by the project (see ``examples/README.md``); none comes from CASE
2021 or ACLED data. Lines starting with ``#`` are comments; blank lines are skipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from eventwatch.errors import ConfigError
from eventwatch.extract.snippet import CASE_LABELS

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
NONEVENTS_DIR = EXAMPLES_DIR / "nonevents"
NOT_EVENT = "NOT_EVENT"  # the label of sentences that report no incident (the detector's negatives)


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # one of snippet.CASE_LABELS, or NOT_EVENT


def _read_label_file(path: Path) -> list[Example]:
    label = path.stem
    if label not in CASE_LABELS and label != NOT_EVENT:
        raise ConfigError(f"{path.name}: {label!r} is not one of the 30 CASE 2021 labels")
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [Example(line, label) for line in lines if line and not line.startswith("#")]


def load_examples(folder: Path = EXAMPLES_DIR) -> list[Example]:
    """All examples of the folder, in a fixed order (label file name, then line)."""
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise ConfigError(f"no classifier examples in {folder}")
    return [example for path in files for example in _read_label_file(path)]


def load_nonevents(folder: Path = NONEVENTS_DIR) -> list[Example]:
    """The sentence detector's negatives: ``examples/nonevents/NOT_EVENT.txt`` (no CASE label)."""
    return [example for path in sorted(folder.glob(f"{NOT_EVENT}.txt")) for example in _read_label_file(path)]


def examples_digest(examples: list[Example]) -> str:
    """A short hash of the examples: the trained model is cached under it."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.label}\t{example.text}\n".encode())
    return digest.hexdigest()[:16]
