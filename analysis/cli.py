"""newshedge: find hedges and attributions in news articles and compare outlets.

Exit codes (the README lists them too, for cron):
  0    success
  1    the work failed: a notebook raised, the spaCy model is missing, an internal error
  2    bad input, options or parameters
  3    no document could be analysed: every input was rejected (the tables, or the corpus
       overview, are still written and give the reasons)
  4    a file or folder could not be written or read: full disk, read-only folder, permission
       denied, an --out that is a file
  130  interrupted (Ctrl-C): kernels stopped, temporary files removed, earlier output unchanged
Errors are one line on stderr; NEWSHEDGE_DEBUG=1 shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from analysis.cli_stream import add_stream_options, analyze_streamed
from analysis.corpus.loading import CorpusWarning, load_corpus
from analysis.pipeline.execution_args import (
    add_cache_command,
    add_execution_options,
    execution_from,
    parse_cache_summary,
    positive_int,
    report_parse_stats,
)
from analysis.settings import Settings
from analysis.story import story_for
from analysis.vocabulary import ANALYSIS_MODES as MODES
from analysis.vocabulary import HEDGE_CATEGORIES

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_NO_DOCUMENTS, EXIT_OS_ERROR = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a process stopped by Ctrl-C
DEBUG_ENV = "NEWSHEDGE_DEBUG"
STORY_HELP = (
    "story file (YAML, docs/stories.md): the sides, key claims and names of the story. Default: the "
    "bundled corpus's own story for the bundled corpus; for another corpus, sides inferred from it "
    "and marked as inferred"
)
DAYFIRST_HELP = "read ambiguous dates such as 04/03/2025 day first (4 March); default: month first (3 April)"


def _settings_from(args) -> Settings:
    categories = HEDGE_CATEGORIES
    if getattr(args, "categories", None):
        categories = tuple(c.strip() for c in args.categories.split(",") if c.strip())
    return Settings(
        model=args.model,
        mode=args.mode,
        categories=categories,
        hedge_lexicon=getattr(args, "lexicon", None),
        disabled_rules=tuple(getattr(args, "disable_rule", None) or ()),
        story=story_for(args.corpus, args.story),
    )


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", help="corpus folder or CSV/JSONL/Parquet file (default: the bundled corpus)")
    p.add_argument("--dayfirst", action="store_true", help=DAYFIRST_HELP)
    p.add_argument("--story", metavar="FILE", help=STORY_HELP)
    p.add_argument("--mode", choices=MODES, default="parse", help="parse (default) or fast (no statistical model)")
    p.add_argument("--model", default=Settings().model, help="spaCy model package name (default: %(default)s)")
    p.add_argument("--lexicon", help="hedge lexicon CSV to use instead of the bundled one")
    p.add_argument(
        "--disable-rule",
        action="append",
        metavar="NAME",
        help="switch off a named context or boilerplate rule (repeatable)",
    )


def _nothing_analysed(inputs: int, where: str) -> int:
    """Say (in one line) that no document could be analysed, and return the exit code for it."""
    given = f"all {inputs} inputs were rejected" if inputs else "the corpus holds no input"
    print(f"error: no document could be analysed: {given}; {where}", file=sys.stderr)
    return EXIT_NO_DOCUMENTS


def _note_sides(analysis, out: str) -> None:
    """Say on stderr when the sides were not given: inferred (to confirm) or unknown."""
    where = Path(out).absolute()
    if analysis.story is not None and analysis.story.note:
        print(f"note: {analysis.story.note} ({analysis.story.title}); pass --story to use another", file=sys.stderr)
    if analysis.sides_status == "inferred":
        names = ", ".join(f"{s.name} ({s.role})" for s in analysis.story.sides)
        print(
            f"note: no story file given: sides inferred, not confirmed: {names}; evidence in "
            f"{where / 'side_evidence.csv'}; confirm them in a story file (docs/stories.md) and pass --story",
            file=sys.stderr,
        )
    elif analysis.sides_status == "unknown":
        print("note: no story file given and no sides inferred: figures by side are left out", file=sys.stderr)


def cmd_analyze(args) -> int:
    from analysis.aggregation.summary import corpus_tables
    from analysis.pipeline import processes
    from analysis.pipeline.run import analyze_corpus
    from analysis.pipeline.tables import write_tables

    if args.stream:
        result, n_in = analyze_streamed(args, _settings_from(args))
        return _analysed(n_in, result.documents, result.rejected, args.out)
    corpus = load_corpus(args.corpus, dayfirst=args.dayfirst)
    for message in corpus.messages:
        print(f"note: {message}", file=sys.stderr)
    execution = execution_from(args)
    analysis = analyze_corpus(corpus, _settings_from(args), execution=execution)
    report_parse_stats(analysis.parse_stats, execution)
    with processes.jobs(execution.jobs if execution.engine == "local" else 1):
        write_tables(corpus_tables(analysis), args.out)
    _note_sides(analysis, args.out)
    return _analysed(len(corpus.documents) + len(corpus.rejected), analysis.documents, analysis.rejected, args.out)


def _analysed(n_in: int, documents, rejected, out: str) -> int:
    """Say what was analysed and where the tables are; the exit code."""
    if documents.empty:
        return _nothing_analysed(n_in, f"the reasons are in {Path(out).absolute() / 'rejected.csv'}")
    analysed = f"{len(documents)} documents analysed, {len(rejected)} rejected (see rejected.csv)"
    print(f"{n_in} inputs: {analysed}; tables in {out}")
    return EXIT_OK


# --- evaluation (analysis/evaluation/) --------------------------------------------------------


def cmd_evaluate(args) -> int:
    from analysis.evaluation.run import evaluate, format_table, write_json

    scores = evaluate(args.corpus, args.gold, _settings_from(args), dayfirst=args.dayfirst, claims_path=args.claims)
    print(format_table(scores))
    if args.json:
        print(f"scores written to {write_json(scores, args.json)}")
    return EXIT_OK


def _add_evaluate_command(sub) -> None:
    p = sub.add_parser("evaluate", help="score the detectors against a gold file (ANNOTATION.md format)")
    _add_common(p)
    p.add_argument("--gold", help="gold JSONL file (default: the bundled data/gold/seeds.jsonl)")
    p.add_argument(
        "--categories",
        metavar="LIST",
        help=f"comma-separated cue categories to score, in gold and predictions (default: all of "
        f"{','.join(HEDGE_CATEGORIES)})",
    )
    p.add_argument(
        "--claims",
        metavar="FILE",
        help="also score the claim grouping against a claim-groups gold file (pairwise P/R/F1 over "
        "sentence pairs of different documents; format in data/gold/README.md)",
    )
    p.add_argument("--json", metavar="OUT", help="write the scores as JSON (sorted keys, rounded floats)")
    p.set_defaults(func=cmd_evaluate)


# --- reports (analysis/reports/) -------------------------------------------------------------


def cmd_report(args) -> int:
    from analysis.reports.render import render_reports

    execution = execution_from(args)
    result = render_reports(
        corpus=args.corpus,
        execution=execution,
        story=args.story,
        params_file=args.params,
        out=args.out,
        registry=args.registry,
        keep=args.keep,
        timeout=args.cell_timeout,
        dayfirst=args.dayfirst,
        pdf=args.pdf,
    )
    cached = parse_cache_summary(result.parse_stats, execution)  # one stdout line: said there
    index = Path(args.out).absolute() / "index.html"
    if not result.documents:
        return _nothing_analysed(result.rejected, f"the reasons are in the corpus overview, {index}")
    cached = f"; {cached}" if cached else ""
    print(f"{len(result.jobs)} reports in {result.run_dir} (run {result.run_id}); index: {index}{cached}")
    return EXIT_OK


def cmd_refresh_notebooks(args) -> int:
    from analysis.reports.render import refresh_notebooks

    paths = refresh_notebooks(args.notebooks or None, timeout=args.cell_timeout)
    print(f"refreshed {len(paths)} notebooks")
    return EXIT_OK


def _add_report_commands(sub) -> None:
    from analysis.reports import DEFAULT_CELL_TIMEOUT

    timeout_help = "time limit per notebook cell, above zero (default: %(default)s)"
    p = sub.add_parser("report", help="render the notebook reports (papermill) into OUT/runs/<run id>")
    p.add_argument("--corpus", help="corpus folder or CSV/JSONL/Parquet file (default: the bundled corpus)")
    p.add_argument("--dayfirst", action="store_true", help=DAYFIRST_HELP)
    p.add_argument("--story", metavar="FILE", help=STORY_HELP)
    p.add_argument(
        "--params",
        metavar="FILE",
        help="YAML or JSON file of notebook parameters: shared names at the top level, "
        "per-report ones under 'reports: {name: {...}}'",
    )
    p.add_argument("--out", default="reports", help="output folder (default: %(default)s)")
    p.add_argument("--registry", metavar="FILE", help="report registry (default: notebooks/reports.yaml)")
    p.add_argument(
        "--keep", type=positive_int, metavar="N", help="keep only the N most recent runs in OUT/runs (default: all)"
    )
    p.add_argument(
        "--cell-timeout", type=positive_int, default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS", help=timeout_help
    )
    p.add_argument(
        "--pdf",
        nargs="?",
        const="a4",
        choices=["a4", "letter"],
        metavar="PAPER",
        help="also print each page to PDF with headless Chromium (report.pdf beside report.html, index.pdf), "
        "on a4 (the default) or letter paper",
    )
    add_execution_options(p)
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("refresh-notebooks", help="re-execute notebooks/ in place to refresh their stored outputs")
    p.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    p.add_argument(
        "--cell-timeout", type=positive_int, default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS", help=timeout_help
    )
    p.set_defaults(func=cmd_refresh_notebooks)


def build_parser() -> argparse.ArgumentParser:
    summary, _, codes = __doc__.partition("\n\n")
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=summary,
        epilog=codes.strip(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="write the tidy tables (Parquet and CSV) for a corpus")
    _add_common(p)
    p.add_argument("--out", required=True, help="output folder")
    add_execution_options(p)
    add_stream_options(p)
    p.set_defaults(func=cmd_analyze)
    _add_evaluate_command(sub)
    _add_report_commands(sub)
    add_cache_command(sub)
    return parser


# --- errors -------------------------------------------------------------------------------------


def describe_os_error(exc: OSError) -> str:
    """``path: problem`` for an operating-system error (``/out/x.csv: No space left on device``)."""
    if not exc.strerror:  # raised with a message of its own (OutputError, ...)
        return str(exc)
    paths = " -> ".join(str(p) for p in (exc.filename, exc.filename2) if p is not None)
    return f"{paths}: {exc.strerror}" if paths else exc.strerror


def exit_code_and_message(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message for an exception that reached the command line."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted: stopped, temporary files removed, earlier output unchanged"
    own_missing_file = isinstance(exc, FileNotFoundError) and exc.errno is None  # a named user file
    if isinstance(exc, OSError) and not own_missing_file:
        return EXIT_OS_ERROR, describe_os_error(exc)
    if isinstance(exc, ValueError | OSError):  # CorpusError, DataFileError, ParameterError, ...
        return EXIT_BAD_INPUT, str(exc)
    if isinstance(exc, RuntimeError):  # a notebook failed (ReportFailed), the model is missing, ...
        return EXIT_FAILED, str(exc)
    return EXIT_FAILED, f"internal error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for the traceback)"


def main(argv: list[str] | None = None) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the loader's messages are printed instead
        try:
            args = build_parser().parse_args(argv)
            return args.func(args)
        except (Exception, KeyboardInterrupt) as exc:
            if os.environ.get(DEBUG_ENV) == "1":
                raise
            code, message = exit_code_and_message(exc)
            print(f"error: {message}", file=sys.stderr)
            return code
