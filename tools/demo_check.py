"""Compare a database built from examples/ with examples/gold.json: per incident, the event
whose sources cover its reports, and which fields differ. Research aid, not a test.

    .venv/bin/python tools/demo_check.py sqlite:///demo.db
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwatch.evaluate.demo import article_ids, report_key
from eventwatch.settings import load_settings
from eventwatch.store import open_repository

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("sub_event_type", "event_date", "location", "admin1", "country", "geo_precision", "site", "actor1",
          "fatalities")


def main(url: str) -> None:
    gold = json.loads((ROOT / "examples" / "gold.json").read_text())
    ids = article_ids(ROOT / "examples", load_settings())
    repo = open_repository(url)
    events = repo.list_events()
    by_article: dict[str, list[object]] = {}
    for event in events:
        for source in event.sources:
            by_article.setdefault(source.article_id, []).append(event)
    ok = 0
    for incident in gold["incidents"]:
        reports = [r for r in incident["reports"] if r.get("role") != "background"]
        keys = [report_key(r) for r in reports]
        articles = [ids.get(k) for k in keys]
        candidates = [e for a in articles if a for e in by_article.get(a, [])
                      if e.mention.sub_event_type == incident["sub_event_type"]]
        best = max(candidates, key=lambda e: sum(s.article_id in articles for s in e.sources), default=None)
        if best is None:
            print(f"{incident['id']}: MISSING {incident['sub_event_type']} at {incident['location']}")
            continue
        covered = sum(s.article_id in articles for s in best.sources)
        diffs = {f: (getattr(best.mention, f), incident.get(f)) for f in FIELDS
                 if str(getattr(best.mention, f)) != str(incident.get(f))}
        ok += covered == len(articles) and not diffs
        print(f"{incident['id']}: sources {covered}/{len(articles)} (+{len(best.sources) - covered}) {diffs}")
    non_events = [ids.get(f) for f in gold["non_event_files"]]
    spurious = [e for a in non_events if a for e in by_article.get(a, [])]
    print(f"{ok}/{len(gold['incidents'])} incidents exact; {len(events)} events; "
          f"{len(spurious)} events from non-event articles")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:///demo.db")
