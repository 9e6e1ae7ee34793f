"""Claims: who claims, denies, declines to claim, blames, confirms or disputes an incident.

Each claim carries the speaker as written ("Moscow", "Regional governor Alexander
Bogomaz"), the stance, the party it is about (for blame), and its evidence. Attaching a
claim to the incident it is about happens in assemble.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPEAKER = (
    r"(?P<speaker>(?:(?:[Tt]he )?(?:(?:[Rr]egional|[Ll]ocal|[Cc]ity|[Dd]istrict|[Mm]ilitary) )?(?:[Gg]overnor|[Mm]ayor|"
    r"[Mm]inistry|[Mm]inister|[Pp]resident|[Ss]pokesman|[Ss]pokeswoman|[Oo]fficials?|[Aa]uthorities|[Aa]rmy|"
    r"[Mm]ilitary|[Gg]eneral [Ss]taff|[Cc]ouncil|[Aa]dministration|[Pp]olice)"
    r"(?:\s+(?:of|for)\s+[A-Z]\w+)?(?:\s+[A-Z][\w.'-]+){0,3})|"
    r"(?:[A-Z][\w’'.-]+['’]s\s+(?:military intelligence|intelligence service|defen[cs]e ministry|military|army|"
    r"general staff|security service|air force|navy))|"
    r"(?:[A-Z][\w’'.-]+(?:\s+(?:of\s+)?[A-Z][\w’'.-]+){0,4})|(?:[Tt]he [Kk]remlin)|(?:[Rr]ussian|[Uu]krainian)"
    r" (?:officials|authorities|military|sources|forces))"
)
_SUBJECT = r"(?P<subject>(?:the\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})"
_ADV = r"(?:\s+(?:firmly|quickly|promptly|again|repeatedly|later|officially|publicly|has|have|had|also|swiftly))*"

# (stance, gate, pattern): every match of the pattern contains its gate, a cheap search that
# skips the pattern (its speaker part is costly to try at every capitalised word).
_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (stance, re.compile(gate), re.compile(pattern)) for stance, gate, pattern in (
        ("declines_to_claim", r"not|n['’]t|never",
         rf"{_SPEAKER}{_ADV}\s+(?:does|do|did|has|have)\s*(?:not|n['’]t|never)\s+(?:\w+\s+)?"
         r"(?:claim(?:ed)?|acknowledge[sd]?|comment(?:ed)?|take[sn]?)\b(?:\s+(?:responsibility|credit))?"),
        ("declines_to_claim", "declined|refused",
         rf"{_SPEAKER}{_ADV}\s+(?:declined|refused)\s+to\s+(?:comment|claim|confirm)"),
        ("claims_responsibility", "responsibility|credit",
         rf"{_SPEAKER}{_ADV}\s+(?:claimed|claims|took|takes|has claimed|have claimed)\s+"
         r"(?:responsibility|credit)"),
        ("claims_responsibility", "told",
         rf"{_SPEAKER}{_ADV}\s+told\s+(?:[A-Z][\w-]*\s+){{1,3}}that\s+(?:it|they|the agency|the service|its \w+|"
         r"\w+ (?:forces|units))\s+(?:had\s+)?(?:carried out|conducted|launched|was behind|were behind|struck)"),
        ("denies_responsibility", "denie|reject",
         rf"{_SPEAKER}{_ADV}\s+(?:denied|denies|rejected|rejects)\s+(?:any\s+)?(?:involvement|responsibility|"
         r"carrying out|attacking|that it|being behind)"),
        ("blames", "blame",
         rf"{_SPEAKER}{_ADV}\s+(?:puts?|put|placed|places|laid|lays)\s+(?:the\s+)?blame\s+(?:\w+\s+)?on\s+{_SUBJECT}"),
        ("blames", "blame|accuse", rf"{_SPEAKER}{_ADV}\s+(?:blamed|blames|accused|accuses)\s+{_SUBJECT}"),
        ("blames", "behind", rf"{_SPEAKER}{_ADV}\s+(?:said|says)\s+{_SUBJECT}\s+(?:was|were|is|are)\s+behind"),
        ("confirms", "confirm",
         rf"{_SPEAKER}{_ADV}\s+(?:confirmed|confirms)\s+(?:the|a|that|an)\s+(?:\w+\s+){{0,3}}?"
         r"(?:strike|attack|hit|explosion|blast|incident|drone|missile|shelling|damage|fire)"),
        ("disputes", "disput|contested|questioned|false",
         rf"{_SPEAKER}{_ADV}\s+(?:disputed|disputes|contested|questioned|called .{{0,20}}false)"),
    )
)
_REPORTS = re.compile(r"\b(?:according to|citing)\s+(?P<speaker>(?:the\s+)?[\w’' -]{3,60}?)(?=[,.;]|$)")


@dataclass(frozen=True)
class ClaimMention:
    speaker: str
    stance: str
    subject: str | None
    start: int
    end: int
    generic: bool  # about a kind of incident ("drone strikes on Russian territory"), not one


_GENERIC = re.compile(r"\b(?:strikes|attacks|raids|shelling)\s+(?:on|against|in)\s+\w+|\bsuch\s+(?:strikes|attacks)")


def _tidy(speaker: str) -> str:
    return re.sub(r"^(?:And|But|However|Meanwhile|While)\s+", "", speaker.strip(" ,.;:–-"))


# Every claim pattern needs one of these words; a sentence without any is skipped cheaply
# (the speaker patterns are costly to try at every capitalised word).
_CLAIM_WORDS = re.compile(
    r"claim|comment|acknowledg|\btak|declin|refus|credit|responsib|\bden(?:y|ie)|reject|blam|accus|behind|"
    r"confirm|disput|contest|question|false|\btold\b|according to|citing",
    re.IGNORECASE,
)


def find_claims(sentence: str) -> list[ClaimMention]:
    if not _CLAIM_WORDS.search(sentence):
        return []
    found: list[ClaimMention] = []
    generic = bool(_GENERIC.search(sentence))
    for stance, gate, pattern in _PATTERNS:
        for match in pattern.finditer(sentence) if gate.search(sentence) else ():
            if any(c.start <= match.start() < c.end for c in found):
                continue
            subject = match.groupdict().get("subject")
            found.append(ClaimMention(_tidy(match.group("speaker")), stance, subject and _tidy(subject),
                                      match.start(), match.end(), generic))
    if not found:
        for match in _REPORTS.finditer(sentence):
            found.append(ClaimMention(_tidy(match.group("speaker")), "reports", None, match.start(), match.end(),
                                      False))
    return sorted(found, key=lambda c: c.start)
