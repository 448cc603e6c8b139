"""Command-line options for how the pipeline runs (processes, engine, parse cache), shared by the
``analyze`` and ``report`` commands, and the ``cache`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.nlp.cache import DEFAULT_MAX_BYTES, ParseCache, default_cache_dir
from analysis.pipeline.engines import ENGINES, Execution, available_cores
from analysis.pipeline.per_document import CacheSpec


def positive_int(text: str) -> int:
    """An argparse type: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above zero, not {value}")
    return value


def _add_cache_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache-dir", metavar="DIR", help=f"parse cache folder (default: {default_cache_dir()})")
    p.add_argument(
        "--cache-max-mb",
        type=positive_int,
        default=DEFAULT_MAX_BYTES // 2**20,
        metavar="MB",
        help="keep the parse cache under this size, least recently used parses removed first (default: %(default)s)",
    )


def add_execution_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        type=positive_int,
        default=available_cores(),
        metavar="N",
        help="processes (or Dask workers of a local cluster) to analyse with (default: the available cores, "
        "%(default)s); the tables do not depend on it",
    )
    p.add_argument("--engine", choices=ENGINES, default="local", help="local processes (default) or dask")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786) for --engine dask; default: a local cluster of --jobs workers",
    )
    _add_cache_options(p)
    p.add_argument("--no-cache", action="store_true", help="parse everything, read and write no parse cache")


def cache_spec(args) -> CacheSpec:
    folder = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    return CacheSpec(str(folder), args.cache_max_mb * 2**20)


def execution_from(args) -> Execution:
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    cache = None if args.no_cache else cache_spec(args)
    return Execution(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, cache=cache)


def parse_cache_summary(stats: dict, execution: Execution) -> str:
    """Print the cache's notes (damaged files) on stderr, prune the cache to its size, and return
    ``parse cache: N hits, M parsed (folder)`` ("" without a cache or a parse: fast mode)."""
    for note in stats.get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    hits, parsed = stats.get("cache_hits", 0), stats.get("parsed", 0)
    if execution.cache is None or not (hits or parsed):
        return ""
    removed = execution.cache.open().prune()
    pruned = f"; {removed} least recently used removed to stay under the size limit" if removed else ""
    return f"parse cache: {hits} hits, {parsed} parsed ({execution.cache.folder}){pruned}"


def report_parse_stats(stats: dict, execution: Execution) -> None:
    """The parse cache summary as a note on stderr (the analyze command)."""
    summary = parse_cache_summary(stats, execution)
    if summary:
        print(f"note: {summary}", file=sys.stderr)


def cmd_cache(args) -> int:
    cache = ParseCache(cache_spec(args).folder)
    if args.action == "clear":
        print(f"removed {cache.clear()} cached parses from {cache.folder}")
    else:
        files = cache.files()
        size = sum(p.stat().st_size for p in files)
        print(f"{cache.folder}: {len(files)} cached parses, {size / 2**20:.1f} MB")
    return 0


def add_cache_command(sub) -> None:
    p = sub.add_parser("cache", help="show or empty the parse cache")
    p.add_argument("action", choices=("info", "clear"), help="info: size of the cache; clear: empty it")
    _add_cache_options(p)
    p.set_defaults(func=cmd_cache)
