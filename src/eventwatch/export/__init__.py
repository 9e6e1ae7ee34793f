"""Exports: events as ACLED-shaped rows (CSV, JSON) and as GeoJSON features."""

from eventwatch.export.acled import ACLED_COLUMNS, EXTRA_COLUMNS, event_record
from eventwatch.export.geojson import feature_collection

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "event_record", "feature_collection"]
