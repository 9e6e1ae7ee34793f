from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from eventwatch.errors import FetchError, RefusedTarget, TooLarge
from eventwatch.ingest import Fetcher, read_sources
from eventwatch.records import Article, Rejected
from eventwatch.settings import FetchSettings, Settings

from .samples import META_HEAD, RSS, page

PUBLIC = {"courier.example": ["93.184.216.34"], "radio.example": ["2606:4700::1111"]}


def resolver(host: str, port: int) -> list[str]:
    return PUBLIC.get(host, ["10.1.2.3"])  # anything else resolves to a private address


def fetcher(handler: Callable[[httpx.Request], httpx.Response], **overrides: object) -> Fetcher:
    settings = FetchSettings(**overrides)  # type: ignore[arg-type]
    return Fetcher(settings, max_bytes=10_000, transport=httpx.MockTransport(handler), resolver=resolver)


def serve_page(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/feed":
        return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
    if request.url.path == "/old":
        return httpx.Response(301, headers={"location": "/local/depot-fire"})
    if request.url.path == "/local/depot-fire":
        return httpx.Response(
            200, text=page(head=META_HEAD), headers={"content-type": "text/html; charset=utf-8"}
        )
    return httpx.Response(404, text="not here")


def test_fetched_page_becomes_a_url_article_after_a_redirect() -> None:
    records = list(read_sources(["https://courier.example/old"], Settings(), fetcher(serve_page)))
    (article,) = records
    assert isinstance(article, Article)
    assert article.source_kind == "url"
    assert article.url == "https://courier.example/local/depot-fire"
    assert article.outlet == "The Weekly Courier"
    assert article.origin == "https://courier.example/old"


def test_fetched_feed_is_parsed_as_a_feed() -> None:
    records = list(read_sources(["https://courier.example/feed"], Settings(), fetcher(serve_page)))
    assert [type(r) for r in records] == [Article, Rejected]
    assert records[0].origin == "https://courier.example/feed#1"


def test_http_error_status_is_a_fetch_error() -> None:
    (rejected,) = list(read_sources(["https://courier.example/missing"], Settings(), fetcher(serve_page)))
    assert isinstance(rejected, Rejected)
    assert (rejected.code, rejected.origin) == ("fetch", "https://courier.example/missing")
    assert "404" in rejected.reason


def test_timeout_is_a_fetch_error_with_a_clear_message() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(FetchError, match=r"timed out after 15 s fetching https://courier.example/slow"):
        fetcher(slow).fetch("https://courier.example/slow")


@pytest.mark.parametrize("declared", [True, False])
def test_too_large_response_is_refused(declared: bool) -> None:
    def huge(request: httpx.Request) -> httpx.Response:
        if declared:
            return httpx.Response(200, content=b"x" * 20_000, headers={"content-type": "text/html"})

        def chunks() -> Iterator[bytes]:
            while True:
                yield b"x" * 4096

        return httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})

    with pytest.raises(TooLarge):
        fetcher(huge).fetch("https://courier.example/huge")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://[::1]:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://intranet.example/",  # resolves to 10.1.2.3
        "ftp://courier.example/file",
    ],
)
def test_non_public_targets_are_refused(url: str) -> None:
    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"request was sent to {request.url}")

    with pytest.raises(RefusedTarget):
        fetcher(never).fetch(url)


def test_redirect_to_a_private_address_is_refused() -> None:
    def bounce(request: httpx.Request) -> httpx.Response:
        if request.url.host == "courier.example":
            return httpx.Response(302, headers={"location": "http://127.0.0.1/secret"})
        raise AssertionError("followed a redirect to loopback")

    (rejected,) = list(read_sources(["https://courier.example/go"], Settings(), fetcher(bounce)))
    assert isinstance(rejected, Rejected) and rejected.code == "refused_target"


def test_private_targets_allowed_when_configured() -> None:
    def local(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=page(), headers={"content-type": "text/html"})

    assert fetcher(local, allow_private=True).fetch("http://127.0.0.1/story").body


@pytest.mark.parametrize("loop", [True, False])
def test_redirect_loops_and_long_chains_stop(loop: bool) -> None:
    def redirect(request: httpx.Request) -> httpx.Response:
        step = int(request.url.params.get("n", "0"))
        return httpx.Response(302, headers={"location": "/r" if loop else f"/r?n={step + 1}"})

    with pytest.raises(FetchError, match="too many redirects"):
        fetcher(redirect, max_redirects=3).fetch("https://courier.example/r")


def test_batch_of_urls_continues_after_failures() -> None:
    sources = ["http://127.0.0.1/", "https://courier.example/missing", "https://courier.example/old"]
    records = list(read_sources(sources, Settings(), fetcher(serve_page)))
    assert [r.code for r in records if isinstance(r, Rejected)] == ["refused_target", "fetch"]
    assert isinstance(records[-1], Article)
