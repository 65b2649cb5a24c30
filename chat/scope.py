"""Is a question about baclofen at all? Out-of-scope questions get a polite decline, no quotes."""

from __future__ import annotations

import re

from chat.followup import Resolved
from chat.lexicon import LAY_TERMS, MEDICINE_WORDS
from chat.query import Analyzer, QueryTerms, words
from chat.topics import OVERDOSE, drug_topics, unknown_terms

_IT = frozenset({"it", "its", "itself"})  # in this chat, the medicine it is about
_A_MEDICINE = MEDICINE_WORDS | _IT | {"relaxant", "relaxants", "relaxer", "relaxers"}
# "while taking it", "can I stop my medication", "what does an overdose look like?": the user's own medicine,
# which in this chat is baclofen.
_OWN_MEDICINE = re.compile(
    r"\b(?:tak(?:e|es|ing)|took|using|stop(?:ping)?|start(?:ing)?|quit(?:ting)?|miss(?:ed|ing)?|skip(?:ped|ping)?|"
    r"mix(?:ing)?|combin(?:e|ing)|prescribed|giving|while on|been on|be on|am on|is on|are on)\s+(?:it|this|these|them)\b|"
    r"\b(?:this|my|his|her|their|your) (?:medicines?|medications?|meds?|pills?|tablets?|prescription)\b|"
    rf"{OVERDOSE}(?! on (?!(?:it|this|these|them|my|his|her|baclofen|lioresal)\b))|"
    r"\bhalf[- ]?life\b",
    re.IGNORECASE)
# "Is it safe to combine the two?", "is it any better than Zanaflex?", "Advil while I'm on it", "is this stuff a
# painkiller like Percocet?": another medicine set beside the one this chat is about.
_BESIDE_IT = re.compile(r"\b(?:the two|both (?:of them|together)|combin\w*|mix\w*|together|while (?:i'?m |i am )?(?:still )?"
                        r"(?:on|taking) it|with it|on it|than it|(?:take|taking|took|have|having|use|using) it "
                        r"(?:with|alongside)|(?:is|was) it (?:any )?(?:better|worse|stronger|safer|"
                        r"weaker|different)|compared? (?:to|with) it|it (?:or|vs|versus|like)|"
                        r"(?:this|that|my) (?:stuff|medicine|medication|meds|drug|pills?))\b", re.IGNORECASE)
_TREATMENTS = frozenset({"treatment", "treatments", "therapy", "therapies"})  # an approach, not a medicine
_IT_MIN_DENSE = 0.3  # "it" with a question this close to a passage is the medicine, not the weather
# A general question about a disease the monograph names only as what the medicine treats.
_DISEASE = re.compile(r"\b(?:multiple sclerosis|ms|cerebral palsy|cp|spinal cord injur(?:y|ies)|gerd|acid reflux|reflux|hiccups|"
                      r"heartburn|alcoholism|alcohol (?:use disorder|dependence|addiction)|drinking problem|"
                      r"opioid (?:withdrawal|addiction)|addiction|depression|anxiety|epilepsy|parkinson'?s|stroke|"
                      r"back pain|(?:leg |muscle )?cramps|hangovers?|kidney (?:stones?|disease)|diabetes|arthritis|migraines?|"
                      r"high blood pressure|hypertension)\b", re.IGNORECASE)
# "does this help...": a pointer at the medicine (not "this disease", not the relative "diets that slow it").
_THIS_ONE = re.compile(r"\bthis\b(?! (?:disease|condition|illness|disorder))|\bthat (?:drug|medicine|medication|pill|stuff)\b")
# (Not "causes": the monograph does say what causes hiccups, spasticity and acid reflux.)
_GENERAL_ASPECT = re.compile(r"\b(?:signs?|symptoms?|diets?|foods?|eat|stretch\w*|exercises?|cures?|"
                             r"prevent\w*|remed\w*|diagnos\w*|prognosis|life expectancy|tell if|know if|"
                             r"slow (?:down|the progression)|progress\w*|how long do(?:es)? (?:it|they) last|get rid of|"
                             r"best way to|hereditary|inherit\w*|genetic\w*|passed down|runs? in (?:the )?famil\w*|"
                             r"contagious|catching)\b", re.IGNORECASE)
