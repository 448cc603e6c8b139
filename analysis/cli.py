"""newshedge: find hedges and attributions in news articles and compare outlets.

Exit codes: 0 success, 1 the work failed (for example a notebook raised), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis.corpus.loading import CorpusError, CorpusWarning, load_corpus
from analysis.settings import Settings
from analysis.vocabulary import ANALYSIS_MODES as MODES
from analysis.vocabulary import HEDGE_CATEGORIES

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


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
    )


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", help="corpus folder or CSV/JSONL/Parquet file (default: the bundled corpus)")
    p.add_argument("--mode", choices=MODES, default="parse", help="parse (default) or fast (no statistical model)")
    p.add_argument("--model", default=Settings().model, help="spaCy model package name (default: %(default)s)")
    p.add_argument("--lexicon", help="hedge lexicon CSV to use instead of the bundled one")
    p.add_argument(
        "--disable-rule",
        action="append",
        metavar="NAME",
        help="switch off a named context or boilerplate rule (repeatable)",
    )


def cmd_analyze(args) -> int:
    from analysis.aggregation.summary import corpus_tables
    from analysis.pipeline.run import analyze_corpus
    from analysis.pipeline.tables import write_tables

    corpus = load_corpus(args.corpus)
    for message in corpus.messages:
        print(f"note: {message}", file=sys.stderr)
    analysis = analyze_corpus(corpus, _settings_from(args))
    write_tables(corpus_tables(analysis), args.out)
    n_in = len(corpus.documents) + len(corpus.rejected)
    print(
        f"{n_in} inputs: {len(analysis.documents)} documents analysed, {len(analysis.rejected)} rejected "
        f"(see rejected.csv); tables in {args.out}"
    )
    return EXIT_OK


# --- evaluation (analysis/evaluation/) --------------------------------------------------------


def cmd_evaluate(args) -> int:
    from analysis.evaluation.run import evaluate, format_table, write_json

    scores = evaluate(args.corpus, args.gold, _settings_from(args))
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
    p.add_argument("--json", metavar="OUT", help="write the scores as JSON (sorted keys, rounded floats)")
    p.set_defaults(func=cmd_evaluate)


# --- reports (analysis/reports/) -------------------------------------------------------------


def cmd_report(args) -> int:
    from analysis.reports.render import render_reports

    result = render_reports(
        corpus=args.corpus, params_file=args.params, out=args.out, registry=args.registry, timeout=args.cell_timeout
    )
    print(
        f"{len(result.jobs)} reports in {result.run_dir} (run {result.run_id}); index: {Path(args.out) / 'index.html'}"
    )
    return EXIT_OK


def cmd_refresh_notebooks(args) -> int:
    from analysis.reports.render import refresh_notebooks

    paths = refresh_notebooks(args.notebooks or None, timeout=args.cell_timeout)
    print(f"refreshed {len(paths)} notebooks")
    return EXIT_OK


def _add_report_commands(sub) -> None:
    from analysis.reports.kernel import DEFAULT_CELL_TIMEOUT

    p = sub.add_parser("report", help="render the notebook reports (papermill) into OUT/runs/<run id>")
    p.add_argument("--corpus", help="corpus folder or CSV/JSONL/Parquet file (default: the bundled corpus)")
    p.add_argument(
        "--params",
        metavar="FILE",
        help="YAML or JSON file of notebook parameters: shared names at the top level, "
        "per-report ones under 'reports: {name: {...}}'",
    )
    p.add_argument("--out", default="reports", help="output folder (default: %(default)s)")
    p.add_argument("--registry", metavar="FILE", help="report registry (default: notebooks/reports.yaml)")
    p.add_argument(
        "--cell-timeout",
        type=int,
        default=DEFAULT_CELL_TIMEOUT,
        metavar="SECONDS",
        help="time limit per notebook cell (default: %(default)s)",
    )
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("refresh-notebooks", help="re-execute notebooks/ in place to refresh their stored outputs")
    p.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    p.add_argument("--cell-timeout", type=int, default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS")
    p.set_defaults(func=cmd_refresh_notebooks)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description=__doc__.splitlines()[0], epilog=__doc__.strip().splitlines()[-1]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="write the tidy tables (Parquet and CSV) for a corpus")
    _add_common(p)
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(func=cmd_analyze)
    _add_evaluate_command(sub)
    _add_report_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the loader's messages are printed instead
        try:
            return args.func(args)
        except (CorpusError, ValueError, FileNotFoundError) as exc:  # includes bad report parameters
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except RuntimeError as exc:  # a notebook failed (ReportFailed), the model is missing, ...
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_FAILED
