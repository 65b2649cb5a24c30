"""Safety texts and checks: the one disclaimer, emergency escalation, personal-dosing questions.

Emergencies are checked on the question before anything else, with patterns for situations
happening now (overdose or a dose taken twice, breathing trouble, seizures, unresponsiveness,
pump failure, abrupt stopping with withdrawal signs, self-harm in its many phrasings), also with
mistyped emergency words fixed and, for a follow-up that reports something happening now, with
the earlier question's subject. A general question such as "Can baclofen cause seizures?" is
information, not an emergency; over-triggering is the safe side of every rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chat.lexicon import HOW_MUCH_DOSE, PEOPLE
from chat.query import zipf
from chat.topics import OVERDOSE

DISCLAIMER = (
    "This assistant only quotes an educational monograph about baclofen; it is not medical advice "
    "and may be incomplete. Ask your doctor or pharmacist before you start, change or stop any "
    "medicine. In an emergency, call your local emergency number."
)

EMERGENCY_MESSAGE = (
    "This may be an emergency. Call your local emergency number now (911 in the US), or Poison Help "
    "at 1-800-222-1222 if someone took too much. If you are thinking about harming yourself, call or "
    "text 988 (Suicide & Crisis Lifeline, US). Do not wait for symptoms to get worse."
)
REFERENCE_NOTE = "What the monograph says, for reference only:"  # above an emergency answer's quotes, if any

# Above the answer to a question about taking too much that is not an emergency now ("what happens if a child
# swallows my baclofen?"): what to do if it happens, before what the monograph says.
POISON_NOTE = (
    "If someone may have taken too much baclofen, or a child or a pet swallowed some, call Poison Help at "
    "1-800-222-1222 or your local emergency number (911 in the US) right away."
)

PRESCRIBER_NOTE = (
    "Your prescriber sets your dose; do not change it on your own. Here is what the monograph says about dosage."
)

_WHO = PEOPLE
_PERSON = (r"(?:i|i'm|im|i've|ive|me|my|we|he|he's|hes|she|she's|shes|they|they're|someone|somebody|"
           rf"my \w+|our \w+|his \w+|her \w+|(?:a|the) (?:child|kid|baby|toddler|patient|person|man|woman)|{_WHO})")
_NEG = r"(?:not|isn'?t|stopped|barely|can'?t|cant|cannot|couldn'?t|can not|cnt|cn'?t|unable to|no longer)"
_PILLS = r"(?:pills?|pils|tablets?|tabs|baclofen|meds|medicine|medication|doses?)"

# Thoughts of self-harm: escalated however they are put, in questions too, and never dismissed as past.
_SELF_HARM = [
    r"\b(?:kill(?:ing)? (?:my|him|her|them)sel(?:f|ves)|suicid\w*|(?:end|take|taking|ending) (?:my|his|her) (?:own )?life|"
    r"(?:hurt|harm|cut|cutting)(?:ing)? (?:my|him|her)sel(?:f|ves)|self[- ]harm\w*|wants? to die|wanted to die|"
    r"wanna die|better off (?:dead|without me)|don'?t want to (?:live|be alive|be here|wake up|exist)|"
    r"(?:never|not) (?:to )?wake up|didn'?t wake up (?:one day|ever)|"
    r"(?:so|and) (?:that )?(?:i|he|she) (?:just |would |will )?(?:don'?t|never|won'?t|wouldn'?t) wake (?:up|again)(?: (?:again|ever|anymore))?\s*(?:[.!?,]|$)|"
    r"(?:no|nothing to) (?:reason|point) (?:to|in|of) (?:live|living|going on)|what'?s the point of (?:living|going on|"
    r"life)|not worth living|(?:life|living) (?:is(?:n'?t| not)|isnt) worth|can'?t go on|"
    r"(?:end|ending) (?:it(?: all)?|everything)\b|wish (?:i|he|she) (?:was|were) dead|unalive|\bkms\b|"
    r"(?:stop|quit) (?:existing|living)\b|"
    r"(?:want|wanted) (?:it|this|everything) (?:all )?to (?:be over|end|stop)|goodbye (?:letters?|notes?)|"
    r"stockpil\w*|(?:saved|saving|hoarding|hoarded) (?:up )?(?:a lot of |all )?(?:my )?" + _PILLS + r"|"
    r"(?:got|have|I'?ve got) (?:a lot of|lots of|enough) " + _PILLS + r" (?:saved|stored|put away)|"
    r"i'?m (?:just )?a burden|(?:lethal|fatal|deadly) (?:dose|amount)|"
    r"(?:there'?s no|(?:don'?t|can'?t) see (?:a|any)) way out|"
    r"(?:don'?t|dont|do not|can'?t|cant) see (?:the|any) point (?:anymore|any more|in (?:anything|living|going on|life|"
    r"being here)|of (?:anything|living|life|being here))|"
    r"\b(?:dose|amount|how (?:many|much))\b[^.?!]{0,40}\b(?:is|are|would be|will be) (?:\w+ )?(?:fatal|lethal|deadly)\b)",
    r"\b(?:how (?:many|much)|enough)\b[^.?!]{0,40}\b(?:to|would it take to|will|would) (?:die|kill|end it|not wake)\b",
    r"\b(?:take|taking|swallow|swallowing)\b[^.?!]{0,25}\ball (?:of )?(?:my|the|them|these)\b[^.?!]{0,25}\b(?:at once|"
    r"together|in one go)\b",
    r"\b(?:thinking (?:about|of)|want(?:ing)? to|going to|gonna|plan(?:ning)? (?:to|on))\b[^.?!]{0,20}\b(?:take|taking|"
    r"swallow\w*)\b[^.?!]{0,15}\b(?:whole|entire|all (?:of )?my)\b[^.?!]{0,12}\b(?:bottle|pack|box|supply|pills|tablets)\b",
    # a death wished for or planned in other words; algospeak ("sewer slide"); a last goodbye; a place to jump from
    r"\b(?:tired|sick) of (?:existing|being alive|living|life)\b|\b(?:go to sleep|sleep|drift off) (?:forever|for good|"
    r"and never)\b|\b(?:does|would|will) it hurt to die\b|\bsewer ?slide\b|\bcommit (?:die|sewer)\b|"
    r"\b(?:not (?:gonna|going to)|won'?t) be (?:around|here)(?: much)? (?:longer|anymore|tomorrow|after (?:tonight|today))\b|"
    r"\blast time (?:i'?ll|i will|i'?m going to|im gonna) (?:ask|talk|message|write|speak)\b|"
    r"\b(?:i'?m|im|i am|standing|sitting) (?:on|at) (?:the|a) (?:edge of (?:the|a) )?(?:bridge|roof|rooftop|ledge|cliff|"
    r"train tracks|tracks)\b|\bcan'?t do (?:this|it) any ?more\b|\b(?:done|finished) with (?:everything|it all|life|living)\b|"
    r"\bnothing but a burden\b|\b(?:i'?ve been|been|i am|im) (?:such )?a burden\b|\b(?:that'?s|is|as) my way out\b|"
    r"\bmake (?:it|this|everything) all (?:stop|end|go away)\b|\bmake everything (?:just )?(?:stop|end|go away)\b|"
    r"\bmake it look (?:like )?(?:an )?accident(?:al)?\b",
    # the means got ready: pills saved up, lined up or counted, the lot to be taken, whether it is enough or certain
    r"\b(?:saving|saved|hoarding|hoarded|stashing|stashed) (?:them|these|those|it) up\b|\b(?:have|got) enough saved\b|"
    r"\b(?:pills|tablets|them|meds) (?:are )?(?:all )?lined up\b|\bcounting (?:them|the pills|my pills|the tablets|my tablets)\b|"
    r"\btake the (?:whole )?lot\b|\benough to do it\b|\benough on (?:its|their) own\b|"
    r"\b(?:would|will) (?:it |that |this |they )?be (?:peaceful|certain)\b|\bdecided (?:it'?s|it is|to do it) (?:tonight|today)\b|"
    r"\b(?:gave|giving|given) away (?:my|all my)\b|\b(?:gave|given) my (?:dog|cat|pets?|things|stuff|belongings) (?:to|away)\b|"
    r"\b(?:sorted|sorting) (?:out )?my will\b|\b(?:would|will|it) work this time\b|\bmake sure it (?:works|worked)\b|"
    r"\b(?:would|will) (?:i|they|he|she|someone|you) (?:definitely|surely|certainly) die\b",
    # others better off without one; an amount asked for with no purpose, or up to what kills; a method, a
    # rest forever, the means bought "so I have enough", letters left "just in case", things to be ended
    r"\bbetter off (?:if|when|once) (?:i|he|she)(?:'?m|'?d| (?:was|were|wasn'?t|weren'?t|am|is|had|died|left))?"
    r"(?: not| no longer)? (?:here|around|gone|dead|alive|never born|died)\b|"
    r"\bhow (?:many|much)\b[^.?!]{0,30}\b(?:it takes|it would take|would it take|does it take)\s*(?:[.!?]|$)|"
    r"\b(?:most|max\w*|how (?:many|much))\b[^.?!]{0,50}\b(?:before|until) (?:it|they|that) (?:kills?|killed|would kill)\b|"
    r"\bpainless (?:ways?|methods?) to (?:go|die|end|do it)\b|\bways to (?:die|end it|kill (?:my|your)self)\b|"
    r"\b(?:rest|sleep) (?:forever|for good|for ever|permanently)\b|\beternal (?:rest|sleep)\b|"
    r"\bso (?:that )?(?:i|he|she) (?:have|has|got) enough(?: now)?\s*(?:[.!?]|$)|"
    r"\b(?:wrote|written|writing|left) (?:\w+ )?(?:letters?|notes?) (?:to|for) (?:my |all my )?(?:kids|children|family|"
    r"wife|husband|partner|mum|mom|dad|parents|everyone|friends|loved ones|sons?|daughters?)\b[^.?!]{0,30}\bjust in case\b|"
    # said the way people say it: to disappear, no reason to keep going, giving up on everything, wanting out
    r"\bdisappear (?:forever|for good|for ever|permanently)\b|\bno reason (?:for me |for him |for her )?to (?:keep going|"
    r"go on|carry on|stay|be here|live)\b|\bgiving up on (?:everything|life|living|it all)\b|"
    r"\b(?:nobody|no one|no-one) would (?:even )?(?:notice|care|miss me)\b[^.?!]{0,20}\bif (?:i|he|she) (?:was|were|am|is) "
    r"(?:gone|dead|not here)\b|\b(?:i|i just) want out\b(?! of)|\b(?:life|living) has no (?:meaning|point|purpose)\b|"
    r"\bsaying (?:my )?goodbyes? to (?:everyone|everybody|all of you|my family)\b|"
    r"\b(?:just )?end (?:things|my life)\b(?! with)|"
    r"\b(?:going to|gonna|will|planning to|about to|want to)\s+(?:just\s+)?(?:take|swallow)\s+(?:them|these|those|"
    r"my (?:pills|tablets|meds))\s+all\b|"
    r"\bif (?:i|he|she|they) (?:took|take|swallowed|swallow|had)\b[^.?!]{0,30}\b(?:would|will|could) (?:i|he|she|they) die\b",
    # not planning to be here; letting something finish one off; a goodbye posted
    r"\bnot (?:planning|planing|intending|expecting) (?:on |to )?(?:be(?:ing)?|stay(?:ing)?) (?:here|around|alive)\b|"
    r"\blet(?:ting|s)? (?:the |this |it )?(?:\w+ )?finish (?:me|him|her)(?: off)?\b|"
    r"\bposted (?:a |her |his |their )?goodbye\b|\bgoodbye (?:post|message|video|text|status)\b",
    # self-harm going on now: a cut that will not stop bleeding
    r"\b(?:cut|cutting|cuts)\b[^.?!]{0,80}\b(?:won'?t stop bleeding|bleeding (?:a lot|heavily|badly|through)|"
    r"(?:too |really |much |way )?deep(?:er)?(?: than usual)?)\b",
]
# "the man who took...", "the patient taking 600 mg...": a person the monograph tells of, not one here.
_NOT_A_CASE = r"(?<!who )(?<!that )"
_CASE_TAKING = r"(?<!man )(?<!woman )(?<!guy )(?<!patient )(?<!person )taking"
# Too much taken or given, in words that leave no doubt (with the signs below: happened or happening, no "now" needed).
_TOO_MUCH = [
    r"\bover ?dos(?:ed|ing)\b|\bdouble[ -]?dos(?:ed|ing)\b|\bod'?(?:ed|d|ing)\b|\bdoubled up\b",
    _NOT_A_CASE + r"\b(?:took|taken|take|swallowed|ate|had|taking|gave|given|popped|chewed|got into)\b[^.?!]{0,40}"
    r"\b(?:too many|to many|too much|way more|a lot more|more than (?:prescribed|(?:he|she|i) should)|a bunch|a handful|"
    r"handful|(?:whole|entire) (?:bottle|pack|blister pack|box|strip|supply|week'?s|weeks|month'?s)|"
    r"half (?:the|a|my|his|her|their) (?:bottle|pack|box|strip)|extra (?:pills|tablets|doses?)|double|triple|"
    r"all (?:of )?(?:my|the|his|her|their|(?:\w+day'?s)) (?:pills|tablets|baclofen|meds|medicine))",
    # four or more at once ("took 2 tablets this morning" is a regimen); "he take 30 tablet" as a learner writes it
    _NOT_A_CASE + r"\b(?:took|taken|swallowed|ate|had|taking|popped|chewed)\b[^.?!]{0,30}\b(?:[4-9]|\d{2,}|four|five|six|"
    r"seven|eight|nine|ten|twenty|thirty|forty|fifty|dozens?|several)\s*(?:or \d+ )?(?:of\s+(?:my|his|her|the|their|"
    r"them)\s+)?(?:\w+\s+)?(?:pills|pils|tablets|tabs|baclofen|of them)\b",
    r"\b(?:he|she|i|they|my \w+) (?:take|takes)\b[^.?!]{0,15}\b[1-9]\d\s*(?:pills?|tablets?|tabs)\b"
    r"(?! (?:a|per|each|every) (?:day|week)| daily)",
    # (an amount over 99 mg taken; not one asked about: "can I just take 100mg a day?", "is it safe to take 120 mg?")
    _NOT_A_CASE + r"(?<!can i )(?<!could i )(?<!should i )(?<!may i )(?<!can i just )(?<!could i just )"
    r"(?<!should i just )(?<! to )\b(?:took|taken|take|" + _CASE_TAKING + r"|swallowed|ate|had)\b[^.?!]{0,30}"
    r"\b\d{3,}\s*mg\b",
    rf"\bswallowed\b[^.?!]{{0,40}}\b{_PILLS}\b",
    # "gave my daughter 10 times her dose"
    _NOT_A_CASE + r"\b(?:gave|given|took|taken|had|swallowed)\b[^.?!]{0,30}\b(?:\d+|two|three|four|five|six|ten|twenty)"
    r" times (?:the |her |his |my |their |your )?(?:normal |usual |prescribed |right )?(?:dose|amount)\b",
    rf"\b(?:ate|eaten|got into|found)\b[^.?!]{{0,40}}\b(?:{_PILLS}|bottle)\b[^.?!]{{0,30}}\b(?:missing|open|gone|everywhere)\b",
    rf"\b(?:ate|eaten|got into|chewed)\b[^.?!]{{0,30}}\b{_PILLS}\b",
    rf"\b{_PILLS} (?:are |were )?missing\b",
    _NOT_A_CASE + r"\b(?:took|taken|swallowed|taking|ate|had)\b[^.?!]{0,60}\b(?:at once|all together|in one go)\b",
    # a small child and the medicine within reach
    r"\b(?:toddler|baby|little one|(?:\d|two|three|four|five) ?(?:year|yr)s? old)\b[^.?!]{0,100}\b(?:got into|found (?:the|my|his|her)|"
    r"(?:bottle|pack|box|organi[sz]er) (?:was |is )?open|open (?:pill |medicine )?(?:bottle|organi[sz]er)|"
    r"(?:compartment|bottle) (?:is |was )?empty|missing|powder|(?:in|around) (?:his|her) mouth|chewed|swallowed|ate some)",
    # a dose given or taken twice by mistake is a question for Poison Help
    r"\b(?:accidentally|by accident|by mistake|mistakenly|forgot (?:i|he|she) (?:already )?(?:had|took))\b[^.?!]{0,40}"
    r"\b(?:twice|double|two doses|again|extra|another (?:dose|pill|tablet)|too|already)\b",
    r"\b(?:twice|double|two doses|extra (?:doses?|pills?|tablets?)|another (?:dose|pill|tablet))\b[^.?!]{0,40}"
    r"\b(?:accidentally|by accident|by mistake|mistakenly|forgot (?:i|he|she) (?:already )?(?:had|took|it))\b",
    r"\b(?:took|gave|given|taken|had|got)\b[^.?!]{0,30}\b(?:dose|pills?|tablets?|baclofen|meds)\b[^.?!]{0,15}\btwice "
    r"(?:today|tonight|this (?:morning|evening)|in (?:a row|an hour))",
    r"\b(?:took|gave|given|taken|had)\b[^.?!]{0,30}\b(?:dose|pills?|tablets?|baclofen|meds)\b[^.?!]{0,10}\b(?:3|4|5|three|four|"
    r"five) times\b(?! (?:a|per|each|every) (?:day|week)| daily)",
]
# Baclofen taken with alcohol or another sedating drug, and now too sedated to stand, stay awake or make sense.
_DEPRESSANT = re.compile(r"\b(?:alcohol|wine|beers?|vodka|gin|whiske?y|rum|tequila|shots|drinks|drinking|drunk|booze|"
                         r"prosecco|champagne|cider|xanax|valium|ativan|klonopin|benzos?|ambien|zolpidem|sleeping (?:pills?|"
                         r"tablets)|oxy\w*|opioids?|percocet|vicodin|morphine|fentanyl|heroin|methadone|tramadol|codeine|"
                         r"gabapentin|lyrica|pregabalin)\b")
_SEDATED = re.compile(r"\b(?:can'?t|cannot|cant|couldn'?t) (?:stay awake|stand(?: up)?|walk|lift (?:my|his|her|their) head|"
                      r"keep (?:my|his|her|their) (?:eyes|head) (?:open|up)|feel (?:my|his|her|their) (?:legs|arms|face))\b|"
                      r"\bwalking into (?:walls|things|doors)\b|\bslurr\w*|\beverything (?:goes|is going|went|is|gets) "
                      r"(?:dark|black|slow)\b|\bfeel(?:s|ing)? like (?:i'?m|im|he'?s|she'?s|they'?re) sinking\b|"
                      r"\b(?:legs|knees) (?:won'?t|can'?t|don'?t|wont|cant|dont) (?:hold|work)\b|"
                      r"\bsnoring (?:weird\w*|strange\w*|funny|odd\w*)|\bnothing (?:s?he|they|i) says? makes? sense\b|"
                      r"\bmaking no sense\b")
# Signs that need no "now" either; but a story that says it ended well is over (ended_well), unlike too much taken.
_SIGNS_ANY_TIME = [
    rf"\b{_NEG}\s*(?:breath\w*|get (?:any )?air)",
    # breathing doubted; rousing that barely works, or gets no more than a sound
    r"\b(?:don'?t|dont|do not) think (?:\w+ ){0,2}(?:is |'s |s |are )?breathing\b|"
    r"\bnot sure (?:if |whether )?(?:\w+ )?(?:is |'s |s |are )?(?:still )?breathing\b",
    r"\b(?:can|could) (?:barely|hardly|only just) (?:rouse|wake|arouse)\b|\b(?:can'?t|cannot|couldn'?t) (?:properly|fully|really) "
    r"(?:wake|rouse)\b|\b(?:can'?t|cannot|couldn'?t) get (?:more than|anything (?:more )?than|a word|any sense|anything)\b"
    r"[^.?!]{0,25}\bout of (?:him|her|them)\b|\b(?:doesn'?t|does not|didn'?t|won'?t) wake(?: up)? even (?:when|if)\b",
    r"\b(?:lips|face|skin|he|she|he's|she's|they're|hes|shes) (?:has |have |is |are )?(?:gone|turned|going|turning) "
    r"(?:grey|gray|blue)\b",
    r"\b(?:gasping|choking|suffocating|turning blue|lips? (?:are |is |look |looks |went |turned )?(?:kind of |kinda |a bit |sort of |slightly |really |very )?(?:blue|grey|gray)|"
    r"stopped breathing|no breathing|not breathing|respiratory (?:arrest|failure)|spo2|sats? (?:of |at |are )?\d\d|"
    r"rr (?:of )?\d+)\b",
    r"\b(?:unresponsive|unconscious|won'?t wake|will not wake|can'?t wake|cannot wake|not waking|can'?t (?:rouse|be woken)|"
    r"(?:difficult|hard|impossible) to (?:rouse|wake|arouse)|unrousable|unarousable|obtunded|out cold|"
    r"passed out(?! (?:from )?laugh\w*)|"
    r"collapsed|fainted|blacked out|(?:totally|completely|all) limp|can'?t keep (?:his|her|my|their) eyes open)\b",
    r"\b(?:didn'?t|did not|doesn'?t|does not|won'?t|isn'?t|not) (?:react|reacting|wake|waking|stir|stirring)\b"
    r"(?! (?:to|well to) (?:the |his |her |my )?(?:baclofen|treatment|medication|medicine|drug|dose|pills?|tablets?))[^.?!]{0,20}"
    r"(?:\bat all\b|\bwhen (?:i|we) (?:pinch\w*|shak\w*|call\w*|shout\w*))",
    r"\b(?:won'?t|will not|isn'?t|is not|not|stopped|doesn'?t|does not|can'?t) (?:respond|answer)(?:ing|s)?\b"
    r"(?! (?:well )?to (?:the )?(?:baclofen|treatment|medication|medicine|drug|therapy|injections?|doses?|pills?|tablets?))",
]
# Dangerous when it is happening, not when someone asks about it ("What happens if the pump fails?")
# or tells of it long ago ("Years ago I had a seizure").
_GUARDED = [
    r"\bover ?dose\b",
    r"\b(?:trouble|difficulty|difficult|hard|struggling|problems?|labou?red|laboring)\b[^.?!]{0,12}\bbreath\w*",
    r"\bbreath\w*\b[^.?!]{0,15}\b(?:slow(?:ly|ed|er)?|shallow|weak|strange|funny|noisy|irregular)\b",
    r"\b(?:blue|bluish|grey|gray|purple|purplish) (?:lips|fingertips|face)\b",  # said before the noun: "blue lips after it"
    r"\b(?:short(?:ness)? of breath|catch (?:my|his|her|their) breath|wheez\w*|respiratory depression|in a coma|"
    r"into a coma|comatose)\b",
    r"\bstop(?:s|ping)? breathing\b|\bpauses? in (?:my|his|her|their) breathing\b",
    r"\b(?:throat|tongue|lips?|face|eyes?|mouth)\b[^.?!]{0,30}\b(?:swell\w*|swollen|closing|tight\w*|puff\w*|huge)\b",
    r"\b(?:swell\w*|swollen|puff\w*)\b[^.?!]{0,15}\b(?:throat|tongue|lips?|face|eyes?)\b",
    r"\b(?:hives|angioedema|anaphyla\w*|(?:(?:hard|unable|difficult) to|can'?t|cannot) swallow\b"
    r"(?! (?:the |his |her |my )?(?:pills?|tablets?|capsules?|them|whole)))",
    r"\b(?:pump|catheter|itb)\b[^.?!]{0,40}\b(?:alarm\w*|beep\w*|broke\w*|fail\w*|malfunction\w*|stopped|not working|"
    r"isn'?t working|leak\w*|empty|ran out|kink\w*|disconnect\w*|block\w*|came out|pulled out|dislodged|weird noise|"
    r"noise)\b",
    r"\b(?:alarm\w*|beep\w*)\b[^.?!]{0,40}\b(?:pump|itb)\b",
    # a newborn's withdrawal or seizure: twitching, jerking, stiffening, not feeding
    r"\b(?:baby|newborn|infant)\b[^.?!]{0,40}\b(?:twitch\w*|jerk\w*|stiffen\w*|won'?t (?:feed|eat|wake)|not feeding|"
    r"stopped feeding|refus\w* to feed)\b",
    # a seizure told by its signs: eyes rolling up, a bitten tongue, the body locking up and jerking, after it
    r"\beyes (?:go|goes|went|rolled|rolling|roll|going|rolled back) (?:up|back)\b|\bpost[- ]?ictal\b|"
    r"\b(?:bit|bitten|biting) (?:his|her|their|my) tongue\b|\btongue (?:bitten|bit)\b|"
    r"\b(?:shaking|jerking|twitching|shakes|jerks) (?:all over|all (?:the|her|his|their) body)\b|"
    r"\b(?:locks?|locked|locking) up and (?:jerk|shak|twitch)\w*\b|\b(?:goes|went|going) stiff and (?:jerk|shak|shook|twitch)\w*\b",
    # on the floor and twitching, jerking, staring or not moving: a seizure or a collapse told as it is seen
    r"(?<!\bi )(?<!\bi'm )(?<!\bim )(?<!\bi was )(?<!\bi am )"
    r"\b(?:lying|laying|lay|lies|found|collapsed|fell|slumped) (?:\w+ )?on the (?:\w+ )?(?:floor|ground)\b"
    r"(?:(?! and my )[^.?!]){0,30}"
    r"\b(?:twitch\w*|jerk\w*|shak\w*|not moving|staring|foaming|convuls\w*|fitting|stiff)\b",
    r"\b(?:seizing|convulsing|tonic[- ]clonic|grand mal|status epilepticus|(?:having|had|has|is having|started|just had|"
    r"keeps? having)\b[^.?!]{0,20}\b(?:a |an )?(?:seizures?|fits?|convulsions?))\b",
]
# Signs that are urgent in a person now, or after stopping baclofen (withdrawal), not in a question about them.
_NOW = [
    r"\b(?:fitting|shaking uncontrollably)\b",
    r"\b(?:hallucinat\w*|seeing things|hearing (?:things|voices))\b",
    r"\b(?:high fever|burning up(?! (?:my|his|her|the|your|their|its|our|a|an|in)\b)|temperature (?:of|is) \d+|febrile|\d{3}(?:\.\d)? ?(?:f|degrees)|(?:39|40|41)(?:\.\d)? ?(?:c|degrees))\b",
    r"\b(?:very|really|so|extremely|super|totally) (?:confused|out of it)\b",
    r"\b(?:very|really|so|extremely|super|totally) (?:drowsy|sleepy)\b[^.?!]{0,30}\b(?:can'?t|cannot|won'?t|barely) "
    r"(?:stay awake|keep (?:his|her|my|their) eyes open|talk|stand)\b",
    r"\b(?:stiff as a board|rigid|can'?t move|altered mental|doesn'?t know where (?:she|he|they) (?:is|are))\b",
    r"\bchest pain\b",
    r"\b(?:gone|going|is|really|very|all|so|completely) floppy\b",
    r"\b(?:really|very|so|just|gone|went|is|seems|looks|feels|totally) (?:really |very |so )?limp\b",
    r"\b(?:rhythmic(?:al)?(?:ally)? (?:jerk\w*|twitch\w*)|jerking (?:movements|fits)|(?:twitching|jerking|stiffening)(?: and| &) "
    r"(?:stiffening|jerking|twitching|shaking))\b",
]
_WITHDRAWAL_SIGNS = (r"\b(?:confus\w*|fever\w*|febrile|temperature|agitat\w*|paranoi\w*|shaking|sweating|racing|"
                     r"tachycardi\w*|hallucinat\w*|voices|crawling|altered|rigid|stiff\w*|spasms? (?:are |is )?back|"
                     r"itch\w*|delirious|delirium|can'?t think|tremb\w*|like (?:a )?boards?|ants|spiders|bugs)\b")
_STOPPED = (r"\b(?:stopped|quit|ran out|missed|came off|went off|no more|abruptly|suddenly|discontinued|"
            r"haven'?t (?:had|taken)|havent (?:had|taken)|without (?:my|his|her) baclofen|cold turkey|"
            r"never gave (?:me|him|her|them) (?:my|his|her|their) (?:baclofen|meds|medication)|"
            r"last (?:tablet|pill|dose) was|weaned off|(?:since|after) stopping|pump (?:was |got )?(?:taken|removed|pulled) out|"
            r"couldn'?t get (?:to )?(?:the |my )?(?:chemist|pharmacy|refill|prescription)|"
            r"(?:been|am|i'm|im|is|was|she's|he's) off (?:my |his |her |the )?(?:baclofen|it|meds|medication))\b")
_QUESTION = re.compile(r"^\s*(?:can|could|does|do|did|has|have|will|would|is|are|was|were|may|might|what|which|"
                       r"how|why|when|where|who|should|whats|what's)\b")
_PERSONAL = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|we|our|us|he|she|he's|she's|hes|shes|his|her|they|their)\b")
_NOW_STRICT = re.compile(r"\b(?:now|currently|at the moment)\b")
_PERSONAL_ASKED = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|we|our|us|he|she|he's|she's|hes|shes|his|her)\b")
# Someone of the user's own (or the user): not a person of a case report.
_USERS_OWN = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|we|our|us|you|your)\b")
_HYPOTHETICAL = re.compile(r"\b(?:avoid|prevent\w*|plan|in case|what if|what happens if|if (?:[\w']+ ){0,4}ever|"
                           r"what (?:would|does|do) (?:[\w']+ ){0,3}look like|before (?:[\w']+ ){0,3}(?:starts?|begins?|"
                           r"starting|beginning|comes? home|gets? (?:it|the pump))|"
                           r"how is .* treated|not yet (?:triggered|gone off|sounded|started)|alarm test\w*|"
                           r"test(?:ing|ed|s)? (?:the |his |her |my |our )?(?:pump )?alarm|scheduled (?:test|check)|"
                           r"(?:said|says|told (?:us|me)) (?:that'?s|it'?s|it was|this is|everything (?:is|was)) (?:normal|fine|ok(?:ay)?))\b")
# "what are the warning signs ... I should watch for?": a question about what to look for, not a report.
_ASKS_SIGNS = re.compile(r"\b(?:(?:watch|look) (?:out )?for|warning signs?|(?:signs|symptoms) (?:of|to))\b")
_LONG_AGO = re.compile(r"\b(?:(?:years?|months?|decades?) ago|last (?:year|month|summer|winter|spring|autumn|fall)|"
                       r"back in|in (?:19|20)\d\d|when (?:i|he|she) was (?:a |little|young|small)|as a (?:baby|child|kid|"
                       r"teen\w*|toddler)|since childhood|used to)\b")
# "just took" is now; "just so I know", "just in case", "just wondering" are not
_NOW_WORDS = re.compile(r"\b(?:now|right now|today|tonight|currently|still|again|this (?:morning|evening|afternoon)|"
                        r"just(?! (?:so|in case|wondering|curious|asking|checking|to be safe|to know|in general))|"
                        r"minutes? ago|an hour ago|hours? ago)\b")
_STORY = re.compile(r"\b(?:the|a|that|this|those) (?:guy|man|men|woman|women|person|patient|boy|girl|case|people|patients|"
                    r"smoker|smokers|drinker|drinkers|mother|mothers|newborn|newborns|baby|babies|participants?) "
                    r"(?:who|that|in|from)\b.*|\bwhat happened to (?:the|that|this|those) \w+.*")
_SELF_HARM_RE = [re.compile(p) for p in _SELF_HARM]
_ALWAYS = _TOO_MUCH + _SIGNS_ANY_TIME
_ALWAYS_RE = [re.compile(p) for p in _ALWAYS]
_TOO_MUCH_RE = _ALWAYS_RE[:len(_TOO_MUCH)]  # Poison Help, however it ended
_GUARDED_RE = [re.compile(p) for p in _GUARDED]
_NOW_RE = [re.compile(p) for p in _NOW]
_PERSON_RE = re.compile(rf"\b{_PERSON}\b")

# A follow-up that reports something happening now about what the last question named:
# "my son is having one right now" after a question about seizures.
_LIVE_TURN = re.compile(r"\b(?:is|are|'s|keeps?|started|just)\s+(?:\w+ing)\b|\bhappening\b|\bright now\b|"
                        r"\bjust (?:did|took|had|ate|swallowed|happened)\b|\b(?:minutes?|mins?|hours?) ago\b|"
                        r"\b(?:i|he|she|we|they) (?:just )?did\b")
_POINTER = re.compile(r"\b(?:it|it's|its|one|ours|mine|his|hers|theirs|this|that)\b")
_TOPIC_NOW = {  # what the earlier turn names -> how the live report reads with it
    r"\b(?:seizures?|fits?|convulsions?)\b": "is having a seizure",
    r"\bpumps?\b": "pump alarm",
    r"\b(?:over ?dos\w*|lethal|too many|too much|twice|double|two doses)\b": "overdosed",
    r"\bswallow\w*|\bate\b|\beats?\b": "swallowed pills",
    r"\bbreath\w*": "can't breathe",
    r"\bhallucinat\w*": "is hallucinating",
}

# Emergency words as people mistype them ("siezure", "ovredosed", "unconcious"); fixed before the checks.
_KEYWORDS = ("overdose", "overdosed", "overdosing", "seizure", "seizures", "seizing", "convulsing", "convulsions",
             "breathe", "breathing", "unconscious", "unresponsive", "suicide", "suicidal", "hallucinating",
             "collapsed", "swallowed", "choking", "gasping")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'"))


@lru_cache(maxsize=4096)
def _keyword_for(word: str) -> str:
    """The emergency word a mistyped word stands for, or the word itself (real English words stay)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if word in _KEYWORDS or zipf(word) >= 2.5:
        return word
    found = process.extractOne(word, _KEYWORDS, scorer=OSA.distance, score_cutoff=1 if len(word) <= 7 else 2)
    return found[0] if found else word


