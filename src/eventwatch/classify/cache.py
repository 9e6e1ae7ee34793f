"""Where the trained classifier is kept: trained once, cached under a hash of its inputs.

No model file is committed: ``eventwatch classifier build`` (run by ``make install``) trains
it into ``<sys.prefix>/share/eventwatch/``; otherwise the first use trains it (about a
second) and saves it there when the folder is writable. The file name carries a hash of the
examples, the parameters, the text view's version and the scikit-learn version, so an edited example file or an
upgraded library simply trains a new model.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path

import sklearn
from sklearn.pipeline import Pipeline

from eventwatch.classify.examples import Example, examples_digest
from eventwatch.classify.model import DEFAULT, TEXT_VIEW_VERSION, Params, train

ENV_VAR = "EVENTWATCH_CLASSIFIER_DIR"


def cache_dir() -> Path:
    """$EVENTWATCH_CLASSIFIER_DIR if set, else <sys.prefix>/share/eventwatch."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else Path(sys.prefix) / "share" / "eventwatch"


def model_key(examples: list[Example], params: Params = DEFAULT) -> str:
    inputs = f"{examples_digest(examples)}|{params!r}|text view {TEXT_VIEW_VERSION}|{sklearn.__version__}"
    return hashlib.sha256(inputs.encode()).hexdigest()[:16]


def model_path(examples: list[Example], params: Params = DEFAULT) -> Path:
    return cache_dir() / f"classifier-{model_key(examples, params)}.pkl"


def _load(path: Path) -> Pipeline | None:
    try:
        with path.open("rb") as handle:
            model = pickle.load(handle)  # our own file, written by save() below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return model if isinstance(model, Pipeline) else None


def save(model: Pipeline, path: Path) -> None:
    """Write atomically (a concurrent reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def load_or_train(examples: list[Example], params: Params = DEFAULT) -> Pipeline:
    """The cached model for these examples, training (and caching, if possible) on a miss."""
    path = model_path(examples, params)
    model = _load(path)
    if model is not None:
        return model
    model = train(examples, params)
    with contextlib.suppress(OSError):  # a read-only install still works: it trains once per process
        save(model, path)
    return model
