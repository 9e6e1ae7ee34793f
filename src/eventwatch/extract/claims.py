"""Claims: who claims, denies, declines to claim, blames, confirms or disputes an incident.

A stance is a speaker, any adverbs, a verb of the stance's family and its complement; the
families and the speaker grammar are data (``lexicon/en/claims.toml``). Each claim carries
the speaker as written ("Moscow", "Regional governor Alexander Bogomaz"), the stance, the
party it is about (for blame), and its evidence. Attaching a claim to the incident it is
about happens in assemble.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import regex

from eventwatch.extract import stances, vocab
from eventwatch.extract.actors import names_defence, phrase_actor, state_in
from eventwatch.extract.syntax import Parsed


@dataclass(frozen=True)
class ClaimMention:
    speaker: str
    stance: str
    subject: str | None
    start: int
    end: int
    generic: bool  # about a kind of incident ("drone strikes on Russian territory"), not one
    speaker_span: tuple[int, int] = (0, 0)  # where the speaker is named: never the incident's scene


@dataclass(frozen=True)
class _Stance:
    stance: str
    gate: Any  # regex.Pattern: a cheap search every match of `pattern` needs
    verb: Any  # the verb and complement alone: every match of `pattern` ends with one
    pattern: Any  # speaker, adverbs, verb and complement
    coordinated: Any  # the verb and complement joined to an earlier claim's ("and denied ..."); None
    # for a rule whose pattern names its speaker itself ("no comment from Kyiv")


@dataclass(frozen=True)
class _Rules:
    stances: tuple[_Stance, ...]
    any_gate: Any  # the union of the gates: a sentence without any is skipped
    reports: Any
    reports_gate: Any
    generic: Any
    leading: Any
    window: int  # how far after a claim a coordinated one may start
    frames_gate: Any  # a sentence without any of these words shows no stance in its parse
    nobody: frozenset[str]  # a speaker opening with one of these is no one ("no group")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = vocab.load("claims")
    fragments = data["fragments"]
    joint = data["coordinated"]["pattern"]
    stances = tuple(
        _Stance(s["stance"], vocab.compile_pattern(s["gate"], ignore_case=True),
                vocab.compile_pattern(s["verb"], fragments),
                vocab.compile_pattern(s["verb"] if s.get("full") else rf"{{speaker}}{{adverb}}\s+(?:{s['verb']})",
                                      fragments),
                None if s.get("full") else vocab.compile_pattern(rf"{joint}(?:{s['verb']})", fragments))
        for s in data["stances"]
    )
    gates = "|".join(s["gate"] for s in data["stances"]) + "|" + data["reports"]["gate"]
    return _Rules(
        stances=stances,
        any_gate=vocab.compile_pattern(gates, ignore_case=True),
        reports=vocab.compile_pattern(data["reports"]["pattern"], fragments),
        reports_gate=vocab.compile_pattern(data["reports"]["gate"], ignore_case=True),
        generic=vocab.compile_pattern(data["generic"]["pattern"], fragments),
        leading=vocab.compile_pattern(data["tidy"]["leading"]),
        window=int(data["coordinated"]["window"]),
        frames_gate=_frames_gate(data["frames"]),
        nobody=frozenset(data["frames"]["nobody"]),
    )


def _frames_gate(frames: dict[str, Any]) -> Any:
    """A word of a stance (`[frames] gate`), a negation (declining is a negated verb of
    comment), or a verb of reporting followed by a word for the speaker's own side: nearly
    every report has "said", so that alone is no reason to read the parse."""
    words = vocab.alternation(sorted(stances.forms(*frames["gate"], "negation")))
    report = vocab.alternation(sorted(stances.forms("report")))
    own = rf"(?:{vocab.alternation(frames['self'])}|the\s+{vocab.alternation(frames['self_nouns'])}['’]s)"
    return regex.compile(rf"\b(?:{words}|{report}\b.*\b{own})\b", regex.IGNORECASE)


def _tidy(speaker: str) -> str:
    return str(_rules().leading.sub("", speaker.strip(" ,.;:–-")))


def _stem(word: str) -> str:
    return word.lower()[:5]


def _same_side(speaker: str, agent: str) -> bool:
    """Whether the agent of an attributed act is the speaker's own side: "its", "their", or a
    name sharing a stem with the speaker's ("Ukraine's air force" … "Ukrainian aircraft")."""
    words = regex.findall(r"\w+", agent.lower())
    if words and words[0] in {"its", "their", "our"}:
        return True
    side = state_in(speaker)
    if side is not None and side == state_in(agent):
        return True  # "the defence ministry in Moscow" ... "Russian air defences"
    names = {_stem(w) for w in regex.findall(r"\p{Lu}\w{3,}", speaker)}
    return any(_stem(w) in names for w in regex.findall(r"\p{Lu}\w{3,}", agent))


