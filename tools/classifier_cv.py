"""k-fold cross-validation of the snippet classifier on the project's own examples.

Prints per-label precision / recall / F1, macro F1 and a confusion matrix; with --grid it
also compares a small hyperparameter grid (the way model.DEFAULT was chosen); with
--added-since REF it measures whether the examples added since git revision REF help: folds
over the examples as they were at REF, the added ones joining every training fold (never
tested on, so easy new examples cannot inflate the score). Research aid, not a test; reads
only src/eventwatch/classify/examples (never CASE data).

    .venv/bin/python tools/classifier_cv.py [--folds 5] [--grid] [--fusion] [--sentence] [--added-since REF]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from eventwatch.classify import Fusion, decided, fuse, without_unsupported_other
from eventwatch.classify.examples import EXAMPLES_DIR, Example, load_examples
from eventwatch.classify.model import DEFAULT, Params, build_pipeline, softmax
from eventwatch.extract.snippet import classify_text

GRID = [replace(DEFAULT, c=c) for c in (0.3, 0.5, 1.0, 2.0, 5.0)] + [
    replace(DEFAULT, char_ngrams=(3, 5)),
    replace(DEFAULT, word_ngrams=(1, 1)),
    replace(DEFAULT, word_ngrams=(1, 3)),
    replace(DEFAULT, min_df=1),
]


def _splitter(folds: int) -> StratifiedKFold:
    return StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)


def cv_predict(params: Params, folds: int) -> tuple[list[str], list[str]]:
    examples = load_examples()
    texts = [e.text for e in examples]
    gold = [e.label for e in examples]
    predicted = cross_val_predict(build_pipeline(params), texts, gold, cv=_splitter(folds))
    return gold, [str(p) for p in predicted]


def fusion_grid(folds: int) -> None:
    """Macro F1 of rules alone, model alone, and model + rule bonus, on held-out folds."""
    examples = load_examples()
    texts = [e.text for e in examples]
    gold = [e.label for e in examples]
    decision = cross_val_predict(build_pipeline(DEFAULT), texts, gold, cv=_splitter(folds), method="decision_function")
    labels = sorted(set(gold))
    rules = [classify_text(text) for text in texts]
    print(f"rules alone: macro F1 {f1_score(gold, [r.label for r in rules], average='macro'):.4f}")
    for temperature in (0.1, 0.2, 0.4):
        softmaxed = softmax(np.asarray(decision, dtype=np.float64), temperature)
        scores = without_unsupported_other(labels, softmaxed, texts, rules)
        for confident in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.8):
            for weak in sorted({0.0, confident / 2, confident}):
                fused = ordered(texts, fuse(labels, scores, rules, Fusion(confident, weak)))
                macro = f1_score(gold, fused, average="macro")
                print(f"temperature {temperature} bonus {confident:.2f} weak {weak:.2f}: macro F1 {macro:.4f}")


def ordered(texts: list[str], fused: list[tuple[str, float]]) -> list[str]:
    """The fused labels as ``classify_snippets`` returns them (after the codebook decisions)."""
    return [decided(label, text) for text, (label, _) in zip(texts, fused, strict=True)]


def examples_at(revision: str) -> list[Example]:
    """The examples as committed at a git revision (read with ``git show``)."""
    with tempfile.TemporaryDirectory() as folder:
        for path in EXAMPLES_DIR.glob("*.txt"):
            relative = path.relative_to(path.parents[4]).as_posix()  # src/eventwatch/classify/examples/X.txt
            shown = subprocess.run(
                ["git", "show", f"{revision}:{relative}"], capture_output=True, text=True, cwd=path.parents[4]
            )
            (Path(folder) / path.name).write_text(shown.stdout, encoding="utf-8")
        return load_examples(Path(folder))


def added_since(revision: str, folds: int) -> None:
    """Macro F1 (model, and fused with the rules) on the examples of ``revision``, trained with and
    without the examples added since; three fold seeds."""
    old = examples_at(revision)
    known = set(old)
    added = [e for e in load_examples() if e not in known]
    print(f"{len(old)} examples at {revision}, {len(added)} added since")
    texts = np.array([e.text for e in old], dtype=object)
    gold = np.array([e.label for e in old])
    labels = sorted(set(gold))
    rules = [classify_text(text) for text in texts]
    for seed in (0, 1, 2):
        cells = []
        for extra in ([], added):
            decision = np.zeros((len(gold), len(labels)))
            for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, gold):
                pipeline = build_pipeline(DEFAULT)
                pipeline.fit([*texts[train], *(e.text for e in extra)], [*gold[train], *(e.label for e in extra)])
                decision[test] = pipeline.decision_function(texts[test])
            model = f1_score(gold, [labels[i] for i in decision.argmax(axis=1)], average="macro")
            scores = without_unsupported_other(labels, softmax(decision, DEFAULT.temperature), list(texts), rules)
            fused = ordered(list(texts), fuse(labels, scores, rules, Fusion()))
            cells.append(f"model {model:.4f} fused {f1_score(gold, fused, average='macro'):.4f}")
        print(f"seed {seed}: without added {cells[0]} | with added {cells[1]}")


def _threshold_at(probability: np.ndarray, event: np.ndarray, max_false: float) -> float:
    """The lowest threshold whose share of non-events at or above it is at most ``max_false``."""
    negatives = np.sort(probability[~event])[::-1]
    allowed = int(max_false * len(negatives))
    return float(negatives[allowed]) + 1e-6 if allowed < len(negatives) else 0.0


def sentence_grid(folds: int) -> None:
    """The sentence models (classify/sentence_model.py): detection (event vs not) with and without the
    rule features, over C, with the threshold that keeps held-out false detections at 2 %; typing
    (30 labels) alone and fused with the TF-IDF SVM, over C and the embeddings' weight."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from eventwatch.classify import EMBEDDING_WEIGHT, embedding_fused
    from eventwatch.classify.embed import load_embedder
    from eventwatch.classify.examples import load_nonevents
    from eventwatch.classify.sentence_model import is_event_label, rule_features

    examples = load_examples()
    everything = examples + load_nonevents()
    texts = [e.text for e in everything]
    embedded, ruled = load_embedder()(texts), rule_features(texts)
    event = np.array([is_event_label(e.label) for e in everything])
    print(f"{len(examples)} labelled examples, {len(everything) - len(examples)} non-events")
    for name, x in (("embeddings", embedded), ("embeddings+rules", np.hstack([embedded, ruled]))):
        for c in (1.0, 4.0, 16.0):
            model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            p = cross_val_predict(model, x, event, cv=_splitter(folds), method="predict_proba")[:, 1]
            cuts = {share: _threshold_at(p, event, share) for share in (0.02, 0.03, 0.05)}
            print(f"detect {name} C={c}: AUC {roc_auc_score(event, p):.4f}; " + "; ".join(
                f"threshold for {share:.0%} false {cut:.3f} recalls {(p[event] >= cut).mean():.3f}"
                for share, cut in cuts.items()))
    veto_grid(np.hstack([embedded, ruled]), ruled, event, folds)
    labelled = len(examples)
    x = np.hstack([embedded, ruled])[:labelled]
    gold = [e.label for e in examples]
    labels = sorted(set(gold))
    rules = [classify_text(text) for text in texts[:labelled]]
    decision = cross_val_predict(build_pipeline(DEFAULT), texts[:labelled], gold, cv=_splitter(folds),
                                 method="decision_function")
    svm = softmax(np.asarray(decision, dtype=np.float64), DEFAULT.temperature)
    for c in (4.0, 16.0, 64.0):
        typer = LogisticRegression(C=c, max_iter=3000)
        p = cross_val_predict(typer, x, gold, cv=_splitter(folds), method="predict_proba")
        alone = f1_score(gold, [labels[i] for i in p.argmax(axis=1)], average="macro")
        print(f"type C={c}: embeddings alone macro F1 {alone:.4f}")
        for weight in sorted({0.0, 0.25, 0.5, 1.0, EMBEDDING_WEIGHT}):
            scores = without_unsupported_other(labels, embedding_fused(svm, p, weight), texts[:labelled], rules)
            fused = ordered(texts[:labelled], fuse(labels, scores, rules, Fusion()))
            print(f"  fused with the SVM, weight {weight}: macro F1 {f1_score(gold, fused, average='macro'):.4f}")


