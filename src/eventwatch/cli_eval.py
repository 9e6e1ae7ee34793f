"""`eventwatch eval …`: measuring quality against the shared data and the labelled corpora."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eventwatch.cli_common import AsJson, edge, err, out, print_json, services, settings

eval_app = typer.Typer(no_args_is_help=True, help="Measure quality against the shared data.")


@eval_app.command("seeds")
def eval_seeds(
    shared: Annotated[Path, typer.Option(help="The shared folder with seeds/ and acceptance/.")] = Path("../shared"),
    as_json: AsJson = False,
) -> None:
    """Check the seed reports against ../shared/acceptance/seeds.json (exit 0 only if all pass)."""
    from eventwatch.evaluate.seeds import run_seeds

    with edge():
        result = run_seeds(shared, settings(), services())
    if as_json:
        print_json(result)
    else:
        out.print(f"{result['passed']}/{result['checks']} checks passed")
        for failure in result["failed"]:
            out.print(f"  FAIL {failure['article']} {failure['key']}: {failure['why']}", highlight=False)
    if result["failed"]:
        raise typer.Exit(code=1)


@eval_app.command("case2021")
def eval_case2021(
    path: Annotated[Path, typer.Argument(help="A CASE 2021 Task 2 TSV (id, EventSnippet, SubType).")],
    as_json: AsJson = False,
    pipeline: Annotated[bool, typer.Option(
        "--pipeline", help="Score the ingest pipeline's typing: each snippet as an article, its primary event's type.",
    )] = False,
) -> None:
    """Classify every snippet and score subtasks 1-3 (weighted, micro and macro F1)."""
    from eventwatch.evaluate.case2021 import evaluate_case2021

    with edge():
        if pipeline:
            from eventwatch.evaluate.case_pipeline import evaluate_pipeline

            result = evaluate_pipeline(path, services())
        else:
            result = evaluate_case2021(path)
    if as_json:
        print_json(result)
        return
    for name in ("subtask1", "subtask2", "subtask3"):
        sub = result[name]
        out.print(f"{name}: n={sub['n']} weighted F1 {sub['weighted_f1']:.4f}, micro {sub['micro_f1']:.4f}, "
                  f"macro {sub['macro_f1']:.4f}", highlight=False)
    if pipeline:
        out.print(f"snippets with an extracted event: {result['with_mention']}/{result['n']}, "
                  f"typed right: {result['with_mention_accuracy']:.4f}", highlight=False)


@eval_app.command("hrdsattack")
def eval_hrdsattack(
    path: Annotated[Path, typer.Argument(help="A HRDsAttack JSON file.")],
    as_json: AsJson = False,
) -> None:
    """Run the pipeline on each article and score the primary event's country, admin1, city and date."""
    from eventwatch.evaluate.hrdsattack import evaluate_hrdsattack

    with edge():
        result = evaluate_hrdsattack(path, services(), settings())
    if as_json:
        print_json(result)
        return
    for field in ("country", "admin1", "city", "date"):
        out.print(f"{field}: {result[field + '_acc']:.3f} (n={result['n_' + field]})", highlight=False)


@eval_app.command("resolution")
def eval_resolution(
    folder: Annotated[Path, typer.Argument(help="A labelled corpus: articles and a gold.json (examples/resolution).")],
    as_json: AsJson = False,
) -> None:
    """Ingest FOLDER into a temporary database; score the events against its gold incidents."""
    from eventwatch.evaluate.resolution import evaluate_resolution

    with edge():
        result = evaluate_resolution(folder, settings(), services())
    if as_json:
        print_json(result)
        return
    for name in ("pairwise", "bcubed"):
        sub = result[name]
        out.print(f"{name}: P {sub['precision']:.4f} R {sub['recall']:.4f} F1 {sub['f1']:.4f}", highlight=False)
    out.print(f"same-site different-day merges: {result['same_site_different_day_merges']}", highlight=False)


@eval_app.command("gate")
def eval_gate(
    shared: Annotated[Path, typer.Option(help="The shared folder with acceptance/ and data/.")] = Path("../shared"),
    baseline: Annotated[Path, typer.Option(help="The pinned floors.")] = Path("quality/baseline.json"),
    update: Annotated[bool, typer.Option("--update", help="Pin the current scores as the new floors.")] = False,
    allow_lower: Annotated[bool, typer.Option("--allow-lower", help="Let --update lower a floor.")] = False,
) -> None:
    """Measure seeds, examples/resolution, CASE 2021 dev and HRDsAttack dev; fail when a score drops below its floor."""
    from eventwatch.evaluate import gate

    with edge():
        scores, sums = gate.measure_all(shared, gate.standard_corpora(services(), settings()))
        pinned = gate.load_baseline(baseline) if baseline.exists() else {}
        if update:
            _pin(baseline, gate.updated(scores, sums, pinned, allow_lower=allow_lower))
        failures = gate.check(scores, sums, gate.load_baseline(baseline))
    for metric, value in sorted(scores.items()):
        out.print(f"{metric}: {value:.4f}", highlight=False)
    for failure in failures:
        err.print(f"FAIL {failure}", highlight=False)
    if failures:
        raise typer.Exit(code=1)


def _pin(baseline: Path, floors: dict[str, object]) -> None:
    with edge(writing=baseline):
        baseline.parent.mkdir(parents=True, exist_ok=True)
        baseline.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
