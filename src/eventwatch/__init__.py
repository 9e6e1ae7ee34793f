"""eventwatch: news reports in, a sourced, deduplicated, geocoded database of conflict events out."""

__version__ = "0.1.0"
