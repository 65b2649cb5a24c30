"""The kind of fact a question asks for, and whether a sentence states one.

"What percentage of people get side effects?" wants a percentage; "How many patients were in
the trial?" a count of people; "how many studies" a count of studies; "how long" a length of
time. A sentence that states that kind of fact is more likely the answer than one on the same
topic that does not (the retriever adds a small bonus; see chat/retrieve.py).

Example:
    >>> asked_types("What percentage of patients had side effects?"), sorted(stated_types("It affected 25% to 70%."))
    (('percent',), ['amount', 'percent'])
    >>> asked_types("how many people were in the trial?"), sorted(stated_types("A 5-week trial of 106 patients"))
    (('people',), ['duration', 'people'])
"""

from __future__ import annotations

import re

from chat.lexicon import HOW_MUCH_DOSE

_N = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozens?|hundreds?|thousands?)"
_PEOPLE = r"(?:patients|people|participants|subjects|adults|children|adolescents|men|women|volunteers|individuals)"
_STUDIES = r"(?:trials|studies|reviews|reports|clinical trials|clinical studies|case reports)"
_TIME = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"

# kind -> (what a question asking for it says, what a sentence stating it says)
TYPES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "percent": (re.compile(r"\b(?:percent(?:age)?|proportion|what (?:fraction|share|portion|part)|how common|%|(?:the )?(?:chances?|odds|"
                           r"likelihood) (?:of|that))|\bhow many (?:of (?:the )?)?(?:patients|people|users)\b[^?.]{0,30}\b(?:get|have|"
                           r"experience|report|develop|end up)\b|\bhow (?:often|frequently|"
                           r"regularly|commonly|likely)\b[^?.]{0,50}\b(?:side[- ]effects?|unwanted effects?|adverse|"
                           r"reactions?)\b", re.IGNORECASE),
                re.compile(r"\d\s*%|\bpercent\b", re.IGNORECASE)),
    "people": (re.compile(rf"\bhow many (?:\w+ )?{_PEOPLE}\b|\bnumber of {_PEOPLE}\b|\bhow (?:big|large) was\b|"
                          r"\bsample size\b", re.IGNORECASE),
               re.compile(rf"\b{_N} (?:\w+ ){{0,3}}{_PEOPLE}\b|\b{_PEOPLE} \({_N}\)", re.IGNORECASE)),
    "studies": (re.compile(rf"\bhow many (?:\w+ )?{_STUDIES}\b|\bnumber of {_STUDIES}\b", re.IGNORECASE),
                re.compile(rf"\b{_N} (?:\w+ ){{0,2}}{_STUDIES}\b", re.IGNORECASE)),
    "amount": (re.compile(rf"\bhow many (?:mg|milligrams?)\b|{HOW_MUCH_DOSE}|"
                          r"\bwhat (?:dose|dosage|amount|strength)s?\b|"
                          r"\b(?:can|could|should|may|ok to|okay to|safe to) (?:i |he |she |we |you )?(?:just )?(?:take|have|"
                          r"give|go up to|raise it to|increase it to|up it to)\s+\d+\s*(?:mg|milligrams?)\b|"
                          r"\b(?:max(?:imum)?|starting|typical|daily) (?:dose|dosage|amount)\b", re.IGNORECASE),
               re.compile(r"\d\s*(?:mg|milligrams?|mcg|micrograms?)\b|\d\s*%", re.IGNORECASE)),
    "start": (re.compile(r"\b(?:start(?:ing)?|begin(?:ning)?|initial|first) (?:dose|dosage|amount)s?\b|"
                         r"\b(?:start|begin)(?:ing)? (?:\w+ ){0,2}(?:on|with|at)\b|"
                         r"\bdoses? (?:to|do you|do people|should i) (?:start|begin)\b",
                         re.IGNORECASE),
              re.compile(r"\b(?:started|starting|initially|initial|at first|to begin)\b", re.IGNORECASE)),
    "age": (re.compile(r"\bhow old\b|\bwhat age\b|\bages?\b", re.IGNORECASE),
            re.compile(r"\b\d+[- ]year[- ]old\b|\baged? \d+", re.IGNORECASE)),
    # not "how long has it been around?", which asks since when
    "duration": (re.compile(rf"\bhow long\b(?! (?:has|have) (?:\w+ ){{1,2}}(?:been (?:around|available|on the market|"
                            rf"in use)|used|prescribed|known about))|\bhow many {_TIME}\b|\bover what period\b|\bfor how long\b", re.IGNORECASE),
                 re.compile(rf"\b{_N}(?:\s*(?:–|-|to)\s*{_N})?[- ]{_TIME}\b", re.IGNORECASE)),
    # "who should get the pump?": a sentence that says in whom ("indicated only in people with severe ...")
    "whom": (re.compile(r"\bwho (?:actually |really |usually |normally )?(?:should|shouldn'?t|can|can'?t|could|would|may|"
                        r"must|gets?|needs?|qualif(?:y|ies)|is eligible|receives?|is (?:it|this|that|baclofen) for)\b",
                        re.IGNORECASE),
             re.compile(rf"\b(?:in|among) (?:\w+ )?{_PEOPLE}\b|\b(?:people|patients|those|anyone|women|men) (?:with|who|that)\b",
                        re.IGNORECASE)),
    # "is baclofen a benzo?", "what kind of drug is it?": a sentence that says what class it falls under
    "class": (re.compile(r"\b(?:is|isn'?t|is not) (?:baclofen|lioresal|it|this|that) (?:a|an|considered (?:an? )?|classed as|"
                         r"classified as|in the same (?:class|family) as) (?:\w+ ){0,2}(?:benzo\w*|opioids?|opiates?|narcotics?|"
                         r"controlled (?:substance|drug)|steroids?|stimulants?|sedatives?|depressants?|painkillers?|"
                         r"muscle relaxants?|anti-?depressants?|anti-?convulsants?|antispasmodics?|tranquil+i[sz]ers?)\b|"
                         r"\bwhat (?:class|kind|type|sort|category) of (?:drug|medication|medicine)\b|\bdrug class\b",
                         re.IGNORECASE),
              re.compile(r"\b(?:category|class of|classified|typically refer to|which baclofen is not|is a muscle relaxant)\b",
                         re.IGNORECASE)),
    "route": (re.compile(r"\b(?:which|what) (?:forms?|routes?|ways?|kinds?|types?|versions?|formulations?)\b|"
                         r"\bhow (?:is|are|can) (?:it|baclofen|they) (?:be )?(?:given|taken|administered|delivered)\b",
                         re.IGNORECASE),
              re.compile(r"\b(?:oral(?:ly)?|tablets?|intrathecal\w*|injections?|injected|pumps?|creams?|topical\w*|"
                         r"through the skin)\b", re.IGNORECASE)),
    "efficacy": (re.compile(r"\b(?:do|does|did|will|would|can|could|is|are)\b[^?.]{0,60}\b(?:work|works|help|helps|"
                            r"effective|useful|any good|do anything)\b(?! out)|"
                            r"\b(?:do|does|did|will|would|can|could|might|may) (?:baclofen|lioresal|it|this|that|they|"
                            r"the (?:tablets?|pills?|pump|injections?|cream|drug|medicine|medication)) (?:really |actually )?"
                            r"(?:cure|treat|relieve|ease|fix|get rid of|calm|stop|reduce|lessen|control)\b", re.IGNORECASE),
                 re.compile(r"\b(?:effective|effectiveness|efficacy|evidence|does not appear|did not|(?:may|can) help)\b",
                            re.IGNORECASE)),
}


