"""`eventwatch watch`: poll each due source, ingest what is new through the pipeline, record
the source's state, evaluate saved searches on the events touched, and deliver alerts.

A failing source backs off exponentially (every * 2^failures, at most watch.max_backoff) and
is marked unhealthy after watch.unhealthy_after failures in a row; it is never dropped and
never stops the loop. `stop()` (SIGTERM) lets the chunk in flight finish: the entries it did
not reach are not marked seen, and neither are the feed's validators, so a restart takes up
where this run stopped without fetching again what it stored."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from eventwatch.errors import EventwatchError
from eventwatch.extract.assemble import Services
from eventwatch.ingest import Fetcher
from eventwatch.monitor.alerts import evaluate
from eventwatch.monitor.deliver import Deliverer
from eventwatch.monitor.reader import Poll, SourceReader, iter_records
from eventwatch.pipeline import IngestReport, ingest_items
from eventwatch.records import SourceSpec, SourceState
from eventwatch.settings import Settings
from eventwatch.store import Repository
from eventwatch.store.monitor import MonitorStore

LOG = logging.getLogger("eventwatch.watch")
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PollResult:
    source: str
    new_items: int = 0
    articles: int = 0
    events: int = 0
    alerts: int = 0
    not_modified: bool = False
    error: str = ""


def _now() -> datetime:
    return datetime.now(UTC)


class Watcher:
    """Polls sources and delivers alerts; `fetcher` and `clock` are injectable for tests."""

    def __init__(
        self,
        specs: list[SourceSpec],
        settings: Settings,
        repo: Repository,
        services: Services | None = None,
        *,
        fetcher: Fetcher | None = None,
        clock: Clock = _now,
    ) -> None:
        self.specs = specs
        self.settings = settings
        self.repo = repo
        self.services = services
        self.clock = clock
        self.store = MonitorStore(repo.engine, clock)
        self.fetcher = fetcher or Fetcher(settings.fetch, max_bytes=settings.ingest.max_bytes)
        self.reader = SourceReader(settings, self.fetcher)
        self.deliverer = Deliverer(settings, self.store)
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def close(self) -> None:
        self.fetcher.close()
        self.deliverer.close()

    # --- one source ----------------------------------------------------------------------

    def _due(self, spec: SourceSpec, once: bool) -> bool:
        state = self.store.source_state(spec.name)
        if state is None or state.next_due is None:
            return True
        if once and state.failures == 0:
            return True  # --once: cron sets the pace, except for a source backing off
        return state.next_due <= self.clock()

    def poll(self, spec: SourceSpec) -> PollResult:
        """Fetch one source, ingest what is new, record its state; never raises an EventwatchError."""
        state = self.store.source_state(spec.name) or SourceState(spec.name, spec.url, spec.every)
        started = self.clock()
        state = replace(state, url=spec.url, every=spec.every, last_fetch=started)
        try:
            found = self.reader.poll(spec, state)
            result, report = self._ingest(spec, found, started)
        except EventwatchError as exc:
            self._failed(state, exc.message)
            return PollResult(spec.name, error=exc.message)
        except Exception as exc:  # the source boundary: one broken source never ends the loop
            LOG.exception("internal error polling %s", spec.name)
            self._failed(state, f"internal error: {type(exc).__name__}: {exc}")
            return PollResult(spec.name, error=str(exc))
        stopped_early = self.stopping and result.new_items < len(found.items)
        self.store.save_source(replace(
            state,
            etag=state.etag if stopped_early else found.etag,
            last_modified=state.last_modified if stopped_early else found.last_modified,
            last_success=started,
            next_due=started + timedelta(seconds=spec.every),
            failures=0,
            healthy=True,
            items_seen=state.items_seen + result.new_items,
            articles_added=state.articles_added + report.articles,
            last_error=self._rejected_note(found, report),
        ))  # fmt: skip
        return result

    def _ingest(self, spec: SourceSpec, found: Poll, started: datetime) -> tuple[PollResult, IngestReport]:
        seen = self.store.seen_items(spec.name, [item.key for item in found.items])
        fresh = [item for item in found.items if item.key not in seen]
        if not fresh:
            return PollResult(spec.name, not_modified=found.not_modified), IngestReport()
        consumed: list[str] = []
        records = iter_records(fresh, lambda: self.stopping, consumed)
        report = ingest_items(records, self.settings, self.repo, self.services)
        self.store.mark_seen(spec.name, consumed)
        alerts = evaluate(self.repo, self.store, report.events, started, self.settings)
        result = PollResult(spec.name, len(consumed), report.articles, len(report.events), len(alerts))
        return result, report

    @staticmethod
    def _rejected_note(found: Poll, report: IngestReport) -> str:
        """A page or feed that gave only refused documents says why (HTML where a feed was expected...)."""
        if report.rejected and report.articles == 0 and report.duplicates == 0:
            return f"nothing ingested: {report.rejected[0].reason}"
        return ""

    def _failed(self, state: SourceState, message: str) -> None:
        failures = state.failures + 1
        wait = min(state.every * 2**failures, max(state.every, self.settings.watch.max_backoff))
        LOG.warning("source %s failed (%d in a row): %s", state.name, failures, message)
        self.store.save_source(replace(
            state,
            failures=failures,
            healthy=failures < self.settings.watch.unhealthy_after,
            last_error=message,
            next_due=self.clock() + timedelta(seconds=wait),
        ))  # fmt: skip

    # --- the loop ------------------------------------------------------------------------

    def run_once(self) -> list[PollResult]:
        """Poll every source not backing off, then deliver the pending alerts once."""
        results = []
        for spec in self.specs:
            if self.stopping:
                break
            if self._due(spec, once=True):
                results.append(self.poll(spec))
        self.deliverer.run_pass()
        return results

    def run_forever(self, on_result: Callable[[PollResult], None] | None = None) -> None:
        """Poll due sources until stop(); deliveries run in their own thread, so a slow webhook
        or SMTP server never holds up ingestion."""
        sender = threading.Thread(target=self._deliver_loop, name="eventwatch-deliver", daemon=True)
        sender.start()
        try:
            while not self.stopping:
                for spec in self.specs:
                    if self.stopping:
                        break
                    if self._due(spec, once=False):
                        result = self.poll(spec)
                        if on_result:
                            on_result(result)
                self._stop.wait(self.settings.watch.tick)
        finally:
            self._stop.set()
            sender.join(timeout=self.settings.alerts.timeout + 5)

    def _deliver_loop(self) -> None:
        while not self._stop.wait(self.settings.watch.tick):
            try:
                self.deliverer.run_pass(stop=self._stop.is_set)
            except EventwatchError as exc:  # a store hiccup: try again next tick
                LOG.warning("delivering alerts failed: %s", exc.message)
