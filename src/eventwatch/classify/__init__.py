"""Snippet -> CASE 2021 label by a linear model trained on the project's own examples,
combined with the rule-based classifier (``extract.snippet``).

The model's label scores (softmax over a linear SVM's decision values) get a bonus for the
label the rules chose: ``RULE_BONUS`` when the rules were confident, ``WEAK_RULE_BONUS``
when they only had a weak cue. The bonuses were chosen by cross-validation on our examples
(``tools/classifier_cv.py --fusion``). The label is decided event type first, softly: each
label's fused score plus its ACLED event type's total (``FAMILY_WEIGHT``); OTHER, the
codebook's catch-all, only for a snippet naming one of its topics. A demonstration label is
then re-decided in the codebook's order (``extract.protest_order``: demonstrators' violence,
then lethal force, then intervention), and a territory label by what happened to the place
(``extract.territory_order``: who took it, or nobody). The JSON interface is the rules'
``Prediction``. The SVM's scores are first averaged with the probabilities of a logistic
regression over sentence embeddings (``sentence_model``; weight ``EMBEDDING_WEIGHT``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from eventwatch.classify import sentence_model
from eventwatch.classify.cache import load_or_train
from eventwatch.classify.embed import load_embedder
from eventwatch.classify.examples import load_examples, load_nonevents
from eventwatch.classify.linear import LinearModel, Matrix
from eventwatch.classify.model import label_scores
from eventwatch.extract.event_type import CONFIDENT
from eventwatch.extract.protest_order import in_codebook_order
from eventwatch.extract.snippet import ACLED_CODES, FALLBACK, Prediction, classify_text
from eventwatch.extract.territory_order import by_taker
from eventwatch.taxonomy import EVENT_TYPE_OF

RULE_BONUS = 0.3
WEAK_RULE_BONUS = 0.3
FAMILY_WEIGHT = 1.0
# The sentence-embedding typer's probabilities join the SVM's scores with this weight
# (``embedding_fused``); chosen by cross-validation on our examples (tools/classifier_cv.py --sentence).
EMBEDDING_WEIGHT = 0.25


# The topics of the codebook's catch-all "Other" (coups and seizures of power, states of emergency,
# martial law and curfews, mass graves, weapons tests, bans and shutdowns). The model may choose
# OTHER only when the snippet names one of them (or the rules found an "Other" cue): a catch-all
# trained on few examples otherwise absorbs news that belongs elsewhere.
_OTHER_TOPIC = re.compile(
    r"\b(?:coup|seiz(?:ed|e|ing) power|t(?:ook|aken|ake) power|removed (?:\w+ ){0,3}from power|junta|military council|"
    r"dissolv\w+|dissolution|suspend\w* (?:\w+ ){0,2}(?:constitution|parliament|assembly)|martial law|curfew|"
    r"state of (?:emergency|siege|exception)|emergency (?:powers|rule)|graves?|remains|exhum\w+|"
    r"bodies (?:\w+ ){0,3}(?:found|discovered|buried)|test[- ]?(?:fired|fire|launch\w*|firing)|tested|missile tests?|"
    r"ballistic|(?:banned|ban on|bans) (?:\w+ ){0,3}(?:protests?|demonstrations?|gatherings?|rallies)|internet|"
    r"mobile data|restrictions)\b",
    re.IGNORECASE,
)


def without_unsupported_other(labels: list[str], scores: Matrix, texts: list[str], rules: list[Prediction]) -> Matrix:
    """The scores with OTHER's set to 0 for texts that name no topic of the codebook's "Other"."""
    if FALLBACK not in labels:
        return scores
    column = labels.index(FALLBACK)
    kept = scores.copy()
    for row, (text, rule) in enumerate(zip(texts, rules, strict=True)):
        if not (rule.label == FALLBACK and rule.score > 0) and not _OTHER_TOPIC.search(text):
            kept[row, column] = 0.0
    return kept


def family(label: str) -> str:
    """The ACLED event type of a sub-type label (Battles, Protests, ...); the five extra labels
    and the catch-all OTHER are each their own family."""
    name = ACLED_CODES.get(label)
    return EVENT_TYPE_OF[name] if name and label != FALLBACK else label


@dataclass(frozen=True)
class Fusion:
    confident: float = RULE_BONUS
    weak: float = WEAK_RULE_BONUS
    family: float = FAMILY_WEIGHT  # weight of the label's event-type total in the decision

    def bonus(self, rule: Prediction) -> float:
        if rule.score >= CONFIDENT:
            return self.confident
        return self.weak if rule.score > 0 else 0.0


def decided(label: str, text: str) -> str:
    """The fused label after the two codebook decisions the model is weakest at: a
    demonstration's sub-type (``protest_order``) and which side took a place (``territory_order``)."""
    return by_taker(in_codebook_order(label, text), text)


