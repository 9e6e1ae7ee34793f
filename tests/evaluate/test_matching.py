"""Acceptance matching: how an expected claim's stance is compared with an extracted one."""

from __future__ import annotations

from eventwatch.evaluate.matching import Found, field_ok
from eventwatch.records import Article, Claim, Evidence
from tests.store.builders import make_event, make_mention

ARTICLE = Article.build("The ministry spoke.", "text")


def _found(*stances: str) -> Found:
    evidence = Evidence(article_id=ARTICLE.id, start=0, end=12, quote="The ministry")
    claims = tuple(Claim("the ministry", s, "Ukraine", evidence) for s in stances)  # type: ignore[arg-type]
    mention = make_mention(ARTICLE, claims=claims)
    return Found(mention=mention, event=make_event("e", mention), site_id=None, site_counts=())


def test_stance_by_full_name_or_first_word() -> None:
    found = _found("claims_responsibility", "denies_responsibility")
    assert field_ok(found, "claims", [{"stance": "claims_responsibility"}], {})
    assert field_ok(found, "claims", [{"stance": "claims", "speaker_contains": "ministry"}], {})
    assert field_ok(found, "claims", [{"stance": "denies"}], {})


def test_stance_never_matches_another_stance() -> None:
    found = _found("declines_to_claim")
    assert not field_ok(found, "claims", [{"stance": "claims"}], {})
    assert not field_ok(found, "claims", [{"stance": "denies"}], {})
    assert field_ok(found, "claims", [{"stance": "declines_to_claim"}], {})