@dataclass(frozen=True)
class _Read:
    """A stance read from the parse, in the shape of a pattern's match."""

    speaker: str
    subject: str | None
    speaker_at: tuple[int, int]

    def group(self, name: str) -> str:
        return self.speaker

    def groupdict(self) -> dict[str, str | None]:
        return {"subject": self.subject}

    def span(self, name: str = "") -> tuple[int, int]:
        return self.speaker_at

    def start(self) -> int:
        return self.speaker_at[0]

    def end(self) -> int:
        return self.speaker_at[1]


def _claim(match: Any, stance: str, generic: bool, speaker_of: ClaimMention | None = None) -> ClaimMention | None:
    speaker = speaker_of.speaker if speaker_of else _tidy(match.group("speaker"))
    if speaker.split()[:1] and speaker.split()[0].lower() in _rules().nobody:
        return None  # "No group has claimed responsibility": nobody's claim
    subject = match.groupdict().get("subject")
    subject = subject and _tidy(subject)
    if stance in ("attributes", "claims_if_own"):
        if not subject or phrase_actor(subject, 0, len(subject), None) is None:
            return None  # "A drone struck ..., the governor said": no side named acting
        own = _same_side(speaker, subject)
        if stance == "claims_if_own" and not own:
            return None  # "Russian missiles hit Kharkiv, the mayor said": a report
        stance = "claims_responsibility" if own else "blames"
        subject = None if stance == "claims_responsibility" else subject
    span = speaker_of.speaker_span if speaker_of else match.span("speaker")
    return ClaimMention(speaker, stance, subject, match.start(), match.end(), generic, span)


def _coordinated(sentence: str, first: list[ClaimMention], rules: _Rules, generic: bool) -> list[ClaimMention]:
    """Verb phrases joined to a claim's, with its speaker ("said its forces hit the depot and
    denied targeting civilians")."""
    found: list[ClaimMention] = []
    for claim in first:
        for rule in rules.stances:
            if rule.coordinated is None or not rule.gate.search(sentence, claim.end):
                continue
            for start in range(claim.end, min(len(sentence), claim.end + rules.window)):
                match = rule.coordinated.match(sentence, start)
                claimed = _claim(match, rule.stance, generic, claim) if match is not None else None
                if claimed is not None:
                    found.append(claimed)
                    break
    return found


def _from_frames(sentence: str, parsed: Parsed, found: list[ClaimMention], generic: bool) -> list[ClaimMention]:
    """The stances the parse shows (`stances.read`) that the patterns missed: a stance whose
    words lie inside a claim already found is that claim."""
    added: list[ClaimMention] = []
    for read in stances.read(parsed):
        start, end = read.span
        if any(c.start <= start < c.end or start <= c.start < end for c in (*found, *added)):
            continue
        speaker = _tidy(sentence[slice(*read.speaker)])
        subject = _tidy(sentence[slice(*read.subject)]) if read.subject else None
        match = _Read(speaker, subject, read.speaker)
        claimed = _claim(match, read.stance, generic)
        if claimed is not None:
            added.append(replace(claimed, start=start, end=end))
    return added


def find_claims(sentence: str, parsed: Parsed | None = None) -> list[ClaimMention]:
    """The claims of a sentence: the stance patterns of claims.toml, and, given the
    sentence's parse, the stances its verbs' frames show (`stances.read`)."""
    found = _by_patterns(sentence)
    if parsed is not None and parsed.tokens and frames_gate(sentence):
        found += _from_frames(sentence, parsed, found, bool(_rules().generic.search(sentence)))
    return sorted((c for c in found if not _defended(sentence, c)), key=lambda c: c.start)


def _defended(sentence: str, claim: ClaimMention) -> bool:
    """A claim of an act by the speaker's air defence is an interception told, not a claim."""
    return claim.stance == "claims_responsibility" and names_defence(sentence[claim.start:claim.end])


