"""Hybrid retrieval: dense (FAISS, MiniLM) plus lexical (BM25 via bm25s), fused by weighted scores.

Passages (chunks) are ranked for context and for staff search; quote units (a sentence, or a
list with its lead-in) are ranked for the answer, helped by the score of their best passage.
Section headings are part of both texts, so a heading is context for everything under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from chat.answer import Hit
from chat.answer_types import TYPES, asked_types, figures, stated_types
from chat.lexicon import BACLOFEN_NAMES, PEOPLE
from chat.query import Analyzer, QueryTerms, stems, words
from index.embed import Encoder
from index.store import LoadedIndex, embedding_text


@dataclass(frozen=True)
class Weights:
    """Fusion weights and floors (calibrated on the dev split; see README)."""

    dense: float = 0.4
    lexical: float = 0.3
    passage: float = 0.0
    lexical_floor: float = 6.0  # BM25 scores are divided by max(best score, this)
    list_bonus: float = 0.04
    signpost_penalty: float = 0.2
    context_weight: float = 0.4  # share of a follow-up's score that comes from the earlier question's topic
    expansion_weight: float = 0.3  # lexicon terms count this much, relative to the question's own words
    phrase_weight: float = 1.0  # ...but the terms a lay phrase stands for ("over the counter") count in full
    answer_type_bonus: float = 0.05  # a sentence stating the kind of fact asked for (a count of patients, a length)
    percent_bonus: float = 0.1  # ... a percentage: a sentence without one cannot say "what percent"
    explain_bonus: float = 0.03  # "how does it help / why" questions prefer sentences that say how or why
    negation_bonus: float = 0.1  # "which form doesn't help?", "who should not get it?": sentences that say not / only
    figure_bonus: float = 0.08  # "the review of 25 trials": a sentence naming that study's figure
    advice_penalty: float = 0.06  # general advice ("always take as directed", "let your doctor know") answers little
    case_penalty: float = 0.06  # a case report's story of one person, for a question that asks about no one
    topic_bonus: float = 0.06  # a follow-up: the section the earlier question's answer came from
    focus_bonus: float = 0.05  # "what about X?", "how do I avoid it?": a unit that says X, or the verb
    aside_penalty: float = 0.1  # "what else ... other than hiccups?": a unit under a heading that names what is set aside
    dosing_bonus: float = 0.08  # "can my son take extra?": the asker's own dose is answered under a dosage heading
    safety_bonus: float = 0.1  # an emergency: what the monograph says under a safety heading (withdrawal, side effects)
    route_bonus: float = 0.05  # "would the pills help?": a unit that says the way of giving it the question names
    candidates: int = 64  # passages taken from FAISS before fusion
    bm25_k1: float = 1.5
    bm25_b: float = 0.3  # little length normalisation: a unit is one sentence, and a longer one is no less on topic


# "what about X?", "and X?", "how do I avoid them?": X (or the verb) is what the follow-up asks now; the earlier
# topic is its setting.
_WHAT_ABOUT = re.compile(r"\s*(?:and|what about|how about|what of)\b|"
                         # "how do I avoid them?": what is to be done with the earlier topic
                         r".*\bhow (?:do|can|could|should|would|does|is|are) (?:i|you|we|one|they|people|doctors)? ?"
                         r"(?:\w+ )?(?:it|them|that|this|those|these)(?: then| though| exactly| again)?\W*$", re.IGNORECASE)
_NOT_A_FOCUS = frozenset(stems(sorted(BACLOFEN_NAMES)))

# The ways baclofen is given. A question that names one ("would the pills help his CP?") is answered by what the
# monograph says of that way ("Oral baclofen does not appear to be effective"), not of another (the pump's review).
_ROUTES = {
    "oral": re.compile(r"\b(?:oral(?:ly)?|tablets?|pills?|by mouth|capsules?)\b", re.IGNORECASE),
    # "the spinal kind", "in the spine"; not "spinal cord injury", a condition
    "spinal": re.compile(r"\b(?:intrathecal(?:ly)?|pumps?|spin(?:al|e)(?! cord injur)|into the spinal cord|"
                         r"injections?|injected|catheter)\b", re.IGNORECASE),
    "skin": re.compile(r"\b(?:creams?|topical(?:ly)?|gel|ointment)\b", re.IGNORECASE),
}


def routes(text: str) -> frozenset[str]:
    """The ways of giving baclofen a text names.

    Example:
        >>> sorted(routes("Would baclofen pills help?")), sorted(routes("pills, or does it have to be the spinal kind?"))
        (['oral'], ['oral', 'spinal'])
        >>> sorted(routes("Is it FDA-approved for spinal cord injury?"))
        []
    """
    return frozenset(name for name, pattern in _ROUTES.items() if pattern.search(text))


# General advice that fits under any heading: true, but rarely the answer to a question.
_ADVICE = re.compile(r"\b(?:as directed by (?:a|your) doctor|let your doctor know|tell your doctor|talk to your doctor|"
                     r"ask your (?:doctor|pharmacist)|consult your doctor)\b", re.IGNORECASE)

# The story of one person in a case report ("he took 30 times the prescribed dose"), and questions that
# ask about such a person or case ("the 29-year-old man", "the newborn in that case").
_CASE = re.compile(r"\b(?:case reports?|in (?:one|another|one other) case|\d+-year-old|he|she|his|him)\b", re.IGNORECASE)
# A follow-up that asks only why ("why?", "how come?", "but why is that?").
_ONLY_WHY = re.compile(r"(?:and |but |so |ok |okay )?why(?: is that| so| not| is it| though)?", re.IGNORECASE)
# One person's story ("he took 30 times the prescribed dose", "a 29-year-old man"): never what an alarm quotes.
_ONE_PERSON = re.compile(r"\b(?:he|she|his|him|her|in (?:one|another|one other) case|\d+-year-old)\b", re.IGNORECASE)
# A question about what the asker (or someone they care for) should do: general advice is then the answer
# ("can I change my dose on my own?" -> "always take the medication as directed by your doctor").
# "How do I ...?" asks for the procedure, not for leave, and keeps the penalty.
_ASKS_OWN_ACTION = re.compile(r"\b(?:should|can|could|must|may) (?:i|we|he|she)\b|\bmy (?:own|dose)\b", re.IGNORECASE)
# Someone of the user's ("my dad", "our son"): the question's "he" and "her" are that person, not a case report's.
_USERS_PERSON = re.compile(rf"\b(?:my|our) (?:\w+ )?{PEOPLE}\b", re.IGNORECASE)
_PRONOUNS = re.compile(r"\b(?:he|she|his|him|her|mother|mom|baby)\b", re.IGNORECASE)


def _asks_about_a_case(text: str) -> bool:
    """The question asks about a case report's person or about cases: "what happened to the man who...?", not "my
    dad is 82, is it safe for him?"."""
    if _USERS_PERSON.search(text):
        text = _USERS_PERSON.sub(" ", text)
        text = _PRONOUNS.sub(" ", text)
    return bool(_ASKS_CASE.search(text))


