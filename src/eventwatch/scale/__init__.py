"""Running extraction on more than one process (and, later, on a Dask cluster)."""

from eventwatch.scale.pool import Extractor, extractor

__all__ = ["Extractor", "extractor"]