def _fix_typos(text: str) -> str:
    """Emergency words restored from near misses ("siezure", "ovredosed", "unconcious")."""
    return re.sub(r"[a-z]{6,}", lambda m: _keyword_for(m.group(0)), text)


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"(?<=[.?!;])\s+|\s+(?:but|and then|so now)\s+", text) if c.strip()]


# "Not suicidal or anything, just frustrated": a self-harm word the message denies.
_DENIED = re.compile(r"\b(?:(?:not|never been|i'?m not|im not) (?:suicidal|going to (?:hurt|kill) myself)|no thoughts? of "
                     r"(?:hurting|harming|killing) (?:myself|himself|herself)|not (?:thinking (?:of|about)|planning (?:to|on)) "
                     r"(?:hurting|harming|killing) (?:myself|himself|herself))\b(?: or anything)?")


# "why is it risky for patients with suicidal thoughts?": a group asked about, not anyone here.
_A_GROUP = re.compile(r"\b(?:patients|people|those|individuals|persons|users|anyone|adults|teens|children) (?:with|who have|"
                      r"having|at risk of) (?:a history of )?(?:suicidal (?:thoughts|ideation|behaviou?r|tendencies)|"
                      r"thoughts of (?:suicide|self[- ]harm)|self[- ]harm|depression and suicidal \w+)\b")


