"""Standard drug-information topics, and which of them a monograph actually covers.

Drug monographs commonly cover topics such as storage, missed doses, half-life, use while
breastfeeding, children's doses or kidney disease. When a question asks about one of these
and no sentence of the corpus touches it, the monograph is silent: the answer says so
(`not_covered`) instead of quoting something that only looks related. Coverage is computed
from the corpus itself, so a monograph that has a storage section gets storage answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_CHILD = r"(?:child|children|kid|kids|toddler|infant|baby|pediatric|paediatric|\b(?:[1-9]|1[0-7])[- ]?(?:year|yr)s?[- ]?old)"
_DOSE = r"(?:dose|doses|dosage|dosing|mg|how much)"
_CHILD_TEXT = r"(?:child|children|kids?|pediatric|paediatric|adolescents?)"  # "newborn baby" is about pregnancy

# topic -> (pattern a question is matched with, pattern a corpus sentence must match to cover it)
TOPICS: dict[str, tuple[str, str]] = {
    "half-life": (r"half[- ]?life|stays? in (?:your|my|the) (?:system|body|blood)|how long (?:does|will) (?:it|baclofen) "
                  r"(?:stay|last|remain)|metaboli[sz]|excret|eliminat|bioavailab|peak (?:level|concentration)",
                  r"half[- ]?life|metaboli[sz]|excret|eliminat|bioavailab|hours? after"),
    "onset": (r"how (?:long|soon|quickly|fast)\b[^?.]{0,40}\b(?:work|kick in|take effect|start working|notice)|kick in",
              r"takes? effect|within \d+ (?:hours?|days?|minutes?)|onset"),
    "storage": (r"\bstor(?:e|ed|ing|age)\b|temperature|refrigerat|fridge|shelf[- ]life|expir",
                r"\bstor(?:e|ed|ing|age)\b|room temperature|refrigerat|expir"),
    "missed dose": (r"miss(?:ed)? (?:a |my |one )?(?:dose|pill|tablet)|forg[eo]t (?:to take|a dose|my dose|my pill)|"
                    r"skip(?:ped)? (?:a )?(?:dose|pill)", r"missed dose|miss a dose|forget"),
    "cost": (r"\bprice\b|\bcosts?\b|insurance|afford|cheap|expensive|coupon|\$\d", r"\bprice\b|\bcosts?\b|insurance"),
    "animals": (r"\b(?:dogs?|cats?|pets?|pupp(?:y|ies)|kittens?|horses?|vet|veterinar\w*)\b",
                r"\b(?:dogs?|cats?|animals?|veterinar\w*)\b"),
    "formulation": (r"\bliquid\b|oral solution|suspension|syrup|granules|dissolv|\bcrush|\bchew|split (?:the |a )?(?:pill|tablet)",
                    r"\bliquid\b|solution|suspension|syrup|granules"),
    "weight": (r"weight (?:gain|loss)|gain(?:ing)? weight|los(?:e|ing) weight|\bfat\b", r"weight (?:gain|loss)"),
    "drug test": (r"drug (?:test|screen)|urine test|test positive|show up on", r"drug (?:test|screen)|urine"),
    "driving": (r"\bdriv(?:e|ing)\b|operate (?:heavy )?machinery|machinery", r"\bdriv(?:e|ing)\b|machinery"),
    "kidney disease": (r"(?:kidney|renal) (?:disease|failure|problems?|impairment|insufficiency)|dialysis|bad kidneys",
                       r"(?:kidney|renal) (?:disease|failure|problems?|impairment|insufficiency)|dialysis"),
    "liver": (r"\bliver\b|hepatic", r"\bliver\b|hepatic"),
    "breastfeeding": (r"breast[- ]?feed|breast ?milk|nursing (?:mother|my|a baby)|lactat",
                      r"breast[- ]?feed|breast ?milk|nursing|lactat"),
    "children's dose": (rf"{_CHILD}\b[^?.]{{0,50}}\b{_DOSE}\b|\b{_DOSE}\b[^?.]{{0,50}}\b{_CHILD}",
                        rf"{_CHILD_TEXT}\b[^.]{{0,80}}\b{_DOSE}\b|\b{_DOSE}\b[^.]{{0,80}}\b{_CHILD_TEXT}"),
    "food": (r"grapefruit|with food|without food|empty stomach|with meals|before (?:a )?meal|after (?:a )?meal",
             r"grapefruit|with food|empty stomach|with meals"),
    "generic makers": (r"\bgeneric\b|manufactur|who makes", r"\bgeneric\b|manufactur"),
}

# Symptoms people ask about; a question about one the corpus never mentions is not covered.
SYMPTOMS = frozenset("""
hair loss|hair fall|hair falling|losing hair|hair thinning|balding|headache|headaches|migraine|rash|itching|itchy|hives|constipation|diarrhea|diarrhoea|dry mouth|
blurred vision|blurry vision|vision|memory loss|forgetful|insomnia|nightmares|impotence|erectile|libido|
sex drive|urinary|urination|peeing|bedwetting|incontinence|sweating|night sweats|palpitations|heart racing|
low blood pressure|high blood pressure|chest pain|tinnitus|ringing in|acne|bruising|bleeding|hair growth|
muscle pain|joint pain|back pain|cough|fever|numbness|tingling|ankle swelling|weight gain|weight loss|
appetite|taste|anemia|jaundice|cancer|dementia|ulcer|hypotension
""".replace("\n", "").split("|"))


@dataclass(frozen=True)
class Coverage:
    """Which topics and symptoms the corpus sentences mention."""

    covered: frozenset[str]
    symptoms: frozenset[str]

    @classmethod
    def of(cls, sentences: Iterable[str]) -> "Coverage":
        text = "\n".join(s.lower() for s in sentences)
        covered = frozenset(t for t, (_, corpus) in TOPICS.items() if re.search(corpus, text))
        symptoms = frozenset(s for s in SYMPTOMS if re.search(rf"\b{re.escape(s)}\b", text))
        return cls(covered, symptoms)

    def silent_on(self, question: str) -> list[str]:
        """The topics or symptoms the question asks about that the corpus never mentions."""
        q = question.lower().replace("’", "'")
        gaps = [t for t, (ask, _) in TOPICS.items() if t not in self.covered and re.search(ask, q)]
        gaps += [s for s in SYMPTOMS if s not in self.symptoms and re.search(rf"\b{re.escape(s)}\b", q)]
        return gaps
