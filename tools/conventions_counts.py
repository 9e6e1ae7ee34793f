"""Violations of ACLED's conventions (`eventwatch check`) per corpus, with the conventions
module switched off (the mentions and merged events as extraction and resolution leave them)
and on (as eventwatch stores them). Aggregate counts only: the blind sets' texts are never
printed. Used for docs/conventions.md ("Counts before and after").

Run: .venv/bin/python tools/conventions_counts.py [NAME ...]   (names: the keys of CORPORA)
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "demo": ROOT / "examples",
    "blind-b1": ROOT / "quality" / "blind" / "b1" / "seeds",
    "blind-resolution1": ROOT / "quality" / "blind" / "resolution1",
    "paraphrase-seeds": ROOT / "quality" / "paraphrase" / "seeds" / "seeds",
    "paraphrase-demo-a": ROOT / "quality" / "paraphrase" / "demo-a" / "seeds",
    "paraphrase-demo-b": ROOT / "quality" / "paraphrase" / "demo-b" / "seeds",
}  # quality/blind/b2 is held out: never built


def _counts(folder: Path, conventions: bool) -> tuple[int, Counter[str]]:
    from unittest import mock

    from eventwatch import pipeline
    from eventwatch.conventions.check import check_events
    from eventwatch.extract.assemble import Services
    from eventwatch.gazetteer import Gazetteer
    from eventwatch.resolve import history
    from eventwatch.settings import load_settings
    from eventwatch.store import open_repository

    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(f"sqlite:///{tmp}/e.db")
        settings = load_settings(env={})
        patches = [] if conventions else [
            mock.patch.object(history, "conform", lambda mention: mention),
            mock.patch.object(pipeline, "article_mentions", lambda article, mentions: mentions),
        ]  # fmt: skip
        for patch in patches:
            patch.start()
        try:
            pipeline.ingest([str(folder)], settings, repo, Services(gazetteer=Gazetteer.open()))
        finally:
            for patch in patches:
                patch.stop()
        report = check_events(repo.list_events())
        repo.engine.dispose()
    return report.events, Counter(v.rule for v in report.violations)


def main(names: list[str]) -> None:
    for name in names or list(CORPORA):
        for conventions in (False, True):
            events, found = _counts(CORPORA[name], conventions)
            label = "on " if conventions else "off"
            detail = ", ".join(f"{rule} {n}" for rule, n in found.most_common())
            print(f"{name:20} conventions {label}: {events} events, {sum(found.values())} violations  {detail}")


if __name__ == "__main__":
    main(sys.argv[1:])
