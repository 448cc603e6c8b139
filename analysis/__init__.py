"""newshedge: how news outlets hedge and attribute the claims they report.

The import package is ``analysis``. Data flows one way:
corpus -> cleaning -> nlp -> detectors (hedging, attribution) -> aggregation -> plots and reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newshedge")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