def _self_harm(text: str) -> bool:
    text = _A_GROUP.sub(" ", _DENIED.sub(" ", text))
    return any(p.search(text) for p in _SELF_HARM_RE)


# "In the case report, what dose was the mother taking?": about what the monograph tells, not about anyone now.
_THE_TEXT = re.compile(r"\b(?:(?:in|from|of) (?:the|that|this) (?:case|case report|report|study|trial|review|article|"
                       r"monograph)|(?:is|are) listed as (?:an? )?(?:\w+ ){0,2}(?:side effects?|symptoms?)|case reports?|(?:the|that) case (?:where|in which|when|of|about)|"
                       r"(?:read|heard|saw|seen) (?:about|that|something about|an article about|a post about)|"
                       r"(?:saw|seen|watched|read) (?:a|an|the|this|that) (?:\w+ )?(?:movie|film|show|series|episode|documentary|"
                       r"book|novel|article|video)|(?:the|that|this) (?:study|trial|review) (?:found|showed|said|says)|"
                       # "the newborns who had seizures": a group the monograph tells of (one person may be the user's)
                       r"(?:the|those|these) (?:newborns|babies|infants|patients|people|participants|men|women|mothers|"
                       r"children|kids|adults|users) (?:who|that) (?:had|took|were|developed|experienced|got|showed)|"
                       # a film, show or book, and a class or essay: a story or a study, not a person here
                       r"(?:in|on) (?:a|the|that|this) (?:movie|film|(?:tv )?show|series|book|novel|episode|documentary|play)|"
                       r"(?:movie|film|show|episode|novel|book) (?:i|we) (?:watched|saw|read)|"
                       r"for (?:my|a|our) (?:\w+ ){0,2}(?:class|essay|exam|assignment|course|homework|lecture|paper|"
                       r"presentation|project|module))\b")


