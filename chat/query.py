"""Understand the words of a question: fix misspellings against the corpus vocabulary and add the
monograph's terms for lay words.

Example:
    >>> a = Analyzer(["Baclofen withdrawal symptoms include seizures.", "Spasticity is treated."])
    >>> t = a.analyze("baclophen withdrawl symtoms when i quit")
    >>> t.corrected, t.expansions
    ('baclofen withdrawal symptoms when i quit', ('stop', 'discontinued'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from chat.lexicon import (BACLOFEN_NAMES, DRUG_CLASSES, DRUG_NAME_ENDING, FUNCTION_WORDS, INTENT_TERMS, LAY_TERMS,
                          OTHER_DRUGS, HOW_MUCH_ELSE, QUALIFIER_PHRASES, SLIPS, STOPWORDS)

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_FUZZY_MIN_LEN = 4
_NAME_POOL = tuple(sorted(BACLOFEN_NAMES))  # spelling targets beside the corpus's words and the lexicon's
_DRUG_POOL = tuple(sorted(w for w in OTHER_DRUGS if len(w) >= _FUZZY_MIN_LEN))  # "percoset" -> percocet
_COMMON_ZIPF = 3.0  # a word this frequent in English is a real word, not a typo (wordfreq's Zipf scale)
_SEEN_ZIPF = 1.0  # below this, wordfreq has hardly seen the word: a typo or a coinage
_TYPO_GAP = 1.0  # a typo is far rarer than the word meant ("withdrawl" 1.8 vs 4.1), unlike "trickling" vs "tickling"
_SLIP_GAP = 2.0  # a word a hundred times rarer than a word one edit away is taken for a slip of it
_MAX_SLIPS = 4  # a message with more unknown words than this is not searched for English slips
_MAX_CACHED = 4096
_NAME_ZIPF = 2.5  # a word with a drug name's ending and rarer than this in English names a medicine
_BRAND_ZIPF = 1.5  # a word English hardly uses, where a medicine's name goes, names one ("side effects of ocrevus")
# Where a medicine's name goes: after "side effects of", "taking", "instead of", "than", or before "tablets", "dose".
_BEFORE_A_NAME = re.compile(r"\b(?:(?:side effects?|doses?|dosage|dosing|mg) of|tak(?:e|es|ing)|took|tr(?:y|ying|ied)|"
                            r"start(?:ed|ing)?|prescribed|switch(?:ed|ing)? (?:to|from)|instead of|than|vs|versus)"
                            r" ([a-z]+)\b")
_AFTER_A_NAME = re.compile(r"\b([a-z]+) (?:side effects?|doses?|dosage|dosing|tablets?|pills?|injections?|infusions?|"
                           r"shots?|mg|safe|better|worse|stronger|addictive)\b")
_VARIANT_PREFIX = 6  # letters a word and its unstemmed relative share at the start, at least
_INFLECTIONS = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ly", ""), ("er", ""))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated and apostrophe words kept whole)."""
    return _WORD.findall(text.lower().replace("’", "'"))


# "apart from spasticity, what else...", "the pills instead of the injections": what the question sets aside.
# A "why" question keeps it ("why taper instead of just stopping?" asks about stopping too).
# Up to two words when they end the clause ("instead of swallowing pills?"), else one ("apart from MS do people...").
_CONTRAST = re.compile(r"\b(?:apart from|aside from|besides|other than|instead of|rather than|except(?: for)?)"
                       r"(?: (?:the|a|an|its|my|just))?(?:(?: [\w'’-]+){1,2}(?=\s*(?:[?.!,;]|$))| [\w'’-]+)",
                       re.IGNORECASE)
_WHY = re.compile(r"^\W*why\b", re.IGNORECASE)
_HOW_MUCH_ELSE = re.compile(HOW_MUCH_ELSE)
_NO_TOPIC = ("happen", "happens", "happened", "mean", "means", "do", "does", "did")  # "what happens if I don't?"


_ELSE = re.compile(r"\b(?:else|other|others|another|anything|apart|aside)\b", re.IGNORECASE)
_INSTEAD = re.compile(r"(?:instead|rather)\b", re.IGNORECASE)  # "the pump instead of pills?" compares the two
_CONTRAST_WORDS = re.compile(r"^\s*(?:apart from|aside from|besides|other than|except(?: for)?)(?: (?:the|a|an|its|my|just))?",
                             re.IGNORECASE)


