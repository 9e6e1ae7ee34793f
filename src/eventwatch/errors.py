"""The EventwatchError hierarchy. Each error has a code and a one-line user message.

Errors are raised by stages and translated only at the edges (CLI, API).
"""

from __future__ import annotations


class EventwatchError(Exception):
    code = "error"

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ConfigError(EventwatchError):
    code = "config"


class InputError(EventwatchError):
    """A document or path that cannot be read as news."""

    code = "input"


class MissingPath(InputError):
    code = "missing_path"


class EmptyDocument(InputError):
    code = "empty"


class BinaryDocument(InputError):
    code = "binary"


class DecodeFailure(InputError):
    code = "encoding"


class MalformedDocument(InputError):
    code = "malformed"


class NotNews(InputError):
    code = "not_news"


class TooLarge(InputError):
    code = "too_large"


class TimeBudgetExceeded(InputError):
    """A document whose extraction ran past its wall-clock budget (scale.document_seconds):
    rejected on its own, the run goes on."""

    code = "time_budget"


class FetchError(InputError):
    code = "fetch"


class RefusedTarget(FetchError):
    code = "refused_target"


class StoreError(EventwatchError):
    code = "store"


class StoreConflict(StoreError):
    """A transaction lost a race with a concurrent writer (lock timeout, serialization
    failure, deadlock); running it again may succeed."""

    code = "store_conflict"


class ClusterError(EventwatchError):
    """A Dask scheduler that cannot be reached, has no usable workers, or fails mid-run."""

    code = "cluster"


class NotFound(EventwatchError):
    code = "not_found"


class GazetteerError(EventwatchError):
    code = "gazetteer"


class EvalError(EventwatchError):
    code = "eval"


class CorrectionError(EventwatchError):
    """A manual correction (eventwatch edit / split) that cannot be applied."""

    code = "correction"


class BadFilter(EventwatchError):
    """A query filter, sort or cursor that cannot be understood (a malformed bbox, ...)."""

    code = "bad_filter"

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param  # the query parameter at fault, when there is one


class DeliveryError(EventwatchError):
    """An alert that could not be delivered (webhook down or refusing, SMTP failure)."""

    code = "delivery"
