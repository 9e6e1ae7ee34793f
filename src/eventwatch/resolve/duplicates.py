"""Article-level duplicates: wire copies and lightly edited republications.

An article's body (boilerplate lines and a leading dateline removed) becomes a set of
word shingles; a MinHash of the set is cut into bands whose hashes are stored
(`article_bands`), so candidates are found by band lookup across runs and processes. A
candidate is confirmed exactly on the shingle sets: the share of the shorter body found in
the longer (containment, so a trimmed copy scores 1.0) must reach `containment`, and the
Jaccard similarity `min_jaccard` (the shorter is not a mere excerpt). Copies form a group
around one original, the earliest published (`article_duplicates.duplicate_of`). A copy's
mentions follow the events of its group (see `original_events`) and are flagged on their
SourceRef, so they never count as independent evidence or start a second event.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher

from datasketch import MinHash

from eventwatch.records import Article, Event, FieldChange, Mention, normalise_text
from eventwatch.resolve.history import record
from eventwatch.resolve.versions import link_version
from eventwatch.settings import DuplicateSettings
from eventwatch.store import Tx

_SEED = 1  # fixed, so band hashes are the same in every process and run
_LATEST = datetime.max.replace(tzinfo=UTC)
# Lines and sentences that outlets add around a story: credits, copyright, calls to follow.
_BOILERPLATE = re.compile(
    r"^\W*(?:reporting by|editing by|writing by|additional reporting|follow us|subscribe|sign up|"
    r"read more|related\b|click here|share this|advertisement|contact us|this (?:story|article) "
    r"(?:was|has been) (?:updated|corrected|republished))|©|\(c\) \d{4}|copyright \d{4}|all rights reserved",
    re.IGNORECASE,
)
# "KYIV, March 12 (Wire Service) - " at the start of a wire story.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:,[^\n(–—-]{0,30})?\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+")
# The longest run of words swapped for another that makes two texts different reports: a
# town's name ("Nizhny Novgorod" is 2 words, with a district 3). Measured on the copies of
# examples/resolution: their shortest replaced run that holds a capitalised word is 4 words.
SWAP_WORDS = 3


@dataclass(frozen=True)
class Copy:
    """The original of a new article's copy group, and how similar the closest copy is."""

    original: str
    similarity: float