def asked_types(question: str) -> tuple[str, ...]:
    """The kinds of fact the question asks for (often none)."""
    return tuple(kind for kind, (asks, _) in TYPES.items() if asks.search(question))


def stated_types(text: str) -> set[str]:
    """The kinds of fact the text states."""
    return {kind for kind, (_, states) in TYPES.items() if states.search(text)}


# A study's figure said back ("the review of 25 trials", "that 283-patient meta-analysis"): a number with the people
# or studies it counts. A dose ("20 mg") or a time of one's own ("3 days ago") is no study's figure.
_COUNTED = (r"(?:patients?|people|participants?|subjects?|adults|children|adolescents|men|women|volunteers|"
            r"individuals|trials?|studies|study|reviews?|reports?|meta-analys[ie]s)")
_FIGURE = re.compile(rf"\b(\d[\d,]*)(?:[- ](?:[\w-]+ ){{0,2}}?|\s+){_COUNTED}\b", re.IGNORECASE)


def figures(text: str) -> frozenset[str]:
    """The study figures a text names, as digits.

    Example:
        >>> sorted(figures("A meta-analysis of 9 clinical trials including 283 patients")), figures("I take 20 mg")
        (['283', '9'], frozenset())
    """
    return frozenset(m.group(1).replace(",", "") for m in _FIGURE.finditer(text))

