"""Resolve follow-up questions against the conversation before retrieval.

A question leans on the history when it points back ("it", "that study", "those", "which ones"),
is elliptical ("And in children?", "What about alcohol?"), asks to go on ("tell me more about
the injections") or names no topic of its own; then the topic words of the most recent earlier
question are added to the query. A question that stands on its own is left alone, so the
answer does not drift back to an old topic.

Example:
    >>> from chat.query import Analyzer
    >>> a = Analyzer(["Baclofen treats hiccups. Children with cerebral palsy."])
    >>> resolve("And in children?", ("Does baclofen help hiccups?",), a).query
    'And in children? baclofen help hiccups'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chat.lexicon import BACLOFEN_NAMES, STOPWORDS
from chat.query import Analyzer, words

_POINTERS = frozenset("that this these those they them their there such same he she him her his former latter "
                      "above ones others".split())
# "which one", "the other", "any of them", "either one", "the spinal version": a choice among things named earlier.
_CHOICE = re.compile(r"\b(?:which|what|the|that|this|either|neither|each|any|every|another) (?:one|other)\b|"
                     r"\b(?:any|all|each|either|none|some|both|most) of (?:them|those|these|the above)\b|"
                     # "the spinal version", "that form": one of the ways of giving it named earlier
                     r"\b(?:the|that|this|those|these) (?:\w+ )?(?:versions?|forms?|kinds?|types?|options?|routes?)\b|"
                     # "which are serious?": a choice among the things the last answer listed
                     r"^\s*which (?:are|is|were|was|ones?)\b|"
                     # "the guy who took too much": someone the conversation has been about
                     r"\bthe (?:guy|man|woman|lady|person|patient|boy|girl|baby|newborn) (?:who|that|with|in)\b",
                     re.IGNORECASE)
# "is ibuprofen ok?" after a question about baclofen's interactions: the other medicine with this one.
_OK_WITH = re.compile(r"\b(?:ok|okay|safe|fine|alright|all right|allowed|good)\b", re.IGNORECASE)
# "tell me more", "what else", "can you elaborate": asking to go on with the earlier topic.
_MORE = re.compile(r"\btell me more\b|\bmore (?:about|on|details?|info(?:rmation)?)\b|\b(?:what|anything) else\b|"
                   r"\belaborate\b|\bexpand on\b|\bsay more\b|\bexplain (?:that|this|it|more)\b", re.IGNORECASE)
# A question that ends on what the medicine would do, without saying for what: "can baclofen help?", "does it work?".
_FOR_WHAT = re.compile(r"\b(?:help|helps|work|works|do anything|be useful|useful|be any good|worth (?:it|trying))\W*$",
                       re.IGNORECASE)
_DOES = frozenset("help helps work works useful good worth trying anything".split())
_BE = frozenset("is are was were be been isn't aren't wasn't weren't".split())
_DRUG_POINTERS = frozenset("it its it's itself".split())  # usually the drug itself
# Aspects that need a subject: "how strong is the evidence?" asks about an earlier topic.
_ASPECTS = frozenset("evidence study studies trial trials patients participants research results result dose "
                     "dosage doses side effects effect risk risks safe safety effective work works strong good "
                     "long many much often quality data proof studied tested enrolled included involved people "
                     "subjects signs symptoms warning decide decides decided".split())
# A follow-up that names the opposite of an earlier topic word asks instead of it, not as well: "and what about
# the more common ones?" after "what are the rare but serious side effects?" leaves "rare" and "serious" behind.
_PAIRS = (("rare", "common"), ("rare", "frequent"), ("rare", "usual"), ("serious", "mild"), ("severe", "mild"),
          ("serious", "minor"), ("severe", "minor"), ("serious", "common"), ("oral", "intrathecal"), ("oral", "injections"),
          ("oral", "pump"), ("children", "adults"), ("kids", "adults"), ("short", "long"), ("common", "serious"))
_OPPOSITES: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    _OPPOSITES.setdefault(_a, set()).add(_b)
    _OPPOSITES.setdefault(_b, set()).add(_a)
_ELLIPTICAL = re.compile(r"^\s*(?:and|but|or|so|also|then|what about|how about|what if|and if|in|for|with|"
                         r"during|while|same|ok so|okay so|any|compared (?:to|with)|in comparison|versus|vs|"
                         r"than|instead of|rather than|unlike|relative to|better than|worse than)\b", re.IGNORECASE)
# "what happens if I don't?", "and if he does?": a verb left out, to be read from the earlier question.
_VERB_LEFT_OUT = re.compile(r"\b(?:i|you|we|he|she|they|one|someone|people) (?:really |still |just )?(?:do|does|did|don'?t|"
                            r"doesn'?t|didn'?t|can|can'?t|cannot|could|couldn'?t|will|won'?t|would|wouldn'?t|should|"
                            r"shouldn'?t|must|have|haven'?t|had|hadn'?t)(?: not)?\W*$", re.IGNORECASE)
# A question's first word when it asks something whole: "what is it?", "is it safe?" (not "tizanidine specifically?").
_ASKS = re.compile(r"\s*(?:what|whats|what's|which|who|whom|whose|how|why|when|where|is|are|was|were|am|do|does|did|can|"
                   r"could|should|would|will|may|might|must|has|have|had|tell|explain|describe|list|give|show)\b",
                   re.IGNORECASE)
_SMALL_TALK = frozenset("thanks thank thx ty you so much very ok okay k cool great nice awesome perfect alright "
                        "hello hi hey bye goodbye cheers got it good brilliant lovely wow oh ah right sure yes no yeah "
                        "nope".split())
_DRUG_WORDS = BACLOFEN_NAMES | {"drug", "medication", "medicine", "med", "meds", "pill", "pills", "tablet",
                                "tablets", "treatment", "therapy"}


@dataclass(frozen=True)
class Resolved:
    """The query to retrieve with, and whether (and which) history was used."""

    query: str
    uses_history: bool
    context: str = ""
    source: str = ""  # the earlier question whose topic it borrows

    @property
    def joined(self) -> str:
        """The question and the topic it borrows as one clause, for the checks of what the monograph covers:
        "what dose would they get?" after "can kids take it?" reads "what dose would they get for baclofen kids"."""
        if not self.context:
            return self.query
        return f"{self.query[:-len(self.context)].rstrip(' ?!.')} for {self.context}"


def topic_words(question: str, analyzer: Analyzer, phrases: bool = False) -> list[str]:
    """Content words of a question that name its topic (not the drug itself, not filler); `phrases`: with the terms
    a lay phrase stands for, whose own words may be filler ("runs out": suddenly discontinued withdrawal)."""
    terms = analyzer.analyze(question)
    found = [w for w in terms.tokens if w not in _DRUG_WORDS and w not in STOPWORDS]
    return list(dict.fromkeys(found + list(terms.phrase_terms))) if phrases and found else found


def leans_on_history(question: str, analyzer: Analyzer) -> bool:
    """True when the question cannot stand alone."""
    tokens = words(question)
    if tokens and all(t in _SMALL_TALK for t in tokens):
        return False  # "thanks!", "ok cool": nothing to read with the last question
    own_topic = topic_words(question, analyzer)
    names_drug = any(t in BACLOFEN_NAMES for t in tokens)
    if (_ELLIPTICAL.search(question) or _VERB_LEFT_OUT.search(question.replace("’", "'"))) and len(own_topic) <= 3:
        return True
    if _MORE.search(question) and len(own_topic) <= 3 and not (names_drug and own_topic):
        return True  # "tell me more about the injections"; "tell me more about baclofen pumps" stands alone
    pointers = [t for i, t in enumerate(tokens) if t in _POINTERS
                and not (t == "there" and (i == 0 or tokens[i - 1] in _BE))]  # "are there...?" points nowhere
    if pointers or _CHOICE.search(question):
        return len(own_topic) <= 4
    if len(tokens) <= 3 and not names_drug and not _ASKS.match(question):
        return True  # "tizanidine specifically?", "the tablets too?": a fragment, to be read with the last question
    if any(t in _DRUG_POINTERS for t in tokens) and len(own_topic) <= 4 and not names_drug:
        return True  # "it" may be the drug or the earlier topic; the earlier topic only lends part of the score
    if _FOR_WHAT.search(question) and all(w in _DOES for w in own_topic):
        return True  # "can baclofen help?", "is it worth trying?": for what the conversation is about
    if own_topic and names_drug:
        return False  # "What are the side effects of baclofen?" stands on its own
    if _OK_WITH.search(question) and len(own_topic) <= 2 and analyzer.analyze(question).other_drugs:
        return True  # "is ibuprofen ok?" (with the medicine talked about); "what is the dose of ibuprofen?" stands alone
    if names_drug and not own_topic:
        return False  # "what is baclofen used for?", "what is baclofen?": about the drug itself
    return all(w in _ASPECTS for w in own_topic)


def _tells(message: str) -> bool:
    """A message that tells rather than asks ("my mom is 78"): no question mark, no question word first."""
    return "?" not in message and not _ASKS.match(message)


def _points_back(question: str) -> bool:
    """ "what if it breaks?", "how big was that trial?": a pointer to something named earlier."""
    return bool(set(words(question)) & (_POINTERS | _DRUG_POINTERS)) or bool(_CHOICE.search(question))


def resolve(question: str, history: tuple[str, ...], analyzer: Analyzer, chain: bool = True) -> Resolved:
    """The standalone query for retrieval; `chain`: an earlier follow-up lends the topic it borrowed too."""
    if not history or not leans_on_history(question, analyzer):
        return Resolved(question, False)
    context_words: list[str] = []
    source = ""
    for i in range(len(history) - 1, -1, -1):  # the latest question with a topic of its own
        context_words = topic_words(history[i], analyzer, phrases=True)
        if context_words:
            source = history[i]
            aspect_only = all(w in _ASPECTS for w in context_words)  # "how good is the evidence?"
            if (chain and i > 0 and (_points_back(history[i]) or aspect_only or _ELLIPTICAL.search(history[i]))
                    and leans_on_history(history[i], analyzer)):
                # itself a follow-up that points back ("what if it breaks?", the pump), asks only an aspect ("how
                # good is the evidence?", for hiccups) or is elliptical ("what about my sleeping pills?", after the
                # interactions): the topic it borrowed too, one level
                context_words += resolve(history[i], history[:i], analyzer, chain=False).context.split()
            elif chain and i > 0 and _tells(history[i]):
                # a story told over messages ("my son is 9 and has cerebral palsy", "his doctor wants to try baclofen
                # for his tight legs"): the message before it is part of it
                context_words += topic_words(history[i - 1], analyzer, phrases=True)
            break
    own = set(words(question))
    context_words = [w for w in context_words if not own & _OPPOSITES.get(w, set())]  # "the common ones?" after "rare"
    names = [w for w in words(" ".join(history)) if w in BACLOFEN_NAMES][:1]
    context = " ".join(dict.fromkeys(names + context_words))
    return Resolved(f"{question} {context}".strip(), bool(context), context, source if context else "")
