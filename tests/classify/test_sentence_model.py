"""The sentence model: detection and typing over sentence embeddings, its guards, and its
place in extraction (a detected sentence with no lexicon trigger becomes an incident).
Sentences are written for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from eventwatch.classify import embedding_fused, trained_sentence_model
from eventwatch.classify.detect import event_probabilities, model_guesses
from eventwatch.classify.examples import NOT_EVENT, load_nonevents
from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.event_type import TypeGuess, is_event_candidate, sentence_guess
from eventwatch.records import Article

NO_STEM = "Kamikaze craft slammed into the fuel depot at Rivne before dawn on Tuesday."


def test_the_non_event_examples_load_with_their_own_label() -> None:
    nonevents = load_nonevents()
    assert len(nonevents) >= 200
    assert {e.label for e in nonevents} == {NOT_EVENT}


def test_the_typer_knows_the_thirty_case_labels_and_detection_is_a_probability() -> None:
    model = trained_sentence_model()
    assert len(model.labels) == 30 and NOT_EVENT not in model.labels
    probabilities = event_probabilities(["Rebels shelled the town.", "The striker fired a shot over the bar."])
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_fused_scores_stay_a_distribution() -> None:
    svm = np.array([[0.7, 0.2, 0.1]])
    embedded = np.array([[0.1, 0.8, 0.1]])
    fused = embedding_fused(svm, embedded, 0.25)
    assert np.isclose(fused.sum(), 1.0) and fused[0, 0] > fused[0, 1]


def test_the_rules_guards_apply_to_a_whole_sentence_guess() -> None:
    kind = "Air/drone strike"
    assert sentence_guess("Drones slammed into the depot; no one was hurt.", kind).reportable
    assert not sentence_guess("Drones will slam into the depot next week.", kind).reportable
    assert not sentence_guess("The group threatened to send drones into the depot.", kind).reportable
    assert not sentence_guess("Drones did not reach the depot.", kind).reportable
    guess = sentence_guess(NO_STEM, kind)
    assert guess.trigger == (0, len(NO_STEM)) and guess.trigger_text == NO_STEM


def test_the_model_never_guesses_for_an_empty_batch() -> None:
    assert model_guesses([]) == []


def _stub(texts: Sequence[str]) -> list[TypeGuess | None]:
    return [sentence_guess(t, "Air/drone strike") if t == NO_STEM else None for t in texts]


def test_a_detected_sentence_without_a_lexicon_trigger_becomes_an_incident(services: Any) -> None:
    assert not is_event_candidate(NO_STEM)  # no trigger rule could have read it
    text = f"Depot burns\n\n{NO_STEM} The fire was put out by noon."
    article = Article.build(text, "text", published_at=datetime(2024, 5, 9, 12, tzinfo=UTC))
    (mention,) = extract_mentions(article, replace(services, detector=_stub))
    assert mention.sub_event_type == "Air/drone strike"
    assert mention.location == "Rivne"
    evidence = mention.evidence["sub_event_type"]
    assert evidence.quote == NO_STEM and text[evidence.start : evidence.end] == NO_STEM
    assert extract_mentions(article, replace(services, detector=lambda texts: [None] * len(texts))) == []
