"""Small domain lexicon: how people say things vs. how a drug monograph says them.

General consumer-health vocabulary, not tied to any test question: lay words map to the
terms monographs use, names of baclofen products map to baclofen, and a list of other
common medicines lets the scope check tell "ibuprofen dose" from "ibuprofen with baclofen".
"""

from __future__ import annotations

import re

# Lay word or phrase -> monograph terms added to the query (the original words stay).
LAY_TERMS: dict[str, str] = {
    "drowsy": "sedation sleepiness fatigue", "drowsiness": "sedation sleepiness fatigue",
    "sleepy": "sleepiness sedation", "tired": "fatigue sleepiness", "exhausted": "fatigue",
    "knocked out": "sedation", "zonked": "sedation", "groggy": "sedation sleepiness",
    "dizzy": "dizziness vertigo", "lightheaded": "dizziness", "woozy": "dizziness", "unsteady": "dizziness",
    "wobbly": "dizziness",
    "nauseous": "nausea", "queasy": "nausea", "throw up": "nausea", "vomit": "nausea", "puke": "nausea",
    "stomach": "nausea", "tummy": "nausea", "sick to my stomach": "nausea", "feeling sick": "nausea",
    "feel sick": "nausea", "felt sick": "nausea",
    "weak": "weakness", "floppy": "muscle weakness",
    "confused": "confusion", "foggy": "confusion", "brain fog": "confusion",
    "swollen": "swelling edema", "puffy": "swelling edema",
    "shaky": "tremors", "shaking": "tremors", "trembling": "tremors",
    "sad": "depression", "depressed": "depression", "low mood": "depression", "mood": "mood depression",
    "heartburn": "acid reflux gerd", "reflux": "acid reflux gerd", "indigestion": "acid reflux",
    "acid": "acid reflux", "hiccup": "hiccups", "hiccuping": "hiccups",
    "pregnant": "pregnancy", "expecting": "pregnancy", "unborn": "pregnancy newborn",
    "fetus": "pregnancy birth", "foetus": "pregnancy birth", "fetal": "pregnancy birth",
    "baby": "newborn pregnancy", "newborn": "newborn",
    "breastfeed": "breastfeeding", "breastfeeding": "breastfeeding", "nursing": "breastfeeding",
    "kid": "children adolescents", "kids": "children adolescents", "child": "children adolescents",
    "toddler": "children", "teen": "adolescents", "teenager": "adolescents", "pediatric": "children",
    "son": "children", "daughter": "children",
    "cp": "cerebral palsy", "ms": "multiple sclerosis", "sci": "spinal cord injury",
    "paralysed": "spinal cord injury", "paralyzed": "spinal cord injury", "paraplegic": "spinal cord injury",
    "paralysis": "spinal cord injury", "quadriplegic": "spinal cord injury",
    "beer": "alcohol", "beers": "alcohol", "wine": "alcohol", "booze": "alcohol", "liquor": "alcohol",
    "whiskey": "alcohol", "whisky": "alcohol", "vodka": "alcohol", "spirits": "alcohol", "alcoholic drinks": "alcohol",
    "drink": "alcohol", "drinks": "alcohol", "drinking": "alcohol", "drunk": "alcohol",
    "sober": "abstinence alcohol", "sobriety": "abstinence alcohol",
    "alcoholism": "alcohol dependence", "alcoholic": "alcohol dependence", "cravings": "cravings",
    "urge": "cravings", "urges": "cravings", "longing": "cravings", "itch for": "cravings",
    "quit": "stop discontinued withdrawal", "quitting": "stopping discontinued withdrawal",
    "cold turkey": "suddenly discontinued withdrawal abrupt", "come off": "stopping withdrawal",
    "get off": "stopping withdrawal", "taper": "gradually decreased", "wean": "gradually decreased",
    "suddenly": "suddenly abrupt", "abruptly": "abrupt suddenly", "too quickly": "suddenly abrupt",
    "too fast": "suddenly abrupt", "all at once": "suddenly abrupt", "stop taking": "discontinued withdrawal",
    "stopped taking": "discontinued withdrawal", "stopping it": "discontinued withdrawal",
    "run out": "suddenly discontinued withdrawal", "ran out": "suddenly discontinued withdrawal",
    "running out": "suddenly discontinued withdrawal", "runs out": "suddenly discontinued withdrawal",
    **{f"out of {what}": "suddenly discontinued withdrawal" for what in (
        "baclofen", "my baclofen", "his baclofen", "her baclofen", "lioresal", "my meds", "my pills", "my tablets",
        "my medication", "meds", "pills", "tablets", "medication")},
    "addictive": "abuse addicted", "addiction": "abuse addicted", "hooked": "addicted abuse",
    "habit forming": "abuse addicted", "get high": "abuse mood-enhancing", "high": "abuse",
    "recreational": "abuse", "misuse": "abuse",
    "opioid": "narcotic opioid", "narcotic": "narcotic", "controlled": "narcotic abuse",
    "pill": "tablets oral", "pills": "tablets oral", "tablet": "tablets oral", "tablets": "oral", "by mouth": "oral",
    # clinical shorthand in staff look-ups ("baclofen PO max daily dose", "ITB withdrawal sx")
    "po": "oral tablets", "itb": "intrathecal", "sx": "symptoms", "pts": "patients",
    "strength": "strengths mg", "strengths": "strengths mg", "how much": "dosage dose mg",
    "milligram": "mg", "milligrams": "mg", "milligramme": "mg", "milligrammes": "mg",
    "dose": "dose dosage", "dosing": "dose dosage", "max": "maximum", "most": "maximum", "highest": "maximum",
    "upper limit": "maximum exceed", "top dose": "maximum", "ceiling": "maximum dosage", "daily limit": "maximum dosage",
    "dose limit": "maximum dosage", "dosage limit": "maximum dosage", "limit per day": "maximum dosage", "how high can": "maximum", "how high could": "maximum",
    "how high should": "maximum", "how high does": "maximum",
    "wear off": "go away time", "wears off": "go away time",
    "usual": "typical", "normal": "typical", "standard": "typical", "regular": "typical",
    "pump": "intrathecal pumps", "spinal": "spinal intrathecal", "spine": "spinal",
    "shot": "injections", "injection": "injections intrathecal", "needle": "injections",
    "cream": "cream skin", "gel": "cream skin", "topical": "cream skin", "skin": "skin cream",
    "rub": "cream skin", "rubbed": "cream skin", "rubbing": "cream skin", "ointment": "cream skin", "lotion": "cream skin",
    "loosen": "relax relaxant", "loosens": "relax relaxant", "relieve": "relief help", "relieves": "relief help",
    "ankle": "swelling edema", "ankles": "swelling edema",
    "calf": "muscle", "calves": "muscle", "thigh": "muscle", "thighs": "muscle", "hamstring": "muscle",
    "hamstrings": "muscle", "wrist": "muscle", "wrists": "muscle", "jaw": "muscle", "limbs": "muscle",
    "stiff": "stiffness spasticity", "tight": "tightness spasticity", "cramps": "spasms",
    "cramp": "spasms", "spasm": "spasms", "twitching": "spasms",
    "allergic": "allergic hypersensitive", "allergy": "allergic hypersensitive",
    # "broke out in hives" is a rash, not a pump that broke
    "hives": "allergic hypersensitive", "rash": "allergic hypersensitive", "broke out": "allergic hypersensitive",
    "break out": "allergic hypersensitive", "breaks out": "allergic hypersensitive",
    "breaking out": "allergic hypersensitive",
    "fit": "seizures", "fits": "seizures", "convulsion": "seizures", "convulsions": "seizures",
    "epilepsy": "seizures anti-seizure",
    "sleeping pill": "insomnia", "sleeping pills": "insomnia", "sleep aid": "insomnia", "sleep": "insomnia sleepiness",
    "anxiety": "anxiety", "benzo": "diazepam anxiety sedatives", "benzos": "diazepam anxiety sedatives",
    "antidepressant": "antidepressants", "ssri": "antidepressants", "ssris": "antidepressants",
    "painkiller": "opioid pain", "painkillers": "opioid pain", "pain pills": "opioid pain",
    "blood pressure": "high blood pressure", "bp": "blood pressure", "hypertension": "high blood pressure",
    "antihistamine": "antihistamines", "allergy pills": "antihistamines",
    "smoking": "smoking cessation", "cigarettes": "smoking cessation",
    "studied": "trial study patients", "trial": "trial", "research": "study trials review",
    "evidence": "evidence review", "proof": "evidence", "works": "effective", "effective": "effective",
    "help": "help", "better": "effective", "stronger": "effective",
    "brand": "brand name", "generic": "brand name",
    "how does it work": "mechanism gaba receptors", "mechanism": "mechanism gaba",
    "approved": "fda-approved", "fda": "fda-approved",
    "side effect": "side effects", "adverse": "side effects", "bad reaction": "side effects",
    "risky": "risks safety", "dangerous": "risks safety serious", "safe": "safety",
    "fatal": "death", "deadly": "death", "lethal": "death", "die": "death", "dies": "death", "died": "death",
    "dying": "death", "kill": "death", "kills": "death", "killed": "death",
    "downer": "depressants sedation", "downers": "depressants sedation", "sedative": "sedatives depressants",
    "breaks": "malfunctions errors", "break down": "malfunctions errors", "breaks down": "malfunctions errors",
    "broken": "malfunctions errors", "broke": "malfunctions errors", "fails": "malfunctions errors",
    "failure": "malfunctions errors", "stops working": "malfunctions errors", "stopped working": "malfunctions errors",
    # when it was made: the monograph says "first synthesized in the 1960s"
    "been around": "first synthesized", "invented": "synthesized", "discovered": "synthesized",
    "always meant": "first synthesized", "first made": "first synthesized",
    "first developed": "first synthesized", "first designed": "first synthesized", "first created": "first synthesized",
    "came out": "synthesized", "come out": "synthesized", "on the market": "synthesized",
    "doesn't work": "respond", "does not work": "respond", "didn't work": "respond", "did not work": "respond",
    "isn't working": "respond", "not working for": "respond", "no effect": "respond", "nothing happens": "respond",
    "faulty": "malfunctions errors", "glitch": "malfunctions errors", "babysitting": "monitor", "babysit": "monitor",
    "stubborn": "persistent", "won't go away": "persistent", "contraindications": "should not be taken allergic",
    "contraindication": "should not be taken allergic", "contraindicated": "should not be taken allergic",
    "elderly": "older", "senior": "older", "seniors": "older",
    "breathing": "difficulty breathing", "breathe": "difficulty breathing",
    "hallucinating": "hallucinations", "seeing things": "hallucinations", "fever": "high fever",
    "put in": "implanted", "put inside": "implanted", "implant": "implanted", "implants": "implanted",
    "came down": "reduced decreased", "come down": "reduced decreased", "went down": "reduced decreased",
    "cut down": "reduced decreased", "cut back": "reduced decreased", "cutting down": "reduced decreased",
    "cutting back": "reduced decreased",
    "lowered": "reduced decreased", "upped": "increased", "up the dose": "increased", "raise": "increased",
    "raised": "increased",
    "each day": "daily", "per day": "daily", "a day": "daily",
    "euphoric": "wellbeing pleasure mood-enhancing", "euphoria": "wellbeing pleasure mood-enhancing",
    "feel good": "wellbeing pleasure", "buzz": "pleasure mood-enhancing",
    "class": "category", "class of drugs": "category", "class of drug": "category", "drug class": "category",
    "kind of drug": "category", "type of drug": "category", "ingredient": "components", "ingredients": "components",
    "sensitive": "hypersensitive allergic", "sensitivity": "hypersensitive allergic",
    "meant for": "indicated", "intended for": "indicated",
    "off label": "off-label", "unapproved": "off-label", "officially": "fda-approved off-label",
    "most cases": "majority", "most of the time": "majority", "most often": "majority", "mostly": "majority",
    "main cause": "majority", "usual cause": "majority", "most common cause": "majority", "leading cause": "majority",
    "usually causes": "majority", "usually cause": "majority", "usually caused": "majority",
    "typically causes": "majority", "typically caused": "majority", "commonly caused": "majority",
    "ache": "pain", "aches": "pain", "aching": "pain", "achy": "pain", "sore": "pain", "soreness": "pain",
    "hurt": "pain", "hurts": "pain", "cramping": "spasms", "jerking": "spasms", "jumpy": "spasms",
    "emotions": "mood", "emotional": "mood", "feelings": "mood", "compulsive": "addictive addiction",
    "habits": "behavior", "habit": "behavior",
    "swallow": "oral tablets", "swallowed": "oral tablets", "swallowing": "oral tablets",
    "unwanted": "side effects", "reaction": "side effects", "reactions": "side effects",
    "delivery": "administered", "delivered": "administered", "route": "administered",
    "forms": "ways administered", "what form": "ways administered", "formulation": "ways administered",
    "formulations": "ways administered",
    "pooled": "meta-analysis review", "folks": "people", "share": "percent",
    "over the counter": "prescription", "otc": "prescription", "without a prescription": "prescription",
    "script": "prescription", "rx": "prescription",
    "muscle relaxer": "muscle relaxant", "muscle relaxers": "muscle relaxants",
    "wiped out": "fatigue sleepiness", "worn out": "fatigue", "run down": "fatigue", "dozing": "sleepiness",
    "doze": "sleepiness", "dozy": "sleepiness", "nodding off": "sleepiness", "falling asleep": "sleepiness",
    "linked to": "cause associated", "tied to": "cause associated", "connected to": "cause associated",
    "ethanol": "alcohol", "benzodiazepine": "diazepam anxiety sedatives", "benzodiazepines": "diazepam anxiety sedatives",
    "begin": "start started initially", "beginning": "start started initially",
    "brain chemical": "neurotransmitter", "brain chemicals": "neurotransmitters", "modeled": "similar structure",
    "modelled": "similar structure", "resemble": "similar", "resembles": "similar", "mimic": "similar",
    "mimics": "similar", "most common reason": "majority", "main reason": "majority", "usual reason": "majority",
    "my age": "older", "old age": "older",
    "amount": "dose dosage", "amounts": "doses dosage", "right amount": "optimum dosage", "right dose": "optimum dosage",
    "best dose": "optimum dosage", "ideal dose": "optimum dosage",
    "supposed to": "should", "keep an eye on": "monitor", "keeping an eye on": "monitor", "keeps an eye on": "monitor",
    "double up": "increased dosage", "double my dose": "increased dosage", "take more": "increased dosage",
    "taking more": "increased dosage", "take extra": "increased dosage", "an extra dose": "increased dosage",
    "take less": "decreased dosage", "taking less": "decreased dosage",
    "shown to be safe": "safety established", "proven safe": "safety established",
    "proven to be safe": "safety established",
    # "does it matter if it's the pill or the pump?": whether something varies with what is named
    "does it matter": "vary depending", "does that matter": "vary depending", "does it depend": "vary depending",
    "depend on": "vary depending", "depends on": "vary depending",
}

