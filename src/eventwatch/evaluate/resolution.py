"""Resolution quality on a labelled corpus: ingest a folder into a temporary database and
compare the events the mentions joined with the gold incidents (DIR/gold.json).

Scores are pairwise precision/recall/F1 (over pairs of mentions put in one event) and
B-cubed (per mention, the overlap of its event with its incident), overall and per split
('dev' incidents were used while tuning, 'heldout' ones only to measure). A gold mention
eventwatch did not extract at all is left out of the scores (they measure resolution, not
extraction) and counted in n_mentions_missing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from eventwatch.errors import EvalError
from eventwatch.evaluate.scratch import mentions_by_article, scratch_store
from eventwatch.extract.assemble import Services
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Mention
from eventwatch.settings import Settings
from eventwatch.store import Repository

Clustering = Mapping[Hashable, Hashable]  # item -> cluster label
# rapidfuzz ratio at which a stored place name is the gold one: "Kryvyy Rih" vs "Kryvyi Rih"
# scores 90, "Ryazan’" vs "Ryazan" 100, "Kherson" vs "Kharkiv" 43.
PLACE_MIN = 80.0


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _pairs(clusters: Clustering) -> set[frozenset[Hashable]]:
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, label in clusters.items():
        groups[label].append(item)
    return {frozenset(p) for members in groups.values() for p in combinations(members, 2)}


def pairwise(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """Precision and recall over the pairs of items clustered together (1.0 when no pairs)."""
    found, wanted = _pairs(predicted), _pairs(gold)
    both = len(found & wanted)
    return _prf(both / len(found) if found else 1.0, both / len(wanted) if wanted else 1.0)


def bcubed(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """Per item: the share of its predicted cluster in its gold cluster (precision) and the
    reverse (recall), averaged over items (Bagga and Baldwin 1998)."""
    by_pred: dict[Hashable, set[Hashable]] = defaultdict(set)
    by_gold: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    if not gold:
        return _prf(1.0, 1.0)
    precision = recall = 0.0
    for item in gold:
        overlap = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += overlap / len(by_pred[predicted[item]])
        recall += overlap / len(by_gold[gold[item]])
    return _prf(precision / len(gold), recall / len(gold))


def _pick(stored: list[tuple[Mention, str]], wanted: dict[str, Any], used: set[int]) -> tuple[Mention, str] | None:
    """The stored mention of an article that a gold mention names: same location and event
    type first, then same location, then same event type; earliest in the article. Places
    are compared loosely, as transliterations differ ("Kryvyy Rih", "Kryvyi Rih")."""

    def rank(pair: tuple[Mention, str]) -> tuple[int, int]:
        mention = pair[0]
        place = str(wanted.get("location", ""))
        same_place = fuzz.ratio(mention.location or "", place, processor=default_process) >= PLACE_MIN
        same_type = mention.event_type == wanted.get("event_type")
        return (-(2 * same_place + same_type), mention.index)

    options = sorted((p for p in stored if p[0].index not in used), key=rank)
    best = options[0] if options else None
    if best is None or rank(best)[0] == 0:
        return None
    used.add(best[0].index)
    return best


def _stored(repo: Repository) -> dict[str, list[tuple[Mention, str]]]:
    return {article: [(m, e.id) for m, e in pairs] for article, pairs in mentions_by_article(repo).items()}


def _article_ids(folder: Path, settings: Settings) -> tuple[list[Article], dict[str, str]]:
    articles = [a for a in read_sources([str(folder)], settings) if isinstance(a, Article)]
    return articles, {Path(a.origin or "").relative_to(folder).as_posix(): a.id for a in articles}


def _merges(pairs: list[list[str]], predicted: Clustering, gold: Clustering) -> int:
    """How many of these incident pairs share at least one predicted event."""
    events: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, incident in gold.items():
        events[incident].add(predicted[item])
    return sum(bool(events[a] & events[b]) for a, b in pairs)


def _diagnostics(predicted: Clustering, gold: Clustering) -> dict[str, list[list[str]]]:
    members: dict[Hashable, set[str]] = defaultdict(set)
    spread: dict[str, set[Hashable]] = defaultdict(set)
    for item, incident in gold.items():
        members[predicted[item]].add(str(incident))
        spread[str(incident)].add(predicted[item])
    return {
        "merged_incidents": sorted(sorted(m) for m in members.values() if len(m) > 1),
        "split_incidents": sorted([i, str(len(e))] for i, e in spread.items() if len(e) > 1),
    }


def score(folder: Path, gold: dict[str, Any], repo: Repository, settings: Settings) -> dict[str, Any]:
    """Scores of the events in `repo` (built from `folder`) against the gold file's content."""
    _, ids = _article_ids(folder, settings)
    stored = _stored(repo)
    predicted: dict[Hashable, Hashable] = {}
    truth: dict[Hashable, Hashable] = {}
    missing = 0
    for report in gold["reports"]:
        article = ids.get(report["file"])
        if article is None:
            raise EvalError(f"gold names {report['file']}, which is not an article of {folder}")
        used: set[int] = set()
        for n, wanted in enumerate(report["mentions"]):
            item = (report["file"], n)
            picked = _pick(stored.get(article, []), wanted, used)
            if picked is None:
                missing += 1
                continue
            predicted[item], truth[item] = picked[1], wanted["incident"]
    split_of = {i["id"]: i.get("split", "dev") for i in gold["incidents"]}
    splits = {}
    for split in sorted(set(split_of.values())):
        keep = [item for item, incident in truth.items() if split_of[str(incident)] == split]
        sub_pred, sub_gold = {i: predicted[i] for i in keep}, {i: truth[i] for i in keep}
        splits[split] = {"n_mentions": len(keep), "pairwise": pairwise(sub_pred, sub_gold),
                         "bcubed": bcubed(sub_pred, sub_gold)}
    return {
        "n_reports": len(gold["reports"]),
        "n_incidents": len(gold["incidents"]),
        "n_mentions_scored": len(truth),
        "n_mentions_missing": missing,
        "n_events": len(repo.list_events()),
        "pairwise": pairwise(predicted, truth),
        "bcubed": bcubed(predicted, truth),
        "same_site_different_day_merges": _merges(gold.get("same_site_different_days", []), predicted, truth),
        "n_same_site_different_day_pairs": len(gold.get("same_site_different_days", [])),
        "same_day_different_place_merges": _merges(
            gold.get("same_day_same_region_different_places", []), predicted, truth
        ),
        "splits": splits,
        **_diagnostics(predicted, truth),
    }


def evaluate_resolution(folder: Path, settings: Settings, services: Services) -> dict[str, Any]:
    """Ingest `folder` into a fresh temporary database and score it against folder/gold.json."""
    try:
        gold = json.loads((folder / "gold.json").read_text())
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read the gold file {folder / 'gold.json'}: {exc}") from exc
    articles, _ = _article_ids(folder, settings)
    with scratch_store(articles, settings, services) as repo:
        return score(folder, gold, repo, settings)
