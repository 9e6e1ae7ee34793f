"""Sending alert matches: a signed JSON webhook, or an e-mail through SMTP.

Each delivery is tried when due; a failure is stored (last_error) and tried again after
alerts.retry_base * 2^(attempts-1) seconds, until alerts.max_attempts, then marked failed.
A match is recorded before any delivery and a delivery is marked sent right after it
succeeds, so a restart never sends one twice (short of a crash in between). Targets pass
the Fetcher's guard: loopback, private and link-local addresses are refused unless
fetch.allow_private is on."""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from eventwatch.errors import DeliveryError, EventwatchError, FetchError
from eventwatch.ingest import Fetcher
from eventwatch.records import AlertMatch, Delivery
from eventwatch.settings import Settings
from eventwatch.store.monitor import MonitorStore

SIGNATURE_HEADER = "X-Eventwatch-Signature"


def event_link(settings: Settings, event_id: str) -> str:
    return f"{settings.alerts.base_url.rstrip('/')}/?event={event_id}"


def payload(match: AlertMatch, settings: Settings) -> dict[str, Any]:
    """The JSON a webhook receives."""
    return {
        "alert": match.search,
        "kind": match.kind,
        "changes": list(match.changes),
        "event_id": match.event_id,
        "version": match.version,
        "matched_at": match.matched_at.isoformat(),
        "link": event_link(settings, match.event_id),
        "event": match.event,
    }


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def summary_line(match: AlertMatch) -> str:
    e = match.event
    place = ", ".join(str(p) for p in (e.get("location"), e.get("country")) if p)
    return f"{e.get('sub_event_type')} in {place or 'unknown place'} on {e.get('event_date') or 'undated'}"


def email_message(match: AlertMatch, settings: Settings, to: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"[eventwatch {match.search}] {match.kind}: {summary_line(match)}"
    message["From"] = settings.alerts.mail_from
    message["To"] = to
    lines = [summary_line(match), "", *match.changes, "", event_link(settings, match.event_id), ""]
    lines += [f"{name}: {value}" for name, value in match.event.items() if value not in (None, "")]
    message.set_content("\n".join(lines))
    return message


class Deliverer:
    def __init__(self, settings: Settings, store: MonitorStore, fetcher: Fetcher | None = None) -> None:
        self.settings = settings
        self.store = store
        self.fetcher = fetcher or Fetcher(settings.fetch)

    def close(self) -> None:
        self.fetcher.close()

    def run_pass(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Try every due delivery once; the number sent."""
        sent = 0
        for delivery, match in self.store.due_deliveries(self.store.clock()):
            if stop():
                break
            sent += self.attempt(delivery, match)
        return sent

    def attempt(self, delivery: Delivery, match: AlertMatch) -> bool:
        attempts = delivery.attempts + 1
        try:
            if delivery.channel == "webhook":
                self.send_webhook(delivery.target, match)
            else:
                self.send_email(delivery.target, match)
        except EventwatchError as exc:
            retry = self.settings.alerts.retry_base * 2 ** (attempts - 1)
            give_up = attempts >= self.settings.alerts.max_attempts
            self.store.save_delivery(replace(
                delivery, attempts=attempts, last_error=exc.message, status="failed" if give_up else "pending",
                next_attempt=None if give_up else self.store.clock() + timedelta(seconds=retry),
            ))  # fmt: skip
            return False
        self.store.save_delivery(replace(
            delivery, attempts=attempts, status="sent", last_error="", delivered_at=self.store.clock()
        ))  # fmt: skip
        return True

    def send_webhook(self, url: str, match: AlertMatch) -> None:
        import httpx

        body = json.dumps(payload(match, self.settings), sort_keys=True).encode()
        headers = {"Content-Type": "application/json"}
        if self.settings.alerts.webhook_secret:
            headers[SIGNATURE_HEADER] = signature(self.settings.alerts.webhook_secret, body)
        try:
            self.fetcher.check_target(url)
            timeout = self.settings.alerts.timeout
            response = self.fetcher.client.post(url, content=body, headers=headers, timeout=timeout)
        except FetchError as exc:
            raise DeliveryError(exc.message) from exc
        except httpx.TimeoutException as exc:
            raise DeliveryError(f"webhook {url} timed out after {self.settings.alerts.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {url} failed: {exc}") from exc
        if not response.is_success:
            raise DeliveryError(f"webhook {url} answered HTTP {response.status_code}")

    def send_email(self, to: str, match: AlertMatch) -> None:
        cfg = self.settings.alerts
        if not cfg.smtp_host:
            raise DeliveryError("e-mail alerts need alerts.smtp_host")
        try:
            self.fetcher.check_target(f"http://{cfg.smtp_host}:{cfg.smtp_port}/")  # the same address guard
            with smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout) as smtp:
                if cfg.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if cfg.smtp_user:
                    smtp.login(cfg.smtp_user, cfg.smtp_password)
                smtp.send_message(email_message(match, self.settings, to))
        except FetchError as exc:
            raise DeliveryError(f"SMTP server refused: {exc.message}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {cfg.smtp_host}:{cfg.smtp_port} failed: {exc}") from exc
