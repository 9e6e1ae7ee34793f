"""Sentences the lexicon rules assert nothing for, read by the sentence model: an incident
reported in words no trigger rule knows ("uncrewed aerial vehicles attacked", "a loitering
munition slammed into") still becomes a type guess.

A sentence is taken when the detector (``sentence_model``: embeddings plus the rules as
features) gives it at least ``DETECTION_THRESHOLD``, no rule guess of it was flagged
(negated, hypothetical, generic), and the snippet classifier (``classify_snippets``: SVM,
embeddings, rules) types it as an ACLED sub-type with wording of its own (``takes``: not a
strategic development that reads like a statement, not "Other", and a demonstration only
where demonstrators are named).
The guess's trigger is the whole sentence (``event_type.sentence_guess``), and the rules'
guards apply to all of it. Extraction is handed ``model_guesses`` as a service
(``extract.assemble.Services.detector``); it neither trains nor writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwatch.classify import classify_snippets, trained_sentence_model
from eventwatch.classify.embed import load_embedder
from eventwatch.classify.sentence_model import features
from eventwatch.extract.event_type import TypeGuess, sentence_guess
from eventwatch.extract.retype import names_gathering
from eventwatch.extract.snippet import ACLED_CODES
from eventwatch.taxonomy import EVENT_TYPE_OF, PROTESTS, RIOTS

# The detector's probability a sentence needs: the value at which 2 % of the non-event
# examples pass on held-out folds (tools/classifier_cv.py --sentence, docs/quality.md round x1).
DETECTION_THRESHOLD = 0.86
_FLAGGED = -1  # the column of ``rule_features`` saying every rule guess was flagged
# Types a sentence without a trigger word may not take: reports of talks, deals, reorganisations,
# new bases and handovers read like the statements around them, and "Other" is the catch-all.
NOT_WITHOUT_TRIGGER = frozenset({
    "Agreement", "Change to group/activity", "Headquarters or base established",
    "Non-violent transfer of territory", "Other",
})  # fmt: skip


def takes(name: str, text: str) -> bool:
    """Whether a sentence with no trigger may become an incident of type ``name``: one of the
    ACLED sub-types with wording of its own, and a demonstration only where demonstrators are
    named (as in ``retype.allowed``)."""
    if name in NOT_WITHOUT_TRIGGER:
        return False
    return EVENT_TYPE_OF[name] not in (PROTESTS, RIOTS) or names_gathering(text)


def event_probabilities(texts: Sequence[str]) -> list[float]:
    """P(the sentence reports an incident ACLED codes), per text."""
    if not texts:
        return []
    return [float(p) for p in trained_sentence_model().event_probability(features(load_embedder(), texts))]


def model_guesses(texts: Sequence[str], threshold: float = DETECTION_THRESHOLD) -> list[TypeGuess | None]:
    """Per text: a reportable guess of the sentence model, or None."""
    if not texts:
        return []
    x = features(load_embedder(), texts)
    probabilities = trained_sentence_model().event_probability(x)
    chosen = [i for i, p in enumerate(probabilities) if p >= threshold and x[i, _FLAGGED] == 0.0]
    found: list[TypeGuess | None] = [None] * len(texts)
    for i, prediction in zip(chosen, classify_snippets([texts[i] for i in chosen]), strict=True):
        name = ACLED_CODES.get(prediction.label)
        if name is None or not takes(name, texts[i]):
            continue
        guess = sentence_guess(texts[i], name)
        found[i] = guess if guess.reportable else None
    return found
