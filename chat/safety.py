"""Safety texts and checks: the one disclaimer, emergency escalation, personal-dosing questions.

Emergencies are checked on the raw question before anything else, with patterns for
situations happening now (overdose, breathing trouble, seizures, unresponsiveness, pump
failure, abrupt stopping with withdrawal signs, self-harm). A general question such as
"Can baclofen cause seizures?" is information, not an emergency.
"""

from __future__ import annotations

import re

DISCLAIMER = (
    "This assistant only quotes an educational monograph about baclofen; it is not medical advice "
    "and may be incomplete. Ask your doctor or pharmacist before you start, change or stop any "
    "medicine. In an emergency, call your local emergency number."
)

EMERGENCY_MESSAGE = (
    "This may be an emergency. Call your local emergency number now (911 in the US), or Poison Help "
    "at 1-800-222-1222 if someone took too much. If you are thinking about harming yourself, call or "
    "text 988 (Suicide & Crisis Lifeline, US). Do not wait for symptoms to get worse. "
    "What the monograph says is below, for reference only."
)

PRESCRIBER_NOTE = (
    "Your prescriber sets your dose; do not change it on your own. Here is what the monograph says about dosage."
)

_PERSON = (r"(?:i|i'm|im|i've|ive|me|my|we|he|he's|hes|she|she's|shes|they|they're|someone|somebody|"
           r"my \w+|our \w+|his \w+|her \w+|(?:a|the) (?:child|kid|baby|toddler|patient|person|man|woman))")

_ALWAYS = [
    r"\bover ?dos(?:e|ed|ing)\b", r"\bod'?(?:ed|d)\b",
    r"\b(?:took|taken|take|swallowed|ate|had|taking)\b[^.?!]{0,40}\b(?:too many|too much|whole (?:bottle|pack|box)|"
    r"handful|extra (?:pills|tablets)|double|triple|all (?:of )?(?:my|the|his|her) (?:pills|tablets))",
    r"\b(?:took|taken|swallowed|ate|had|taking)\b[^.?!]{0,30}\b(?:\d{2,}|twenty|thirty|forty|fifty|dozens?)\s*"
    r"(?:of\s+(?:my|his|her|the|their)\s+)?(?:\w+\s+)?(?:pills|tablets|tabs)\b",
    r"\b(?:took|taken|take|taking|swallowed|ate|had)\b[^.?!]{0,30}\b\d{3,}\s*mg\b",
    r"\bswallowed\b[^.?!]{0,40}\b(?:pills?|tablets?|baclofen|medicine|meds)\b",
    r"\b(?:ate|eaten|got into)\b[^.?!]{0,30}\b(?:pills?|tablets?|baclofen|medicine|meds)\b",
    r"\b(?:kill(?:ing)? (?:my|him|her|them)sel(?:f|ves)|suicid\w*|end (?:my|his|her) life|"
    r"(?:hurt|harm)(?:ing)? (?:my|him|her)self|self[- ]harm\w*|want(?:ed)? to die|better off dead|"
    r"don'?t want to (?:live|be alive))",
    r"\b(?:not|isn'?t|stopped|barely|can'?t|cannot|couldn'?t|can not|struggling to|hard to|trouble|"
    r"difficulty)\s*breath\w*",
    r"\b(?:unresponsive|unconscious|won'?t wake|will not wake|can'?t wake|cannot wake|not waking|"
    r"passed out|collapsed|fainted|not responding|blacked out|turning blue|lips? (?:are |is )?blue)\b",
    r"\b(?:throat|tongue|lips?|face)\b[^.?!]{0,30}\b(?:swell\w*|swollen|closing|tight\w*)\b",
    r"\bpump\b[^.?!]{0,40}\b(?:alarm\w*|beep\w*|broke\w*|fail\w*|malfunction\w*|stopped|not working|"
    r"isn'?t working|leak\w*|empty|ran out)\b",
    r"\b(?:alarm\w*|beep\w*)\b[^.?!]{0,40}\bpump\b",
]
_NOW = [
    r"\b(?:having|had|has|is having|started|just had|keeps? having)\b[^.?!]{0,20}\b(?:a |an )?"
    r"(?:seizures?|fits?|convulsions?)\b",
    r"\b(?:seizing|convulsing|fitting|shaking uncontrollably)\b",
    r"\b(?:hallucinat\w*|seeing things|hearing things)\b",
    r"\b(?:high fever|burning up|temperature of)\b",
    r"\b(?:very|really|so|extremely) (?:confused|drowsy|sleepy)\b",
    r"\b(?:stiff as a board|rigid|can'?t move)\b",
    r"\bchest pain\b",
]
_STOPPED = r"\b(?:stopped|quit|ran out|missed|ran out of|came off|went off|no more)\b"
_GENERAL = re.compile(r"^\s*(?:can|could|does|do|will|would|is|are|may|might|what|which|how often|why)\b"
                      r"[^.?!]{0,40}\b(?:cause|causes|causing|lead to|side effects?|symptoms?|signs?|risks?)\b")
_ALWAYS_RE = [re.compile(p) for p in _ALWAYS]
_NOW_RE = [re.compile(p) for p in _NOW]
_PERSON_RE = re.compile(rf"\b{_PERSON}\b")
_DOSING = re.compile(
    r"\b(?:how (?:much|many)(?: \w+){0,5} (?:should|can|do|must|could) (?:i|he|she|we|they|my \w+)|"
    r"(?:what|which) (?:dose|dosage|amount|strength)(?: \w+){0,3} (?:should|can|do|must) (?:i|he|she|we|my \w+)|"
    r"(?:should|can|could) (?:i|he|she|we) (?:take|increase|double|up|raise|lower|reduce|change)\b[^.?!]{0,30}"
    r"\b(?:dose|dosage|mg|more|less|pills?|tablets?)|my dose|(?:increase|double|raise|lower|reduce|change) my\b)"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'"))


def detect_emergency(question: str) -> bool:
    """True when the question describes an emergency happening now."""
    text = _norm(question)
    if any(p.search(text) for p in _ALWAYS_RE):
        return True
    now = any(p.search(text) for p in _NOW_RE)
    if not now:
        return False
    if _GENERAL.search(text) and not re.search(r"\b(?:i|i'm|im|my|me)\b.*\b(?:now|right now|today|tonight)\b", text):
        return False  # "can baclofen cause hallucinations?" is a question about the drug
    return bool(_PERSON_RE.search(text)) or bool(re.search(_STOPPED, text))


def is_personal_dosing(question: str) -> bool:
    """True for "how much should I take?"-style questions: quote the dosage, defer to the prescriber."""
    return bool(_DOSING.search(_norm(question)))
