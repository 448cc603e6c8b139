"""Command line: ``python -m analysis <command>``.

Exit codes: 0 success, 1 the work failed (for example a notebook raised), 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .corpus import CorpusError, CorpusWarning, load_corpus
from .settings import HEDGE_CATEGORIES, MODES, Settings

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _settings_from(args) -> Settings:
    categories = HEDGE_CATEGORIES
    if getattr(args, "categories", None):
        categories = tuple(c.strip() for c in args.categories.split(",") if c.strip())
    return Settings(model=args.model, mode=args.mode, categories=categories,
                    hedge_lexicon=getattr(args, "lexicon", None),
                    disabled_rules=tuple(getattr(args, "disable_rule", None) or ()))


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", help="corpus folder or CSV/JSONL/Parquet file (default: the bundled corpus)")
    p.add_argument("--mode", choices=MODES, default="parse", help="parse (default) or fast (no statistical model)")
    p.add_argument("--model", default=Settings().model, help="spaCy model package name (default: %(default)s)")
    p.add_argument("--lexicon", help="hedge lexicon CSV to use instead of the bundled one")
    p.add_argument("--disable-rule", action="append", metavar="NAME",
                   help="switch off a named context or boilerplate rule (repeatable)")


def cmd_analyze(args) -> int:
    from .pipeline import analyze_corpus
    from .tables import write_tables

    corpus = load_corpus(args.corpus)
    for message in corpus.messages:
        print(f"note: {message}", file=sys.stderr)
    analysis = analyze_corpus(corpus, _settings_from(args))
    write_tables(analysis.tables(), args.out)
    n_in = len(corpus.documents) + len(corpus.rejected)
    print(f"{n_in} inputs: {len(analysis.documents)} documents analysed, {len(analysis.rejected)} rejected "
          f"(see rejected.csv); tables in {args.out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="write the tidy tables (Parquet and CSV) for a corpus")
    _add_common(p)
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(func=cmd_analyze)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the loader's messages are printed instead
        try:
            return args.func(args)
        except (CorpusError, ValueError, FileNotFoundError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