# "symptoms of diabetes", "treatment for covid": the condition a general health question is about.
_CONDITION = re.compile(r"\b(?:symptoms?|signs?|causes?|treatments?|types?|stages?|cure|diagnosis|complications?|"
                        r"risk factors) (?:of|for) (?:an? |the )?((?:[a-z0-9]+ ){0,2}[a-z]+)")
# "what is MS?": a definition of a disease the monograph only names as what the medicine treats.
_DEFINES_DISEASE = re.compile(rf"^\s*(?:what|whats|what's)(?: is| are| exactly is)? (?:an? |the )?{_DISEASE.pattern}"
                              r"(?: exactly)?\s*$", re.IGNORECASE)
# "how much water should I drink?": the amount of something, named right after "how much/many".
_AMOUNT_OF = re.compile(r"\bhow (?:much|many) ((?:[a-z]+ )?[a-z]+) (?:should|can|could|do|does|must|would|is|are|to)\b")
# "how much sleep do I need?", "how many hours of sleep should I get?": what a body needs, not a medicine's dose.
_NEED_OF = re.compile(r"\bhow (?:much|many) ((?:[a-z]+ ){0,2}[a-z]+) (?:do|does|should|would|will|must) (?:i|you|we|he|she|"
                      r"they|one|a person|people|adults?|kids?|children) (?:really |actually )?(?:need|get)\b")
_DOSE_WORDS = frozenset({"mg", "milligrams", "milligram", "dose", "doses", "dosage", "baclofen", "lioresal"})
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
# A compound question the monograph answers only in part ("what is its half-life, and what is the maximum dose?")
PART_NOT_COVERED = "The monograph does not answer this part of your question: \u201c{}\u201d. The quotes below answer the rest."
PARTS_NOT_COVERED = "The monograph does not answer these parts of your question: \u201c{}\u201d. The quotes below answer the rest."


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
    if terms.other_drugs:  # about another medicine, unless "it" (baclofen here) is set beside it
        return not _BESIDE_IT.search(terms.corrected)
    if _OWN_MEDICINE.search(terms.corrected):
        return False  # "can I drive while taking it?": about baclofen, whether or not the monograph says
    named = {w for w in words(terms.corrected) if w in _A_MEDICINE}
    side_effects = bool(re.search(r"\bside[- ]effects?\b", terms.corrected))
    mentions_medicine = bool(named) or side_effects
    if (not mentions_medicine and not resolved.uses_history and not _THIS_ONE.search(terms.corrected)
            and _DISEASE.search(terms.corrected) and _GENERAL_ASPECT.search(terms.corrected)):
        return True  # "early warning signs of MS", "foods for acid reflux": the disease, not the medicine
    if not mentions_medicine and not resolved.uses_history and not _THIS_ONE.search(terms.corrected):
        if _DEFINES_DISEASE.match(terms.corrected):
            return True  # "what is multiple sclerosis?": the disease, which the monograph names but never explains
        need_of = _NEED_OF.search(terms.corrected)
        if need_of and not (_DOSE_WORDS | _IT) & set(need_of.group(1).split()):
            return True  # "how much sleep do I need?": the body's need, whatever the monograph says of sleepiness
        amount_of = _AMOUNT_OF.search(terms.corrected)
        if amount_of and not _IT & set(words(terms.corrected)) and not any(
                analyzer.is_known(w) or w in LAY_TERMS for w in amount_of.group(1).split()):
            return True  # "how much water should I drink a day?": an amount of something the monograph never names
    if best_dense >= in_scope_dense:
        return False  # a paraphrase this close to a passage is about the monograph, whatever its words
    if _IT & set(words(terms.corrected)) and not resolved.uses_history and (
            best_dense >= _IT_MIN_DENSE or drug_topics(terms.corrected)):
        return False  # "is there a brand-name version of it?", "how long does it take to kick in?": the medicine
    if not topical_words(terms, analyzer) or best_dense < min_dense:
        return True
    if resolved.uses_history or side_effects or named - _TREATMENTS:
        return False  # "what is the best treatment for diabetes?" names no medicine: a treatment is not one
    conditions = [w for phrase in _CONDITION.findall(terms.corrected) for w in phrase.split()]
    return bool(unknown_terms(analyzer, terms.tokens) or unknown_terms(analyzer, conditions, _CONDITION_ZIPF))
