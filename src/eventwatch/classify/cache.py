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
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

from eventwatch.classify.examples import Example, examples_digest
from eventwatch.classify.linear import LinearModel, load_model, save_model
from eventwatch.classify.model import DEFAULT, TEXT_VIEW_VERSION, Params, preprocess_of, train

ENV_VAR = "EVENTWATCH_CLASSIFIER_DIR"


def cache_dir() -> Path:
    """$EVENTWATCH_CLASSIFIER_DIR if set, else <sys.prefix>/share/eventwatch."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else Path(sys.prefix) / "share" / "eventwatch"


def model_key(examples: list[Example], params: Params = DEFAULT) -> str:
    inputs = f"{examples_digest(examples)}|{params!r}|text view {TEXT_VIEW_VERSION}|{version('scikit-learn')}"
    return hashlib.sha256(inputs.encode()).hexdigest()[:16]


def model_path(examples: list[Example], params: Params = DEFAULT) -> Path:
    return cache_dir() / f"classifier-{model_key(examples, params)}.npz"


def _load(path: Path, params: Params) -> LinearModel | None:
    try:
        return load_model(path, preprocess_of(params))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # missing, or not a file of ours
        return None


def save(model: LinearModel, path: Path) -> None:
    """Write atomically (a concurrent reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    save_model(model, partial)
    partial.replace(path)


def load_or_train(examples: list[Example], params: Params = DEFAULT) -> LinearModel:
    """The cached model for these examples, training (and caching, if possible) on a miss."""
    path = model_path(examples, params)
    model = _load(path, params)
    if model is not None:
        return model
    model = train(examples, params)
    with contextlib.suppress(OSError):  # a read-only install still works: it trains once per process
        save(model, path)
    return model
