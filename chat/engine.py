"""The answer engine: question (+ history) -> retrieve -> exact quotes -> Answer.

Example:
    engine = Engine.load()                      # reads the index and the model once
    answer = engine.answer("What is the brand name of baclofen?")
    answer.quotes[0].text                       # exact text from the monograph
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from chat.about import AboutThePage, asks_about_the_page
from chat.answer import Answer, Hit, Quote
from chat.answer_types import asked_types
from chat.compose import (CONSEQUENCE, add_cited_support, add_elaboration, add_gravest, add_outline, add_use_status,
                          render_markdown, select_for_parts, select_quotes)
from chat.compound import split_compound
from chat.followup import Resolved, resolve
from chat.lexicon import DRUG_CLASSES, HOW_MUCH_DOSE
from chat.query import QueryTerms, set_aside, stems, without_background, without_contrast, words
from chat.retrieve import RankedUnit, Retriever, Weights, asks_what_is_not
from chat.safety import (DISCLAIMER, EMERGENCY_MESSAGE, POISON_NOTE, PRESCRIBER_NOTE, asks_about_poisoning,
                         detect_emergency, ended_well, follows_a_story, is_personal_dosing, is_self_harm,
                         only_asks_about, only_missed_a_dose, plans_ahead, without_the_past)
from chat.scope import (DECLINE, EXAMPLE_QUESTIONS, NOT_COVERED, PART_NOT_COVERED, PARTS_NOT_COVERED, is_out_of_scope,
                        topical_words)
from chat.topics import SYMPTOMS, Coverage, fact_missing
from chat.turns import user_questions
from chat.urgency import UrgencyModel, load_or_fit
from index.embed import Encoder, SentenceTransformerEncoder, load_encoder
from index.store import LoadedIndex, load_index
from ingest.errors import InputError

MAX_QUESTION_CHARS = 1000
MAX_HISTORY_TURNS = 8
# Control and invisible characters, and lone surrogates (from a JSON "\\ud800" escape or undecodable
# argv bytes), which could not be written out as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ud800-\udfff]")


def default_index_dir() -> Path:
    """$BACLOFEN_QA_INDEX_DIR, else ~/.cache/baclofen-qa/index."""
    env = os.environ.get("BACLOFEN_QA_INDEX_DIR")
    if env:
        return Path(env).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "baclofen-qa" / "index"


def clean_text(text: str) -> str:
    """Drop control and invisible characters, normalise Unicode, collapse whitespace."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text)).strip()


