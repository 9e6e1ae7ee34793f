"""A wall-clock budget per document (scale.document_seconds): extraction that runs past it is
interrupted and the document is rejected as "time budget exceeded"; the run goes on.

The budget is a real-time interval timer (SIGALRM) armed around one document's extraction, in
the thread that extracts. Python code, a sleep and the regex engines (`re` and `regex` both check
for signals while they match) are interrupted where they are. Signals reach only the main thread
of a process, so the budget holds where extraction runs on one: `eventwatch ingest` (this
process or the `--workers` pool) and the API's write process (api/writer.py). Extraction on
another thread (a Dask worker's task threads) runs without it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from eventwatch.errors import TimeBudgetExceeded


class _Expired(BaseException):
    """Raised by the timer inside extraction. A BaseException, so that no `except Exception`
    on the way up can swallow it; it becomes TimeBudgetExceeded at the budget's boundary."""


def _expire(_signum: int, _frame: FrameType | None) -> None:
    raise _Expired


def can_interrupt() -> bool:
    """Whether a budget armed here can interrupt (this is the main thread of its process)."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block for at most `seconds` of wall-clock time, else raise TimeBudgetExceeded.
    No budget (None or 0), or a thread that cannot be interrupted: the block runs unbounded."""
    if not seconds or not can_interrupt():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # disarmed first: a late alarm is still caught below
    except _Expired:
        raise TimeBudgetExceeded(f"time budget exceeded: extraction took over {seconds:g} s") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