# Lay phrases that qualify a question (an amount, a rate) rather than name its subject: their terms are searched
# like other expansions, not in full as a phrase that names the subject ("over the counter" -> prescription) is.
QUALIFIER_PHRASES = frozenset({"how much", "a day", "per day", "each day"})

# "how much alcohol can I drink?", "how much sleep do I need?": "how much" said of something other than the medicine
# asks no dose: a word after it that is no medicine, dose, pointer or adverb ("how much each time?", "how much
# usually?"), then a verb of the question. Regexes: "how much" and what follows, or "how much" asking a dose.
_AMOUNT_WORDS = ("baclofen lioresal of more less extra is are was were should shall can could do does did would will "
                 "may might must to i im i'm you he she we they it its this that these per a an the in at for on mg "
                 "milligrams exactly roughly about approximately too total daily max maximum liquid gel spray each every "
                 "then though else higher lower longer overall now today initially first altogether usual normal")
_AMOUNT_WORDS += (" drug drugs medication medications medicine medicines med meds pill pills tablet tablets capsule "
                  "capsules dose doses dosage injection injections infusion infusions cream creams")
_NOT_ELSE = "|".join(sorted(set(_AMOUNT_WORDS.split()), key=len, reverse=True))
_ELSE_TAIL = (rf"(?!(?:{_NOT_ELSE})\b)(?![a-z]+ly\b)[a-z]+(?: [a-z]+)? (?:can|could|should|do|does|did|is|are|was|were|"
              r"would|will|may|might|must|to)\b")