_SAFETY_HEADING = re.compile(r"\b(?:safety|side effects?|adverse|withdrawal (?:risks?|symptoms|syndrome)|warnings?|precautions?|"
                             r"overdos\w*|toxicity)\b",
                             re.IGNORECASE)
_DOSAGE_HEADING = re.compile(r"\b(?:dose|doses|dosage|dosing|posology)\b", re.IGNORECASE)
_ASKS_CASE = re.compile(r"\b(?:cases?|reports?|man|woman|men|women|he|she|his|him|her|mother|mom|newborn|baby|babies|"
                        r"year[- ]old|\d+[- ]?(?:yo|y/o)|person|someone|anyone|anybody|died|death|deaths|fatal|abuse\w*)\b",
                        re.IGNORECASE)

# A question about whether a list is complete ("is that all of them?", "could there be others?") is answered
# by the sentence that says it is not ("This is also not a complete list"), signpost or advice though it is.
_ASKS_COMPLETE = re.compile(r"\b(?:complete|completely|full|whole|entire|exhaustive|everything|all of them|"
                            r"(?:any|are there|could there be|what about) (?:others|other ones|more)|"
                            r"anything else|only ones?)\b", re.IGNORECASE)
_INCOMPLETE = re.compile(r"\bnot (?:a )?(?:complete|full|exhaustive)\b|\bnot listed\b", re.IGNORECASE)