def _long_past(clause: str) -> bool:
    """ "Years ago I had a seizure" tells of the past, and "in the case report..." of the monograph,
    unless the clause also says now."""
    return bool(_LONG_AGO.search(clause) or _THE_TEXT.search(clause)) and not _NOW_WORDS.search(clause)


def without_the_past(question: str) -> str:
    """The message without its clauses that tell of long ago, or of a case report, a film or a class, for the
    second opinion to judge what is left; the message itself when no clause does.

    Example:
        >>> without_the_past("Years ago my lips swelled after a tablet. Now my doctor wants me back on it. Safe?")
        'now my doctor wants me back on it. safe?'
        >>> without_the_past("he took ten of them an hour ago")
        'he took ten of them an hour ago'
    """
    clauses = _clauses(_norm(question))
    kept = [c for c in clauses if not _long_past(c)]
    return question if len(kept) == len(clauses) else " ".join(kept)


# "given 80mg instead of 8mg", "took 60mg at once instead of 20": an amount taken at least twice the one meant.
_INSTEAD = re.compile(r"\b(?:took|taken|given|gave|had|swallowed)\b[^.?!]{0,60}?(\d+(?:\.\d+)?) ?(?:mg|milligrams?|tablets?|"
                      r"pills?)?(?: (?:all )?at once| in one go)? instead of (?:the |my |his |her |their |usual )*(\d+(?:\.\d+)?)")


