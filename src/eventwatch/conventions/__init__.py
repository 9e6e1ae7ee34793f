"""ACLED's coding conventions as eventwatch follows them: rules with their codebook section
(codebook.py), derived fields (derive.py), names (names.py, actors.py), notes (notes.py)
and the checker (check.py)."""

from eventwatch.conventions.codebook import RULES, Rule, violations
from eventwatch.conventions.derive import civilian_targeting, conform, event_id_cnty, interaction, region

__all__ = ["RULES", "Rule", "civilian_targeting", "conform", "event_id_cnty", "interaction", "region", "violations"]
