"""spaCy is imported with torch hidden (thinc would import it, and never use it on CPU), and
torch stays importable afterwards."""

from __future__ import annotations

import sys

import pytest

from eventwatch.extract import nlp


def test_torch_is_hidden_only_while_spacy_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    with nlp._torch_hidden(), pytest.raises(ImportError):
        import torch  # noqa: F401
    assert "torch" not in sys.modules  # a later `import torch` imports it as usual


def test_a_torch_already_imported_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    sentinel = object()
    monkeypatch.setitem(sys.modules, "torch", sentinel)
    with nlp._torch_hidden():
        assert sys.modules["torch"] is sentinel
    assert sys.modules["torch"] is sentinel