# Questions that ask how or why, and sentences that give a mechanism or a cause.
_ASKS_HOW_WHY = re.compile(r"\bwhy\b|\bhow (?:exactly |actually )?(?:does|do|is|are|would|could|can|might|may)\b"
                           r"(?: \w+){0,5} (?:work|works|help|helps|act|acts|do (?:that|this|it)|thought|supposed|believed|"
                           r"reduce|prevent|relax|affect)\b(?! out)", re.IGNORECASE)
_EXPLAINS = re.compile(r"\b(?:by (?:acting|blocking|activating|reducing|preventing|inhibiting)|prevents?|preventing|"
                       r"blocks?|activates?|inhibit\w*|mechanism|causes? of|because|due to|so that|leads? to|"
                       r"meaning (?:that|it))\b", re.IGNORECASE)

# Questions asking what is not so, and sentences that say something is not so (or holds only for some).
_ASKS_NEGATIVE = re.compile(r"\b(?:not|never|neither|nor|no longer|fail(?:s|ed)? to)\b|n[’']t\b", re.IGNORECASE)
_ASKED = re.compile(r"[^.?!]*\?")
# "what happens if you don't (taper)?": a person's omission asks for its consequence, not for what is not so (unlike
# "what if it doesn't work?").
_IF_ONE_DOES_NOT = re.compile(r"\b(?:if|unless|when) (?:i|you|we|he|she|they|my \w+|one|someone|people|patients) "
                              r"(?:just |simply )?(?:don'?t|do not|didn'?t|did not|doesn'?t|does not|never)\b", re.IGNORECASE)


def asks_what_is_not(question: str) -> bool:
    """The question asks what is not so; only its sentences that end in "?" count, when it has some ("Could
    this help my husband? He can't seem to stop drinking." asks whether it helps).

    Example:
        >>> asks_what_is_not("Which form doesn't help kids?"), asks_what_is_not("Could it help? He can't stop.")
        (True, False)
        >>> asks_what_is_not("what happens if you don't taper?"), asks_what_is_not("what if it doesn't work?")
        (False, True)
    """
    asked = _IF_ONE_DOES_NOT.sub(" ", " ".join(_ASKED.findall(question)) or question)
    return bool(_ASKS_NEGATIVE.search(asked))


_STATES_NEGATIVE = re.compile(r"\b(?:not|no|never|neither|nor|only|fail(?:s|ed)?|lack\w*|insufficient)\b|n[’']t\b",
                              re.IGNORECASE)

# Sentences that announce content rather than state it ("Below are some reported side effects").
_SIGNPOST = re.compile(r"^(?:below (?:are|is)|the following|here (?:are|is)|read on|"
                       r"(?:however,? )?this is (?:also )?not a complete list)|we(?:'|’)ll discuss|in the following sections|"
                       r"discussed (?:below|later)", re.IGNORECASE)


# "But he took 30 times the prescribed dose": a sentence about a person its paragraph introduced earlier.
_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)


# "Oral baclofen does not appear to be effective for this condition": a sentence that names its subject only by
# pointing back to the sentence before it.
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such|the same) (?:conditions?|disorders?|drugs?|medications?|effects?|"
                          r"symptoms?|study|studies|review|trials?|patients?)\b|^(?:they|these|this|that)\b|"
                          r"\bthe (?:researchers|authors|investigators)\b|"
                          r"^(?:however|but),? (?:there (?:was|were|is|are)|it|its)\b", re.IGNORECASE)


def pointed_context(index: LoadedIndex, row: int) -> str:
    """For lexical search only: a sentence that points back ("according to the same review") also carries the
    words of the sentence before it in its section. Empty for every other unit."""
    unit = index.units[row]
    if not _POINTS_BACK.search(unit.text):
        return ""
    doc = index.documents[unit.doc_id]
    prev = unit.sentence_ids[0] - 1
    if prev < 0 or doc.blocks[doc.sentences[prev].block_id].section_id != unit.section_id:
        return ""
    return " " + doc.sentences[prev].text


