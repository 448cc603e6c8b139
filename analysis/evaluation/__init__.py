"""Beside the pipeline, evaluation: the detectors scored against gold annotations."""

from analysis.evaluation.run import evaluate, run_evaluation

__all__ = ["evaluate", "run_evaluation"]
