"""Stage 6, reports: figures, tables and highlighted text for notebooks, and the papermill report run."""

# Here, not in ``kernel``: the command line shows it without importing nbformat and Jupyter.
DEFAULT_CELL_TIMEOUT = 600  # seconds per notebook cell
