from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventwatch.errors import NotNews
from eventwatch.ingest.html import parse_html
from eventwatch.ingest.meta import DocMeta
from eventwatch.settings import IngestSettings

from .samples import COMMENTS, META_HEAD, PARAGRAPHS, page

SETTINGS = IngestSettings()
FURNITURE = (
    "Leave a Reply",
    "Be the first to comment",
    "Akismet",
    "cookies",
    "Related stories",
    "Bridge repairs finish",
    "Front page",
    "All rights reserved",
    "©",
)


def test_article_text_and_metadata() -> None:
    article = parse_html(page(head=META_HEAD, extra=COMMENTS), SETTINGS, origin="fire.html")
    assert article.source_kind == "html"
    assert article.title == "Depot fire at Marlow Bridge"
    assert article.outlet == "The Weekly Courier"
    assert article.url == "https://courier.example/local/depot-fire"
    assert article.published_at == datetime(2024, 3, 12, 22, 40, tzinfo=UTC)
    assert article.origin == "fire.html"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text.split("\n")


@pytest.mark.parametrize("unwanted", FURNITURE)
def test_comments_and_boilerplate_are_not_in_the_text(unwanted: str) -> None:
    article = parse_html(page(head=META_HEAD, extra=COMMENTS), SETTINGS, origin="fire.html")
    assert unwanted not in article.text


def test_reader_comments_are_not_in_the_text() -> None:
    thread = """<section id="comments"><ol class="commentlist"><li class="comment">
    <div class="comment-author">Gerald</div><div class="comment-content"><p>This is outrageous and
    somebody in the government should finally answer for the state of our roads and bridges.</p>
    </div></li></ol></section>"""
    article = parse_html(page(extra=thread), SETTINGS, origin="fire.html")
    assert "outrageous" not in article.text
    assert PARAGRAPHS[0] in article.text


def test_copyright_year_is_never_the_publication_date() -> None:
    article = parse_html(page(), SETTINGS, origin="fire.html")
    assert "© 2023" in page()
    assert article.published_at is None


def test_truncated_html_still_yields_its_text() -> None:
    html = page(head=META_HEAD)
    third = html.index(PARAGRAPHS[2])
    for cut in (html[: third - 2], html[: third + 60]):  # inside "<p>", then inside the text
        article = parse_html(cut, SETTINGS, origin="cut.html")
        assert PARAGRAPHS[0] in article.text
        assert PARAGRAPHS[1] in article.text


@pytest.mark.parametrize(
    "html",
    [
        """<html><head><title>Sign in</title></head><body><form><label>Email</label><input name="e">
        <label>Password</label><input type="password"><button>Sign in</button></form>
        <p>Forgot your password?</p></body></html>""",
        "<html><body><ul>"
        + "".join(f'<li><a href="/s/{i}">Story {i}</a></li>' for i in range(40))
        + "</ul></body></html>",
        "<html><body><div class='product'><h2>Blue kettle</h2><span>£24.99</span><button>Add to basket"
        "</button></div><div class='product'><h2>Red toaster</h2><span>£31.50</span></div></body></html>",
    ],
    ids=["login", "link-index", "shop"],
)
def test_pages_without_prose_are_not_news(html: str) -> None:
    with pytest.raises(NotNews):
        parse_html(html, SETTINGS, origin="page.html")


def test_given_metadata_wins_and_fallback_date_fills_gaps() -> None:
    fallback = datetime(2024, 5, 1, tzinfo=UTC)
    given = DocMeta(title="Given title", outlet="Given outlet")
    article = parse_html(page(), SETTINGS, origin="p.html", given=given, fallback_published=fallback)
    assert (article.title, article.outlet, article.published_at) == ("Given title", "Given outlet", fallback)


def test_same_page_gives_the_same_id() -> None:
    first = parse_html(page(), SETTINGS, origin="a.html")
    second = parse_html(page(extra=COMMENTS), SETTINGS, origin="b.html")
    assert first.id == second.id
