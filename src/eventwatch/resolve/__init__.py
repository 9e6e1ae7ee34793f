"""Resolution: mentions from many articles -> one Event per incident, and the Site registry."""

from eventwatch.resolve.matcher import resolve_article

__all__ = ["resolve_article"]
