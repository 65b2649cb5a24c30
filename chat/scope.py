"""Is a question about baclofen at all? Out-of-scope questions get a polite decline, no quotes."""

from __future__ import annotations

from chat.followup import Resolved
from chat.query import Analyzer, QueryTerms

DECLINE = ("I can only answer questions about baclofen, by quoting its monograph. "
           "That question seems to be about something else.")
EXAMPLE_QUESTIONS = (
    "What is baclofen used for?",
    "What are the common side effects of baclofen?",
    "What is the maximum daily dose?",
    "What happens if you stop baclofen suddenly?",
)
NOT_COVERED = ("The monograph does not answer this question. The nearest passage is shown below as related "
               "reading only; it is not the answer. Please ask your doctor or pharmacist.")


def is_out_of_scope(terms: QueryTerms, resolved: Resolved, analyzer: Analyzer, best_dense: float,
                    min_dense: float) -> bool:
    """True when the question is not about baclofen or anything the monograph discusses."""
    if terms.names_baclofen or resolved.uses_history:
        return False
    if terms.other_drugs:
        return True  # about another medicine, and baclofen is not mentioned
    topical = [w for w in terms.tokens if analyzer.is_known(w)] + list(terms.expansions)
    return not topical or best_dense < min_dense
