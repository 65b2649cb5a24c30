"""Not covered, out of scope and follow-ups: rules about words, tested with words the gold set and probe never use."""

from __future__ import annotations

import pytest

from chat.followup import Resolved, leans_on_history
from chat.query import Analyzer, is_real_word
from chat.scope import is_out_of_scope
from chat.topics import Coverage

CORPUS = [
    "Baclofen is a muscle relaxant used to treat spasticity and muscle spasms.",
    "Some common side effects include sedation, dizziness, weakness and fatigue.",
    "Baclofen could cause withdrawal symptoms such as seizures if stopped suddenly.",
    "Patients reported tickling, teething pain and headaches in one small study.",
    "It may help reduce alcohol cravings and the symptoms of acid reflux.",
    "The dose is increased slowly until the spasms ease.",
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CORPUS)


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    return Coverage.of(CORPUS)


@pytest.mark.parametrize("word", ["trickling", "seething"])
def test_rare_real_words_are_not_corrected_into_corpus_words(analyzer, word):
    assert analyzer.correct(word) == word  # not "tickling", "teething"


@pytest.mark.parametrize("typo, fixed", [("dizzyness", "dizziness"), ("withdrawel", "withdrawal"),
                                         ("sezures", "seizures")])
def test_typos_are_still_corrected(analyzer, typo, fixed):
    assert analyzer.correct(typo) == fixed


@pytest.mark.parametrize("typo, fixed", [("oxycodon", "oxycodone"), ("zolpidim", "zolpidem"), ("tramodol", "tramadol")])
def test_a_misspelled_medicine_is_read_as_that_medicine(analyzer, typo, fixed):
    terms = analyzer.analyze(f"is baclofen ok with {typo}?")
    assert terms.other_drugs == (fixed,) and "interact" in terms.expansions


@pytest.mark.parametrize("question, name", [
    ("is ofatumumab any good for relapses?", "ofatumumab"),  # an antibody's "-mab"
    ("does ponesimod make you tired?", "ponesimod"),  # an immunomodulator's "-imod"
    ("what is the highest dose of perindopril", "perindopril"),  # an ACE inhibitor's "-pril"
    ("what are the side effects of kesimpta?", "kesimpta"),  # a brand where a medicine's name goes
    ("is mayzent safe when breastfeeding?", "mayzent"),
    ("how many zeposia tablets a day", "zeposia"),
])
def test_a_medicine_missing_from_the_list_is_still_known_for_one(analyzer, question, name):
    terms = analyzer.analyze(question)
    assert name in terms.other_drugs
    assert is_out_of_scope(terms, Resolved(question, False), analyzer, 0.5, 0.2)


@pytest.mark.parametrize("question", [
    "what are the side effects of baclofen tablets",  # the monograph's own words
    "is baclofen safe with april travel plans",  # "april" is English, not a "-pril" medicine
    "does it help spasticty in the legs?",  # a slip of a corpus word is that word
    "what are the side effects of it",
    "what is the dose of baclophene", "side effects of lioresol",  # slips of baclofen's own names
])
def test_words_that_name_no_other_medicine(analyzer, question):
    assert analyzer.analyze(question).other_drugs == ()


def test_a_lay_phrase_is_not_rewritten_word_by_word(analyzer):
    # "baclofen could" is a corpus phrase, but "cold" belongs to "cold turkey" here
    assert analyzer.analyze("stopped baclofen cold turkey").corrected == "stopped baclofen cold turkey"


@pytest.mark.parametrize("word, real", [("narcolepsy", True), ("honking", True), ("definately", False),
                                        ("wrok", False)])
def test_real_words_and_slips(word, real):
    assert is_real_word(word) is real


def test_symptoms_match_plurals(coverage):
    assert "ulcer" in coverage.silent_on("can it give me stomach ulcers?")
    assert coverage.silent_on("does baclofen cause a headache?") == []  # the corpus says "headaches"


@pytest.mark.parametrize("question, gap", [
    ("is baclofen prescribed for narcolepsy?", "narcolepsy"),
    ("Could baclofen worsen psoriasis?", "psoriasis"),
    ("what about sciatica?", "sciatica"),
    ("can baclofen be used against eczema", "eczema"),
])
def test_an_asked_about_subject_the_corpus_never_uses_is_not_covered(coverage, question, gap):
    assert coverage.silent_on(question) == [gap]


@pytest.mark.parametrize("question", [
    "does baclofen make people feel sluggish",  # a lay word, but not what is asked about
    "does baclofen help with stiff muscles",  # lexicon words
    "does baclofen help with spastisity",  # a typo of a corpus word
    "does baclofen help with tiredness",  # derived from a lay word
    "is it okay for my grandmother",  # everyday English
    "can baclofen be taken with naproxen",  # another drug: the interaction list speaks of classes
])
def test_answerable_questions_are_not_flagged(coverage, question):
    assert coverage.silent_on(question) == []


