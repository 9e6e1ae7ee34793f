"""Shared test documents for ingest, written for these tests."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = (
    "A fuel depot on the edge of Marlow Bridge caught fire late on Tuesday after what the "
    "district council described as a drone attack on the storage yard.",
    "The council chair said two workers were hurt and that fire crews had the blaze under "
    "control by early morning. Nobody has claimed responsibility for the attack so far.",
    "Residents on the river side of town said they heard three loud bangs shortly before "
    "midnight, and the main road stayed closed until the afternoon.",
)
BODY = "\n".join(PARAGRAPHS)


def page(
    *,
    head: str = "",
    body: str | None = None,
    extra: str = "",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
) -> str:
    """A small news page with site furniture around the article."""
    article = body if body is not None else "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Depot fire at Marlow Bridge - The Weekly Courier</title>{head}</head><body>
<div class="cookie-notice">We use cookies to give you the best experience. Accept all cookies</div>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/local">Local</a></li></ul></nav>
<article><h1>Depot fire at Marlow Bridge</h1>{article}</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Bridge repairs finish</a></li>
<li><a href="/y">Council budget approved</a></li></ul></aside>{extra}
<footer><p>© 2023 The Weekly Courier. All rights reserved.</p></footer></body></html>"""


COMMENTS = """<div id="comments" class="comments-area"><h3 id="reply-title">Leave a Reply</h3>
<p class="no-comments">Be the first to comment</p>
<form id="commentform"><textarea name="comment"></textarea></form>
<p class="akismet_comment_form_privacy_notice">This site uses Akismet to reduce spam.
Learn how your comment data is processed.</p></div>"""

META_HEAD = """<meta property="og:site_name" content="The Weekly Courier">
<meta property="article:published_time" content="2024-03-12T22:40:00+00:00">
<link rel="canonical" href="https://courier.example/local/depot-fire">"""


HTML_BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Weekly Courier</title><link>https://courier.example/</link>
<item><title>Depot fire at Marlow Bridge</title><link>https://courier.example/depot-fire</link>
<pubDate>Tue, 12 Mar 2024 22:40:00 +0000</pubDate><description>Short teaser only.</description>
<content:encoded><![CDATA[{HTML_BODY}<p>Share this article</p>]]></content:encoded></item>
<item><title>Bridge reopens</title><link>https://courier.example/bridge</link>
<description>The bridge is open again.</description></item>
</channel></rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Radio News</title>
<entry><title>Depot fire</title><link href="https://radio.example/fire"/>
<updated>2024-03-13T06:00:00Z</updated>
<summary type="html">{HTML_BODY.replace("<", "&lt;").replace(">", "&gt;")}</summary></entry>
</feed>""".encode()


TOWNS = ("Marlow Bridge", "Eastfold", "Highcombe")


def make_warc(gzip: bool) -> bytes:
    """Three HTML responses (one per town), plus a request and an image that are not documents."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for number, town in enumerate(TOWNS):
        url = f"https://courier.example/{number}"
        writer.write_record(
            writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        )
        html = page(paragraphs=tuple(p.replace("Marlow Bridge", town) for p in PARAGRAPHS)).encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-13T07:00:00Z"},
        )
        writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url + ".png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=image
            )
        )
    return buffer.getvalue()
