"""Turning SQLAlchemy errors into StoreError (shared by the repository and its helpers)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from eventwatch.errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")


def describe(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def store_op(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn SQLAlchemy errors raised by the wrapped method into StoreError."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return fn(*args, **kwargs)
            except SQLAlchemyError as exc:
                raise StoreError(f"database error while {what}: {describe(exc)}", detail=str(exc)) from exc

        return wrapper

    return decorate