@pytest.mark.parametrize("question, off_topic", [
    ("what are the symptoms of shingles", True),
    ("how do I get rid of dandruff", True),
    ("what are the symptoms of spasticity", False),
    ("does it cause shingles", False),  # about a medicine: not covered, not off-topic
    ("can the tablets cause dandruff", False),
])
def test_a_subject_the_monograph_never_uses_without_a_medicine_is_off_topic(analyzer, question, off_topic):
    terms = analyzer.analyze(question)
    assert is_out_of_scope(terms, Resolved(question, False), analyzer, 0.5, 0.2) is off_topic


@pytest.mark.parametrize("question", [
    "what are the warning signs of cancer",  # a common word, but the condition asked about
    "symptoms of diabetes in women",
    "what is the best treatment for arthritis",
    "early warning signs of type 2 diabetes?",  # the condition after a qualifier
])
def test_a_general_health_question_about_a_condition_the_monograph_never_names_is_off_topic(analyzer, question):
    assert is_out_of_scope(analyzer.analyze(question), Resolved(question, False), analyzer, 0.5, 0.2)


@pytest.mark.parametrize("question", [
    "is it ok to go swimming while taking it?",  # the user's own medicine is baclofen here
    "can I have coffee with my medication",
    "what happens if I skip it for a day",
    "what does an overdose look like?",  # an overdose, in this chat, is of baclofen
])
def test_a_question_about_the_users_own_medicine_is_in_scope(analyzer, question):
    assert not is_out_of_scope(analyzer.analyze(question), Resolved(question, False), analyzer, 0.5, 0.2)


@pytest.mark.parametrize("question", ["how many people overdose on opioids each year?",
                                      "what should you do if a friend overdoses on heroin"])
def test_an_overdose_of_something_else_is_not_about_the_users_medicine(analyzer, question):
    assert is_out_of_scope(analyzer.analyze(question), Resolved(question, False), analyzer, 0.1, 0.2)


def test_a_question_about_the_users_own_medicine_is_answered_or_not_covered(engine):
    assert engine.answer("am I allowed to fly on a plane while taking it?").status == "not_covered"
    assert engine.answer("what does an overdose look like in an older person?").status == "not_covered"
    assert engine.answer("what about the signs of cancer?").status == "out_of_scope"


def test_a_medicine_the_lexicon_lacks_gets_no_baclofen_quotes(engine):
    answer = engine.answer("what's the starting dose of siponimod?")
    assert answer.status == "out_of_scope" and not answer.quotes
    assert engine.answer("can I take baclofen together with siponimod?").status == "answered"  # an interaction


def test_an_off_topic_follow_up_stays_off_topic(analyzer):
    question = "and in Asia?"
    resolved = Resolved(f"{question} tallest mountain europe", True, "tallest mountain europe")
    assert is_out_of_scope(analyzer.analyze(question), resolved, analyzer, 0.5, 0.2)
    on_topic = Resolved("and in children? baclofen spasticity", True, "baclofen spasticity")
    assert not is_out_of_scope(analyzer.analyze("and in children?"), on_topic, analyzer, 0.5, 0.2)


@pytest.mark.parametrize("question, leans", [
    ("which one is the most dangerous?", True),
    ("could you elaborate on the injections?", True),
    ("anything else worth knowing?", True),
    ("are all of those permanent?", True),
    ("tell me more about baclofen pumps", False),  # names the drug and a topic of its own
    ("compared to cyclobenzaprine?", True),  # a comparison with what was asked before
    ("vs the injections?", True),
    ("how does it compare with tizanidine for spasms", True),
    ("which are serious?", True),  # a choice among what the last answer listed
    ("how many patients were studied?", True),  # an aspect of the earlier topic
    ("which drugs interact with baclofen?", False),
    ("is ibuprofen ok?", True),  # with the medicine talked about
    ("what is the dose of ibuprofen?", False),  # a question about ibuprofen of its own
])
def test_follow_up_cues(analyzer, question, leans):
    assert leans_on_history(question, analyzer) is leans


def test_a_comparison_follow_up_is_about_baclofen_not_the_other_drug(engine):
    answer = engine.answer("versus diazepam?", ["how well does baclofen relieve spasticity?"])
    assert answer.status == "answered" and "diazepam" in answer.quotes[0].text
    assert engine.answer("versus diazepam?").status == "out_of_scope"  # alone, it is about diazepam


