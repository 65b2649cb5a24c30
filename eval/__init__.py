"""Evaluator: run question-answer test sets, score retrieval and answers, report, gate CI."""
