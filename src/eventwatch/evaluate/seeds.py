"""The seeds acceptance harness: run the pipeline on ../shared/seeds with the publication
dates of ../shared/acceptance/seeds.json and check every entry there."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwatch.errors import EvalError
from eventwatch.evaluate.matching import Found, entry_ok, why_not
from eventwatch.evaluate.scratch import mentions_by_article, scratch_store
from eventwatch.extract.assemble import Services
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Event, Mention
from eventwatch.settings import Settings
from eventwatch.store import Repository


def _load_article(shared: Path, spec: dict[str, Any], settings: Settings) -> Article:
    path = shared / spec["file"]
    items = list(read_sources([str(path)], settings))
    article = next((i for i in items if isinstance(i, Article)), None)
    if article is None:
        raise EvalError(f"seed {path} could not be read: {items}")
    published = datetime.fromisoformat(spec["published"]).replace(tzinfo=UTC)
    outlet = spec.get("outlet") if spec.get("outlet") not in (None, "unknown") else article.outlet
    return replace(article, published_at=published, outlet=outlet)


def _found_by_article(repo: Repository) -> dict[str, list[Found]]:
    sites = {site.id: site for site in repo.list_sites()}

    def found(mention: Mention, event: Event) -> Found:
        site = sites.get(event.site_id or "")
        counts = tuple(c.count for c in site.reported_counts) if site else ()
        return Found(mention, event, event.site_id, counts)

    return {
        article: sorted((found(m, e) for m, e in pairs), key=lambda f: f.mention.index)
        for article, pairs in mentions_by_article(repo).items()
    }


def _check_article(
    spec: dict[str, Any], article: Article, found: list[Found], keyed: dict[str, Found], failed: list[dict[str, str]]
) -> int:
    checks = 0
    for phrase in spec.get("text_must_not_contain", []):
        checks += 1
        if phrase.casefold() in article.text.casefold():
            failed.append({"article": spec["file"], "key": f"text:{phrase}", "why": "boilerplate kept in text"})
    for entry in spec.get("events", []):
        checks += 1
        match = next((f for f in found if entry_ok(f, entry, keyed)), None)
        if match is None:
            failed.append({"article": spec["file"], "key": entry["key"], "why": why_not(found, entry, keyed)})
        else:
            keyed[entry["key"]] = match
    for entry in spec.get("must_not", []):
        checks += 1
        bad = next((f for f in found if entry_ok(f, entry, keyed)), None)
        if bad is not None:
            failed.append(
                {
                    "article": spec["file"],
                    "key": f"must_not:{entry['why']}",
                    "why": f"produced {bad.mention.sub_event_type}: {bad.mention.notes[:120]}",
                }
            )
    return checks


def _check_across(entries: list[dict[str, Any]], keyed: dict[str, Found], failed: list[dict[str, str]]) -> int:
    for entry in entries:
        keys = entry.get("distinct") or entry.get("same_site") or []
        found = [keyed.get(k) for k in keys]
        if any(f is None for f in found):
            ok = False
        elif "distinct" in entry:
            ok = len({f.event.id for f in found if f}) == len(found)
        else:
            ok = len({f.site_id for f in found if f}) == 1 and found[0] is not None and found[0].site_id is not None
        if not ok:
            failed.append({"article": "across_articles", "key": "+".join(keys), "why": entry.get("why", "")})
    return len(entries)


def run_seeds(shared: Path, settings: Settings, services: Services) -> dict[str, Any]:
    spec_path = shared / "acceptance" / "seeds.json"
    try:
        spec = json.loads(spec_path.read_text())
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read {spec_path}: {exc}") from exc
    articles = [_load_article(shared, a, settings) for a in spec["articles"]]
    with scratch_store(articles, settings, services) as repo:
        found = _found_by_article(repo)
    failed: list[dict[str, str]] = []
    keyed: dict[str, Found] = {}
    checks = sum(
        _check_article(a, article, found.get(article.id, []), keyed, failed)
        for a, article in zip(spec["articles"], articles, strict=True)
    )
    checks += _check_across(spec.get("across_articles", []), keyed, failed)
    return {"checks": checks, "passed": checks - len(failed), "failed": failed}