@pytest.mark.slow
@pytest.mark.parametrize("history, question, status", [
    (["what is the half-life of baclofen?"], "and in older people?", "not_covered"),  # silent on the borrowed topic
    (["can you store baclofen in the fridge?"], "what about in a hot car?", "not_covered"),
    ([], "does baclofen help with sciatica", "not_covered"),
    ([], "can baclofen give you ulcers", "not_covered"),
    ([], "is baclofen prescribed for narcolepsy?", "not_covered"),
    ([], "what are the symptoms of shingles", "out_of_scope"),
    ([], "what causes gallstones?", "out_of_scope"),
    (["what's the tallest mountain in Europe?"], "and in Asia?", "out_of_scope"),
    (["what are the side effects of baclofen"], "which one is the most dangerous?", "answered"),
    (["can baclofen help alcohol dependence"], "what else should I know?", "answered"),
    (["What are the side effects?"], "which are serious?", "answered"),
    (["what drugs interact with baclofen?"], "is ibuprofen ok?", "answered"),  # the list names ibuprofen
    (["what is baclofen?"], "what is the dose of ibuprofen?", "out_of_scope"),
    (["what did the review of 6 trials in children find?"], "what about the other review?", "answered"),  # the
    # follow-up says little itself: the topic it borrows is what is close to the monograph
    # answerable questions in the user's own words stay answered
    ([], "does baclofen make people feel sluggish", "answered"),
    ([], "is baclofen habit forming for heavy drinkers", "answered"),
    ([], "Who decides if a patient qualifies for intrathecal baclofen?", "answered"),
])
def test_statuses_end_to_end(engine, history, question, status):
    assert engine.answer(question, history=history).status == status


@pytest.mark.parametrize("question, history, status", [
    ("would it leave me constipated?", ["I was prescribed baclofen last week"], "not_covered"),  # a symptom, as said
    ("In what year did the FDA approve baclofen?", [], "not_covered"),  # no year in the monograph's approval text
    ("which decade was baclofen first synthesized in?", [], "answered"),
    ("how many times per day do people usually take baclofen tablets?", [], "not_covered"),  # only mg/day
    ("how often do side effects happen with oral baclofen?", [], "answered"),  # how common, not how often taken
    ("how many milligrams a day did the man in the smoking case end up taking?", [], "answered"),
    ("in the case report, what dose was the mother on when her newborn had seizures?", [], "answered"),
    ("can you overdose on baclofen?", [], "not_covered"),  # the monograph never speaks of an overdose
    ("can I drink coffee on baclofen?", [], "not_covered"),  # "drink" is not always alcohol
    ("can i have a beer on baclofen", [], "answered"),
    ("which one works fastest?", ["what forms does baclofen come in?"], "not_covered"),  # no onset times
    ("should I take baclofen in the morning or at night?", [], "not_covered"),  # no time of day
    ("what is the half life", [], "not_covered"),  # a medicine's property: about baclofen here, and not in it
    ("is baclofen vegan", [], "not_covered"),
    ("can you snort baclofen", [], "not_covered"),
    ("can I split baclofen tablets in half?", [], "not_covered"),
    ("what is the generic name for lioresal", [], "answered"),  # baclofen; not a question about generic makers
    ("kids", [], "answered"),  # a topic of the monograph said alone is about baclofen here
    ("children?", [], "answered"),
    ("pizza", [], "out_of_scope"),
    ("what's your favourite colour?", [], "out_of_scope"),
    ("more info", [], "out_of_scope"),  # no content for the emergency model to judge (it said 0.93)
    ("help", [], "out_of_scope"),
    ("I'm so groggy in the morning on baclofen", [], "answered"),  # sleepiness, not when to take it
    ("I keep forgetting things on baclofen, is that normal?", [], "not_covered"),  # memory: never mentioned
    ("what would an overdose look like?", ["is baclofen safe?"], "not_covered"),
    ("how long after I swallow my first tablet will baclofen begin working?", [], "not_covered"),  # no onset
    ("how many times daily do people take it?", [], "not_covered"),  # "daily doses are increased" is no frequency
    ("is this medicine an opioid like oxycodone?", [], "answered"),  # the user's medicine set beside another
    ("is baclofen as good as a benzodiazepine for ethanol withdrawal?", [], "answered"),
    ("I forgot my evening baclofen, can I take it with breakfast?", [], "not_covered"),  # a missed dose
    ("can I take it with tylenol?", [], "not_covered"),  # "it": the user's medicine; Tylenol: not in the list
    ("could I take it alongside ibuprofen?", [], "answered"),  # the interaction list names drugs like it
    ("what is gablofen?", [], "answered"),  # a brand of baclofen the monograph never names
    ("what dose of baclofen helps hiccups?", [], "not_covered"),  # its doses are for spasticity
    ("how much baclofen is taken for reflux?", [], "not_covered"),
    ("how much alcohol can I drink on baclofen?", [], "answered"),  # an amount of alcohol, not a dose for it
    ("can I take my dose with alcohol?", [], "answered"),
])
def test_what_the_monograph_says_and_does_not(engine, question, history, status):
    assert engine.answer(question, history).status == status


