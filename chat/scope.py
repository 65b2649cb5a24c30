"""Is a question about baclofen at all? Out-of-scope questions get a polite decline, no quotes."""

from __future__ import annotations

import re

from chat.followup import Resolved
from chat.lexicon import MEDICINE_WORDS
from chat.query import Analyzer, QueryTerms, words
from chat.topics import unknown_terms

_A_MEDICINE = MEDICINE_WORDS | {"it", "its", "itself", "relaxant", "relaxants", "relaxer", "relaxers"}
# "while taking it", "can I stop my medication": the user's own medicine, which in this chat is baclofen.
_OWN_MEDICINE = re.compile(
    r"\b(?:tak(?:e|es|ing)|took|using|stop(?:ping)?|start(?:ing)?|quit(?:ting)?|miss(?:ed|ing)?|skip(?:ped|ping)?|"
    r"mix(?:ing)?|combin(?:e|ing)|prescribed|giving|while on|been on|be on|am on|is on|are on)\s+(?:it|this|these|them)\b|"
    r"\b(?:this|my|his|her|their|your) (?:medicines?|medications?|meds?|pills?|tablets?|prescription)\b",
    re.IGNORECASE)
# "symptoms of diabetes", "treatment for covid": the condition a general health question is about.
_CONDITION = re.compile(r"\b(?:symptoms?|signs?|causes?|treatments?|types?|stages?|cure|diagnosis|complications?|"
                        r"risk factors) (?:of|for) (?:an? |the )?((?:[a-z0-9]+ ){0,2}[a-z]+)")
_CONDITION_ZIPF = 5.5  # for that word, even a common one ("cancer", "diabetes") names a subject

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


def topical_words(terms: QueryTerms, analyzer: Analyzer) -> list[str]:
    """The question's words the monograph uses, and the monograph terms its lay words stand for (not the terms a
    question's shape adds: "could the weather cause headaches?" is not about side effects of anything)."""
    return [w for w in terms.tokens if analyzer.is_known(w)] + [e for e in terms.expansions if e not in terms.shape_terms]


def is_out_of_scope(terms: QueryTerms, resolved: Resolved, analyzer: Analyzer, best_dense: float,
                    min_dense: float, in_scope_dense: float = 1.0) -> bool:
    """True when the question is not about baclofen or anything the monograph discusses.

    A follow-up is judged with the earlier topic it borrows, so "and tomorrow?" after a weather
    question stays off-topic. A question that mentions no medicine at all and names a subject the
    monograph never uses ("what causes gallstones?", "symptoms of diabetes") is off-topic even if
    other words match. A question about the user's own medicine ("can I drive while taking it?") is
    about baclofen here, and goes on to the checks for what the monograph covers, and so does a question
    whose meaning is as close to a passage as `in_scope_dense`, though it shares no word with it.
    """
    if resolved.uses_history:
        terms = analyzer.analyze(resolved.query)
    if terms.names_baclofen:
        return False
    if terms.other_drugs:
        return True  # about another medicine, and baclofen is not mentioned
    if _OWN_MEDICINE.search(terms.corrected):
        return False  # "can I drive while taking it?": about baclofen, whether or not the monograph says
    if best_dense >= in_scope_dense:
        return False  # a paraphrase this close to a passage is about the monograph, whatever its words
    if not topical_words(terms, analyzer) or best_dense < min_dense:
        return True
    mentions_medicine = (any(w in _A_MEDICINE for w in words(terms.corrected))
                         or bool(re.search(r"\bside[- ]effects?\b", terms.corrected)))
    if resolved.uses_history or mentions_medicine:
        return False
    conditions = [w for phrase in _CONDITION.findall(terms.corrected) for w in phrase.split()]
    return bool(unknown_terms(analyzer, terms.tokens) or unknown_terms(analyzer, conditions, _CONDITION_ZIPF))
