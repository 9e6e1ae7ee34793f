"""`eventwatch check`: every stored event that breaks a rule of the codebook, by rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from eventwatch.conventions.codebook import RULES, RULES_BY_NAME, violations
from eventwatch.records import Event


@dataclass(frozen=True)
class Violation:
    event_id: str
    rule: str
    section: str


@dataclass
class CheckReport:
    events: int = 0
    violations: list[Violation] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Violations per rule, every rule listed (zero included), in the codebook's order."""
        found = Counter(v.rule for v in self.violations)
        return {rule.name: found[rule.name] for rule in RULES}

    def as_dict(self) -> dict[str, object]:
        return {
            "events": self.events,
            "violations": len(self.violations),
            "by_rule": self.counts(),
            "sections": {rule.name: rule.section for rule in RULES},
            "items": [{"event_id": v.event_id, "rule": v.rule, "section": v.section} for v in self.violations],
        }


def check_events(events: Iterable[Event]) -> CheckReport:
    report = CheckReport()
    for event in events:
        report.events += 1
        for name in violations(event.mention):
            report.violations.append(Violation(event.id, name, RULES_BY_NAME[name].section))
    return report
