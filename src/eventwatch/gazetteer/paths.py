"""Where the gazetteer index lives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "EVENTWATCH_GAZETTEER"
INDEX_FILENAME = "gazetteer-v1.sqlite"


def default_index_path() -> Path:
    """$EVENTWATCH_GAZETTEER if set, else <sys.prefix>/share/eventwatch/gazetteer-v1.sqlite."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(sys.prefix) / "share" / "eventwatch" / INDEX_FILENAME
