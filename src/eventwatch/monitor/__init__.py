"""Live monitoring: `eventwatch watch` over a file of sources (watch.py, sources.py), saved
searches evaluated after every ingest (alerts.py) and their deliveries by webhook, e-mail
(deliver.py) and Atom feed (atom.py). State lives in the store (store/monitor.py)."""
