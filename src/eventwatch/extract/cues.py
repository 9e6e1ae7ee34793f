"""Cue phrases the extraction orchestrator reads sentences with: what marks a report as
habitual or a trend, where a statement's date or a wire dateline sits, troop sizes and the
counts sources give for a site ("the fifth strike on the plant")."""

from __future__ import annotations

import re

from eventwatch.extract.numbers import NUMBER, ORDINAL, ordinal_to_int, to_int

HIT = re.compile(
    r"\b(?:(?:was|were|has been|have been)\s+(?:also\s+)?(?:hit|struck|targeted|attacked)|"
    r"the other(?: one)?\s+(?:hit|struck|crashed into|slammed into))\b"
)
TREND = re.compile(
    r"\b(?:surge|highest rate|on the rise|increasingly|growing|frequency|underscores?|highlights?|"
    r"demonstrates?|continues? to|have become|has become|are running|amid)\b",
    re.IGNORECASE,
)
# A sentence that situates a site ("the plant, which sits close to the border with the Luhansk
# region") does not say where the incident was.
SITUATES = re.compile(r"\b(?:sits|lies|is located|located|bordering|borders|the border with)\b", re.IGNORECASE)
# Dates attached to speech date the statement, not the incident ("the governor said on Thursday").
SPEECH_DATE = re.compile(
    r"\b(?:said|says|told [\w ]{1,30}?|announced|reported|wrote|added|stated|confirmed|statement issued)"
    r"(?:\s+in\s+[A-Z]\w+)?\s+(?:late |early )?on\s+(?:[A-Z][a-z]+day|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})\b"
)
# The date of an earlier incident the report refers back to dates that incident, not this one
# ("hit again on Friday, a week after an earlier attack on the plant on March 14").
BACKGROUND_DATE = re.compile(
    r"\b(?:earlier|previous|prior|first|last)\s+(?:[\w-]+\s+)?(?:attack|strike|raid)s?\b[^.;]{0,60}?"
    r"\bon\s+(?:[A-Z][a-z]+day,?\s+)?(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})\b"
)
# Harm done to a person, as a verb or a noun: the incident a later development refers back to.
VIOLATION = re.compile(
    r"\b(?:killed|murdered|assassinated|shot|stabbed|abducted|kidnapped|disappeared|went missing|been missing|"
    r"arrested|detained|jailed|imprisoned|attacked|beaten|tortured|raped|hijacked|executed|hanged|lynched|"
    r"killing|murder|assassination|abduction|kidnapping|disappearance|arrest|detention|imprisonment|"
    r"hostage-taking|hijacking)\b",
    re.IGNORECASE,
)
# A violation reported as an act, not a participle describing someone ("a kidnapped trader").
VIOLATION_ACT = re.compile(r"(?<!\ba )(?<!\ban )(?<!\bthe )" + VIOLATION.pattern, re.IGNORECASE)
# A report of a later development of an incident: its legal process, a suspect's arrest, a
# release or rescue, an anniversary, a reaction ("pleaded guilty on Thursday to the kidnapping").
DEVELOPMENT = re.compile(
    r"\b(?:sentenc\w*|convict\w*|charge[sd]|trial|indict\w*|verdict|appeal\w*|hearing|prosecut\w*|acquit\w*|"
    r"pleaded|released|freed|behind bars|anniversary|years? after|investigat\w*|extradit\w*|suspects?|"
    r"accused|in connection with|rescued|condemn\w*|voiced concern|urged|called for|demand\w*|tweeted)\b",
    re.IGNORECASE,
)
HABITUAL = re.compile(
    r"\b(?:several|many|multiple|numerous) times\b|\brepeatedly\b|\b(?:almost|nearly) (?:daily|every day)|"
    r"\bon a (?:daily|regular) basis\b|\bmore (?:frequent|often)\b|\bagain and again\b",
    re.IGNORECASE,
)
SIZE = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?:(?:[A-Z][\w-]+|more|additional|new|extra|fresh)\s+){{0,2}}"
    r"(?:troops|soldiers|servicemen|personnel|fighters|reinforcements|paratroopers|marines|mercenaries)\b"
)
COUNT = re.compile(
    rf"\b(?P<ord>{ORDINAL})\s+(?:recorded\s+|reported\s+|known\s+|confirmed\s+|such\s+|successful\s+)?"
    r"(?P<what>strike|attack|hit|raid)\s+on\s+(?:the|this|that|a)\s+(?:[\w-]+\s+)?"
    r"(?:facility|plant|site|refinery|station|airbase|factory|depot|base|port|enterprise)\b",
    re.IGNORECASE,
)


# A wire dateline ("KYIV, April 25 (Steppe Wire) - ") dates the report, not the incident.
DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+))?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s"
)


def incident_text(text: str) -> str:
    """The sentence with its dateline, the dates of statements and those of earlier incidents
    blanked out (offsets unchanged), so that only dates of the incident remain."""
    match = DATELINE.match(text)
    if match:
        text = " " * match.end() + text[match.end() :]
    for pattern in (SPEECH_DATE, BACKGROUND_DATE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def troop_size(text: str) -> tuple[int, int, int] | None:
    for match in SIZE.finditer(text):
        value = to_int(match.group("n"))
        if value is not None and value > 1:
            return value, match.start(), match.end()
    return None


def site_counts(text: str) -> list[tuple[int, str, int, int]]:
    found = []
    for match in COUNT.finditer(text):
        value = ordinal_to_int(match.group("ord"))
        if value:
            found.append((value, match.group("what").lower(), match.start(), match.end()))
    return found