def story_context(index: LoadedIndex, row: int) -> str:
    """For lexical search only: a sentence that tells more of a person's story ("As his dose was reduced, he
    experienced insomnia...") also carries the words of the sentence that introduced the person ("a 29-year-old
    man on a smoking cessation program"), the first of its paragraph. Empty for every other unit."""
    unit = index.units[row]
    if not _PERSON.search(unit.text):
        return ""
    doc = index.documents[unit.doc_id]
    block = doc.sentences[unit.sentence_ids[0]].block_id
    first = doc.blocks[block].sentence_ids[0]
    if first in unit.sentence_ids:
        return ""
    return " " + doc.sentences[first].text


@dataclass(frozen=True)
class RankedUnit:
    """A quote candidate: a row of index.units with the scores that ranked it."""

    row: int
    score: float
    dense: float
    lexical: float
    passage_score: float
    passage_rank: int


def _bm25(texts: list[str], k1: float, b: float):
    import bm25s

    model = bm25s.BM25(k1=k1, b=b)
    model.index([stems(words(t)) or ["\x00"] for t in texts], show_progress=False)
    return model


class Retriever:
    """Holds the BM25 indexes and the analyzer built from the loaded index (once, at start)."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, k: int = 8, weights: Weights = Weights()):
        self.index = index
        self.encoder = encoder
        self.k = k
        self.w = weights
        docs = index.documents
        self.unit_texts = [" > ".join(docs[u.doc_id].sections[u.section_id].path) + " " + u.text
                           + story_context(index, i) + pointed_context(index, i)
                           for i, u in enumerate(index.units)]
        chunk_texts = [" > ".join(c.section_path) + " " + c.text for c in index.chunks]
        self.analyzer = Analyzer(self.unit_texts)
        self._bm25_units = _bm25(self.unit_texts, weights.bm25_k1, weights.bm25_b)
        self._bm25_chunks = _bm25(chunk_texts, weights.bm25_k1, weights.bm25_b)
        self._rows = {c.id: i for i, c in enumerate(index.chunks)}
        self._signpost = np.array([bool(_SIGNPOST.search(u.head)) for u in index.units])
        self._is_list = np.array([u.kind == "list" for u in index.units], dtype=bool)
        self._advice = np.array([bool(_ADVICE.search(u.text)) for u in index.units], dtype=bool)
        stated = [stated_types(embedding_text(u.text)) for u in index.units]
        self._states = {kind: np.array([kind in s for s in stated], dtype=bool) for kind in TYPES}
        self._explains = np.array([bool(_EXPLAINS.search(u.text)) for u in index.units], dtype=bool)
        self._incomplete = np.array([bool(_INCOMPLETE.search(u.text)) for u in index.units], dtype=bool)
        self._case = np.array([bool(_CASE.search(u.text)) for u in index.units], dtype=bool)
        self._story = np.array([bool(_ONE_PERSON.search(u.text)) for u in index.units], dtype=bool)
        sections = {key: i for i, key in enumerate(dict.fromkeys((u.doc_id, u.section_id) for u in index.units))}
        self._section_of = np.array([sections[(u.doc_id, u.section_id)] for u in index.units], dtype=np.int64)
        headings = [" ".join(docs[u.doc_id].sections[u.section_id].path) for u in index.units]
        self._under_dosage = np.array([bool(_DOSAGE_HEADING.search(h)) for h in headings], dtype=bool)
        self._under_safety = np.array([bool(_SAFETY_HEADING.search(h)) for h in headings], dtype=bool)
        self._negative = np.array([bool(_STATES_NEGATIVE.search(u.text)) for u in index.units], dtype=bool)
        unit_routes = [routes(f"{h} {u.text}") for h, u in zip(headings, index.units)]
        self._routes = {name: np.array([name in r for r in unit_routes], dtype=bool) for name in _ROUTES}
        self._figures = [figures(u.text + pointed_context(index, i)) for i, u in enumerate(index.units)]
        self._heading_stems = [frozenset(stems(words(h))) for h in headings]
        self._stems = [h | frozenset(stems(words(u.text))) for h, u in zip(self._heading_stems, index.units)]
        self.unit_chunks: list[list[int]] = [[] for _ in index.units]
        for c_row, rows in enumerate(index.chunk_units):
            for u_row in rows:
                self.unit_chunks[u_row].append(c_row)

    def embed(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def _lexical(self, model, terms: QueryTerms | None, n: int) -> np.ndarray:
        """BM25 of the question's words and lay phrases' terms plus, down-weighted, its other lexicon expansions;
        scaled to about [0, 1]."""
        scores = np.zeros(n, dtype=np.float32)
        if terms is None or n == 0:
            return scores
        for tokens, weight in ((terms.search_tokens, 1.0), (terms.phrase_tokens, self.w.phrase_weight),
                               (terms.expansion_tokens, self.w.expansion_weight)):
            if tokens:
                scores += weight * np.asarray(model.get_scores(tokens), dtype=np.float32)
        return scores / max(float(scores.max()), self.w.lexical_floor)

    def passages(self, qvec: np.ndarray, terms: QueryTerms | None = None, k: int | None = None) -> list[Hit]:
        """Top-k passages by fused dense and lexical score."""
        n = len(self.index.chunks)
        k = min(k or self.k, n)
        if k <= 0:
            return []
        lexical = self._lexical(self._bm25_chunks, terms, n)
        dense = np.zeros(n, dtype=np.float32)
        found = np.zeros(n, dtype=bool)
        scores, rows = self.index.chunk_index.search(qvec.reshape(1, -1).astype(np.float32), min(n, self.w.candidates))
        for s, r in zip(scores[0], rows[0]):
            if r >= 0:
                dense[r], found[r] = s, True
        fused = np.where(found | (lexical > 0), self.w.dense * dense + self.w.lexical * lexical, -1.0)
        order = np.argsort(-fused, kind="stable")[:k]
        return [Hit(self.index.chunks[r], rank, float(fused[r]), float(dense[r]), float(lexical[r]))
                for rank, r in enumerate(order, start=1) if fused[r] > -1.0]

    def rank_units(self, qvec: np.ndarray, terms: QueryTerms, hits: list[Hit], wants_list: bool = False,
                   asks_not: bool | None = None,
                   context: tuple[np.ndarray, QueryTerms] | None = None,
                   limit: int = 30, own_dosing: bool = False, topic_row: int | None = None,
                   urgent: bool = False, aside: QueryTerms | None = None) -> list[RankedUnit]:
        """The best `limit` quote units, best first, scored by themselves and by their best retrieved passage.

        `context` is the (vector, terms) of a follow-up's standalone query; it lends the
        earlier topic a share of the score without outweighing the new question. `asks_not`: the question
        asks what is not so (None: judged from `terms`, which carry no punctuation). `own_dosing`: the question
        is about the asker's (or their person's) own dose, so its "he" is no case report's person and
        the text under a dosage heading answers it. `urgent`: an emergency, told of someone now, whose quotes
        come from under a safety heading ("the pump is beeping and he's stiff" quotes withdrawal, not spasticity).
        `aside`: what the question sets aside ("other than hiccups"); a unit under a heading that names it answers little.
        """
        n = len(self.index.units)
        if n == 0:
            return []
        dense = self.dense_units(qvec)
        lexical = self._lexical(self._bm25_units, terms, n)
        if context is not None:
            # "why?": the topic it borrows says it all; "what happens if I don't?": its meaning is the topic's (its
            # "don't" is no sentence's "don't"), its words count as for other follow-ups
            only_why = _ONLY_WHY.fullmatch(terms.corrected.strip(" ?!."))
            c_dense = 1.0 if only_why or terms.says_nothing else self.w.context_weight
            c_lexical = 1.0 if only_why else self.w.context_weight
            dense = (1 - c_dense) * dense + c_dense * self.dense_units(context[0])
            lexical = (1 - c_lexical) * lexical + c_lexical * self._lexical(self._bm25_units, context[1], n)
        ctx = np.zeros(n, dtype=np.float32)
        ctx_rank = np.zeros(n, dtype=np.int64)
        for hit in sorted(hits, key=lambda h: h.score):
            for row in self.index.chunk_units[self._rows[hit.chunk.id]]:
                ctx[row], ctx_rank[row] = hit.score, hit.rank
        score = self.w.dense * dense + self.w.lexical * lexical + self.w.passage * ctx
        signpost, advice = self._signpost, self._advice
        if _ASKS_COMPLETE.search(terms.corrected):
            signpost, advice = signpost & ~self._incomplete, advice & ~self._incomplete
        score -= self.w.signpost_penalty * signpost
        if not _ASKS_OWN_ACTION.search(terms.corrected) or terms.other_drugs:  # "can I take advil with it?": the list
            score -= self.w.advice_penalty * advice
        if own_dosing or not _asks_about_a_case(terms.text):  # with its lexicon terms: "get high" asks about abuse
            score -= self.w.case_penalty * self._case
        if own_dosing:
            score += self.w.dosing_bonus * self._under_dosage
        if urgent:
            score += self.w.safety_bonus * self._under_safety
            score[self._story] = -1.0  # no one else's story under an alarm
        if topic_row is not None:
            score += self.w.topic_bonus * (self._section_of == self._section_of[topic_row])
        if aside is not None and aside.tokens:
            score -= self.w.aside_penalty * self._says_own_words(aside, self._heading_stems)
        if context is not None and _WHAT_ABOUT.match(terms.corrected) and not terms.says_nothing:
            score += self.w.focus_bonus * self._says_own_words(terms)
        if wants_list:
            score += self.w.list_bonus * self._is_list
        how_why = bool(_ASKS_HOW_WHY.search(terms.corrected))
        asked = asked_types(terms.corrected)
        for kind in asked:
            if how_why and kind == "efficacy":  # "why would it work for hiccups?" asks how, not whether
                continue
            if kind == "amount" and "start" in asked:  # "what dose do people start on?": how one starts, not a range
                continue
            score += (self.w.percent_bonus if kind == "percent" else self.w.answer_type_bonus) * self._states[kind]
        if how_why:
            score += self.w.explain_bonus * self._explains
        if asks_what_is_not(terms.corrected) if asks_not is None else asks_not:
            score += self.w.negation_bonus * self._negative
        asked_route = routes(terms.corrected)
        if len(asked_route) == 1 and not urgent:  # one way named ("pills or the pump?" names both; "took 20 pills"
            # is an alarm, whose quotes come from the safety text)
            score += self.w.route_bonus * self._routes[next(iter(asked_route))]
        said = figures(terms.corrected)
        if said:
            score += self.w.figure_bonus * np.array([bool(said & f) for f in self._figures], dtype=np.float32)
        order = np.argsort(-score, kind="stable")[:limit]  # objects for the top few only: flat at 10,000 units
        return [RankedUnit(int(r), float(score[r]), float(dense[r]), float(lexical[r]), float(ctx[r]), int(ctx_rank[r]))
                for r in order]

    def _says_own_words(self, terms: QueryTerms, where: list[frozenset[str]] | None = None) -> np.ndarray:
        """Per unit: it (or its heading; `where`: only its heading) says one of the question's own words, or a
        monograph term for one."""
        own = (set(terms.search_tokens) | set(terms.expansion_tokens) | set(terms.phrase_tokens)) - _NOT_A_FOCUS
        return np.array([bool(own & s) for s in (self._stems if where is None else where)], dtype=np.float32)

    def under_safety(self, row: int) -> bool:
        """The unit sits under a safety heading (side effects, withdrawal, warnings)."""
        return bool(self._under_safety[row])

    def dense_units(self, qvec: np.ndarray) -> np.ndarray:
        """Each unit's cosine with the question: the better of its sentence's and its section heading's."""
        return np.maximum(self.index.unit_vectors @ qvec, self.index.head_vectors @ qvec)
