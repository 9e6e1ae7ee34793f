"""The learned furniture classifier: unseen furniture goes, news prose that uses the same
words stays. All lines here were written for these tests and are not in the training examples."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from eventwatch.ingest.boilerplate import MODEL_FILE, load_model, shape_features
from eventwatch.ingest.boilerplate_train import examples_digest
from eventwatch.ingest.clean import strip_boilerplate

from .samples import BODY, PARAGRAPHS

# News prose that talks about subscriptions, sharing, following, copyright, photos and apps.
NEWS = (
    "Lawmakers voted to make it harder to subscribe to foreign news channels, a move critics called censorship.",
    "The two armies share responsibility for the checkpoint, which was shelled twice on Friday, the monitors said.",
    "Thousands of people follow the volunteer group's updates on where shells have landed in the city.",
    "A copyright complaint from the state broadcaster led the platform to remove the video of the raid.",
    "Residents shared photos of the crater on social media before police asked them to delete the images.",
    "The ministry said a new version of its alert app would warn people in the border villages faster.",
    "Read by a spokesman outside the court, the statement said the three activists would appeal.",
    "Subscribers of the mobile network lost service for six hours after the tower was hit, the operator said.",
    "The newspaper's editor said its office had been searched by police on Thursday morning.",
    "Soldiers followed the retreating fighters for two kilometres before the clash ended.",
    "Tags on the crates showed the shells had been made in 2019, investigators told reporters.",
    "The correction of the official toll came after two more bodies were found under the rubble.",
)

# Furniture in wording that is not in the training examples.
FURNITURE = (
    "Want this briefing in your inbox each morning? Sign up free here.",
    "Enjoyed our coverage? Back our newsroom with a monthly gift.",
    "Stay up to date - follow our channel on Telegram and turn on alerts.",
    "© 2026 Prairie Sentinel Media. Reuse only with prior written consent.",
    "Photo: Ivan Hrytsenko / Sentinel",
    "Our free app puts every alert on your lock screen. Get it on iOS or Android.",
    "Topics: Donetsk, artillery, front line",
)


def _article(*extra: str, body: str = BODY) -> str:
    return "\n".join([body, *extra])


@pytest.mark.parametrize("sentence", NEWS)
def test_news_sentences_with_furniture_words_are_kept(sentence: str) -> None:
    for text in (_article(sentence), f"{sentence}\n{BODY}", f"{PARAGRAPHS[0]}\n{sentence}\n{PARAGRAPHS[1]}"):
        assert sentence in strip_boilerplate(text)


def test_news_sentence_ending_the_last_paragraph_is_kept() -> None:
    for sentence in NEWS:
        paragraph = f"{PARAGRAPHS[2]} {sentence}"
        assert strip_boilerplate(_article(paragraph, body=PARAGRAPHS[0])).endswith(sentence)


@pytest.mark.parametrize("line", FURNITURE)
def test_unseen_furniture_after_the_article_is_removed(line: str) -> None:
    assert strip_boilerplate(_article(line)) == BODY


def test_a_long_correction_footer_ending_the_article_is_removed() -> None:
    footer = "This report was amended on 3 May to fix the spelling of a village name."
    assert strip_boilerplate(_article(footer, "Share this story")) == BODY
    assert strip_boilerplate(_article(footer)) == BODY


@pytest.mark.parametrize("sentence", NEWS)
def test_a_news_paragraph_ending_the_article_stays_before_furniture(sentence: str) -> None:
    text = _article(sentence, "Share this story", "Photo: Ivan Hrytsenko / Sentinel")
    assert strip_boilerplate(text) == f"{BODY}\n{sentence}"


def test_a_block_of_furniture_goes_and_the_article_stays() -> None:
    assert strip_boilerplate(_article(*FURNITURE)) == BODY


def test_headlines_listed_under_a_related_header_go_with_it() -> None:
    text = _article("More from our reporters", "Bridge reopens after repairs", "Council approves new budget")
    assert strip_boilerplate(text) == BODY


def test_furniture_appended_to_the_last_paragraph_is_cut_off() -> None:
    text = f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]} Follow us on Telegram for live updates."
    assert strip_boilerplate(text) == BODY


def test_the_committed_model_was_trained_on_the_current_examples() -> None:
    data = json.loads(resources.files("eventwatch").joinpath(MODEL_FILE).read_text())
    assert data["examples"] == examples_digest(), "retrain: python -m eventwatch.ingest.boilerplate_train"


def test_numpy_scores_match_scikit_learn() -> None:
    from eventwatch.ingest import boilerplate_train as train

    lines = [*NEWS[:3], *FURNITURE[:3]]
    fitted = train.fit(
        lines * 2, shape_features(lines * 2), np.asarray([0, 0, 0, 1, 1, 1] * 2), {"C": 1.0, "char": True}
    )
    model = train.compile_model(fitted, 0.5, 0.5, 0.5)
    shapes = shape_features(lines)
    assert np.allclose(model.probabilities(lines, shapes), fitted.scores(lines, shapes))
    assert load_model().threshold >= 0.5


def test_furniture_after_a_terse_bulletin_is_removed() -> None:
    bulletin = "Kharkiv: two people wounded in a drone strike.\nPower lines were hit in Izium.\nNo deaths reported."
    text = f"{bulletin}\nThanks for reading our evening wrap.\nFollow the newsroom on X for more."
    assert strip_boilerplate(text) == bulletin


def test_a_short_closing_news_sentence_stays() -> None:
    for closing in ("No deaths were reported.", "No deaths reported.", "The inquiry is ongoing."):
        assert strip_boilerplate(_article(closing, "Share this story")) == f"{BODY}\n{closing}"