HOW_MUCH_ELSE = rf"\bhow much {_ELSE_TAIL}"
HOW_MUCH_DOSE = rf"\bhow much\b(?! {_ELSE_TAIL})"  # "how much", "how much should I take?", "how much each time?"

# Names under which baclofen is sold; any of these means the question is about baclofen.
# The people a user speaks of ("my dad", "our son", "the toddler"): a regex alternation.
PEOPLE = (r"(?:dad|mom|mum|mother|father|husband|wife|son|daughter|brother|sister|grandma|grandpa|granddad|nan|nana|"
          r"grandmother|grandfather|friend|roommate|flatmate|girlfriend|boyfriend|partner|baby|child|kid|toddler|"
          r"teen|teenager|patient|pt|resident|client|aunt|uncle|cousin|neighbou?r)")

BACLOFEN_NAMES = frozenset({"baclofen", "lioresal", "gablofen", "ozobax", "fleqsuvy", "lyvispah", "kemstro",
                            "beklo", "baclosan", "liofen"})

# Words for medicines in general: never the subject of a question about one, but a sign that it is about one.
MEDICINE_WORDS = frozenset("drug drugs medication medications medicine medicines med meds pill pills tablet tablets "
                           "capsule capsules prescription treatment treatments therapy dose doses dosage injection "
                           "injections infusion infusions pump pumps cream creams".split())