def set_aside(question: str) -> str:
    """What a question asking for something else sets aside, for ranking: "besides spasticity" (empty for a "why"
    question, for "instead of", which compares, or when what it sets aside is the medicine itself).

    Example:
        >>> set_aside("what else is it used for besides spasticity?"), set_aside("why taper instead of stopping?")
        ('spasticity', '')
    """
    if _WHY.search(question) or not _ELSE.search(question):
        return ""
    return " ".join(_CONTRAST_WORDS.sub("", m.group(0)).strip() for m in _CONTRAST.finditer(question)
                    if not BACLOFEN_NAMES & set(words(m.group(0))) and not _INSTEAD.match(m.group(0)))


def without_contrast(question: str) -> str:
    """The question without what it sets aside, for ranking: "apart from alcohol dependence, what else is it used
    for?" is answered by the sentence on its other uses, not by one on alcohol dependence.

    Example:
        >>> without_contrast("what about the pills instead of the injections?")
        'what about the pills ?'
        >>> without_contrast("why taper it instead of just stopping?")
        'why taper it instead of just stopping?'
        >>> without_contrast("anything besides baclofen for spasticity?")
        'anything besides baclofen for spasticity?'
    """
    if _WHY.search(question):
        return question
    def drop(match: re.Match) -> str:  # "besides baclofen" asks for alternatives to it: the medicine stays
        return match.group(0) if BACLOFEN_NAMES & set(words(match.group(0))) else " "

    return _CONTRAST.sub(drop, question).replace("  ", " ")


# What a message tells of the asker's own treatment before asking something else: "I take baclofen for MS and I
# love a glass of wine..." asks about the wine. Why and how long one takes it is background, not the question.
_BACKGROUND = re.compile(
    r"\b(baclofen|lioresal|it|meds|medication|pills|tablets|mg|day|daily|days|weeks|months|years|now)"
    r"(?: (?:for|since|over) (?:about |around |almost |nearly |over |the (?:last|past) )?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|many)(?: \w+)? "
    r"(?:days?|weeks?|months?|years?)| for (?:(?:my|his|her|their|our|a|an) )?(?:\w+ ){0,2}(?:ms|multiple sclerosis|"
    r"spasticity|spasms|stiffness|tightness|muscles?|cramps?|cerebral palsy|cp|spinal cord injury|sci|back|legs?|injury|"
    r"condition))\b",
    re.IGNORECASE)
_OWN_TREATMENT = re.compile(r"\b(?:i|i'm|im|i've|ive|he|she|he's|she's|my \w+|we)\b(?: \w+){0,3} (?:take|takes|taking|taken|took|on|"
                            r"prescribed|started|using|use)\b|\b(?:gave|gives|given|prescribed) me\b|\bput me on\b",
                            re.IGNORECASE)
# Where a told story ends and a question starts, without a full stop: "..., what is it for?"
_THEN_ASKS = re.compile(r"[.?!](?=\s|$)|[,;:] (?:so |but |and )?(?:what|how|why|is|are|can|could|should|will|would|does|do)\b",
                        re.IGNORECASE)


def without_background(question: str) -> str:
    """The message without why and how long the asker takes the medicine, when it tells of that and asks more
    than one sentence: what it asks is elsewhere.

    Example:
        >>> without_background("I take baclofen for my MS. I love a glass of wine, is that dangerous?")
        'I take baclofen. I love a glass of wine, is that dangerous?'
        >>> without_background("does baclofen for my MS cause fatigue?")
        'does baclofen for my MS cause fatigue?'
    """
    if len(_THEN_ASKS.findall(question.strip())) < 2 or not _OWN_TREATMENT.search(question):
        return question
    previous = None
    while previous != question:  # "... 10mg a day for six months for a spinal cord injury": one phrase at a time
        previous, question = question, _BACKGROUND.sub(r"\1", question)
    return question


# A negative contraction is searched as its verb ("shouldn't take" finds "should not be taken"), with or without
# the apostrophe people drop. Adding "not" as well cost more than it found: "won't quit" matched "not enough".
_VERBS = "do does did should would could must is are was were has have had need".split()
_NEGATIONS = {**{f"{v}n't": v for v in _VERBS}, **{f"{v}nt": v for v in _VERBS},
              "can't": "can", "cant": "can", "cannot": "can", "won't": "will", "wont": "will", "shan't": "shall"}


_COMPARES = re.compile(r"\b(?:than|versus|vs|compared?|comparison|similar to|same as|differen\w*|is it like|"
                       r"is baclofen like|are they like)\b")


def _base_word(token: str) -> str:
    """ "shouldn't" -> should; any other word as it is, without apostrophes."""
    return _NEGATIONS.get(token) or token.replace("'", "")


