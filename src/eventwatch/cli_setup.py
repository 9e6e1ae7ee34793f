"""Set-up commands: `eventwatch gazetteer build`, `db upgrade|current`, `classifier build`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventwatch.cli_common import edge, out, settings

gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline GeoNames index.")
db_app = typer.Typer(no_args_is_help=True, help="The database schema (Alembic migrations).")
classifier_app = typer.Typer(no_args_is_help=True, help="The snippet classifier trained on the project's examples.")


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Path | None, typer.Option(help="Where to write the index.")] = None,
) -> None:
    """Build the compact GeoNames index from the installed packages (once, at install)."""
    from eventwatch.gazetteer import build_index, default_index_path

    target = path or default_index_path()
    with edge(writing=target):
        stats = build_index(target)
    out.print(f"gazetteer index written to {target}: {stats}", highlight=False)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema (every command also does this on open)."""
    from eventwatch.store import create_store_engine, revision_info

    with edge():
        engine = create_store_engine(settings().store.url)
        info = revision_info(engine)
    out.print(f"{engine.url.render_as_string(hide_password=True)} is at revision {info['current']}", highlight=False)


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision and the newest one, without migrating."""
    from eventwatch.store import create_store_engine, revision_info

    with edge():
        info = revision_info(create_store_engine(settings().store.url, upgrade=False))
    state = "up to date" if info["current"] == info["head"] else "needs `eventwatch db upgrade`"
    out.print(f"current {info['current'] or '(none)'}, head {info['head']}: {state}", highlight=False)


@classifier_app.command("build")
def classifier_build() -> None:
    """Train the snippet classifier from the bundled examples and cache it (once, at install)."""
    import time

    from eventwatch.classify.cache import model_path, save
    from eventwatch.classify.examples import load_examples
    from eventwatch.classify.model import train

    with edge(writing="the classifier"):
        examples = load_examples()
        start = time.perf_counter()
        model = train(examples)
        took = time.perf_counter() - start
        target = model_path(examples)
        save(model, target)
    out.print(f"classifier trained on {len(examples)} examples in {took:.1f}s, written to {target}", highlight=False)
    _build_sentence_model()


def _build_sentence_model() -> None:
    """The static sentence embeddings (distilled once) and the sentence detector / typer."""
    import time

    from eventwatch.classify import embed, sentence_model
    from eventwatch.classify.examples import load_examples, load_nonevents

    with edge(writing="the sentence model"):
        start = time.perf_counter()
        if not (embed.embeddings_dir() / "model.safetensors").is_file():  # distilled once (about two minutes)
            embed.build()
        embedder = embed.load_embedder()
        examples = load_examples() + load_nonevents()
        model = sentence_model.load_or_train(examples, embedder)
        target = sentence_model.model_path(examples, embedder)
        took = time.perf_counter() - start
    out.print(f"sentence model ({len(model.labels)} labels, {len(examples)} examples) ready in {took:.1f}s: {target}",
              highlight=False)
