"""Attributions (ANNOTATION.md section 2): reporting cues, sources, content, source types and stance."""
