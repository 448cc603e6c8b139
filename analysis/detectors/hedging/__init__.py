"""Hedge and booster cues (ANNOTATION.md section 1): lexicon, context rules, detector, spaCy component."""