def veto_grid(x: np.ndarray, ruled: np.ndarray, event: np.ndarray, folds: int) -> None:
    """A veto on rule-asserted sentences (tried in round x6, not shipped: docs/quality.md): among held-out texts a rule
    asserts a confident event for, the probability below which at most 1 / 2 / 5 % of the events
    fall, and the share of such non-events it removes."""
    from sklearn.linear_model import LogisticRegression

    from eventwatch.classify.sentence_model import DETECT_C

    model = LogisticRegression(C=DETECT_C, max_iter=3000, class_weight="balanced")
    p = cross_val_predict(model, x, event, cv=_splitter(folds), method="predict_proba")[:, 1]
    asserted = ruled[:, 1] == 1.0
    events, others = np.sort(p[asserted & event]), p[asserted & ~event]
    print(f"veto: {len(events)} events and {len(others)} non-events with a confident asserted rule guess")
    for lost in (0.01, 0.02, 0.05):
        cut = float(events[int(lost * len(events))]) if len(events) else 0.0
        print(f"  veto below {cut:.3f} (loses {lost:.0%} of events): removes {(others < cut).mean():.3f} of non-events")


def print_report(gold: list[str], predicted: list[str]) -> None:
    labels = sorted(set(gold))
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    print(f"{'label':>32} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
    for i in sorted(range(len(labels)), key=lambda i: f1[i]):
        print(f"{labels[i]:>32} {precision[i]:>6.3f} {recall[i]:>6.3f} {f1[i]:>6.3f} {support[i]:>4}")
    print(
        f"macro F1 {f1_score(gold, predicted, average='macro'):.4f}  accuracy "
        f"{sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold):.4f}  n={len(gold)}"
    )
    cells = Counter(zip(gold, predicted, strict=True))
    print("confusion (gold -> predicted, off-diagonal, most frequent first):")
    for (g, p), n in sorted(cells.items(), key=lambda item: -item[1]):
        if g != p:
            print(f"  {n:>3}  {g} -> {p}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--grid", action="store_true", help="compare the hyperparameter grid")
    parser.add_argument("--fusion", action="store_true", help="compare rule-bonus weights for the rule+model fusion")
    parser.add_argument("--sentence", action="store_true", help="the sentence detector and embedding typer")
    parser.add_argument("--added-since", metavar="REF", help="do the examples added since git revision REF help?")
    args = parser.parse_args()
    if args.sentence:
        sentence_grid(args.folds)
        return
    if args.added_since:
        added_since(args.added_since, args.folds)
        return
    if args.fusion:
        fusion_grid(args.folds)
        return
    if args.grid:
        for params in GRID:
            start = time.perf_counter()
            gold, predicted = cv_predict(params, args.folds)
            took = time.perf_counter() - start
            print(f"macro F1 {f1_score(gold, predicted, average='macro'):.4f}  ({took:.1f}s)  {params}")
        return
    gold, predicted = cv_predict(DEFAULT, args.folds)
    print_report(gold, predicted)


if __name__ == "__main__":
    main()
