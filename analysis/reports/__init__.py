"""Stage 6, reports: figures, tables and highlighted text for notebooks, and the papermill report run."""
