"""Incidents' sub-event types re-decided by the snippet classifier (``eventwatch.classify``).

The rules type an incident from its trigger sentence (``event_type.classify_all``). The
snippet classifier -- the same rules fused with a linear model trained on our own examples,
then the codebook's protest and territory decisions -- types short texts better. Each
incident's trigger sentence is classified, all of an article's incidents in one batch, and
the classifier's label replaces the rules' type when it is another of the 25 ACLED
sub-types, with these guards:

- an interception (Disrupted weapons use) keeps its type: the reader builds one from the
  attack it was part of, often out of the attack's own sentence; and an attack with
  interceptions linked to it does not become one ("found and destroyed an explosive device"
  may: the rules read an IED there);
- a type the reader took from the article's attack for a sentence that names no weapon
  ("the plant was also hit") is kept: the sentence alone does not say what hit it;
- a label ACLED does not code (crime, disaster, diplomacy, attribution) keeps the rules'
  type: the rules found an event trigger, and dropping such incidents lost more ACLED events
  than it removed non-events (CASE 2021 dev, ``eval case2021 --pipeline``);
- "Other" (the catch-all strategic development) keeps the rules' type: the classifier's
  "nothing more specific" does not outweigh a specific trigger;
- an incident becomes a demonstration (protest or riot) only when its sentence names one
  (``GATHERING``: a protest, rally, march, riot, crowd, mob ...) as the scene, not as the
  reason for an arrest or a charge (``REASON``: "in connection with", "over", "for taking
  part in" ...): without demonstrators there is no demonstration ("a reporter was detained
  by police" stays an arrest, though the model, which has read many protest arrests, says
  otherwise), and activists "arrested at sea, charged in connection with the protests of
  2019" were not arrested at a protest.

Before all these, the label must be one the sentence has words for: a stem of its lexicon
entry (``event_type.Lexicon.types_present``). The model's n-grams reach further than the
sentence's meaning: it reads "was assaulted" as sexual violence and "raided the offices" as
arrests.

A retyped incident's type evidence is the sentence the classifier read, its first (``Draft.retyped``).
Measured alternatives (docs/quality.md): adding the incident's next sentence to the text,
and retyping only above a fused-score threshold or only weak rule guesses, did no better.
"""

from __future__ import annotations

import re

from eventwatch.extract.event_type import load_lexicon
from eventwatch.extract.frames import Draft
from eventwatch.extract.snippet import ACLED_CODES
from eventwatch.taxonomy import EVENT_TYPE_OF, PROTESTS, RIOTS

DISRUPTED = "Disrupted weapons use"
OTHER = "Other"
DEMONSTRATIONS = frozenset({PROTESTS, RIOTS})
GATHERING = re.compile(
    r"\b(?:protest|demonstrat|riot|rall(?:y|ies|ied)\b|march(?:ed|es|ers|ing)\b|(?-i:march)\b|sit-ins?\b|crowds?\b|"
    r"mobs?\b|vigils?\b|picket|took to the streets|unrest\b|lynch)",
    re.IGNORECASE,
)
# Before a gathering, up to three words apart: the gathering is why someone was held or charged.
REASON = re.compile(
    r"\b(?:in connection with|in relation to|(?:linked|related|connected|tied) to|over|"
    r"for (?:\w+ )?(?:role|part|participation|involvement) in|for (?:taking part|participating|joining) in|"
    r"for (?:organi[sz]ing|leading|inciting|joining|attending))\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def names_gathering(text: str) -> bool:
    """Whether the sentence names a demonstration as something that happened, not only as
    the reason someone was held or charged."""
    return any(not REASON.search(text[: m.start()]) for m in GATHERING.finditer(text))


def retypable(draft: Draft) -> bool:
    return draft.part_of is None and draft.sub_event_type != DISRUPTED and not draft.first.guess.inherited


def allowed(draft: Draft, name: str, attacks: set[int]) -> bool:
    """Whether the classifier's ACLED sub-type may replace the draft's type; ``attacks``:
    the ids of the drafts other drafts are linked ``part_of``."""
    text = draft.first.sentence.text
    if name in (OTHER, draft.sub_event_type) or name not in load_lexicon().types_present(text):
        return False
    if name == DISRUPTED:
        return id(draft) not in attacks
    if EVENT_TYPE_OF[name] in DEMONSTRATIONS and EVENT_TYPE_OF[draft.sub_event_type] not in DEMONSTRATIONS:
        return names_gathering(text)
    return True


def retype(drafts: list[Draft]) -> None:
    """Re-decide the drafts' sub-event types in place (one classifier batch per article)."""
    from eventwatch.classify import classify_snippets  # the model loads for the first incident to type

    chosen = [d for d in drafts if retypable(d)]
    attacks = {id(d.part_of) for d in drafts if d.part_of is not None}
    predictions = classify_snippets([d.first.sentence.text for d in chosen])
    for draft, prediction in zip(chosen, predictions, strict=True):
        name = ACLED_CODES.get(prediction.label)
        if name is not None and allowed(draft, name, attacks):
            draft.sub_event_type = name
            draft.retyped = True
