"""Stage 3, the detectors: hedges and boosters (``hedging``) and attributions (``attribution``).

The two never import each other; what they share (the reporting-verb list, the rule registry)
lives beside them in this package.
"""