def _too_much_instead(clause: str) -> bool:
    if re.match(r"\s*(?:should|can|could|may|might|would|will|is it|what if)\b", clause):
        return False  # "should he be given 20mg instead of 10?" asks before
    return any(float(m.group(2)) > 0 and float(m.group(1)) >= 2 * float(m.group(2)) for m in _INSTEAD.finditer(clause))


# "if my dad ever took too many...", "what should we do if she ever overdosed?": what has not happened.
_SUPPOSED = re.compile(r"\bif (?:[\w']+ ){0,4}ever\b|\bwhat if\b|\bin case\b|\bwhat (?:happens|would happen|should (?:i|we) do|"
                       r"do (?:i|we) do) if\b|\bif (?:someone|anyone|somebody|a child|a kid|a person)\b")


def _always(clause: str, text: str) -> bool:
    """A sign that needs no "now" ("took too many", "not breathing"), unless the clause supposed it first and the
    message says nothing of now."""
    for p in _ALWAYS_RE:
        m = p.search(clause)
        if m:
            supposed = _SUPPOSED.search(clause)
            if not (supposed and supposed.start() < m.start() and not _NOW_WORDS.search(text)):
                return True
    return False


# A look-up in a reference's words: "baclofen place in MS spasticity therapy", "intrathecal withdrawal management
# evidence". Said of no one and of nothing now, it asks as a question does (the second opinion read the first as
# urgent, 0.84).
_LOOKUP = re.compile(r"\b(?:therapy|therapies|management|evidence|trials?|study|studies|reviews?|meta-analys[ie]s|"
                     r"guidelines?|dosing|titration|pharmacology|pharmacokinetics|mechanism|indications?|"
                     r"contraindications?|incidence|prevalence|statistics|literature|protocols?|efficacy|"
                     r"effectiveness|place in (?:\w+ ){0,3}(?:therapy|treatment)|role (?:of|in))\b")


