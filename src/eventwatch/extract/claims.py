"""Claims: who claims, denies, declines to claim, blames, confirms or disputes an incident.

A stance is a speaker, any adverbs, a verb of the stance's family and its complement; the
families and the speaker grammar are data (``lexicon/en/claims.toml``). Each claim carries
the speaker as written ("Moscow", "Regional governor Alexander Bogomaz"), the stance, the
party it is about (for blame), and its evidence. Attaching a claim to the incident it is
about happens in assemble.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from eventwatch.extract import vocab
from eventwatch.extract.actors import phrase_actor, state_in


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


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = vocab.load("claims")
    fragments = data["fragments"]
    joint = data["coordinated"]["pattern"]
    stances = tuple(
        _Stance(s["stance"], vocab.compile_pattern(s["gate"], ignore_case=True),
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
    )


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


def _claim(match: Any, stance: str, generic: bool, speaker_of: ClaimMention | None = None) -> ClaimMention | None:
    speaker = speaker_of.speaker if speaker_of else _tidy(match.group("speaker"))
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


def find_claims(sentence: str) -> list[ClaimMention]:
    rules = _rules()
    if not rules.any_gate.search(sentence):
        return []
    found: list[ClaimMention] = []
    generic = bool(rules.generic.search(sentence))
    for rule in rules.stances:
        if not rule.gate.search(sentence):
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
