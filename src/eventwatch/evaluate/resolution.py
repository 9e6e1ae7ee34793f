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
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from eventwatch.errors import EvalError
from eventwatch.evaluate.resolution_causes import (
    error_counts,
    mention_errors,
    missing_counts,
    pair_causes,
    unlinked_versions,
    version_counts,
)
from eventwatch.evaluate.scratch import mentions_by_article, scratch_store
from eventwatch.extract.assemble import Services
from eventwatch.extract.sites import kind_of_name
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Mention
from eventwatch.resolve.scoring import explain, same_site, same_town
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


def _linked(pairs: list[tuple[str, str]], link: Mapping[str, str]) -> int:
    """How many of these article pairs the store links (either way: one points at the other,
    or both at one root)."""
    return sum(
        link.get(a) == b or link.get(b) == a or (a in link and link.get(a) == link.get(b)) for a, b in pairs
    )


def _article_links(repo: Repository, files: Mapping[str, str], gold: dict[str, Any]) -> dict[str, Any]:
    """Copies and versions among the gold's wire copies, templated bulletins (each about
    another place: never copies) and corrected republications (the later version must
    supersede the earlier one)."""
    copy_of, superseded_by = repo.article_links()
    ids = {name: files.get(name, name) for name in files}

    def pairs(groups: list[list[str]]) -> list[tuple[str, str]]:
        return [(ids.get(a, a), ids.get(b, b)) for group in groups for a, b in combinations(group, 2)]

    templated = pairs(gold.get("templated", []))
    superseded = pairs(gold.get("superseded", []))
    return {
        "wire_copies_linked": _linked(pairs(gold.get("wire_copies", [])), copy_of),
        "n_wire_copies": len(gold.get("wire_copies", [])),
        "templated_linked_as_copies": _linked(templated, copy_of),
        "n_templated_pairs": len(templated),
        "superseded_ok": sum(superseded_by.get(a) == b or superseded_by.get(b) == a for a, b in superseded),
        "superseded_groups": version_counts([[ids.get(a, a) for a in g] for g in gold.get("superseded", [])],
                                            copy_of, superseded_by),
        "superseded_as_copies": _linked(superseded, copy_of),
        "n_superseded": len(superseded),
    }


def _coarse(reason: str) -> str:
    """A veto's kind without the values (numbers become their order of magnitude)."""
    kind, _, detail = reason.partition(" (")
    if kind.startswith("places"):
        return f"{kind}: {re.sub(r'[0-9]+', lambda m: '>' + str(10 ** (len(m.group()) - 1)), detail.rstrip(')'))}"
    if kind.startswith("dates"):
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", detail)
        apart = abs((date.fromisoformat(dates[0]) - date.fromisoformat(dates[1])).days) if len(dates) == 2 else None
        return f"{kind}: precision {detail.rstrip(')').rpartition('precision ')[2]}, {apart} days apart"
    if kind.startswith("types"):
        return f"{kind}: {' / '.join(sorted(detail.rstrip(')').split(' / ')))}"
    return kind


def _split_reasons(
    mentions: Mapping[Hashable, Mention], predicted: Clustering, gold: Clustering, settings: Settings
) -> dict[tuple[Hashable, Hashable], str]:
    """Per pair of one incident's mentions left in two events, the rule that kept them
    apart (counted by rule for error analysis)."""
    found: dict[tuple[Hashable, Hashable], str] = {}
    for pair in _pairs(gold):
        x, y = sorted(pair, key=repr)
        if predicted[x] == predicted[y]:
            continue
        first, second = mentions[x], mentions[y]
        match = explain(first, second, settings.resolve)
        if first.article_id == second.article_id:
            found[x, y] = "same article"
        elif match.score == 0 and match.reasons[0].startswith("different sites"):
            town = "one town" if same_town(first, second, settings.resolve) else "not one town"
            kinds = {kind_of_name(m.site or "") for m in (first, second)}
            found[x, y] = f"different sites: {town}, {len(kinds)} kind(s){', one unknown' if None in kinds else ''}"
        elif match.score == 0:
            found[x, y] = _coarse(match.reasons[0])
        else:
            found[x, y] = "below threshold" if match.score < settings.resolve.merge_threshold else "order of joining"
    return found