# Other common medicines and substances (generic and brand names).
OTHER_DRUGS = frozenset("""
tizanidine zanaflex cyclobenzaprine flexeril amrix methocarbamol robaxin carisoprodol soma metaxalone skelaxin
dantrolene dantrium orphenadrine chlorzoxazone diazepam valium alprazolam xanax lorazepam ativan clonazepam
klonopin temazepam zolpidem ambien eszopiclone lunesta ibuprofen advil motrin naproxen aleve aspirin
acetaminophen paracetamol tylenol celecoxib celebrex meloxicam diclofenac gabapentin neurontin pregabalin lyrica
tramadol ultram oxycodone oxycontin percocet hydrocodone vicodin norco morphine fentanyl codeine methadone
buprenorphine suboxone naloxone narcan naltrexone acamprosate disulfiram antabuse topiramate topamax
sertraline zoloft fluoxetine prozac citalopram celexa escitalopram lexapro paroxetine paxil bupropion
wellbutrin trazodone amitriptyline nortriptyline duloxetine cymbalta venlafaxine effexor mirtazapine
quetiapine seroquel olanzapine zyprexa risperidone aripiprazole abilify lamotrigine lamictal levetiracetam
keppra carbamazepine tegretol phenytoin dilantin valproate depakote metformin glucophage insulin ozempic
semaglutide wegovy mounjaro tirzepatide lisinopril losartan amlodipine metoprolol atenolol propranolol
carvedilol hydrochlorothiazide furosemide lasix spironolactone atorvastatin lipitor simvastatin rosuvastatin
crestor warfarin coumadin apixaban eliquis rivaroxaban xarelto clopidogrel plavix omeprazole prilosec
esomeprazole nexium pantoprazole protonix famotidine pepcid ranitidine zantac levothyroxine synthroid
prednisone prednisolone dexamethasone amoxicillin augmentin azithromycin zithromax ciprofloxacin cipro
doxycycline cephalexin penicillin albuterol montelukast singulair cetirizine zyrtec loratadine claritin
fexofenadine allegra diphenhydramine benadryl melatonin sildenafil viagra tadalafil cialis adderall
amphetamine ritalin methylphenidate modafinil provigil botox botulinum ketamine cannabis marijuana cbd thc
kratom phenibut ghb nicotine caffeine levodopa carbodopa sinemet ropinirole pramipexole donepezil aricept
memantine tamoxifen methotrexate hydroxychloroquine ivermectin paxlovid tamiflu lithium lithobid
""".split())

