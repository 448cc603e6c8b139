"""Stage 5, aggregation: per-outlet metrics with intervals, and tests between outlets."""
