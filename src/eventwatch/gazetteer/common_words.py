"""Everyday English words that are also GeoNames names.

GeoNames has villages called "More", "Drone", "Of", "Unit" and "Prime", and people's first
names ("Alexander") are towns too. A gazetteer match on such a token is only a place when the
text itself says so. Recommended use by callers (the NER relabelling pass):
  - require the token to be capitalised in the text and not the first word of a sentence;
  - drop a match when is_common_word() is true unless NER already tagged it GPE/LOC;
  - for a city, require a primary-name match (Match.primary) or population >= 1000; accept
    admin1 regions and countries whatever their population.
"""

from __future__ import annotations

from typing import Final

from eventwatch.gazetteer.normalise import lookup_key, normalise_name

_FUNCTION_WORDS: Final = (
    "a about above after again against all also am an and any are as at be been before being below",
    "between both but by can could did do does down during each few for from further had has have",
    "having he her here hers him his how i if in into is it its just me more most my no nor not now of",
    "off on once only or other our out over own same she should so some such than that the their them",
    "then there these they this those through to too under until up very was we were what when where",
    "which while who whom why will with would you your yes one two three four five six seven eight nine",
    "ten first second third last next new old many much well still even may might must shall per via",
)

# words of conflict reporting, titles and first names that GeoNames also lists as places
_NEWS_WORDS: Final = (
    "alexander attack army base border bridge camp center centre city colonel command defence defense",
    "district drone drones east eastern energy factory field fire force forces front general governor",
    "group head home hospital house inside island john lake line main major march may middle military",
    "minister mission more north northern office oil plant point port power president prime region",
    "report river road school sea security service south southern station strike summit town unit",
    "union valley victory village war west western white world",
    # newspaper names said alone ("the Post reported", "told the Times"); Police, Poland; Capital (Denmark)
    "post times herald tribune journal telegraph mirror express observer chronicle gazette police capital",
    # institutions said alone ("members of Congress", Congress, Arizona; "the Senate voted")
    "congress senate parliament assembly cabinet embassy consulate",
)

COMMON_WORDS: Final = frozenset(
    normalise_name(word) for line in (*_FUNCTION_WORDS, *_NEWS_WORDS) for word in line.split()
)


def is_common_word(name: str) -> bool:
    """True for an everyday English word that is also a place name in GeoNames."""
    return lookup_key(name) in COMMON_WORDS