def stems(tokens: Iterable[str]) -> list[str]:
    """Snowball stems, splitting hyphenated words into their parts as well."""
    out: list[str] = []
    for tok in tokens:
        parts = [tok] + (tok.split("-") if "-" in tok else [])
        out.extend(_stemmer().stemWords([_base_word(p) for p in parts if p]))
    return out


# An age of 65 or more, or a word for old age: the monograph speaks of "older people".
_AGE = r"(?:6[5-9]|[7-9]\d|1[01]\d)"
_OLD_AGE = re.compile(rf"\b(?:elderly|seniors?|geriatric|"
                      r"(?:he|she|i|i'm|im|he's|she's|hes|shes|dad|mom|mum|father|mother|grandma|grandpa|grandmother|"
                      r"grandfather|husband|wife|patient|aunt|uncle|who|they|turned|turning|aged?|age of)"
                      rf"(?: is| am| are| was)? {_AGE}\b(?! ?mg)|"
                      rf"{_AGE}[- ]?(?:years?|yrs?)[- ]old\b|{_AGE} ?y/?o\b|"
                      r"in (?:his|her|their|my|our) (?:late )?(?:70s|80s|90s|seventies|eighties|nineties))")


@dataclass(frozen=True)
class QueryTerms:
    """What the analyzer made of a question."""

    text: str  # the question with misspellings fixed and lay terms added: what gets embedded
    corrected: str  # the question's own words, misspellings fixed
    tokens: tuple[str, ...]  # content words (corrected), stopwords dropped
    expansions: tuple[str, ...]  # monograph terms added for lay words
    names_baclofen: bool
    other_drugs: tuple[str, ...]
    shape_terms: tuple[str, ...] = ()  # expansions that come only from the question's shape ("can it cause...")
    phrase_terms: tuple[str, ...] = ()  # expansions that stand for a lay phrase naming a subject ("over the counter")

    @property
    def says_nothing(self) -> bool:
        """No word names a subject ("what happens if I don't?", "why?"): a follow-up's meaning is its topic's."""
        return not set(self.search_tokens) - set(stems(_NO_TOPIC))

    @property
    def search_tokens(self) -> list[str]:
        """Stemmed tokens of the question's own words for lexical (BM25) search, function words dropped."""
        return stems([w for w in words(self.corrected) if w not in FUNCTION_WORDS])

    @property
    def expansion_tokens(self) -> list[str]:
        """Stemmed monograph terms added for lay words (searched with a lower weight)."""
        return stems([e for e in self.expansions if e not in self.phrase_terms])

    @property
    def phrase_tokens(self) -> list[str]:
        """Stemmed monograph terms that stand for a lay phrase ("over the counter" -> prescription), whose own words
        carry none of its meaning: searched like the question's own words."""
        return stems(list(self.phrase_terms))


