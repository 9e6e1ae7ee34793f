"""Shared text clean-up: site boilerplate lines, HTML fragments to text, the prose minimum."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from eventwatch.errors import InputError, NotNews, TooLarge
from eventwatch.ingest.boilerplate import (
    END_STOP,
    FurnitureModel,
    furniture_scores,
    is_prose,
    load_cues,
    load_model,
    trailing_furniture,
)
from eventwatch.records import Rejected

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}
MAX_BOILERPLATE_LINE = 200
# Copyright and reuse notices run long ("© 2023 X. Unauthorized use and/or duplication of this
# material ... is strictly prohibited. Excerpts and links may be used ..."): up to this length a
# line that opens with © or carries such a clause is furniture, not reporting.
MAX_NOTICE_LINE = 800


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    known = load_cues()
    if len(stripped) <= MAX_NOTICE_LINE and (
        known.notice_starts.match(stripped) or known.notice_anywhere.search(stripped)
    ):
        return True
    return len(stripped) <= MAX_BOILERPLATE_LINE and bool(known.line_starts.match(stripped))


def strip_boilerplate(text: str) -> str:
    """Drop site furniture and collapse runs of blank lines; one paragraph per line.

    Known furniture lines go first; then the learned line classifier (``boilerplate.py``)
    drops the lines it scores as furniture, the headings listed under a furniture line after
    the last paragraph of prose ("Related stories" and the headlines under it), and sentences
    of furniture appended to the last two paragraphs."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    where = [i for i, line in enumerate(lines) if line]
    for i, drop in zip(where, _furniture([lines[i] for i in where]), strict=True):
        if drop:
            lines[i] = ""
    for last in [i for i, line in enumerate(lines) if line][-2:]:
        lines[last] = trailing_furniture(lines[last])
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def _furniture(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are furniture. In the body, a line the classifier scores at or above
    its threshold. In the tail (after the last line of reporting, when there is one; see
    ``_reports``): a line at or above its bar (``_tail_bar``), a heading listed under a
    furniture line ("More from our reporters" and the headlines of other stories) and any line
    between two lines of furniture."""
    model = load_model()
    scores = [
        1.0 if is_boilerplate(p) else s for p, s in zip(paragraphs, furniture_scores(paragraphs, model), strict=True)
    ]
    drop = [score >= model.threshold for score in scores]
    terse = not any(is_prose(p) for p in paragraphs)
    reports = (i for i in reversed(range(len(paragraphs))) if _reports(paragraphs[i], scores[i], model, terse))
    tail = next((i + 1 for i in reports), 0)
    listed = False
    for i in range(tail if tail else len(paragraphs), len(paragraphs)):
        drop[i] = drop[i] or scores[i] >= _tail_bar(paragraphs[i], model, listed)
        drop[i] = drop[i] or (listed and not END_STOP.search(paragraphs[i]))
        listed = listed or drop[i]
    dropped = [i for i in range(tail if tail else len(paragraphs), len(paragraphs)) if drop[i]]
    for i in range(dropped[0], dropped[-1]) if dropped else ():
        drop[i] = True  # a line between two lines of furniture in the tail
    return drop


def _tail_bar(line: str, model: FurnitureModel, listed: bool) -> float:
    """The score at which a line of the tail is furniture: the end threshold for a long line;
    for a short sentence the body's threshold, or the tail one once furniture has begun; the
    tail threshold for a line without a final stop."""
    if is_prose(line):
        return model.end_threshold
    if END_STOP.search(line) and not listed:
        return model.threshold
    return model.tail_threshold


def _reports(line: str, score: float, model: FurnitureModel, terse: bool) -> bool:
    """A line of reporting that can end the article's body: a long paragraph of prose scored
    below the end threshold or, in a terse bulletin with no such paragraph, a sentence scored
    below the tail threshold."""
    if is_prose(line):
        return score < model.end_threshold
    return terse and bool(END_STOP.search(line)) and score < model.tail_threshold


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry body) with one line per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def require_prose(text: str, min_chars: int, origin: str, max_chars: int | None = None) -> str:
    """Refuse text shorter than ``min_chars`` characters as not news, and text longer than
    ``max_chars`` as too large to extract in bounded time."""
    length = len(text.strip())
    if length < min_chars:
        raise NotNews(f"{origin}: only {length} characters of text (need {min_chars}): not an article")
    if max_chars is not None and length > max_chars:
        raise TooLarge(f"{origin}: {length:,} characters of text, over the ingest.max_chars limit of {max_chars:,}")
    return text


def rejected(err: InputError, origin: str) -> Rejected:
    """The Rejected record for a document refused at ingest."""
    return Rejected(stage="ingest", reason=err.message, origin=origin, code=err.code, detail=err.detail)