def _looks_up(clause: str, text: str) -> bool:
    """`clause` is a look-up and the whole message names no one and nothing now ("overdose management? my son
    took 15 of his tablets" is a report)."""
    return bool(_LOOKUP.search(clause)) and not _PERSONAL.search(text) and not _NOW_WORDS.search(text)


def _asks(clause: str, now: bool) -> bool:
    """A question about the topic, not a report: "What happens if the pump fails?", "do they just monitor you?" (a
    question's "they" is anyone's doctors), "what warning signs should I watch for?"; not "are they having a seizure
    right now?"."""
    if not _QUESTION.search(clause):
        return False
    if _ASKS_SIGNS.search(clause) and not now:
        return True
    return not _PERSONAL_ASKED.search(clause) and not (_NOW_STRICT.search(clause) and _PERSONAL.search(clause))


# A story that says it is over and ended well: "felt like I couldn't breathe last week, it passed and I'm fine".
_ENDED_WELL = re.compile(r"\b(?:it passed|it'?s (?:gone|over) now|(?:i'?m|im|i am|she'?s|shes|he'?s|hes|they'?re|we'?re|"
                         r"(?:she|he|they|i) (?:is|are|was|were)) (?:totally |completely |perfectly |all |doing |feeling )?"
                         r"(?:fine|ok(?:ay)?|good|great|well|better)(?: now| today)?|(?:fully )?recovered(?: fully)?|"
                         r"back to normal(?: now)?)\b")