class Analyzer:
    """Built once from the corpus texts; `analyze()` is cheap and thread-safe."""

    def __init__(self, texts: Iterable[str]):
        self.freq: dict[str, int] = {}
        for text in texts:
            for w in words(text):
                for form in [w] + [p for p in w.split("-") if p and "-" in w]:
                    self.freq[form] = self.freq.get(form, 0) + 1
        self.vocab = set(self.freq)
        self.bigrams: set[tuple[str, str]] = set()
        for text in texts:
            ws = words(text)
            self.bigrams.update(zip(ws, ws[1:]))
        # most frequent first, so ties in spelling distance go to the commoner word
        self._fuzzy_pool = tuple(sorted((w for w in self.vocab if len(w) >= _FUZZY_MIN_LEN and not w.isdigit()),
                                        key=lambda w: (-self.freq[w], w)))
        self._lay_pool = tuple(sorted(w for w in LAY_TERMS if " " not in w and len(w) >= _FUZZY_MIN_LEN))
        self._known_stems = set(stems(self.vocab))
        self._phrases = sorted((p for p in LAY_TERMS if " " in p), key=len, reverse=True)
        self._english_fixes: dict[str, str | None] = {}  # word -> fix; a dict's get and set are atomic

    def correct(self, word: str, english: bool = True) -> str:
        """The corpus word closest to an unknown word, or the word itself (real English words stay);
        `english`: also try slips for common English words (skipped for a message of mostly unknown words)."""
        if word in self.vocab or word in STOPWORDS or len(word) < _FUZZY_MIN_LEN or not word.isalpha():
            return word
        if word in LAY_TERMS or word in OTHER_DRUGS or self.is_known(word) or is_english(word):
            return word
        fix = (_close(word, _NAME_POOL) or _close(word, self._fuzzy_pool) or _close(word, self._lay_pool)
               or _close(word, _DRUG_POOL) or (self._english_fix(word) if english else None))
        if fix is None or (zipf(word) >= _SEEN_ZIPF and zipf(fix) < zipf(word) + _TYPO_GAP):
            return word  # a rare real word, not a slip for a word about as rare ("trickling" is not "tickling")
        return fix

    def _english_fix(self, word: str) -> str | None:
        """A slip for a common English word one edit away whose stem the corpus uses ("agitatd" -> "agitated",
        as the monograph says "agitation"), the commonest such word."""
        if word in self._english_fixes:
            return self._english_fixes[word]
        found = [(zipf(c), c) for c in _edits1(word) if zipf(c) >= _COMMON_ZIPF and self.is_known(c)]
        fix = max(found)[1] if found else None
        if len(self._english_fixes) >= _MAX_CACHED:
            self._english_fixes.clear()
        self._english_fixes[word] = fix
        return fix

    def variants(self, word: str) -> tuple[str, ...]:
        """Corpus words of the same family that stemming misses ("delirious" -> "delirium"): a shared start of
        at least six letters and three quarters of the shorter word."""
        if len(word) < _VARIANT_PREFIX or not word.isalpha() or word in STOPWORDS or self.is_known(word):
            return ()
        return _variants(word, self._fuzzy_pool)

    def correct_in_context(self, tokens: list[str], keep: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """Fix real-word slips ("acid reflex") when a one-letter change makes a phrase the corpus uses.

        Words in `keep` (parts of a lay phrase such as "cold turkey") and function words stay as typed.
        """
        out = list(tokens)
        for i, w in enumerate(tokens):
            if (len(w) < _FUZZY_MIN_LEN or not w.isalpha() or w in self.vocab or w in LAY_TERMS or w in keep
                    or w in STOPWORDS):
                continue
            prev = out[i - 1] if i else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (prev, w) in self.bigrams or (w, nxt) in self.bigrams:
                continue
            for cand in _near(w, self._fuzzy_pool):
                if cand != w and ((prev, cand) in self.bigrams or (cand, nxt) in self.bigrams):
                    out[i] = cand
                    break
        return out

    def is_known(self, word: str) -> bool:
        """The corpus uses the word, or its stem, or (hyphenated) each of its parts: "brand-name", or it names one who
        does what the corpus names: "smoker" (smoking), "drinkers" (drinking)."""
        if word in self.vocab or (stems([word]) and stems([word])[0] in self._known_stems):
            return True
        agent = re.match(r"([a-z]{4,})e?rs?$", word)
        if agent and any(stems([base])[0] in self._known_stems for base in (agent.group(1), agent.group(1) + "e")):
            return True
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(self.is_known(p) for p in parts)

    def other_drugs(self, corrected: list[str]) -> tuple[str, ...]:
        """The names of other medicines in a question: those of the lexicon's list, and words the monograph and
        English never use that end like a medicine's name ("ocrelizumab") or stand where one goes ("side effects
        of ocrevus")."""
        joined = " ".join(corrected)
        slots = {m.group(1) for pattern in (_BEFORE_A_NAME, _AFTER_A_NAME) for m in pattern.finditer(joined)}
        out = []
        for w in corrected:
            if w in OTHER_DRUGS:
                out.append(w)
            elif (len(w) >= 5 and w.isalpha() and w not in BACLOFEN_NAMES and w not in LAY_TERMS and w not in STOPWORDS
                  and not self.is_known(w)
                  and (zipf(w) < _BRAND_ZIPF and w in slots or zipf(w) < _NAME_ZIPF and DRUG_NAME_ENDING.search(w))):
                out.append(w)
        return tuple(dict.fromkeys(out))

    def analyze(self, question: str) -> QueryTerms:
        raw = words(question)
        for pattern, fix in SLIPS:
            raw = words(re.sub(pattern, fix, " ".join(raw)))
        said = " ".join(raw)
        phrases = [p for p in self._phrases if p in said and re.search(rf"\b{re.escape(p)}\b", said)
                   and not (p == "how much" and _HOW_MUCH_ELSE.search(said))]  # "how much beer": no dose
        protected = {part for p in phrases for part in p.split()}
        unknown = sum(1 for w in raw if w.isalpha() and w not in self.vocab and zipf(w) < _SEEN_ZIPF)
        english = unknown <= _MAX_SLIPS  # more unknown words than this: gibberish or another language
        corrected = self.correct_in_context([w if w in protected else self.correct(w, english) for w in raw], protected)
        joined = " ".join(corrected)
        old_age = ["older"] if _OLD_AGE.search(said) else []  # "my dad is 82", "the elderly": "older people"
        from_phrases = [e for p in phrases for e in LAY_TERMS[p].split()] + old_age
        standing = {e for p in phrases if p not in QUALIFIER_PHRASES for e in LAY_TERMS[p].split()} | set(old_age)
        intents = [e for pattern, terms in INTENT_TERMS if re.search(pattern, said) for e in terms.split()]
        content = [w for w in corrected if w not in STOPWORDS]
        compares = bool(_COMPARES.search(joined))  # "is it stronger than valium?" asks no interaction
        from_words: list[str] = []
        for w in content:
            if w not in protected:  # a lay phrase's words are already mapped ("sleeping pills" -> insomnia,
                if w in LAY_TERMS:  # "broke out in hives" -> allergic, not the "broke" of a pump)
                    from_words.extend(LAY_TERMS[w].split())
                from_words.extend(self.variants(w))
            if w in BACLOFEN_NAMES and w != "baclofen":  # a brand ("Gablofen") is searched as what it is
                from_words.append("baclofen")
            if w in DRUG_CLASSES:  # another medicine named: its class, and what the monograph says of interactions
                from_words.extend(DRUG_CLASSES[w].split() + ([] if compares else ["interact"]))
        expansions = [e for e in dict.fromkeys(from_phrases + intents + from_words) if e not in content]
        shape_only = set(intents) - set(from_phrases) - set(from_words)  # from the question's shape, not its words
        text = " ".join([joined] + expansions)
        return QueryTerms(
            text=text, corrected=joined, tokens=tuple(content), expansions=tuple(expansions),
            names_baclofen=any(w in BACLOFEN_NAMES for w in corrected),
            other_drugs=self.other_drugs(corrected),
            shape_terms=tuple(e for e in expansions if e in shape_only),
            phrase_terms=tuple(e for e in expansions if e in standing),
        )


@lru_cache(maxsize=8192)
def zipf(word: str) -> float:
    """How common a word is in English, on wordfreq's Zipf scale (0 = unseen, 3 = one per million words)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_english(word: str) -> bool:
    """A real English word: common in wordfreq, or a regular form of a common word ("honking").

    wordfreq also lists frequent misspellings ("withdrawl"), so a rare entry alone is no proof.
    """
    return zipf(word) >= _COMMON_ZIPF or (zipf(word) >= _SEEN_ZIPF and _inflects_common(word))


def _inflects_common(word: str) -> bool:
    """A regular form of a common word: "honking" is "honk" + "ing", "blisters" is "blister" + "s"."""
    for suffix, ending in _INFLECTIONS:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3:
            forms = {base + ending} | ({base[:-1]} if len(base) > 3 and base[-1] == base[-2] else set())
            if any(zipf(f) >= _COMMON_ZIPF for f in forms):
                return True
    return False


def is_real_word(word: str) -> bool:
    """A word wordfreq has seen that is not a slip for a far commoner word one edit away.

    Example:
        >>> is_real_word("narcolepsy"), is_real_word("honking"), is_real_word("definately"), is_real_word("wrok")
        (True, True, False, False)
    """
    if zipf(word) < _SEEN_ZIPF:
        return False
    if _inflects_common(word):
        return True  # "honking" is "honk" + "ing", not "hooking" mistyped
    return not any(zipf(c) >= zipf(word) + _SLIP_GAP for c in _edits1(word))


@lru_cache(maxsize=4096)
def _edits1(word: str) -> frozenset[str]:
    """Every string one deletion, swap, replacement or insertion away (Norvig's spelling corrector)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return frozenset(out)


@lru_cache(maxsize=4096)
def _near(word: str, pool: tuple[str, ...]) -> tuple[str, ...]:
    """Pool words one edit away."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return tuple(c for c, _, _ in process.extract(word, pool, scorer=OSA.distance, score_cutoff=1, limit=5))


@lru_cache(maxsize=4096)
def _variants(word: str, pool: tuple[str, ...], limit: int = 2) -> tuple[str, ...]:
    def shared(a: str, b: str) -> int:
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    close = [v for v in pool if v[:_VARIANT_PREFIX] == word[:_VARIANT_PREFIX]
             and shared(word, v) >= 0.75 * min(len(word), len(v))]
    return tuple(close[:limit])


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2 if len(word) <= 9 else 3


@lru_cache(maxsize=4096)
def _close(word: str, pool: tuple[str, ...]) -> str | None:
    """The nearest pool word within a few edits (ties: earliest in the pool, i.e. most frequent)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    # optimal string alignment: a swapped pair of letters ("pupm") is one edit, as people make them
    found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=_max_edits(word), limit=8)
    if not found:
        return None
    best = min(dist for _, dist, _ in found)
    return min((idx, choice) for choice, dist, idx in found if dist == best)[1]