@pytest.fixture(scope="module")
def family_analyzer() -> Analyzer:
    return Analyzer(["Stopping it suddenly can cause delirium and agitation.", "Sleepiness is common at first."])


def test_a_word_of_the_same_family_that_stemming_misses_is_added(family_analyzer):
    assert "delirium" in family_analyzer.analyze("she seemed delirious afterwards").expansions


def test_a_slip_for_an_english_word_the_corpus_shares_a_stem_with_is_fixed(family_analyzer):
    assert family_analyzer.correct("agitatd") == "agitated"  # the corpus says "agitation"
    assert family_analyzer.correct("qwzxv") == "qwzxv"  # nothing close: left alone


def test_words_of_a_lay_phrase_get_no_family_guesses(family_analyzer):
    # "sleeping pills" is a lay phrase for insomnia medicines, not a question about sleepiness
    assert "sleepiness" not in family_analyzer.analyze("with my sleeping pills").expansions


@pytest.mark.parametrize("question, term", [
    ("what is behind withdrawal most of the time?", "majority"), ("the main cause of pump trouble", "majority"),
    ("how baclofen acts", "mechanism"), ("how exactly does it calm tight muscles?", "mechanism"),
])
def test_everyday_phrasings_reach_the_monographs_words(analyzer, question, term):
    assert term in analyzer.analyze(question).expansions


def test_a_slip_into_a_real_word_is_read_as_meant(analyzer):
    assert analyzer.analyze("how dose it work").corrected == "how does it work"
    assert analyzer.analyze("what dose should I take").corrected == "what dose should i take"  # a real dose


def test_the_shape_of_a_question_adds_terms_but_no_topic(analyzer):
    terms = analyzer.analyze("could the weather cause headaches")
    assert "side" in terms.expansions and set(terms.shape_terms) == {"side", "effects"}
    assert analyzer.analyze("does it cause drowsiness").shape_terms == ("side", "effects")
    assert "side" not in analyzer.analyze("can you give me a recipe").expansions


def test_a_question_close_in_meaning_to_a_passage_is_on_topic_whatever_its_words(analyzer):
    question = "how do I get rid of dandruff"  # shares no topic word with the corpus
    terms, resolved = analyzer.analyze(question), Resolved(question, False)
    assert is_out_of_scope(terms, resolved, analyzer, 0.40, 0.2, in_scope_dense=0.45)
    assert not is_out_of_scope(terms, resolved, analyzer, 0.50, 0.2, in_scope_dense=0.45)
    other = analyzer.analyze("what is the dose of ibuprofen")  # another medicine: off-topic however close
    assert is_out_of_scope(other, Resolved("", False), analyzer, 0.9, 0.2, in_scope_dense=0.45)


def test_a_message_of_mostly_unknown_words_is_not_searched_for_english_slips(family_analyzer):
    # each English-slip search tries hundreds of one-edit variants: gibberish would cost ~0.4 s a message
    assert family_analyzer.correct("agitatd", english=False) == "agitatd"
    assert "agitated" in family_analyzer.analyze("she seems agitatd").corrected
    assert "agitated" not in family_analyzer.analyze("qzvx agitatd wqpl xxbr zzlm vvnq").corrected


@pytest.mark.parametrize("question", [
    "does cerebral palsy run in the family?", "can you inherit MS from your mum?", "are hiccups contagious?",
    "which home remedies get rid of hiccups fastest?",
])
def test_heredity_or_remedies_of_a_condition_the_medicine_treats_are_off_topic(analyzer, question):
    assert is_out_of_scope(analyzer.analyze(question), Resolved(question, False), analyzer, 0.5, 0.2)
    assert not is_out_of_scope(analyzer.analyze(question + " does baclofen help"), Resolved(question, False),
                               analyzer, 0.5, 0.2)


@pytest.mark.parametrize("question", ["will the tablets make me pile on the pounds?", "gained 10 lbs since starting it",
                                      "am I getting heavier because of baclofen?"])
def test_gaining_weight_in_other_words_is_the_weight_topic(coverage, question):
    assert "weight" in coverage.silent_on(question)


def test_staff_shorthand_reaches_the_monographs_words(engine):
    answer = engine.answer("baclofen PO starting dose")
    assert answer.quotes[0].section.endswith("Oral Baclofen")
    assert any("withdrawal symptoms" in q.text for q in engine.answer("ITB withdrawal sx").quotes)