# How the names of other medicines end: the WHO's common stems for international nonproprietary names
# ("-mab" antibodies, "-imod" immunomodulators, "-pril" ACE inhibitors, "-azepam" benzodiazepines, ...), so a
# medicine the list above lacks ("is ocrelizumab better?") is still known for one. Checked only on words the
# monograph and common English never use.
DRUG_NAME_ENDING = re.compile(
    r"(?:mab|tinib|anib|rafenib|imod|gepant|pril|sartan|olol|dipine|statin|prazole|tidine|idine|adine|azepam|azolam|"
    r"azam|oxetine|triptyline|ipramine|apine|peridone|asidone|cillin|mycin|floxacin|cycline|conazole|vir|parin|xaban|"
    r"gatran|gliptin|gliflozin|glutide|setron|triptan|lukast|afil|barbital|caine|profen|coxib|fenac|isone|olone|"
    r"asone|terol|tropium|semide|thiazide|dronate|racetam|gabalin|pentin|clone|plon|amate|tiapine|ximab|cept)$")

# The class a medicine belongs to, in the words drug-interaction lists use ("opioid drugs for pain
# relief", "anti-seizure drugs"): a question naming the medicine reaches the list that names its class.
_CLASSES = {
    "opioid pain relief": "oxycodone oxycontin percocet hydrocodone vicodin norco morphine fentanyl codeine tramadol "
                          "ultram methadone buprenorphine suboxone",
    "anti-seizure": "gabapentin neurontin pregabalin lyrica topiramate topamax lamotrigine lamictal levetiracetam keppra "
                    "carbamazepine tegretol phenytoin dilantin valproate depakote clonazepam klonopin",
    "antidepressants": "sertraline zoloft fluoxetine prozac citalopram celexa escitalopram lexapro paroxetine paxil "
                       "bupropion wellbutrin trazodone amitriptyline nortriptyline duloxetine cymbalta venlafaxine "
                       "effexor mirtazapine",
    "insomnia anxiety": "zolpidem ambien eszopiclone lunesta alprazolam xanax lorazepam ativan temazepam diazepam valium "
                        "melatonin",
    "muscle relaxants": "tizanidine zanaflex cyclobenzaprine flexeril amrix methocarbamol robaxin carisoprodol soma "
                        "metaxalone skelaxin dantrolene dantrium orphenadrine chlorzoxazone diazepam valium",
    "antihistamines sedatives": "cetirizine zyrtec loratadine claritin fexofenadine allegra diphenhydramine benadryl",
    "high blood pressure": "lisinopril losartan amlodipine metoprolol atenolol propranolol carvedilol "
                           "hydrochlorothiazide furosemide lasix spironolactone",
    "kidney function ibuprofen": "ibuprofen advil motrin naproxen aleve aspirin celecoxib celebrex meloxicam diclofenac",
    "parkinson's": "levodopa carbodopa sinemet ropinirole pramipexole",
    "antidepressants lithium": "lithium lithobid",
}
DRUG_CLASSES: dict[str, str] = {}
for _terms, _names in _CLASSES.items():
    for _name in _names.split():
        DRUG_CLASSES[_name] = f"{DRUG_CLASSES[_name]} {_terms}" if _name in DRUG_CLASSES else _terms