_EARLIER = re.compile(r"\b(?:last (?:week|night|month|year)|yesterday|the other (?:day|night|week)|(?:a few|few|a couple of|"
                      r"couple of|two|three|\d+) (?:days|weeks|months|years) ago|earlier this (?:week|month)|"
                      r"in (?:19|20)\d\d)\b")


def ended_well(question: str) -> bool:
    """The message tells of something earlier that is over and ended well, and of nothing now.

    Example:
        >>> ended_well("had a panic attack last week and couldnt breathe, it passed and im fine. could baclofen do that?")
        True
        >>> ended_well("he couldnt breathe yesterday, he was fine after but now it's happening again")
        False
    """
    text = _norm(question)
    rest = _ENDED_WELL.sub(" ", text).replace("now that", " ")
    return bool(_ENDED_WELL.search(text) and _EARLIER.search(text)) and not _NOW_WORDS.search(rest)


def plans_ahead(question: str) -> bool:
    """The message plans for what has not happened, or asks what to watch for, and says nothing of now: "what do I
    do if his pump alarm ever goes off? want a plan", "what should I watch for overnight with my son's pump?".

    Example:
        >>> plans_ahead("what should we watch for overnight with her pump? making a checklist")
        True
        >>> plans_ahead("what should I watch for? he's twitching on the floor right now")
        False
    """
    text = _norm(question)
    return bool(_HYPOTHETICAL.search(text) or _ASKS_SIGNS.search(text) or _SUPPOSED.search(text)) and not (
        _NOW_WORDS.search(text) or _self_harm(text))


def _is_live(text: str) -> bool:
    if _self_harm(text):
        return True
    if ended_well(text):  # only too much taken still calls for Poison Help
        return any(p.search(clause) for clause in _clauses(text) for p in _TOO_MUCH_RE)
    for clause in _clauses(text):
        now = bool(_NOW_WORDS.search(clause))
        if _long_past(clause):
            continue
        if _always(clause, text) or _too_much_instead(clause):
            return True
        if _asks(clause, now) or _looks_up(clause, text) or (_HYPOTHETICAL.search(clause) and not now):
            continue
        if any(p.search(clause) for p in _GUARDED_RE):
            return True
        if _SEDATED.search(clause) and _DEPRESSANT.search(text) and not _QUESTION.search(clause):
            return True  # mixed with alcohol or another sedating drug, and now too sedated to stand or stay awake
        if any(p.search(clause) for p in _NOW_RE) and (_PERSON_RE.search(clause) or re.search(_STOPPED, text)):
            return True
        if re.search(_STOPPED, text) and re.search(_WITHDRAWAL_SIGNS, clause) and (now or _PERSON_RE.search(clause)):
            return True  # stopped baclofen, and now confused, feverish, hallucinating...
    return False


def is_self_harm(question: str) -> bool:
    """True when the message speaks of self-harm or suicide: the answer then quotes nothing, since no
    sentence of a drug monograph is a fitting reply to it."""
    text = _norm(question)
    return _self_harm(text) or _self_harm(_fix_typos(text))


# A dose missed, forgotten or skipped, and nothing more: "I missed a dose, what do I do?" (the second opinion read
# "missed my baclofen yesterday" as stopping it, 0.99). Days without it, or any sign, are left to the checks.
_MISSED_DOSE = re.compile(r"\b(?:missed|miss|missing|forgot|forgotten|forget|skipped|skip)\b(?: \w+){0,4} (?:dose|doses|pill|"
                          r"pills|tablet|tablets|baclofen|lioresal|meds|medication|medicine)\b|"
                          r"\b(?:dose|pill|tablet|baclofen) (?:was |got )?(?:missed|forgotten|skipped)\b")