def body(text: str) -> str:
    """The article text without its dateline and boilerplate sentences."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip())]
    if parts:
        parts[0] = _DATELINE.sub("", parts[0])
    return " ".join(p for p in parts if p and not _BOILERPLATE.search(p))


def shingles(text: str, size: int) -> frozenset[str]:
    """The set of `size`-word shingles of the body (all its words if it is shorter)."""
    words = _WORD.findall(normalise_text(body(text)))
    if len(words) <= size:
        return frozenset([" ".join(words)] if words else [])
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def band_hashes(shingle_set: frozenset[str], settings: DuplicateSettings) -> list[tuple[int, str]]:
    """The LSH bands of the MinHash signature: (band number, hash of its rows)."""
    signature = MinHash(num_perm=settings.num_perm, seed=_SEED)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    rows = settings.num_perm // settings.bands
    values = signature.hashvalues.astype("<u8")
    return [
        (band, hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8).hexdigest())
        for band in range(settings.bands)
    ]


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set found in the other: 1.0 for a trimmed copy."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _age(article: Article) -> tuple[bool, datetime, str]:
    return (article.published_at is None, article.published_at or _LATEST, article.id)


def _similarity(own: frozenset[str], other: Article, settings: DuplicateSettings) -> float:
    """The containment of the two bodies, or 0 when they are not copies of each other."""
    theirs = shingles(other.text, settings.shingle_words)
    if jaccard(own, theirs) < settings.min_jaccard:
        return 0.0
    return containment(own, theirs)


def link_copy(tx: Tx, article: Article, settings: DuplicateSettings, mentions: Sequence[Mention] = ()) -> Copy | None:
    """Index the stored `article`'s bands and, if it copies a stored article, link the two.

    A newer or older version of one outlet's story is linked as a version instead
    (versions.py). A near-identical text is a copy only when its facts agree: its extracted
    mentions name the same places, dates and figures as the other's, and its body swaps no
    name or number; a bulletin written from a template about another town is not a copy,
    and its mentions never join the other's events (a "do not merge" constraint). Copies
    form groups with one original, the earliest published (then lowest id) of the group; a
    new article published before its group's original becomes the original.
    """
    own = shingles(article.text, settings.shingle_words)
    near = []
    if own:
        bands = band_hashes(own, settings)
        near = [(_similarity(own, other, settings), other) for other in tx.band_matches(article.id, bands)]
        tx.add_bands(article.id, bands)
    if link_version(tx, article, [(similarity > 0, other) for similarity, other in near], mentions):
        return None
    similar = [(similarity, other) for similarity, other in near if similarity >= settings.containment]
    matches = [(s, o) for s, o in similar if facts_agree(article, mentions, o, tx.article_mentions(o.id))]
    templated = sorted({other.id for _, other in similar} - {other.id for _, other in matches})
    if templated:  # one template, other places or figures: other incidents, never one event
        tx.block_merge(article.id, templated, "written from one template with other places or figures")
    if not matches:
        return None
    similarity, closest = min(matches, key=lambda pair: (-pair[0], *_age(pair[1])))
    root_id = tx.duplicate_of(closest.id) or closest.id
    root = closest if root_id == closest.id else tx.articles([root_id])[0]
    if _age(article) < _age(root):
        tx.link_duplicate(root.id, article.id, similarity)
        _demoted(tx, root.id, article.id)
        return Copy(article.id, similarity)
    tx.link_duplicate(article.id, root.id, similarity)
    return Copy(root.id, similarity)


def _nested(a: set[object], b: set[object]) -> bool:
    return a <= b or b <= a


def substituted(text: str, other: str) -> bool:
    """Whether one body is the other with a name or number swapped: a short run of words
    (up to SWAP_WORDS) replaced by another, each with a capitalised word or a digit ("in
    Kharkiv" / "in Sumy", "3 killed" / "5 killed"). A copy's edits insert, cut or reword
    longer runs (a dropped paragraph, a republication credit)."""
    words, others = _WORD.findall(body(text)), _WORD.findall(body(other))
    opcodes = SequenceMatcher(a=words, b=others, autojunk=False).get_opcodes()
    return any(
        op == "replace" and i2 - i1 <= SWAP_WORDS and j2 - j1 <= SWAP_WORDS
        and _naming(words[i1:i2]) and _naming(others[j1:j2])
        for op, i1, i2, j1, j2 in opcodes
    )  # fmt: skip


def _naming(words: list[str]) -> bool:
    return any(word[:1].isupper() or word[:1].isdigit() for word in words)


def _facts(mentions: Sequence[Mention]) -> tuple[set[object], ...]:
    return (
        {m.location for m in mentions if m.location},
        {m.event_date for m in mentions if m.event_date},
        {m.fatalities for m in mentions if m.fatalities},
        {m.injuries for m in mentions if m.injuries},
    )


def facts_agree(article: Article, mentions: Sequence[Mention], other: Article, others: Sequence[Mention]) -> bool:
    """Whether two near-identical texts report the same facts: no name or number of one body
    is swapped for another in the other, and, when both have mentions, the places, dates,
    fatality and injury figures of one are among the other's (a trimmed copy has fewer)."""
    if substituted(article.text, other.text):
        return False
    facts = zip(_facts(mentions), _facts(others), strict=True)
    return not (mentions and others) or all(_nested(a, b) for a, b in facts)


def _demoted(tx: Tx, article_id: str, original: str) -> None:
    """A version for each event of a stored article just found to copy an earlier one."""
    change = FieldChange(field="duplicate_of", old=None, new=original)
    why = f"source {article_id} copies the earlier-published article {original}: not independent evidence"
    for event in tx.events_of_article(article_id):
        record(tx, event, kind="field_changed", reason=why, article_id=article_id, noted=(change,))


def original_events(tx: Tx, article: Article) -> list[Event]:
    """The events the other articles of the article's copy group went to (empty if it has no copies)."""
    return tx.copy_group_events(article.id)
