import sys

try:
    from analysis.cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing started, nothing to clean up
    print("error: interrupted before anything started", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