def frames_gate(sentence: str) -> bool:
    """Whether a sentence may hold a stance the parse can show: a cheap test of its words."""
    return bool(_rules().frames_gate.search(sentence))


def _by_patterns(sentence: str) -> list[ClaimMention]:
    rules = _rules()
    if not rules.any_gate.search(sentence):
        return []
    found: list[ClaimMention] = []
    generic = bool(rules.generic.search(sentence))
    for rule in rules.stances:
        # the speaker is tried at every word; the verb alone, a necessary part, is far cheaper
        if not rule.gate.search(sentence) or not rule.verb.search(sentence):
            continue
        for match in rule.pattern.finditer(sentence):
            claimed = None if any(c.start <= match.start() < c.end for c in found) else _claim(
                match, rule.stance, generic)
            if claimed is not None:
                found.append(claimed)
    found += [c for c in _coordinated(sentence, found, rules, generic)
              if not any(f.start <= c.start < f.end or c.start <= f.start < c.end for f in found)]
    if not found and rules.reports_gate.search(sentence):
        found = [ClaimMention(_tidy(m.group("speaker")), "reports", None, m.start(), m.end(), False, m.span("speaker"))
                 for m in rules.reports.finditer(sentence)]
    return sorted(found, key=lambda c: c.start)


@dataclass(frozen=True)
class _Coref:
    person: frozenset[str]
    body: frozenset[str]
    plural: frozenset[str]
    person_heads: frozenset[str]
    definite: frozenset[str]
    said: Any  # a speaker and a verb of reporting: "Governor Ivan Petrov said"


@lru_cache(maxsize=1)
def _coref() -> _Coref:
    data = vocab.load("claims")
    words = data["coreference"]
    report = vocab.alternation(sorted(stances.forms("report")))
    said = vocab.compile_pattern(rf"{{speaker}}{{adverb}}\s+(?i:{report})\b", data["fragments"])
    return _Coref(frozenset(words["person"]), frozenset(words["body"]), frozenset(words["plural"]),
                  frozenset(words["person_heads"]), frozenset(words["definite"]), said)


def _kind(speaker: str) -> str:
    """"person", "body" or "plural": what a pronoun standing for the speaker would be."""
    words = _coref()
    lowered = regex.findall(r"\w+", speaker.lower())
    named = regex.fullmatch(r"(?<!\w)(?:\p{Lu}\w++\s++){1,2}\p{Lu}\w++", speaker)  # "Ivan Petrov"
    if named or any(w in words.person_heads for w in lowered[-3:]):
        return "person"
    return "plural" if lowered and lowered[-1].endswith("s") and not lowered[-1].endswith("ss") else "body"


def _wanted(speaker: str) -> tuple[str | None, str | None]:
    """What a speaker needs resolving to: a kind for a pronoun, a head word for a short
    definite naming ("the ministry" → an earlier speaker whose head is "ministry")."""
    words = _coref()
    lowered = regex.findall(r"\w+", speaker.lower())
    if len(lowered) == 1:
        kinds = {"person": words.person, "body": words.body, "plural": words.plural}
        return next((k for k, ws in kinds.items() if lowered[0] in ws), None), None
    if len(lowered) == 2 and lowered[0] in words.definite:
        return None, lowered[1]
    return None, None


def names_before(speaker: str) -> bool:
    """Whether a speaker stands for one named before it (a pronoun, "the ministry")."""
    return _wanted(speaker) != (None, None)


def _fits(candidate: str, kind: str | None, head: str | None) -> bool:
    lowered = regex.findall(r"\w+", candidate.lower())
    if not lowered or _wanted(candidate) != (None, None):
        return False  # a pronoun or a short naming is no antecedent itself
    if head is not None:
        return head in lowered and len(lowered) > 2
    return kind == _kind(candidate) or (kind == "plural" and _kind(candidate) == "body")


def antecedent(speaker: str, before: Sequence[str]) -> str | None:
    """The speaker a pronoun or short naming stands for: the nearest earlier one (`before`,
    in article order) of its kind, or naming the same head at more length."""
    kind, head = _wanted(speaker)
    if kind is None and head is None:
        return None
    return next((c for c in reversed(before) if _fits(c, kind, head)), None)


def speakers_in(sentence: str) -> list[str]:
    """The speakers a sentence names with a verb of reporting, in order."""
    return [_tidy(m.group("speaker")) for m in _coref().said.finditer(sentence)]