def _merge_kinds(
    mentions: Mapping[Hashable, Mention], predicted: Clustering, gold: Clustering, settings: Settings
) -> dict[tuple[Hashable, Hashable], str]:
    """Per pair of two incidents' mentions put in one event, how alike they are."""
    found: dict[tuple[Hashable, Hashable], str] = {}
    for pair in _pairs(predicted):
        x, y = sorted(pair, key=repr)
        if gold[x] == gold[y]:
            continue
        a, b = mentions[x], mentions[y]
        days = abs((a.event_date - b.event_date).days) if a.event_date and b.event_date else None
        same = "same sub-type" if a.sub_event_type == b.sub_event_type else "other sub-types"
        sites = f"sites: {same_site(a, b, settings.resolve)}" if a.site and b.site else "not both sites"
        sites += ", same town" if same_town(a, b, settings.resolve) else ", not one town"
        found[x, y] = f"precision {a.time_precision}/{b.time_precision}, {days} days apart, {same}, {sites}"
    return found


def _one_site(why: Mapping[tuple[Hashable, Hashable], str], truth: Clustering, gold: dict[str, Any]
              ) -> dict[tuple[Hashable, Hashable], str]:  # fmt: skip
    """The merged pairs' kinds, marked when their two incidents are one site's on different days."""
    pairs = {frozenset(map(str, p)) for p in gold.get("same_site_different_days", [])}
    one = {(x, y) for x, y in why if frozenset((str(truth[x]), str(truth[y]))) in pairs}
    return {p: f"{'same site, other days: ' if p in one else ''}{kind}" for p, kind in why.items()}


def score(folder: Path, gold: dict[str, Any], repo: Repository, settings: Settings) -> dict[str, Any]:
    """Scores of the events in `repo` (built from `folder`) against the gold file's content."""
    articles, ids = _article_ids(folder, settings)
    stored = _stored(repo)
    predicted: dict[Hashable, Hashable] = {}
    truth: dict[Hashable, Hashable] = {}
    mentions: dict[Hashable, Mention] = {}
    errors: dict[Hashable, tuple[str, ...]] = {}
    incidents = {str(i["id"]): i for i in gold["incidents"]}
    missing: list[tuple[dict[str, Any], bool]] = []
    for report in gold["reports"]:
        article = ids.get(report["file"])
        if article is None:
            raise EvalError(f"gold names {report['file']}, which is not an article of {folder}")
        used: set[int] = set()
        for n, wanted in enumerate(report["mentions"]):
            item = (report["file"], n)
            picked = _pick(stored.get(article, []), wanted, used)
            if picked is None:
                missing.append((wanted, bool(stored.get(article))))
                continue
            predicted[item], truth[item], mentions[item] = picked[1], wanted["incident"], picked[0]
            errors[item] = mention_errors(picked[0], incidents.get(str(wanted["incident"]), {}), wanted)
    split_of = {i["id"]: i.get("split", "dev") for i in gold["incidents"]}
    splits = {}
    for split in sorted(set(split_of.values())):
        keep = [item for item, incident in truth.items() if split_of[str(incident)] == split]
        sub_pred, sub_gold = {i: predicted[i] for i in keep}, {i: truth[i] for i in keep}
        splits[split] = {"n_mentions": len(keep), "pairwise": pairwise(sub_pred, sub_gold),
                         "bcubed": bcubed(sub_pred, sub_gold)}
    splits_why = _split_reasons(mentions, predicted, truth, settings)
    merges_why = _merge_kinds(mentions, {i: predicted[i] for i in truth}, truth, settings)
    return {
        "n_reports": len(gold["reports"]),
        "n_incidents": len(gold["incidents"]),
        "n_mentions_scored": len(truth),
        "n_mentions_missing": len(missing),
        "n_events": len(repo.list_events()),
        "pairwise": pairwise(predicted, truth),
        "bcubed": bcubed(predicted, truth),
        "same_site_different_day_merges": _merges(gold.get("same_site_different_days", []), predicted, truth),
        "n_same_site_different_day_pairs": len(gold.get("same_site_different_days", [])),
        "same_day_different_place_merges": _merges(
            gold.get("same_day_same_region_different_places", []), predicted, truth
        ),
        **_article_links(repo, ids, gold),
        "unlinked_versions": unlinked_versions(
            [[ids.get(a, a) for a in g] for g in gold.get("superseded", [])], repo.article_links()[1],
            {a.id: a for a in articles}, {a: [m for m, _ in pairs] for a, pairs in stored.items()}),
        "split_pair_reasons": dict(sorted(Counter(splits_why.values()).items())),
        "merged_pair_kinds": dict(sorted(Counter(merges_why.values()).items())),
        "causes": {
            "mention_errors": error_counts(errors),
            "missing_mentions": missing_counts(missing),
            "split_pairs": pair_causes(splits_why, errors, mentions),
            "merged_pairs": pair_causes(_one_site(merges_why, truth, gold), errors, mentions),
        },
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
