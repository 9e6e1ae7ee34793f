"""The quality gate: scores measured on pinned corpora must not fall below pinned floors.

The baseline file (quality/baseline.json) pins, per metric, a floor and, per corpus, the
sha256 of the file it was measured on. A changed corpus fails the gate until it is re-pinned;
raising floors is always allowed, lowering one needs an explicit flag (allow_lower).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwatch.errors import EvalError

# A measured score may sit this far under its floor before the gate fails (floating-point
# noise only; the evaluations are deterministic).
TOLERANCE = 1e-9
Measure = Callable[[Path], dict[str, float]]
# The labelled resolution corpus is written by this project and lives in the checkout.
RESOLUTION_CORPUS = Path(__file__).resolve().parents[3] / "examples" / "resolution"
# Frozen sets written by helpers who never saw the extraction code (quality/README.md): blind
# reports in the seeds' format, paraphrases of the seeds and the demo, blind resolution corpora.
QUALITY_SETS = Path(__file__).resolve().parents[3] / "quality"
# A set holding this file is held out: scored only when an issue ends, not by the gate.
HELDOUT_MARKER = "HELDOUT"


@dataclass(frozen=True)
class Corpus:
    name: str
    path: str  # relative to the shared folder (or absolute)
    measure: Measure  # returns {metric: value} with metric names local to the corpus


def sha256(path: Path) -> str:
    """The file's digest; for a folder, the digest of its files' names and contents."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def flatten(prefix: str, report: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, float]:
    """Pick dotted keys ("subtask1.weighted_f1") out of a nested report."""
    found: dict[str, float] = {}
    for key in keys:
        value: Any = report
        for part in key.split("."):
            value = value[part]
        found[f"{prefix}.{key}"] = float(value)
    return found


def measure_all(shared: Path, corpora: list[Corpus]) -> tuple[dict[str, float], dict[str, str]]:
    scores: dict[str, float] = {}
    sums: dict[str, str] = {}
    for corpus in corpora:
        path = shared / corpus.path
        if not path.exists():
            raise EvalError(f"corpus {corpus.name} is missing: {path}")
        sums[corpus.name] = sha256(path)
        scores.update(corpus.measure(path))
    return scores, sums


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read the quality baseline {path}: {exc}") from exc
    return data


def check(scores: Mapping[str, float], sums: Mapping[str, str], baseline: Mapping[str, Any]) -> list[str]:
    """Why the gate fails (empty when it passes)."""
    failures = [
        f"corpus {name} changed (sha256 {sums.get(name, 'missing')[:12]} != pinned {pinned[:12]}); re-pin the baseline"
        for name, pinned in baseline.get("corpora", {}).items()
        if sums.get(name) != pinned
    ]
    for metric, floor in baseline.get("floors", {}).items():
        value = scores.get(metric)
        if value is None:
            failures.append(f"{metric} was not measured")
        elif value < floor - TOLERANCE:
            failures.append(f"{metric} = {value:.4f} fell below its floor {floor:.4f}")
    return failures


def updated(
    scores: Mapping[str, float], sums: Mapping[str, str], baseline: Mapping[str, Any], *, allow_lower: bool
) -> dict[str, Any]:
    """A baseline whose floors are the current scores; refuses to lower a floor unless allowed."""
    floors = dict(baseline.get("floors", {}))
    lowered = [m for m, v in scores.items() if m in floors and v < floors[m] - TOLERANCE]
    if lowered and not allow_lower:
        raise EvalError(f"refusing to lower floors without --allow-lower: {', '.join(sorted(lowered))}")
    floors.update({metric: math.floor(value * 10_000) / 10_000 for metric, value in scores.items()})
    return {"about": baseline.get("about", __doc__.splitlines()[0]), "corpora": dict(sums), "floors": floors}


def standard_corpora(services: Any, settings: Any) -> list[Corpus]:
    """The pinned corpora of ../shared and the metrics the gate guards on each."""
    from eventwatch.evaluate.case2021 import evaluate_case2021
    from eventwatch.evaluate.case_pipeline import evaluate_pipeline
    from eventwatch.evaluate.hrdsattack import evaluate_hrdsattack
    from eventwatch.evaluate.resolution import evaluate_resolution
    from eventwatch.evaluate.seeds import run_seeds

    def seeds_measure(name: str) -> Measure:
        def seeds(path: Path) -> dict[str, float]:
            root = path if path.is_dir() else path.parent.parent  # a set's folder, or its acceptance file
            report = run_seeds(root, settings, services)
            return {f"{name}.passed_ratio": report["passed"] / report["checks"]}

        return seeds

    case_keys = tuple(f"subtask{i}.{m}" for i in (1, 2, 3) for m in ("weighted_f1", "micro_f1", "macro_f1"))

    def case(path: Path) -> dict[str, float]:
        return flatten("case2021", evaluate_case2021(path), case_keys)

    def case_pipeline(path: Path) -> dict[str, float]:  # the types the pipeline stores
        return flatten("case2021_pipeline", evaluate_pipeline(path, services), case_keys)

    def hrds(path: Path) -> dict[str, float]:
        keys = ("country_acc", "admin1_acc", "city_acc", "date_acc", "any_event_country_recall")
        return flatten("hrdsattack", evaluate_hrdsattack(path, services, settings), keys)

    def resolution_measure(name: str) -> Measure:
        def resolution(path: Path) -> dict[str, float]:
            report = evaluate_resolution(path, settings, services)
            apart = 1.0 - report["same_site_different_day_merges"] / max(report["n_same_site_different_day_pairs"], 1)
            keys = ("pairwise.precision", "pairwise.recall", "pairwise.f1", "bcubed.f1")
            return {**flatten(name, report, keys), f"{name}.same_site_different_days_apart": apart}

        return resolution

    project_sets = [
        Corpus(name, str(path), seeds_measure(name) if kind == "seeds" else resolution_measure(name))
        for name, path, kind in project_corpora(QUALITY_SETS)
    ]
    return [
        Corpus("seeds", "acceptance/seeds.json", seeds_measure("seeds")),
        Corpus("domain", "domain/acceptance/seeds.json", seeds_measure("domain")),
        *project_sets,
        Corpus("resolution", str(RESOLUTION_CORPUS), resolution_measure("resolution")),
        Corpus("case2021", "data/case2021/dev.tsv", case),
        Corpus("case2021_pipeline", "data/case2021/dev.tsv", case_pipeline),
        Corpus("hrdsattack", "data/hrdsattack/dev.json", hrds),
    ]


def project_corpora(root: Path) -> list[tuple[str, Path, str]]:
    """The project's frozen sets under root (blind/NAME, paraphrase/NAME): (gate name, path, kind).

    A folder with acceptance/seeds.json is scored like the seeds, one with a gold.json like
    examples/resolution; the whole folder is pinned. Held-out sets are skipped."""
    found: list[tuple[str, Path, str]] = []
    for group in ("blind", "paraphrase"):
        for folder in sorted(p for p in (root / group).glob("*") if p.is_dir()):
            if (folder / HELDOUT_MARKER).exists():
                continue
            name = f"{group}_{folder.name}"
            if (folder / "acceptance" / "seeds.json").is_file():
                found.append((name, folder, "seeds"))
            elif (folder / "gold.json").is_file():
                found.append((name, folder, "resolution"))
    return found
