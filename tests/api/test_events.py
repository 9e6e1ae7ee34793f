"""GET /events (filters, order, cursor pages), /events/{id}, /sites, /articles, /stats, /health."""

from __future__ import annotations

import math
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import all_events


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    return (
        2
        * 6371.0088
        * math.asin(math.sqrt(math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2))
    )


def test_pages_cover_every_event_once_newest_first(client: TestClient) -> None:
    total = client.get("/health").json()["events"]
    paged = all_events(client, limit=4)
    assert len(paged) == total == len({e["id"] for e in paged})
    dated = [e["event_date"] for e in paged if e["event_date"]]
    assert dated == sorted(dated, reverse=True)
    assert all(e["event_date"] is None for e in paged[len(dated) :])  # undated last
    by_fatalities = all_events(client, sort="-fatalities", limit=7)
    assert [e["fatalities"] for e in by_fatalities] == sorted((e["fatalities"] for e in paged), reverse=True)


def test_summary_fields(client: TestClient) -> None:
    item = client.get("/events", params={"limit": 1}).json()["items"][0]
    assert set(item) == {
        "id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "actor2",
        "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities",
        "injuries", "site_id", "site", "weapon_kind", "n_sources", "notes", "first_seen", "last_updated",
    }  # fmt: skip


def test_listed_summaries_say_what_the_event_detail_says(client: TestClient) -> None:
    """The list's summaries come from one query of their own (store.query.summary_rows), the
    detail from the whole Event: every summary field agrees, n_sources and site included."""
    listed = all_events(client)
    assert any(item["n_sources"] > 1 for item in listed) and any(item["site"] for item in listed)
    for item in listed:
        detail = client.get(f"/events/{item['id']}").json()["event"]
        assert {name: detail[name] for name in item} == item


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"country": "russia"}, lambda e: e["country"] == "Russia"),
        ({"admin1": "BELGOROD"}, lambda e: e["admin1"] == "Belgorod"),
        ({"event_type": "explosions/remote violence"}, lambda e: e["event_type"] == "Explosions/Remote violence"),
        ({"sub_event_type": "Air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
        ({"start": "2024-05-01", "end": "2024-05-31"}, lambda e: "2024-05-01" <= e["event_date"] <= "2024-05-31"),
        ({"min_sources": 2}, lambda e: e["n_sources"] >= 2),
        ({"bbox": "30,45,45,55"}, lambda e: 30 <= e["longitude"] <= 45 and 45 <= e["latitude"] <= 55),
        ({"near": "50.6,36.6,60"}, lambda e: _km(50.6, 36.6, e["latitude"], e["longitude"]) <= 60),
        ({"site": "novoshakhtinsk"}, lambda e: "Novoshakhtinsk" in (e["site"] or "")),
        ({"text": "refinery"}, lambda e: True),
    ],
)
def test_filters_keep_only_matching_events(client: TestClient, params: dict[str, Any], check: Any) -> None:
    found = all_events(client, **params)
    assert found, f"the demo corpus has events for {params}"
    assert all(check(e) for e in found)
    assert len(found) < client.get("/health").json()["events"]


def test_actor_and_stance_filters(client: TestClient) -> None:
    everything = all_events(client)
    actor = next(e["actor1"] for e in everything if e["actor1"])
    assert all_events(client, actor=actor.lower()[2:12])
    claimed = all_events(client, stance="claims_responsibility")
    for event in claimed:
        detail = client.get(f"/events/{event['id']}").json()["event"]
        assert any(c["stance"] == "claims_responsibility" for c in detail["claims"])


def test_text_search_finds_words_in_notes_or_evidence(client: TestClient) -> None:
    found = all_events(client, text="refinery")
    for event in found[:3]:
        detail = client.get(f"/events/{event['id']}").json()["event"]
        haystack = (detail["notes"] + " " + " ".join(q["quote"] for q in detail["evidence"])).lower()
        assert "refiner" in haystack


