"""A saved search's matches as an Atom 1.0 feed (RFC 4287), one entry per match."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from eventwatch.monitor.deliver import event_link, summary_line
from eventwatch.records import AlertMatch, SavedSearch
from eventwatch.settings import Settings

ATOM = "http://www.w3.org/2005/Atom"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(search: SavedSearch, matches: list[AlertMatch], settings: Settings, self_url: str) -> bytes:
    """The feed document; `matches` newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"urn:eventwatch:alert:{search.name}")
    _add(feed, "title", f"eventwatch: {search.name}")
    updated: datetime | None = matches[0].matched_at if matches else search.created_at
    _add(feed, "updated", (updated or datetime.fromtimestamp(0, UTC)).isoformat())
    _add(_add(feed, "author"), "name", "eventwatch")
    _add(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    for match in matches:
        entry = _add(feed, "entry")
        _add(entry, "id", f"urn:eventwatch:alert:{search.name}:{match.event_id}:{match.version}")
        _add(entry, "title", f"{match.kind}: {summary_line(match)}")
        _add(entry, "updated", match.matched_at.isoformat())
        _add(entry, "link", rel="alternate", href=event_link(settings, match.event_id))
        _add(entry, "summary", "; ".join(match.changes))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
