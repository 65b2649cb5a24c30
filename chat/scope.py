"""Is a question about baclofen at all? Out-of-scope questions get a polite decline, no quotes."""

from __future__ import annotations

import re

from chat.followup import Resolved
from chat.lexicon import MEDICINE_WORDS
from chat.query import Analyzer, QueryTerms, words
from chat.topics import unknown_terms

_A_MEDICINE = MEDICINE_WORDS | {"it", "its", "itself", "relaxant", "relaxants", "relaxer", "relaxers"}

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
    """True when the question is not about baclofen or anything the monograph discusses.

    A follow-up is judged with the earlier topic it borrows, so "and tomorrow?" after a weather
    question stays off-topic. A question that mentions no medicine at all and names a subject the
    monograph never uses ("what causes gallstones?") is off-topic even if other words match.
    """
    if resolved.uses_history:
        terms = analyzer.analyze(resolved.query)
    if terms.names_baclofen:
        return False
    if terms.other_drugs:
        return True  # about another medicine, and baclofen is not mentioned
    topical = [w for w in terms.tokens if analyzer.is_known(w)] + list(terms.expansions)
    if not topical or best_dense < min_dense:
        return True
    mentions_medicine = (any(w in _A_MEDICINE for w in words(terms.corrected))
                         or bool(re.search(r"\bside[- ]effects?\b", terms.corrected)))
    return not resolved.uses_history and not mentions_medicine and bool(unknown_terms(analyzer, terms.tokens))