def test_event_detail_with_sources_claims_evidence_offsets(client: TestClient) -> None:
    merged = max(all_events(client), key=lambda e: e["n_sources"])
    body = client.get(f"/events/{merged['id']}").json()
    assert body["ok"] is True
    event = body["event"]
    assert len(event["sources"]) == merged["n_sources"] >= 2
    assert {"claims", "evidence", "values_by_source", "links", "reported_counts", "versions"} <= set(event)
    for field in event["values_by_source"].values():
        assert set(field) <= {s["article_id"] for s in event["sources"]}
    texts = {
        s["article_id"]: client.get(f"/articles/{s['article_id']}").json()["article"]["text"] for s in event["sources"]
    }
    assert event["evidence"]
    for ev in event["evidence"]:
        assert texts[ev["article_id"]][ev["start"] : ev["end"]] == ev["quote"]
    assert client.get(f"/events/{merged['id'][:8]}").json()["event"]["id"] == merged["id"]  # unique prefix


def test_event_corroboration_counts_a_wire_copy_once(client: TestClient) -> None:
    details = [client.get(f"/events/{e['id']}").json()["event"] for e in all_events(client)]
    copied = [d for d in details if any(s["copy_of"] for s in d["sources"])]
    assert copied, "the demo corpus has a wire copy"
    for event in details:
        summary = event["corroboration"]
        assert summary["reports"] == len(event["sources"])
        copies = [s for s in event["sources"] if s["copy_of"]]
        assert len(summary["independent_outlets"]) <= summary["reports"] - len(copies)
        outlet_of = {s["article_id"]: s["outlet"] for s in event["sources"]}
        for copy in copies:
            assert copy["copy_of"] in outlet_of
            # the stored link points at whichever report arrived first; the summary names the
            # outlet that republished, by the agency its dateline credits, so either end may be it
            assert {copy["outlet"], outlet_of[copy["copy_of"]]} & {c["outlet"] for c in summary["copies"]}
        if summary["fatalities_low"] is not None:
            assert summary["fatalities_low"] <= summary["fatalities_high"]
            # ACLED's lowest figure, except that a peaceful protest has none (docs/conventions.md)
            peaceful = event["sub_event_type"] == "Peaceful protest"
            assert event["fatalities"] == (0 if peaceful else summary["fatalities_low"])


def test_article_evidence_offsets_index_its_text(client: TestClient) -> None:
    event = all_events(client, limit=1)[0]
    source = client.get(f"/events/{event['id']}").json()["event"]["sources"][0]
    article = client.get(f"/articles/{source['article_id']}").json()["article"]
    assert article["evidence"] and {e["event_id"] for e in article["evidence"]} >= {event["id"]}
    for ev in article["evidence"]:
        assert article["text"][ev["start"] : ev["end"]] == ev["quote"]


def test_sites_and_site_history(client: TestClient) -> None:
    sites = client.get("/sites").json()["items"]
    refinery = next(s for s in sites if s["name"] == "Novoshakhtinsk refinery")
    assert refinery["n_events"] >= 2
    site = client.get(f"/sites/{refinery['id']}").json()["site"]
    dates = [e["event_date"] for e in site["events"]]
    assert len(dates) == refinery["n_events"] and dates == sorted(dates)
    assert all(e["site"] == "Novoshakhtinsk refinery" for e in site["events"])


def test_stats_add_up(client: TestClient) -> None:
    everything = all_events(client)
    stats = client.get("/stats").json()
    assert stats["total"] == len(everything)
    assert sum(r["count"] for r in stats["by_admin1"]) == len(everything)
    assert sum(r["count"] for r in stats["by_day_type"]) == sum(1 for e in everything if e["event_date"])
    russia = client.get("/stats", params={"country": "Russia"}).json()
    assert russia["total"] == len(all_events(client, country="Russia")) < stats["total"]
    assert {r["country"] for r in russia["by_admin1"]} == {"Russia"}


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["ok"] is True and body["status"] == "ok" and body["events"] > 0 and body["articles"] > 0