_STATE_NOW = re.compile(r"\b(?:now|feel\w*|felt|having|started|getting|keeps?|can'?t|cannot|won'?t)\b")
_DAYS_WITHOUT = re.compile(r"\b(?:\d+|two|three|four|five|six|several|few|couple of) (?:days|weeks)\b|\b(?:for|all) "
                           r"(?:days|a week|the week|week)\b")


def only_missed_a_dose(question: str) -> bool:
    """The message tells of a missed dose and of nothing happening to anyone: no sign, no state now, no days without it.

    Example:
        >>> only_missed_a_dose("I missed a dose, what do I do?"), only_missed_a_dose("missed 3 days of baclofen, I'm shaking")
        (True, False)
    """
    text = _fix_typos(_norm(question))
    return bool(_MISSED_DOSE.search(text)) and not (_DAYS_WITHOUT.search(text) or _STATE_NOW.search(text)
                                                    or re.search(_WITHDRAWAL_SIGNS, text) or any(p.search(text) for p in _NOW_RE))


def only_asks_about(question: str) -> bool:
    """True when every clause is an impersonal question or tells of long ago: "How many patients were in it?",
    "Has anyone died from stopping it abruptly?". Nothing there is happening to anyone now."""
    text = _norm(question)
    for clause in _clauses(text):
        if _long_past(clause):
            continue
        about = _STORY.sub("", clause)  # "the guy who took more than he was prescribed" is a case, not a person here
        if not ((_QUESTION.search(clause) or _asks_of_a_story(clause) or _looks_up(clause, text))
                and not _PERSONAL.search(about)):
            return False
    return True


def _asks_of_a_story(clause: str) -> bool:
    """ "the guy in the smoking program - how far over his prescription did he go?": a question that opens by
    naming a case report's person, and names no one of the user's."""
    return bool(_STORY.match(clause.strip())) and clause.rstrip().endswith("?") and not _USERS_OWN.search(clause)


# The latest earlier question is about a case report's person, and the follow-up speaks of no one of the user's.
_CASE_TALK = re.compile(r"\b(?:case|cases|report|reports|reported|\d+[- ]year[- ]old|the (?:man|men|woman|women|guy|lady|newborn|"
                        r"baby|babies|patient|patients|mother|smoker)|abused?)\b")


def follows_a_story(question: str, history: tuple[str, ...] | list[str] = ()) -> bool:
    """True for a follow-up about a case report the conversation is on ("what happened to him?", "did he recover?"
    after a question about the 36-year-old man's abuse): the person is in the monograph, not with the user. Only
    the urgency model's second opinion defers to this; detect_emergency's rules still read every message.

    Example:
        >>> follows_a_story("and the other man, what happened to him?", ["tell me about the man who abused it"])
        True
        >>> follows_a_story("my dad collapsed, what happened to him?", ["tell me about the man who abused it"])
        False
        >>> follows_a_story("what happened to him?", ["my husband took ten of his pills"])
        False
    """
    if not history or not _CASE_TALK.search(_norm(history[-1])):
        return False
    text = _norm(question)
    return not _USERS_OWN.search(text) and not _NOW_WORDS.search(text)


def detect_emergency(question: str, history: tuple[str, ...] | list[str] = ()) -> bool:
    """True when the question describes an emergency happening now.

    Checked on the question as typed and with mistyped emergency words fixed; a follow-up that
    reports something happening now ("he is having one right now") is read with what the latest
    earlier question named. The urgency must come from the question itself, never from history alone.
    """
    text = _norm(question)
    if _is_live(text) or _is_live(_fix_typos(text)):
        return True
    if history and _LIVE_TURN.search(text) and (_PERSON_RE.search(text) or _POINTER.search(text)):
        last = _norm(history[-1])
        return any(_is_live(f"{text} {now}") for topic, now in _TOPIC_NOW.items() if re.search(topic, last))
    return False


_DOSING = re.compile(
    rf"\b(?:(?:{HOW_MUCH_DOSE}|how many)(?: \w+){{0,5}} (?:should|can|do|must|could) (?:i|he|she|we|they|my \w+)|"
    r"(?:what|which) (?:dose|dosage|amount|strength)(?: \w+){0,3} (?:should|can|do|must) (?:i|he|she|we|my \w+)|"
    r"(?:should|can|could|may) (?:i|he|she|we|my \w+) (?:just )?(?:take|increase|double|triple|halve|up|raise|lower|"
    r"reduce|change|bump|cut)\b[^.?!]{0,30}(?:\b(?:dose|dosage|mg|more|less|extra|twice as|half as)|\dmg|"
    r"\b(?:\d+|one|two|three|four|another|a second|half an?|an extra)(?: of (?:my|the|his|her|their|these|those))?(?: \w+)? (?:pills?|tablets?))|"
    r"(?:should|can|could|may) (?:i|he|she|we) (?:just )?(?:double|triple|halve) (?:it|them|that|this)\b|"
    r"my dose|(?:increase|double|raise|lower|reduce|change) my\b)"
)


_POISONING = re.compile(
    rf"{OVERDOSE}|\bpoison\w*|\b(?:lethal|deadly|fatal|toxic) (?:dose|amount)|\b(?:kill|killed|kills) (?:you|someone|a person)|"
    r"\b(?:take|takes|taking|took|taken|had|have|gave|given|give|swallow\w*) (?:\w+ ){0,3}too (?:much|many)\b|"
    r"\baccidental\w* (?:took|taken|take|swallow\w*|ingest\w*|double\w*)|\bingest\w*|"
    rf"\b(?:{_WHO}|someone|somebody|dog|dogs|cat|cats|pet|pets|puppy|kitten)\b(?: \w+){{0,2}} (?:swallow\w*|ate|eats|eat|"
    r"eating|got into|gets into|chewed|chews|found)\b(?: \w+){0,3} (?:pills?|tablets?|baclofen|meds|medicine|"
    r"medication|bottle|some|one|them|it)\b(?! whole)")


def asks_about_poisoning(question: str) -> bool:
    """True for a question about taking too much or swallowing the medicine by accident ("what if someone
    overdoses?", "what happens if a child swallows my baclofen?"): the answer says first whom to call.

    Example:
        >>> asks_about_poisoning("what happens if my toddler eats one of my pills?")
        True
        >>> asks_about_poisoning("does baclofen make you sleep too much?")
        False
    """
    return bool(_POISONING.search(_norm(question)))


def is_personal_dosing(question: str) -> bool:
    """True for "how much should I take?"-style questions: quote the dosage, defer to the prescriber."""
    return bool(_DOSING.search(_norm(question)))