def family_totals(labels: list[str], fused: Matrix) -> Matrix:
    """Per text and label: the summed scores of all labels of the label's event type."""
    kinds = [family(label) for label in labels]
    same = np.array([[a == b for b in kinds] for a in kinds], dtype=np.float64)
    totals: Matrix = fused @ same
    return totals


def fuse(labels: list[str], scores: Matrix, rules: list[Prediction], fusion: Fusion) -> list[tuple[str, float]]:
    """Per text: the label with the highest model score plus rule bonus plus ``fusion.family``
    times its event type's total (the event type is decided first, softly, then the sub-type
    within it), and the label's share of the fused scores (a confidence in [0, 1])."""
    index = {label: i for i, label in enumerate(labels)}
    fused = scores.copy()
    for row, rule in enumerate(rules):
        if rule.label in index:
            fused[row, index[rule.label]] += fusion.bonus(rule)
    best = (fused + fusion.family * family_totals(labels, fused)).argmax(axis=1)
    return [(labels[int(b)], float(fused[row, b] / fused[row].sum())) for row, b in enumerate(best)]


@lru_cache(maxsize=1)
def trained_model() -> LinearModel:
    return load_or_train(load_examples())


@lru_cache(maxsize=1)
def trained_sentence_model() -> sentence_model.SentenceModel:
    return sentence_model.load_or_train(load_examples() + load_nonevents(), load_embedder())


def embedding_fused(svm: Matrix, embedded: Matrix, weight: float = EMBEDDING_WEIGHT) -> Matrix:
    """The SVM's softmaxed scores and the embedding typer's probabilities, weighted (rows sum to 1)."""
    result: Matrix = (svm + weight * embedded) / (1.0 + weight)
    return result


def embedding_scores(texts: list[str], labels: list[str]) -> Matrix:
    """The embedding typer's probabilities for ``texts``, in the order of ``labels``."""
    model = trained_sentence_model()
    probabilities = model.label_probabilities(sentence_model.features(load_embedder(), texts))
    columns = [model.labels.index(label) for label in labels]
    result: Matrix = probabilities[:, columns]
    return result


def classify_snippets(texts: list[str], fusion: Fusion = Fusion()) -> list[Prediction]:
    """One CASE label per snippet, with its fused score (model score + rule bonus, renormalised)."""
    if not texts:
        return []
    rules = [classify_text(text) for text in texts]
    labels, scores = label_scores(trained_model(), texts)
    scores = embedding_fused(scores, embedding_scores(texts, labels))
    scores = without_unsupported_other(labels, scores, texts, rules)
    predictions = []
    for text, rule, (fused, score) in zip(texts, rules, fuse(labels, scores, rules, fusion), strict=True):
        label = decided(fused, text)
        evidence = rule.evidence if rule.label == label else " ".join(text.split())
        predictions.append(Prediction(label, ACLED_CODES.get(label), round(score, 4), evidence))
    return predictions


def classify_snippet(text: str) -> Prediction:
    return classify_snippets([text])[0]
