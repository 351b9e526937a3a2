"""``chipmap extract``: what articles yield, as JSON."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chipmap.cli.common import EXIT_OK, EXIT_SOME_FAILED, cli_errors, err, fail, progress_bar


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class PipelineChoice(StrEnum):
    full = "full"
    raw = "raw"


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt .md .html .json) or folders.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl: one object per line; json: one array.")
    ] = OutputFormat.jsonl,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for articles that do not state one; "
                     "relative dates in the text are resolved against it."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default: setting).")] = None,
    pipeline: Annotated[
        PipelineChoice,
        typer.Option(help="full: chipmap's components; raw: spaCy's NER alone mapped to the schema."),
    ] = PipelineChoice.full,
) -> None:
    """Print the people, organisations, places, events and relations each article yields.

    Example: chipmap extract --format jsonl ../shared/eval/dev/*.json > predictions.jsonl

    A file that cannot be read is reported on stderr with the reason; the others are
    still processed. Exit code 1 if any file failed, 0 otherwise.
    """
    from chipmap.api import extract_articles, read_paths
    from chipmap.atlas import default_atlas
    from chipmap.config import get_settings
    from chipmap.extract import ExtractionFailed, Extractor
    from chipmap.extract.extractor import process_count
    from chipmap.records import Article

    when: dt.date | None = None
    if published:
        try:
            when = dt.date.fromisoformat(published)
        except ValueError:
            fail(f"--published {published!r} is not a date in YYYY-MM-DD form")
    failures: list[str] = []

    def failed(article: Article, outcome: ExtractionFailed) -> None:
        failures.append(f"{article.source or article.id}: {outcome.reason}")

    with cli_errors():
        settings = get_settings()
        articles, errors = read_paths(paths, published=when, max_bytes=settings.max_text_bytes)
        if pipeline is PipelineChoice.raw:
            extractor = Extractor.raw(model=model or settings.model)
        else:
            extractor = Extractor(model=model or settings.model, atlas=default_atlas(settings.atlas_overlay))
        n_process = process_count(len(articles), settings.n_process, settings.batch_size)
        with progress_bar(len(articles) > 1) as advance:
            results = extract_articles(articles, extractor, n_process=n_process,
                                       batch_size=settings.batch_size, on_article=advance, on_failure=failed)
            if output_format is OutputFormat.json:
                sys.stdout.write("[\n")
                for i, result in enumerate(results):
                    sys.stdout.write((",\n" if i else "") + result.model_dump_json(indent=2))
                sys.stdout.write("\n]\n")
            else:
                for result in results:
                    sys.stdout.write(result.model_dump_json() + "\n")
            sys.stdout.flush()
    for problem in [*map(str, errors), *failures]:
        err.print(f"[red]error:[/] {problem}", highlight=False)
    raise typer.Exit(EXIT_SOME_FAILED if errors or failures else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command()(extract)