def clean_question(question: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """The question ready for retrieval, or InputError with a message a user can act on."""
    if not isinstance(question, str):
        raise InputError("the question must be text")
    if len(question) > limit * 4:
        raise InputError(f"the question is {len(question):,} characters long; the limit is {limit:,}. "
                         "Please ask a shorter question.")
    text = clean_text(question)
    if not text:
        raise InputError("the question is empty; please type a question about baclofen")
    if len(text) > limit:
        raise InputError(f"the question is {len(text):,} characters long; the limit is {limit:,}. "
                         "Please ask a shorter question.")
    return text


def clean_history(history: Sequence[str | dict] | None) -> tuple[str, ...]:
    """Earlier user questions, oldest first (strings or chat messages, see chat/turns.py): cleaned, empty ones
    dropped, only the last few kept. InputError for a history of another shape."""
    turns = [clean_text(h)[:MAX_QUESTION_CHARS] for h in user_questions(history)]
    return tuple(t for t in turns if t)[-MAX_HISTORY_TURNS:]


# Someone the message may be about: with a word of the monograph's, what the emergency model needs to judge.
_SOMEONE = re.compile(r"\b(?:i|i'm|im|me|my|we|he|she|him|her|they|them|someone|somebody|friend|son|daughter|wife|"
                      r"husband|mom|mum|dad|kid|child|baby|partner|flatmate|roommate)\b", re.IGNORECASE)
# Words that ask for the conversation, not about a topic ("help", "more info"): never a bare topic.
_CHAT_WORDS = frozenset("help info information question questions more details anything something please ok okay yes no "
                        "thanks thank hi hello hey".split())
# Words of time: the monograph uses them ("mg/day"), but "how's your day going?" is about nothing it treats.
_TIME_WORDS = frozenset("day days daily today tonight night nights week weeks weekend morning mornings evening "
                        "evenings afternoon month months year years time times hour hours minute minutes".split())


@dataclass(frozen=True)
class EngineSettings:
    """Answer-selection knobs (calibrated on the dev split; see README)."""

    passages_k: int = 8
    max_quotes: int = 3
    min_quote_score: float = 0.15  # below this nothing in the monograph answers the question
    spread: float = 0.06  # further quotes must score within this of the best one
    cited_within: float = 0.15  # an answer citing nothing adds its section's cited sentence scoring this close
    emergency_min_dense: float = 0.35  # an emergency answer quotes only passages this close to the message
    emergency_safety_dense: float = 0.3  # ... but first those under a safety heading (withdrawal, side effects) this close
    strong_lexical: float = 0.9  # a passage matching this well outweighs one word the monograph never uses
    oos_min_dense: float = 0.20  # a question without baclofen words this far from every passage is off-topic
    in_scope_dense: float = 0.45  # ... and one this close to a passage is on topic whatever its words
    weights: Weights = Weights()


_ASKS_DOSE = re.compile(rf"\b(?:dose|doses|dosage|dosing|mg|milligrams?)\b|{HOW_MUCH_DOSE}", re.IGNORECASE)
_DOSE_TOPIC = re.compile(r"\b(?:dose|doses|dosage|dosing|maximum|max)\b")  # in a borrowed topic (not "the 90 mg case")
# A part of a message that asks something: it opens like a question or ends with a question mark.
_ASKS = re.compile(r"^\s*(?:and |but |also |so |then )?(?:what|what's|whats|which|who|when|where|why|how|is|are|was|were|do|"
                   r"does|did|can|could|should|will|would|has|have|may|might|must)\b|\?\s*$", re.IGNORECASE)
_LIST_CUES = re.compile(r"\b(?:what|which) (?:are|were)\b|\blist\b|\bsymptoms\b|\bside[- ]effects\b|\binteract\w*|"
                        r"\bways\b|\btypes\b|\bkinds\b|\bsigns\b|\bwhat (?:other )?drugs\b|\bwhich drugs\b", re.IGNORECASE)


class Engine:
    """Holds the loaded index, model and BM25 indexes; `answer()` and `search()` are thread-safe."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, settings: EngineSettings = EngineSettings(),
                 urgency: UrgencyModel | None = None):
        self.index = index
        self.encoder = encoder
        self.settings = settings
        self.urgency = urgency  # the emergency second opinion (chat/urgency.py); None: the rules alone
        self.retriever = Retriever(index, encoder, k=settings.passages_k, weights=settings.weights)
        self.analyzer = self.retriever.analyzer
        self.coverage = Coverage.of(s.text for d in index.documents.values() for s in d.sentences)
        self.about = AboutThePage(index.documents, encoder)  # byline, author box, site disclaimer
        self.analyzer.analyze("warm up baclofen withdrawl")  # loads the word lists before the first question

    @classmethod
    def load(cls, index_dir: str | Path | None = None, model: str | None = None,
             settings: EngineSettings = EngineSettings()) -> "Engine":
        """Load the model, then the index verified against it (IndexLoadError names the fix)."""
        return cls.from_encoder(index_dir, load_encoder(model), settings)

    @classmethod
    def from_encoder(cls, index_dir: str | Path | None, encoder: Encoder,
                     settings: EngineSettings = EngineSettings()) -> "Engine":
        """An engine over the index at `index_dir`, with the model warmed up so answers are fast."""
        index_dir = Path(index_dir or default_index_dir())
        index = load_index(index_dir, encoder.weights_sha256)
        encoder.encode(["warm up"])
        engine = cls(index, encoder, settings)
        if isinstance(encoder, SentenceTransformerEncoder):  # test doubles' vectors carry no meaning
            engine.urgency = load_or_fit(encoder, lambda q: engine.analyzer.analyze(q).text,
                                         index_dir.parent / "urgency", engine.version)
        return engine

    @property
    def version(self) -> str:
        return self.index.manifest.version

    def answer(self, question: str, history: Sequence[str | dict] | None = None) -> Answer:
        """Answer one question with exact quotes; raises InputError for an empty or oversized question."""
        t0 = time.perf_counter()
        text = clean_question(question)
        turns = clean_history(history)
        resolved = resolve(text, turns, self.analyzer)
        own = self.analyzer.analyze(text)
        if self._is_bare_topic(text, own, resolved):  # "kids": a topic of the monograph, said alone
            own = self.analyzer.analyze(f"baclofen {text}")
        focus = self._focus(text, own)  # for ranking: without what the question sets aside ("apart from X")
        terms = self._focus(resolved.query, self.analyzer.analyze(resolved.query)) if resolved.uses_history else None
        parts = () if resolved.uses_history else split_compound(text)
        part_terms = self._part_terms(parts, own.names_baclofen) if len(parts) > 1 else []
        earlier = self._earlier_terms(turns) if terms else None  # a follow-up: what the latest earlier question asked
        texts = ([own.text] + ([focus.text] if focus is not own else []) + ([terms.text] if terms else [])
                 + [t.text for pair in part_terms for t in pair if t] + ([earlier.text] if earlier else []))
        vectors = iter(self.encoder.encode(texts))  # one model call
        qvec = next(vectors)
        fvec = next(vectors) if focus is not own else qvec
        emergency = detect_emergency(text, turns) or bool(
            self.urgency and self._has_substance(text, own) and self._urgent_now(text, qvec)
            and not only_asks_about(text) and not follows_a_story(text, turns) and not only_missed_a_dose(text)
            and not ended_well(text) and not plans_ahead(text))
        context = (next(vectors), terms) if terms else None
        hits = self.retriever.passages(context[0] if context else fvec, context[1] if context else focus)
        by_part = []
        for part, (p_own, p_ctx) in zip(parts, part_terms):
            p_vec = next(vectors)
            p_context = (next(vectors), p_ctx) if p_ctx else None
            by_part.append((part, self._rank(part, p_vec, p_own, hits, p_context)))
        topic_row = self._earlier_lead(turns[-1], earlier, next(vectors)) if earlier else None
        ranked = self._rank(text, fvec, focus, hits, context, topic_row, urgent=emergency)
        t1 = time.perf_counter()
        # A follow-up is on topic when the topic it borrows is: "what about the other review?" says little itself.
        topic_dense = float(self.retriever.dense_units(context[0]).max()) if context else 0.0
        status, lead, quotes = self._decide(text, qvec, own, resolved, ranked, emergency, by_part, topic_dense)
        markdown = render_markdown(status, quotes, DISCLAIMER, lead, EXAMPLE_QUESTIONS if status == "out_of_scope" else ())
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "compose": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return Answer(question=text, history=turns, status=status, answer_markdown=markdown, quotes=tuple(quotes),
                      disclaimer=DISCLAIMER, timings_ms=timings, passages=tuple(hits),
                      standalone_query=resolved.query, lead=lead)

    def _urgent_now(self, text: str, vector) -> bool:
        """The second opinion on the question's vector, and on what the message tells of now: "Years ago my lips
        swelled after the first tablet. Now a new doctor wants me back on it." is judged without its first sentence."""
        if not self.urgency.is_urgent(vector):
            return False
        rest = without_the_past(text)
        if rest == text:
            return True
        return bool(words(rest)) and self.urgency.is_urgent(self.encoder.encode([self.analyzer.analyze(rest).text])[0])

    def _has_substance(self, text: str, own: QueryTerms) -> bool:
        """Enough for the emergency model to judge: a word of the monograph's (or a lay word for one) or someone
        it happens to. "more info" (0.93), "what's your favourite colour?" and "how's your day going?" (0.87; words of
        time are no topic) are no emergencies."""
        topical = [w for w in topical_words(own, self.analyzer) if w not in _TIME_WORDS]
        return bool(set(own.tokens) - _CHAT_WORDS) and bool(topical or _SOMEONE.search(text))

    def _focus(self, text: str, terms: QueryTerms) -> QueryTerms:
        """`terms`, or the terms of `text` without what it sets aside, or why and how long the asker takes the
        medicine in a story, when that leaves a content word: "is there anything other than pills?" keeps its pills."""
        stripped = without_background(without_contrast(text))
        if stripped == text:
            return terms
        focus = self.analyzer.analyze(stripped)
        return focus if focus.tokens else terms

    def _is_bare_topic(self, text: str, own: QueryTerms, resolved: Resolved) -> bool:
        """A message of at most three words whose one content word is the monograph's or a lay word for one
        ("kids", "children?"), naming no medicine: in this chat, a topic about baclofen."""
        return (not resolved.uses_history and not own.names_baclofen and not own.other_drugs
                and len(words(text)) <= 3 and len(own.tokens) == 1 and own.tokens[0] not in _CHAT_WORDS
                and bool(topical_words(own, self.analyzer)))

    def _part_terms(self, parts: Sequence[str], named: bool) -> list[tuple[QueryTerms, QueryTerms | None]]:
        """Each part of a compound question, read with the parts before it ("... and which ones are common?");
        `named`: the message names baclofen, so a part that says "it" means baclofen."""
        out = []
        for i, part in enumerate(parts):
            r = resolve(part, tuple(parts[:i]), self.analyzer)
            own = self.analyzer.analyze(part)
            if named and not own.names_baclofen:  # "... and what is it used for?": the drug the message names
                own = self.analyzer.analyze(f"{part} baclofen")
            out.append((own, self.analyzer.analyze(r.query) if r.uses_history else None))
        return out

    def _rank(self, text: str, qvec, own: QueryTerms, hits: list[Hit],
              context: tuple | None = None, topic_row: int | None = None, urgent: bool = False) -> list[RankedUnit]:
        """Quote units for `text`, with the list cue of its own words (kinds of fact: chat/answer_types.py)."""
        wants_list = bool(_LIST_CUES.search(text)) and not asked_types(text)  # "what percentage get side effects?"
        aside = set_aside(text)
        return self.retriever.rank_units(qvec, own, hits, wants_list=wants_list, asks_not=asks_what_is_not(text) and not urgent,
                                         context=context, own_dosing=is_personal_dosing(text), topic_row=topic_row,
                                         urgent=urgent, aside=self.analyzer.analyze(aside) if aside else None)

    def _earlier_terms(self, turns: tuple[str, ...]) -> QueryTerms | None:
        """The latest earlier question, read with the turns before it (None when it has no content word)."""
        terms = self.analyzer.analyze(resolve(turns[-1], turns[:-1], self.analyzer).query)
        return terms if terms.tokens else None

    def _earlier_lead(self, question: str, terms: QueryTerms, vec) -> int | None:
        """The unit that would lead the answer to the latest earlier question: a follow-up is on the section that
        answer came from ("what's the worst that could happen?" after "can I drink alcohol on baclofen?" is about
        the interaction, not the alcoholism trials)."""
        ranked = self._rank(question, vec, terms, self.retriever.passages(vec, terms))
        return ranked[0].row if ranked else None

    def _decide(self, text: str, qvec, own: QueryTerms, resolved: Resolved, ranked: list[RankedUnit],
                emergency: bool, by_part: list[tuple[str, list[RankedUnit]]] = (),
                topic_dense: float = 0.0) -> tuple[str, str, list[Quote]]:
        s = self.settings
        best = ranked[0] if ranked else None
        if emergency:
            # what the monograph says under its safety headings, else passages close to the message: no stray quote
            relevant = ([r for r in ranked if r.dense >= s.emergency_safety_dense and self.retriever.under_safety(r.row)]
                        or [r for r in ranked if r.dense >= s.emergency_min_dense])
            quotes = [] if is_self_harm(text) else add_cited_support(
                self.index, relevant, select_quotes(self.index, relevant, 2, s.min_quote_score, s.spread), 2, s.cited_within)
            return "emergency", EMERGENCY_MESSAGE, quotes
        if asks_about_the_page(text):  # "who wrote this?": the page's byline, not the drug text
            status, quotes = self.about.answer(text, qvec)
            return status, NOT_COVERED if status == "not_covered" else "", quotes
        if is_out_of_scope(own, resolved, self.analyzer, max(best.dense if best else 0.0, topic_dense), s.oos_min_dense,
                           s.in_scope_dense):
            return "out_of_scope", DECLINE, []
        # a follow-up: with its topic; a dose asked for, or borrowed, as one clause with it ("what dose would they
        # get?" after "can kids take it?", or "what about for kids?" after the maximum dose, is a children's dose,
        # which the monograph does not give; "the other baby" after "the 90 mg case" is no dose)
        asks_dose = _ASKS_DOSE.search(text) or _DOSE_TOPIC.search(resolved.context)
        silent = self.coverage.silent_on(text if not resolved.uses_history else resolved.joined
                                         if asks_dose else resolved.query)
        if silent and all(g in SYMPTOMS for g in silent) and best is not None and self._lists_a_symptom_asked(text, best):
            silent = []  # "he seems confused and keeps forgetting things": confusion is on the list, forgetting is not
        unsaid = self._unsaid(text, own, ranked, silent, topics_count=not resolved.uses_history) or bool(
            resolved.uses_history and own.says_nothing  # "what if I don't?" after "do I need to take it with food?"
            and self.coverage.silent_on(resolved.source))
        first = f"{POISON_NOTE} " if asks_about_poisoning(text) else ""  # "what if a child swallows some?"
        asking = all(_ASKS.search(part) for part, _ in by_part)  # two questions, not a question and a story
        covered = [(part, r) for part, r in by_part if not self._part_silent(part, r)] if unsaid and asking else []
        if covered and len(covered) < len(by_part):  # answer the parts the monograph covers; name the one it does not
            missing = [part.strip().rstrip("?!,.;: ") for part, _ in by_part if all(part != c for c, _ in covered)]
            quotes = select_for_parts(self.index, covered, covered[0][1] if len(covered) == 1 else [],
                                      s.max_quotes, s.min_quote_score, s.spread)
            lead = (PART_NOT_COVERED if len(missing) == 1 else PARTS_NOT_COVERED).format("\u201d and \u201c".join(missing))
            return "answered", (first + lead).strip(), add_cited_support(self.index, ranked, quotes, s.max_quotes,
                                                                          s.cited_within)
        if best is None or best.score < s.min_quote_score or unsaid:
            related = select_quotes(self.index, ranked, 1, 0.0, 0.0, role="related")
            return "not_covered", first + NOT_COVERED, related
        if by_part:
            quotes = select_for_parts(self.index, by_part, ranked, s.max_quotes, s.min_quote_score, s.spread)
        else:
            quotes = select_quotes(self.index, ranked, s.max_quotes, s.min_quote_score, s.spread)
        quotes = add_cited_support(self.index, ranked, quotes, s.max_quotes, s.cited_within)
        quotes = add_use_status(self.index, ranked, quotes, text, own.text)
        for part in [part for part, _ in by_part] or [own.corrected]:  # "what is it used for off-label?": the list
            quotes = add_outline(self.index, ranked, quotes, part, len(quotes) if by_part else 1)
        if CONSEQUENCE.search(text):
            quotes = add_gravest(self.index, ranked, add_elaboration(self.index, ranked, quotes, s.max_quotes))
        return "answered", (first + (PRESCRIBER_NOTE if is_personal_dosing(text) else "")).strip(), quotes

    def _unsaid(self, text: str, own: QueryTerms, ranked: list[RankedUnit], silent: list[str],
                topics_count: bool = True) -> bool:
        """The monograph leaves `text` unanswered: it is `silent` on some of its words (unless the other words match a
        passage outright, "how does that affect nerve signalling?", or the interaction list answers, "Advil for a
        headache while I'm on it?"), or, when `topics_count`, the question names nothing the monograph talks about
        ("can I fly while taking it?"), or it asks a fact (a year, how often) none of the passages gives."""
        s = self.settings
        best = ranked[0] if ranked else None
        if best is not None and best.lexical >= s.strong_lexical and Coverage.only_words(silent):
            silent = []
        if any(d in DRUG_CLASSES for d in own.other_drugs):
            silent = []
        return bool(silent or (topics_count and not topical_words(own, self.analyzer))
                    or fact_missing(text, (self.index.units[r.row].text for r in ranked[:s.max_quotes])))

    def _part_silent(self, part: str, ranked: list[RankedUnit]) -> bool:
        """A part of a compound question the monograph does not answer: the checks a whole question gets."""
        if not ranked or ranked[0].score < self.settings.min_quote_score:
            return True
        return self._unsaid(part, self.analyzer.analyze(part), ranked, self.coverage.silent_on(part))

    def _lists_a_symptom_asked(self, text: str, best: RankedUnit) -> bool:
        """The best unit is a list, and one of its items is a word of the question ("confused": "Confusion")."""
        unit = self.index.units[best.row]
        if unit.kind != "list":
            return False
        items = [line.strip(" •\t").lower() for line in unit.text.splitlines() if line.strip().startswith("•")]
        asked = set(stems(words(text))) - set(stems(["baclofen", "side", "effects", "symptoms"]))
        return any(set(stems(words(item))) & asked for item in items)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Ranked passages with scores, for staff look-ups (same hybrid retrieval as answers)."""
        terms = self.analyzer.analyze(clean_question(query))
        return self.retriever.passages(self.retriever.embed(terms.text), terms, k)
