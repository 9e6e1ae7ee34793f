"""Walking a news folder skips the folder's own documentation and data files."""

from __future__ import annotations

from pathlib import Path

from eventwatch.ingest.walk import iter_files


def test_readme_and_gold_files_are_not_documents(tmp_path: Path) -> None:
    for name in ("README.md", "gold.json", "story.txt", "story.txt.meta.json", "feed.xml", "build.py", "LICENSE"):
        (tmp_path / name).write_text("x")
    assert sorted(p.name for p in iter_files(tmp_path) if isinstance(p, Path)) == ["feed.xml", "story.txt"]
