"""Standard drug-information topics, and which of them a monograph actually covers.

Drug monographs commonly cover topics such as storage, missed doses, half-life, use while
breastfeeding, children's doses or kidney disease. When a question asks about one of these
and no sentence of the corpus touches it, the monograph is silent: the answer says so
(`not_covered`) instead of quoting something that only looks related. Coverage is computed
from the corpus itself, so a monograph that has a storage section gets storage answers.

Beyond those lists, a question whose focus term is a real English word that neither the corpus
nor the lexicon ever uses ("narcolepsy", "sunscreen") cannot be answered by quoting the corpus,
whatever else it shares with it: the word "baclofen" alone makes any passage look related.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from chat.lexicon import BACLOFEN_NAMES, HOW_MUCH_DOSE, LAY_TERMS, MEDICINE_WORDS, OTHER_DRUGS, STOPWORDS
from chat.query import Analyzer, is_real_word, stems, words, zipf

_CHILD = r"(?:child|children|kid|kids|toddler|infant|baby|pediatric|paediatric|\b(?:[1-9]|1[0-7])[- ]?(?:year|yr)s?[- ]?old)"
_DOSE_WORDS = r"dose|doses|dosage|dosing|mg"
_DOSE = rf"(?:{_DOSE_WORDS}|{HOW_MUCH_DOSE})"
# not "how much alcohol can I drink?"
_OFF_DOSE = (rf"(?:{_DOSE_WORDS}|milligrams?|how much (?:baclofen|(?:do|does|would|will|should) (?:they|you|doctors?|"
             rf"people|patients) (?:give|take|use|prescribe|get)))")
_OFF_LABEL = r"(?:hiccups?|hiccough\w*|reflux|gerd|heartburn|alcohol\w*|drinking|cravings?)"
_CHILD_TEXT = r"(?:child|children|kids?|pediatric|paediatric|adolescents?)"  # "newborn baby" is about pregnancy

OVERDOSE = r"\b(?:overdos\w*|OD(?:ed|'d|’d)?)\b"  # "overdosed", "OD'd": words for an overdose

# topic -> (pattern a question is matched with, pattern a corpus sentence must match to cover it)
TOPICS: dict[str, tuple[str, str]] = {
    "half-life": (r"half[- ]?life|stays? in (?:your|my|the) (?:system|body|blood)|how long (?:does|will) (?:it|baclofen) "
                  r"(?:stay|last|remain)|metaboli[sz]|excret|eliminat|bioavailab|peak (?:level|concentration)",
                  r"half[- ]?life|metaboli[sz]|excret|eliminat|bioavailab|hours? after"),
    "onset": (r"how (?:long|soon|quickly|fast)\b[^?.]{0,60}\b(?:work|kick in|take effect|start working|notice)|kick in|"
              r"\b(?:works?|acts?|helps?) (?:the )?(?:fastest|quickest|faster|quicker)\b|"
              r"\b(?:feel|notice|see) (?:it|baclofen|any|a) (?:working|difference|effect|benefit)|"
              r"\bwhen (?:will|does|do|should) (?:it|baclofen) (?:start )?(?:work|help|kick)",
              r"takes? effect|within \d+ (?:hours?|days?|minutes?)|onset"),
    "storage": (r"\bstor(?:e|ed|ing|age)\b|temperature|refrigerat|fridge|shelf[- ]life|expir",
                r"\bstor(?:e|ed|ing|age)\b|room temperature|refrigerat|expir"),
    "missed dose": (r"miss(?:ed)? (?:a |my |one )?(?:dose|pill|tablet)|forg[eo]t (?:to take|a dose|my dose|my pill)|"
                    r"forg[eo]t (?:my|a|one|the)(?: \w+)? (?:dose|pill|tablet|baclofen|lioresal|meds|medication)|"
                    r"skip(?:ped)? (?:a )?(?:dose|pill)", r"missed dose|miss a dose|forget"),
    "cost": (r"\bprice\b|\bcosts?\b|insurance|afford|cheap|expensive|coupon|\$\d", r"\bprice\b|\bcosts?\b|insurance"),
    "animals": (r"\b(?:dogs?|cats?|pets?|pupp(?:y|ies)|kittens?|horses?|vet|veterinar\w*)\b",
                r"\b(?:dogs?|cats?|animals?|veterinar\w*)\b"),
    "formulation": (r"\bliquid\b|oral solution|suspension|syrup|granules|dissolv|\bcrush|\bchew|split (?:the |a )?(?:pill|tablet)",
                    r"\bliquid\b|solution|suspension|syrup|granules"),
    "weight": (r"weight (?:gain|loss)|gain(?:ing)? weight|los(?:e|ing) weight|\bfat\b|"
               r"\b(?:put|puts|putting|pack|packs|packing|pile|piles|piling) on (?:\w+ )?(?:weight|pounds|lbs|kilos|kg)\b|"
               r"\bgain(?:s|ed|ing)? (?:\w+ )?(?:pounds|lbs|kilos|kg)\b|\bheavier\b", r"weight (?:gain|loss)"),
    "drug test": (r"drug (?:test|screen)|urine test|test positive|show up on (?:a |an |my |the )?(?:\w+ )?(?:test|screen)",
                  r"drug (?:test|screen)|urine"),
    "driving": (r"\bdriv(?:e|ing)\b|operate (?:heavy )?machinery|machinery", r"\bdriv(?:e|ing)\b|machinery"),
    "kidney disease": (r"(?:kidney|renal) (?:disease|failure|problems?|impairment|insufficiency|dos(?:e|es|ing|age)|"
                       r"adjustment)|dialysis|bad kidneys|\bcrcl\b|creatinine clearance|kidney damage|"
                       r"(?:bad|harmful|hard|safe) (?:for|on) (?:the |your |my |his |her )?kidneys|"
                       r"(?:damage|harm|hurt)s? (?:the |your |my |his |her )?kidneys",
                       r"(?:kidney|renal) (?:disease|failure|problems?|impairment|insufficiency)|dialysis"),
    "liver": (r"\bliver\b|hepatic", r"\bliver\b|hepatic"),
    # the monograph's doses are for spasticity; an off-label use it tells of has none ("what dose for hiccups?")
    "off-label dose": (rf"\b{_OFF_DOSE}\b[^?.]{{0,30}}\b(?:for|to treat|treating|treats?|helps?|eases?|stops?|against|"
                       rf"in)\b(?: \w+){{0,3}} {_OFF_LABEL}|"
                       rf"\b{_OFF_LABEL} {_OFF_DOSE}\b",
                       rf"\b{_OFF_LABEL}[^.]{{0,80}}\b\d+\s*mg\b|\b\d+\s*mg\b[^.]{{0,80}}\b{_OFF_LABEL}"),
    "breastfeeding": (r"breast[- ]?feed|breast ?milk|nursing (?:mother|my|a baby)|lactat",
                      r"breast[- ]?feed|breast ?milk|nursing|lactat"),
    # not the dose a pregnant mother took ("the baby" of a case report is not a child being dosed)
    "children's dose": (rf"^(?!.*\b(?:mom|mother|mum|pregnan\w*|woman|wife)\b).*?"
                        rf"(?:{_CHILD}\b[^?.]{{0,50}}\b{_DOSE}\b|\b{_DOSE}\b[^?.]{{0,50}}\b{_CHILD})",
                        rf"{_CHILD_TEXT}\b[^.]{{0,80}}\b{_DOSE}\b|\b{_DOSE}\b[^.]{{0,80}}\b{_CHILD_TEXT}"),
    "time of day": (r"\b(?:take|taking|taken|dose|dosing)\b[^?.]{0,30}\b(?:at night|at bedtime|before (?:bed|sleep)|"
                    r"in the (?:morning|evening))\b|\bwhat time\b[^?.]{0,30}\b(?:take|taken|dose)|\btime of (?:the )?day\b",
                    r"\bat night\b|\bbedtime\b|\bmorning\b|\bevening\b|\btime of day\b"),
    "ingredients": (r"\bvegan\b|\bvegetarian\b|\bgluten\b|\blactose\b|\bgelatin\b|\binactive ingredients?\b|\bdyes?\b|"
                    r"\bhalal\b|\bkosher\b", r"\bvegan\b|\bgluten\b|\blactose\b|\bgelatin\b|\binactive\b"),
    "crushing or snorting": (r"\bcrush\w*|\bsnort\w*|\bchew(?:ed|ing)?\b|\bsplit\w* (?:the |my |a )?(?:pills?|tablets?)|"
                             r"\b(?:pills?|tablets?) in half\b|\bdissolv\w*", r"\bcrush|\bsnort|\bchew|\bsplit"),
    "caffeine": (r"\bcoffee\b|\bcaffeine\b|energy drinks?|\bespresso\b", r"\bcoffee\b|\bcaffeine\b"),
    "food": (r"grapefruit|with food|without food|empty stomach|with meals|before (?:a )?meal|after (?:a )?meal",
             r"grapefruit|with food|empty stomach|with meals"),
    "generic makers": (r"\bgeneric\b(?! (?:name|version of lioresal))|manufactur|who makes|\bmade by\b|"
                       r"\b(?:which|what) (?:company|companies|firm|drugmaker)|(?:company|companies|firm|maker) (?:that )?(?:makes?|produces?|sells?|owns?)\b",
                       r"\bgeneric\b|manufactur|\bcompany\b"),
    "boxed warning": (r"black[- ]?box|boxed warning", r"black[- ]?box|boxed warning"),
    "pregnancy category": (r"pregnancy (?:category|class)|\bcategory [abcdx]\b", r"pregnancy category|\bcategory [abcdx]\b"),
    "surgery": (r"\bsurger(?:y|ies)\b|\banaesthe\w*|\banesthe\w*|before (?:an? |my )?(?:operation|procedure)",
                r"\bsurger|\banaesthe|\banesthe"),
    "sun": (r"\bsun(?:light|burn|screen|bathing| exposure)?\b|photosensitiv\w*|tanning", r"\bsun\b|sunlight|photosensitiv"),
    "vaccines": (r"\bvaccin\w*|flu shot|booster shot", r"\bvaccin"),
    "overdose treatment": (r"\bantidote\b|\b(?:treat|manag|revers)\w* (?:an? |the )?(?:baclofen )?overdose|"
                           r"overdose (?:treatment|management)", r"\bantidote\b|overdose"),
    "overdose": (OVERDOSE, r"overdos"),
    "scans": (r"\bmri\b|\bct scan|\bx-?rays?\b|\bmetal detector|airport security", r"\bmri\b|\bscan\b|x-?ray"),
    # withdrawal from something other than alcohol or baclofen itself ("can it help with opioid withdrawal?")
    "other withdrawal": (r"\b(?:opioids?|opiates?|heroin|methadone|fentanyl|oxy\w*|nicotine|smoking|cigarettes?|cocaine|"
                         r"meth|benzos?|benzodiazepines?|xanax|valium|gabapentin|cannabis|marijuana|weed|caffeine) "
                         r"(?:withdrawal|detox)",
                         r"\b(?:opioid|opiate|heroin|nicotine|cocaine|benzodiazepine|cannabis) (?:withdrawal|detox)"),
    "pump refill": (r"\brefill\w*|\btop(?:ped)? up\b|\breservoir\b", r"\brefill|\breservoir\b"),
    "pump battery": (r"\bbatter(?:y|ies)\b|recharg\w*", r"\bbatter(?:y|ies)\b|recharg\w*"),
}

# Symptoms people ask about; a question about one the corpus never mentions is not covered.
SYMPTOMS = frozenset("""
hair loss|hair fall|hair falling|losing hair|hair thinning|balding|headache|headaches|migraine|rash|itching|itchy|hives|constipation|constipated|bloating|bloated|diarrhea|diarrhoea|dry mouth|
blurred vision|blurry vision|vision|memory loss|memory problems|forgetful|forgetting things|forgetting stuff|insomnia|nightmares|impotence|erectile|libido|
sex drive|urinary|urination|peeing|bedwetting|incontinence|sweating|night sweats|palpitations|heart racing|
low blood pressure|high blood pressure|chest pain|tinnitus|ringing in|acne|bruising|bleeding|hair growth|
muscle pain|joint pain|back pain|cough|fever|numbness|tingling|ankle swelling|weight gain|weight loss|
appetite|taste|anemia|jaundice|cancer|dementia|ulcer|hypotension
""".replace("\n", "").split("|"))


# Words after which a question names what it asks about: "help with X", "cause X", "used for X", "what about X".
_ASKS_ABOUT = frozenset("help helps helping treat treats treating cure cures prevent prevents cause causes caused "
                        "causing give gives trigger triggers worsen worsens improve improves relieve relieves ease "
                        "eases affect affects for with against about".split())
_OBJECT_WORDS = 3  # content words read after such a word
# A word at least this common in English (Zipf 4: ten per million words; "body", "happened", "legs")
# is general vocabulary the monograph may put in other words; rarer words name a subject.
_GENERAL_ZIPF = 4.0
_DERIVATIONS = ("ness", "ity", "ment", "ly", "ers", "er", "en")  # "tiredness", "drinkers", "weaken"


def drug_topics(question: str) -> list[str]:
    """The standard drug-information topics a question asks about, covered or not ("how long does it take to kick
    in?": onset)."""
    q = question.lower().replace("’", "'")
    return [t for t, (ask, _) in TOPICS.items() if re.search(ask, q)]


def _plural(term: str) -> str:
    """A pattern for a word or phrase and its plural ("ulcers", "bruises")."""
    return rf"\b{re.escape(term)}(?:e?s)?\b"


@lru_cache(maxsize=1)
def _lexicon_stems() -> frozenset[str]:
    return frozenset(stems([w for phrase in LAY_TERMS for w in words(phrase)] + sorted(MEDICINE_WORDS)))


def knows(analyzer: Analyzer, term: str) -> bool:
    """The corpus or the lexicon uses the word or the word it derives from ("tiredness": "tired"), on stems."""
    forms = [term] + [term[: -len(d)] for d in _DERIVATIONS if term.endswith(d) and len(term) - len(d) >= 4]
    return any(analyzer.is_known(f) or stems([f])[0] in _lexicon_stems() for f in forms)


def unknown_terms(analyzer: Analyzer, tokens: Iterable[str], max_zipf: float = _GENERAL_ZIPF) -> list[str]:
    """The tokens that name a subject the corpus and the lexicon never use: real, fairly specific English
    words (rarer than `max_zipf`; not typos), other than drug names and filler, unknown even on stems.

    Example:
        >>> a = Analyzer(["Baclofen relaxes muscles and eases spasticity."])
        >>> unknown_terms(a, ["relax", "muscles", "narcolepsy", "body", "baclofen", "musles", "tiredness"])
        ['narcolepsy']
    """
    out: list[str] = []
    for token in tokens:
        for term in _parts(token):
            if (term in STOPWORDS or term in BACLOFEN_NAMES or term in OTHER_DRUGS or term in MEDICINE_WORDS
                    or not term.isalpha() or len(term) < 3 or zipf(term) >= max_zipf
                    or (term.endswith("ed") and len(term) > 5)):  # "meant for epilepsy and flopped": no subject
                continue
            if not knows(analyzer, term) and is_real_word(term):
                out.append(term)
    return list(dict.fromkeys(out))


# Questions that ask for one kind of fact are answered only by a passage that gives that kind:
# "What year was it approved?" needs a year (or a decade); "How many times a day do I take it?" and
# "How often is the pump refilled?" need how often (not a daily amount such as "40 - 80 mg/day" or "daily doses").
_ASKED_FACTS = (
    (re.compile(r"\b(?:what|which) (?:year|decade)\b|\bin what year\b|\bwhat date\b", re.IGNORECASE),
     re.compile(r"\b(?:1[5-9]|20)\d\d(?:s|’s|'s)?\b")),
    (re.compile(r"\bhow many times (?:(?:a|per|each|every) (?:day|week|month)|daily|weekly)\b|\bhow (?:often|frequently)\b[^?.]{0,40}"
                r"\b(?:take|taken|taking|dose|dosed|refill\w*|replac\w*|chang\w*|given|use|used|inject\w*)\b",
                re.IGNORECASE),
     re.compile(r"\b(?:once|twice|thrice|\w+ times (?:a|per|each|every)|every \w+ (?:hours?|days?|weeks?|months?)|"
                r"(?:each|per|a) (?:day|week|month)|(?:daily|weekly|monthly|hourly)(?! dos\w*)|continuous\w*|scheduled|divided)\b",
                re.IGNORECASE)),
)


# "How long do the side effects last?" is answered only when the leading passage says how long or that they pass
# ("These side effects typically go away with time"), not by a trial "lasting 5 to 6 years" beside it, nor by the
# time a taper takes ("decreased over 1 – 2 weeks": how long stopping takes, not how long withdrawal lasts).
_ASKS_HOW_LONG = re.compile(r"\bhow (?:long|many (?:hours|days|weeks|months)) (?:do|does|will|would|did|can|could|should)\b"
                            r"(?: \w+){0,5} (?:last|lasts|go on|"
                            r"continue|persist|stick around)\b|\bwhen (?:do|does|will|would)\b(?: \w+){0,5} (?:go away|wear off|"
                            r"pass|settle)\b", re.IGNORECASE)
_GIVES_HOW_LONG = re.compile(r"\bgo(?:es)? away\b|\bwears? off\b|\bsubside\w*|\bresolv\w*|\btemporar\w*|\bwithin\b|"
                             r"\b\d+(?:\s*(?:–|-|to)\s*\d+)?\s*(?:hours?|days?|weeks?|months?|years?)\b|"
                             r"\bcontinue for (?:\w+ )?(?:hours|days|weeks|months|years)\b", re.IGNORECASE)
_OVER_A_SPAN = re.compile(r"\bover (?:a period of )?\d+(?:\s*(?:–|-|to)\s*\d+)?\s*(?:hours?|days?|weeks?|months?|years?)\b",
                          re.IGNORECASE)


def fact_missing(question: str, passages: Iterable[str]) -> bool:
    """The question asks for a year or for how often, and none of the passages gives one; or asks how long
    something lasts, and the first passage does not say.

    Example:
        >>> fact_missing("What year was it approved?", ["It is approved for spasticity."])
        True
        >>> fact_missing("which decade was it made in?", ["It was first made in the 1960s."])
        False
        >>> fact_missing("how many times a day do I take it?", ["Typical dosages are 40 - 80 mg/day.", "Daily doses rise."])
        True
        >>> fact_missing("how often do people get side effects?", ["Side effects affected 10% to 75%."])
        False
        >>> fact_missing("how long does the drowsiness last?", ["A trial of 106 patients found...", "It goes away."])
        True
        >>> fact_missing("how long does withdrawal last?", ["The dose is decreased over 1 – 2 weeks."])
        True
    """
    passages = list(passages)
    if _ASKS_HOW_LONG.search(question) and not (passages and _GIVES_HOW_LONG.search(_OVER_A_SPAN.sub(" ", passages[0]))):
        return True
    return any(asks.search(question) and not any(gives.search(p) for p in passages) for asks, gives in _ASKED_FACTS)


def asked_about(tokens: list[str]) -> list[str]:
    """The words a question asks about: those right after "help (with)", "cause", "for", "about"...

    Example:
        >>> asked_about("can baclofen treat frozen shoulder syndrome".split())
        ['frozen', 'shoulder', 'syndrome']
        >>> asked_about("does baclofen help with my cluster headaches at night".split())
        ['cluster', 'headaches', 'night']
    """
    out: list[str] = []
    for i, word in enumerate(tokens):
        if word not in _ASKS_ABOUT:
            continue
        taken = 0
        for nxt in tokens[i + 1:]:
            if nxt in _ASKS_ABOUT or taken == _OBJECT_WORDS:
                break
            if nxt in STOPWORDS or nxt in BACLOFEN_NAMES or nxt in MEDICINE_WORDS:
                continue
            out.append(nxt)
            taken += 1
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Coverage:
    """Which topics and symptoms the corpus sentences mention, and which words it knows."""

    covered: frozenset[str]
    symptoms: frozenset[str]
    analyzer: Analyzer | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, sentences: Iterable[str]) -> "Coverage":
        sentences = list(sentences)
        text = "\n".join(s.lower() for s in sentences)
        covered = frozenset(t for t, (_, corpus) in TOPICS.items() if re.search(corpus, text))
        symptoms = frozenset(s for s in SYMPTOMS if re.search(_plural(s), text))
        return cls(covered, symptoms, Analyzer(sentences))

    @staticmethod
    def only_words(gaps: list[str]) -> bool:
        """True when every gap is an unknown asked-about word, no standard topic or symptom."""
        return bool(gaps) and not any(g in TOPICS or g in SYMPTOMS for g in gaps)

    def silent_on(self, question: str) -> list[str]:
        """The topics, symptoms or asked-about terms of the question that the corpus never mentions.

        Example:
            >>> c = Coverage.of(["Baclofen relaxes muscles and eases spasticity."])
            >>> c.silent_on("does baclofen help with narcolepsy?"), c.silent_on("can it ease stiff, sore legs?")
            (['narcolepsy'], [])
        """
        q = question.lower().replace("’", "'")
        gaps = [t for t in drug_topics(question) if t not in self.covered]
        heads = {w[:4] for w in re.findall(r"[a-z]+", q)}  # only symptoms whose first word could be there are searched
        gaps += [s for s in SYMPTOMS if s not in self.symptoms and s.split()[0][:4] in heads and re.search(_plural(s), q)]
        if self.analyzer is not None:  # clause by clause: "qualifies for one of those? (the pump...)" asks no pump
            asked = [w for clause in re.split(r"[?.!;]+", question) if clause.strip()
                     for w in asked_about(self.analyzer.analyze(clause).corrected.split())]
            gaps += [t for t in unknown_terms(self.analyzer, asked) if t not in gaps]
        return gaps


def _parts(token: str) -> list[str]:
    """The words of a token: hyphenated words split, a possessive dropped ("mother-in-law's")."""
    token = re.sub(r"'s$", "", token)
    return [p for p in re.split(r"[-']", token) if p]