# Words that carry no topic: question words, fillers, conversational glue.
STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't
she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too under until up very was
wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's
whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
im ive dont doesnt cant wont isnt arent whats hows thats theres u ur pls plz please thanks thank hi hello hey
ok okay yes yeah yep nope also just really actually basically like kind sort stuff thing things something
anything everything get gets got getting go goes going gone know tell me say said give want wanted need needed
think thought mean means feel felt make makes made take takes taking took use used using uses one ones way
ways much many lot lots bit little quite pretty still even ever well good bad new old right wrong sure
able may might must shall will would can could should possible possibly probably maybe usually often
someone somebody anyone people person guy question questions answer info information explain describe
let see look looking find tell told ask asked wondering wonder curious does do did doing though tho anyway anyways
""".split())

# The only words lexical search ignores: BM25's IDF handles the rest, and "should not take" matters.
FUNCTION_WORDS = frozenset("""
a an the of to in on at by for from with without about as into and or but if then so than that this these those
is are was were be been being am do does did has have had i me my you your he she it its we they them
what which who whom whose how when where why there here please tell need needs
""".split())

# Common slips into real words that spelling correction cannot see ("how dose it work?").
SLIPS: tuple[tuple[str, str], ...] = (
    (r"\bhow dose\b", "how does"),
    # texting shorthand, which is no subject the monograph never names ("shes super sleepy", "ppl with those")
    (r"\bshes\b", "she is"), (r"\bhes\b", "he is"), (r"\bppl\b", "people"), (r"\bu\b", "you"), (r"\bur\b", "your"),
    (r"\bpls\b|\bplz\b", "please"), (r"\bbc\b|\bcuz\b|\bcos\b", "because"), (r"\bw/o\b", "without"),
    (r"\bhow come\b", "why"),  # "how come?" asks why; its "come" is no "come off"
    # "why would a doctor prescribe baclofen?", "what else do doctors give it for?": what it is used for; their
    # "doctor" and "prescribe" are no "If you are prescribed baclofen, always take ... as directed by your doctor"
    (r"\bwhy (?:would|do|does|might|will) (?:a |the |your |my )?(?:doctors?|physicians?|gps?|neurologists?|they) "
     r"(?:ever |usually |normally |typically )?(?:prescribe|give|recommend|use) (it|this|baclofen|lioresal|them)\b",
     r"why would \1 be used"),
    (r"\bwhat( else)? (?:do|does|would|might|can|will) (?:a |the |your |my )?(?:doctors?|physicians?|gps?|neurologists?) "
     r"(?:usually |normally |typically )?(?:prescribe|give|recommend|use) (it|this|baclofen|lioresal|them) for\b",
     r"what\1 is \2 used for"),
    (r"\b(is|are|was) (it|this|baclofen|lioresal|they) (?:usually |normally |typically |mostly |also )?(?:prescribed|given) "
     r"for\b", r"\1 \2 used for"),
    # "give me the full list of X" asks for all X; its "list" is no "this is not a complete list" (but "is that the
    # full list?" asks just that)
    (r"\b(give me|show me|tell me|send me|list|what are|what is|what's|whats|need|want|get|see|know) (?:the |a )?"
     r"(?:full|complete|whole|entire) list of\b", r"\1 all"),
    # "how long does X last?" asks when X goes away; its "long" and "last" are no "long-term trials lasting 5 years"
    (r"\bhow long (do|does|will|would|did)\b((?: \w+){0,5}) (?:last|lasts|go on|continue|persist)\b", r"when \1\2 go away"),
    # "it chills me out" is the calm it gives, not the chills of a fever
    (r"\b(?:chill|chills|chilled|chilling) (?:(me|you|him|her|them|people|us) )?out\b", r"relaxes \1"),
    (r"\bdose (it|baclofen|this|that|lioresal) (work|help|cause|do|make|interact|affect)", r"does \1 \2"),
    # a regimen told ("20mg three times a day"), not a question of how often: its "times" is no search word
    (r"\b(?:\d+|one|two|three|four|five|six) times (a|per|each|every) day\b", r"\1 day"),
    # stopping "too quickly" is stopping suddenly; its "quickly" is not a dose "increased too quickly"
    # "what happens if you take baclofen and drink?": drinking alcohol with it, not the alcoholism trials' "heavy drinking"
    (r"\b(take|takes|taking|took|on) (it|baclofen|this|lioresal) and (?:drink|drinks|drinking|have a drink)\b",
     r"\1 \2 and consume alcohol"),
    (r"\b(?:drink|drinking) (on|while on|while taking|with) (it|baclofen|this|lioresal)\b", r"consume alcohol \1 \2"),
    # "drink beer on baclofen", "drinking a few glasses of wine while taking it": the same (a question that says
    # "alcohol" is searched as said; "have a glass of wine with it" already finds the warning first)
    (r"\b(?:drink|drinking|drank)(?: (?:a|an|some|any|few|couple|of|one|two|\d+|beers?|wine|wines|drinks?|booze|"
     r"liquor|pints?|glass(?:es)?|shots?|\w+ wine)){1,5} (on|while on|while taking|with) (it|baclofen|this|lioresal)\b",
     r"consume alcohol \1 \2"),
    (r"\b(stop|stops|stopped|stopping|quit|quits|quitting|come off|coming off|came off|get off|getting off)"
     r"((?: \w+){0,3}) too (?:quickly|fast|soon|rapidly)\b", r"\1\2 suddenly"),
)

# Question shapes that ask for a kind of passage, whatever the words: "can it cause X?" asks about side effects.
INTENT_TERMS: tuple[tuple[str, str], ...] = (
    # "can it give you...", not "can you give me a recipe"
    (r"\b(?:can|could|does|do|will|would|might|may)\b(?! you\b)(?: \w+){0,3} (?:cause|give|trigger|lead to)\b",
     "side effects"),
    (r"\bhow (?:exactly |actually )?(?:does|do) (?:it|this|baclofen|the drug|the medication|this stuff|it actually)\b"
     r"(?: \w+){0,2} (?:work|act)|\bhow (?:it|baclofen|this drug|the drug) (?:works|acts)\b|"
     r"\bhow (?:exactly |actually )?(?:does|do) (?:it|baclofen|this drug|the drug) (?:relax|loosen|stop|keep|prevent|calm|"
     r"ease|reduce)\b(?: \w+){0,3} (?:muscles?|spasms?|spasticity|stiffness|tight\w*)", "mechanism gaba receptors"),
    (r"\b(?:mix|combine|together with|along with|take (?:it |baclofen )?with)\b", "interact"),
    # "why is it prescribed?", "what is baclofen given for?": what it is used to treat
    (r"\bwhy (?:is|are|was|were|would|do|does|did)\b(?: \w+){0,4} (?:prescribed?|given?|used?|taken|take|recommended?)\b|"
     r"\bwhat (?:is|are|was)\b(?: \w+){0,4} (?:prescribed|given|used|taken|recommended|good|meant) for\b|"
     r"\bwhat (?:\w+ )?(?:does|do|can|would|might)\b(?: \w+){0,3} (?:treat|help|prescribe|give|use|recommend)\b|\bwhat(?: is|'s) (?:it|this|baclofen) for\b|"
     r"\b(?:is|are) (?:it|this|that|baclofen|they)\b(?: \w+){0,2} (?:meant|used|prescribed|given|good) for\b",
     "used to treat"),
    # "what else is it prescribed for?", "used for anything besides MS?": its other (off-label) uses
    (r"\bwhat else\b(?: \w+){0,5} (?:for|treat|help)\b|\b(?:besides|apart from|other than|except)\b(?: \w+){0,5} "
     r"(?:used|prescribed|given|treat\w*)\b|\b(?:used|prescribed|given)\b(?: \w+){0,3} (?:for )?(?:besides|apart from|"
     r"other than)\b", "off-label other conditions"),
    # "who can take baclofen?", "who is it for?": the people it is used to treat (the pump's are "indicated")
    (r"\bwho (?:is|are) (?:it|this|baclofen|lioresal)(?: \w+){0,2} for\b|\bwho (?:should|can|could|would|may) "
     r"(?:use|take|have|be given|be prescribed) (?:it|this|baclofen|lioresal|(?:the |these )?(?:tablets|pills|medicine|"
     r"medication|drug))\b", "used to treat people"),
    # "who is it for?", "who should get the pump?": whom it is indicated in
    (r"\bwho (?:is|are) (?:it|this|that|they|baclofen|the \w+)(?: \w+){0,2} for\b|"
     r"\bwho (?:should|can|could|would|gets?|may) (?:get|use|take|have|receive|be given|qualify)\b|"
     r"\bwho (?:actually |really |usually |normally )?(?:gets?|receives?|qualif(?:y|ies) for|is eligible for|needs?) "
     r"(?:the |a |an )?\w+", "indicated"),
)
