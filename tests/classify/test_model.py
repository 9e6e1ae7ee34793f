"""The trained snippet classifier: deterministic training, the cache, and behaviour on
sentences written for these tests (none comes from CASE 2021, ACLED or any news source)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from eventwatch.classify import (
    Fusion,
    classify_snippet,
    classify_snippets,
    fuse,
    sentence_model,
    trained_sentence_model,
    without_unsupported_other,
)
from eventwatch.classify.cache import ENV_VAR, load_or_train, model_path
from eventwatch.classify.embed import load_embedder
from eventwatch.classify.examples import load_examples, load_nonevents
from eventwatch.classify.linear import compile_pipeline
from eventwatch.classify.model import build_pipeline, label_scores, normalise, train
from eventwatch.extract.snippet import CASE_LABELS, Prediction

PROBES = [
    "Unknown gunmen kidnapped a parish priest on the road to Omuo and are holding him in the forest.",
    "Government jets bombed a rebel camp in the hills overnight, killing nine fighters.",
    "Troops and insurgents exchanged fire for three hours near the bridge at Kasoli.",
    "A man threw a hand grenade into a crowded bar in the port district, wounding six drinkers.",
    "The army said it had recaptured the town of Dufa from the militants after a week of fighting.",
    "Bomb disposal officers defused an explosive device hidden under a bench at the bus park.",
    "Police shot dead three people taking part in a peaceful march against the new tax.",
    "The two rival militias signed a ceasefire agreement brokered by the local bishop.",
]
EXPECTED = [
    "ABDUCT_DISSAP",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "GRENADE",
    "GOV_REGAINS_TERIT",
    "DISR_WEAP",
    "FORCE_AGAINST_PROTEST",
    "AGREEMENT",
]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))


def test_training_is_deterministic() -> None:
    examples = load_examples()
    _, first = label_scores(train(examples), PROBES)
    _, second = label_scores(train(examples), PROBES)
    assert np.array_equal(first, second)


def test_the_model_is_cached_under_a_hash_of_the_examples() -> None:
    examples = load_examples()
    path = model_path(examples)
    assert not path.exists()
    trained = load_or_train(examples)
    assert path.exists()
    cached = load_or_train(examples)
    assert np.array_equal(label_scores(trained, PROBES)[1], label_scores(cached, PROBES)[1])
    assert model_path(examples[1:]) != path


def test_numpy_scoring_matches_scikit_learn_on_every_example() -> None:
    examples = load_examples()
    pipeline = build_pipeline()
    pipeline.fit([e.text for e in examples], [e.label for e in examples])
    model = compile_pipeline(pipeline, normalise)
    texts = [e.text for e in examples] + PROBES + ["", "Ça a dégénéré à Ségou : 3 morts.", "a  b\tc"]
    assert np.allclose(model.decision(texts), pipeline.decision_function(texts), rtol=0, atol=1e-9)
    assert list(model.labels) == list(pipeline.classes_)


def test_scoring_does_not_import_scikit_learn(tmp_path: Path) -> None:
    load_or_train(load_examples())  # cached under the test's folder, with the sentence model
    everything = load_examples() + load_nonevents()
    sentence_model.save(trained_sentence_model(), sentence_model.model_path(everything, load_embedder()))
    code = (
        "import sys; from eventwatch.classify import classify_snippet; "
        "print(classify_snippet('Troops and rebels fought for hours near the bridge.').label, "
        "any(m.startswith('sklearn') for m in sys.modules))"
    )
    env = {**os.environ, ENV_VAR: str(tmp_path / "cache")}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["ARMED_CLASH", "False"]


def test_a_damaged_cache_file_is_retrained() -> None:
    examples = load_examples()
    path = model_path(examples)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    trained = load_or_train(examples)
    assert path.read_bytes() != b"not a model"  # replaced by the trained model
    assert np.array_equal(label_scores(trained, PROBES)[1], label_scores(load_or_train(examples), PROBES)[1])


@pytest.mark.parametrize(("text", "label"), list(zip(PROBES, EXPECTED, strict=True)))
def test_labels_on_our_own_sentences(text: str, label: str) -> None:
    prediction = classify_snippet(text)
    assert prediction.label == label
    assert 0.0 < prediction.score <= 1.0


def test_batch_and_single_classification_agree() -> None:
    assert [p.label for p in classify_snippets(PROBES)] == [classify_snippet(t).label for t in PROBES]
    assert classify_snippets([]) == []


def test_predictions_carry_the_acled_name_only_for_acled_labels() -> None:
    for prediction in classify_snippets([*PROBES, "A magnitude 6 earthquake struck the coast."]):
        assert prediction.label in CASE_LABELS
        assert (prediction.sub_event_type is None) == (prediction.label in {
            "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})


def test_a_confident_rule_tips_a_close_call() -> None:
    labels = ["ARMED_CLASH", "ATTACK"]
    scores = np.array([[0.45, 0.55]])
    rule = Prediction("ARMED_CLASH", "Armed clash", 1.2, "")
    assert fuse(labels, scores, [rule], Fusion(0.0, 0.0))[0][0] == "ATTACK"
    label, share = fuse(labels, scores, [rule], Fusion(0.3, 0.1))[0]
    assert label == "ARMED_CLASH"
    assert share == pytest.approx(0.75 / 1.3)


def test_the_model_reads_text_without_dates_and_bracketed_places() -> None:
    text = "On 14 March 2020, police dispersed a march in Kisumu (Kisumu, Kenya). [size=no report]"
    assert normalise(text) == "police dispersed a march in kisumu ."


def test_the_event_type_is_decided_before_the_sub_type() -> None:
    labels = ["ARMED_CLASH", "ATTACK", "ABDUCT_DISSAP"]  # a battle; two kinds of violence against civilians
    scores = np.array([[0.4, 0.3, 0.3]])
    no_rule = Prediction("OTHER", "Other", 0.0, "")
    assert fuse(labels, scores, [no_rule], Fusion(family=0.0))[0][0] == "ARMED_CLASH"
    label, share = fuse(labels, scores, [no_rule], Fusion(family=1.0))[0]
    assert label == "ATTACK"
    assert share == pytest.approx(0.3)


def test_other_needs_a_topic_of_the_codebooks_other() -> None:
    labels = ["DIPLO", "OTHER"]
    scores = np.array([[0.3, 0.7], [0.3, 0.7]])
    texts = ["The two ministers discussed trade on Monday.", "The junta declared a nationwide curfew."]
    no_rule = Prediction("OTHER", "Other", 0.0, "")
    kept = without_unsupported_other(labels, scores, texts, [no_rule, no_rule])
    assert kept[0].tolist() == [0.3, 0.0]
    assert kept[1].tolist() == [0.3, 0.7]
