"""The issue's "done when", end to end over real loopback servers: `watch --once` ingests a
feed (following entries to their pages) and delivers one webhook, one e-mail and one Atom
entry per matching event; a second run sends conditional requests and delivers nothing new;
a new feed item that raises the event's toll delivers exactly one "changed" alert."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwatch.cli import app
from tests.monitor.servers import Mailbox, Page, Site, article_html, http_site, rss, smtp_server

runner = CliRunner()
SECRET = "test-secret"
ATOM = "{http://www.w3.org/2005/Atom}"

FIRST = (
    "Russian drone hits fuel depot in Kharkiv",
    "KHARKIV, Ukraine — A Russian drone struck a fuel depot in Kharkiv on Monday, setting several storage "
    "tanks on fire, regional governor Oleh Syniehubov said.\nFirefighters worked through the night to contain "
    "the blaze at the depot on the city's eastern edge. Emergency crews were still at the scene on Tuesday "
    "morning, and the governor said an assessment of the damage was under way.",
)
UPDATE = (
    "Toll rises after drone strike on Kharkiv fuel depot",
    "KHARKIV, Ukraine — Three workers were killed when a Russian drone struck a fuel depot in Kharkiv on "
    "Monday, regional governor Oleh Syniehubov said on Tuesday, after rescuers found their bodies under the "
    "debris of a storage building.\nThe strike set several tanks on fire and the blaze burned through the "
    "night before firefighters contained it.",
)


class World:
    def __init__(self, site: Site, mailbox: Mailbox, tmp: Path, db: str) -> None:
        self.site, self.mailbox, self.db = site, mailbox, db
        self.items = [(FIRST[0], f"{site.base}/a", "Tue, 01 Dec 2026 08:00:00 GMT", FIRST[1])]
        site.pages["/a"] = Page(article_html(*FIRST))
        site.pages["/b"] = Page(article_html(*UPDATE))
        site.pages["/feed.xml"] = lambda: Page(rss("Test Wire", self.items), "application/rss+xml")
        site.pages["/hook"] = Page(b"", status=204)
        self.config = tmp / "settings.toml"
        self.config.write_text(
            f'[fetch]\nallow_private = true\n[alerts]\nwebhook_secret = "{SECRET}"\nsmtp_host = "127.0.0.1"\n'
            f'smtp_port = {mailbox.port}\nbase_url = "http://dash.example"\n'
        )
        self.sources = tmp / "sources.toml"
        self.sources.write_text(f'[[source]]\nname = "wire"\nurl = "{site.base}/feed.xml"\nevery = "15m"\n')

    def run(self, *args: str) -> str:
        result = runner.invoke(app, ["--db", self.db, "--config", str(self.config), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    def hooks(self) -> list[dict[str, object]]:
        found = []
        for headers, body in self.site.posted("/hook"):
            expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            assert headers["x-eventwatch-signature"] == expected
            found.append(json.loads(body))
        return found

    def get(self, path: str) -> Any:
        from eventwatch.api.app import create_app
        from eventwatch.settings import load_settings

        settings = load_settings(self.config, env={}).with_db(self.db)
        with TestClient(create_app(settings)) as client:
            return client.get(path)

    def atom_entries(self) -> list[ET.Element]:
        response = self.get("/alerts/kharkiv.atom")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        assert feed.find(f"{ATOM}id") is not None and feed.find(f"{ATOM}updated") is not None
        return feed.findall(f"{ATOM}entry")


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    with http_site() as site, smtp_server() as mailbox:
        yield World(site, mailbox, tmp_path, db_url)


def test_watch_once_alerts_once_per_event_version(world: World) -> None:
    world.run("alerts", "add", "kharkiv", "--country", "Ukraine", "--type", "Air/drone strike",
              "--webhook", f"{world.site.base}/hook", "--email", "analyst@example.org")  # fmt: skip

    first = world.run("watch", "--sources", str(world.sources), "--once")
    assert "1 new item(s), 1 new article(s)" in first
    assert world.site.requested("/a"), "the feed entry is followed to its page"
    hooks = world.hooks()
    assert len(hooks) == 1 and hooks[0]["kind"] == "new" and hooks[0]["alert"] == "kharkiv"
    event = hooks[0]["event"]
    assert isinstance(event, dict) and event["country"] == "Ukraine" and event["fatalities"] == 0
    assert str(hooks[0]["link"]).startswith("http://dash.example/")
    assert len(world.mailbox.messages) == 1 and "[eventwatch kharkiv] new" in world.mailbox.messages[0]["Subject"]
    assert len(world.atom_entries()) == 1

    second = world.run("watch", "--sources", str(world.sources), "--once")
    assert "not modified" in second
    feed_requests = world.site.requested("/feed.xml")
    assert feed_requests[-1].get("if-none-match") and feed_requests[-1].get("if-modified-since")
    assert len(world.hooks()) == 1 and len(world.mailbox.messages) == 1 and len(world.atom_entries()) == 1

    world.items.append((UPDATE[0], f"{world.site.base}/b", "Wed, 02 Dec 2026 08:00:00 GMT", UPDATE[1]))
    third = world.run("watch", "--sources", str(world.sources), "--once")
    assert "1 new item(s), 1 new article(s)" in third
    hooks = world.hooks()
    assert len(hooks) == 2 and hooks[1]["kind"] == "changed"
    assert hooks[1]["event_id"] == hooks[0]["event_id"]
    assert "fatalities 0 → 3" in hooks[1]["changes"]  # type: ignore[operator]
    assert len(world.mailbox.messages) == 2 and "changed" in world.mailbox.messages[1]["Subject"]
    assert len(world.atom_entries()) == 2

    states = json.loads(world.run("sources", "--json"))
    assert states[0]["name"] == "wire" and states[0]["healthy"] and states[0]["articles_added"] == 2
    api_states = world.get("/sources").json()
    assert api_states[0]["name"] == "wire" and api_states[0]["items_seen"] == 2 and api_states[0]["failures"] == 0
    assert world.get("/alerts").json()[0]["atom"] == "alerts/kharkiv.atom"
    assert world.get("/alerts/nothing.atom").status_code == 404
