"""The HTTP API: a FastAPI app over the store (read endpoints, exports, one write endpoint)."""
