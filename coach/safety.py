"""The safety lint: keeps unsafe advice out of every word the coach shows.

People on an aromatase inhibitor (AI) after hormone-receptor-positive breast cancer must never be
nudged towards hormones, towards stopping, pausing, switching or thinning out their AI (or their
bone medicine), towards doses above the upper limits, towards spine-bending or loaded twisting,
impact or unsupervised heavy lifting with a fragile spine, towards believing that something
cures osteoporosis or replaces a bone medicine, or towards shrugging off a warning sign
(shared/clinical/FACTS.md, sections D, H and I). Tests run :func:`lint` over everything a person
sees and fail on any finding.

Why this shape. A list of bad phrases only catches the phrases someone thought of. This lint works
the other way round, so that a new unsafe sentence is caught by construction:

1. **A lexicon of hazards** (:class:`RuleTable`): every substance and action class that must never
   be advised - hormone products (estrogens in every spelling, brand and route, progestogens,
   androgens, tibolone, SERMs), phytoestrogen products (and anything said to act like estrogen),
   peptides and secretagogues (and any code name like "XYZ-123" said to be injected or stacked),
   changes to the AI or a bone medicine (one class of discontinuation: stop, pause, skip, cancel,
   pass on, hold off, throw out, leave off, take weekends off, go back to, hand back, park,
   halve, every other day, a "drug holiday" or "sabbatical", leaving it at home, someone else's
   leftover tablets, "swap you over"...), the same changes and any raised dose ("an extra", "bump
   up", "two instead of one", "take two to catch up", "daily instead of weekly") to any other
   prescribed medicine, by class (painkillers, steroids, thyroid, blood-pressure and diabetes
   medicines, statins, antidepressants, prescribed vitamin D and its analogues; "your prescribed
   <anything>", "your painkillers"), vitamin D, calcium and magnesium amounts in any unit,
   flexion, impact and heavy-lifting exercise, and twisting or bending under a load (a spine move
   x a load). The same discontinuation verbs, when they govern a hazard instead of a medicine to
   keep ("swap sit-ups for...", "drop the HRT"), put it aside: they are a refusal. Products
   are built from substances times routes ("estradiol" x "implant") or amounts ("a small dose of
   estrogen", unless the body makes it), so a new pairing needs no new entry; drug names also
   match with one typing slip ("anastrazole"). The classes are enumerated from domain knowledge
   in the table, each with a comment listing its members: every jump, hop, run, sport and
   fall-risk activity; every wording of a fragile spine (also when a question before the advice
   names it: "Got a spine fracture? Jump on..."); flexion and forceful swings; Olympic, maximal
   and strongman lifts; isoflavones, hormone-acting herbs (some only when the sentence is about
   hormones) and "hormone balance" products; brands; idioms for stopping ("lay off", "give it a
   rest", "call it a day", "PRN").
2. **Two claim classes.** A *cure claim* is a cure verb (cures, reverses, heals, gets rid of...)
   about a bone condition (osteoporosis, osteopenia, bone loss, thin bones); it passes when
   hedged ("partly reverses"), refused, a question, or said of a medicine ("risedronate reversed
   the loss"). A *replace claim* is a replace word (instead of, a substitute for, better than,
   turn down) about a medicine, in a sentence that talks about bone, or a claim that needs no
   medicine word ("no medication required", "all your bones need", "rebuilds bone completely").
3. **Warning signs** (FACTS 21, 32): a lexicon of red flags (chest pain, fainting or dizziness,
   breathlessness, sudden back pain, height loss, new bone pain, jaw pain, loose teeth or exposed
   bone, a fall with injury, and thigh or groin ache when a bone medicine is named) times
   dismissal shapes ("normal", "nothing to worry about", "just ...", "ignore it", "no need to
   call", "push through", "keep going", "wait and see", "you'll be fine"). A sentence with both
   passes only if it sends the reader to the care team ("tell your team", "call 999", "should be
   reported"), and a call that is itself waved away ("no need to call your doctor") does not
   count. A red flag that is negated ("if you have no chest pain") or mild breathlessness is not
   one; a contrast (";", "but") separates a dismissal from a sign, unless the later part has no
   subject of its own ("...; keep going"); and an answer after a question ("Jaw aching on Prolia?
   Probably nothing.") is read against the question.
4. **Approved shapes.** A sentence that mentions any other hazard passes only when the clause that
   holds it has a shape that makes it safe: a *refusal* ("never take...", "do not stop...", "is not
   an option"), *evidence of harm* ("raised recurrence", "is followed by rapid bone loss"), a
   *deferral* to the care team that does not also tell the reader to act alone ("ask your
   oncologist whether..."; "your oncologist will tell you when"; not for hormones, which are never
   an option, unless it is a caution about "any" product or a product's own claims: "ask before
   using any vaginal estrogen such as Vagifem"), a *clinician-owned* change ("your oncologist might
   try letrozole instead; that's their call"; not a pharmacist, and not "decline the drug your
   oncologist offers"), a *report of research* (named trials, "a third of women...") or marketing
   with no endorsement ("marketed for hot flushes"), a *description* of what a product is or
   contains ("DHEA is a hormone precursor"), or - for natural hormones named in biology ("aromatase
   converts testosterone into estrogen") - the absence of any advice. A change told in the past
   ("my friend stopped her Arimidex") passes unless it endorses the change or invites the reader to
   copy it ("so you might think about it too", "best decision I made"). A harm denied ("no harm
   in", "without the usual risks", "makes no difference", "isn't really HRT") is an endorsement,
   never a refusal. A refusal may follow the hazard ("10,000 IU a day ... should not be taken",
   "...should be skipped"), and "on your own" under a negation ("never make that change on your
   own") is a warning, not an order to act alone. A question that asks ("Can I use HRT on an AI?")
   is not advice, one that suggests ("Why not try...?", "Could you manage...?") is, and a yes to an
   asking question ("... Absolutely.") makes it advice; a question whose answer turns it down
   ("Could HRT help my bones? It isn't used after breast cancer.") passes. A claim put in others'
   mouths and denied ("websites say..., but trials have not"; "it is a myth that..."), a later
   clause that refuses what came before ("..., so skip them"), a hazard inside a condition about
   someone else ("If your doctor suggests HRT, remind them...") and one medicine described as used
   in place of another pass. A condition ("If the aches are too much, ...") neither refuses nor
   warns. Amounts pass when at or under the upper limit per day, after unit conversion (0.25 mg of
   D3 is 10,000 IU), numbers in words ("seven and a half thousand", :mod:`coach.safety_numbers`),
   counts of units ("four 600 mg tablets", "25 drops of 400 IU", "twice a day") and per-week
   division, when they name the limit ("the 2,000 mg upper limit"), or when the sentence warns
   against them; a monthly or yearly vitamin D amount is a single bolus and is not averaged over
   the days (a weekly one is); an amount in a clause that names no nutrient is of the one nutrient
   named earlier in the sentence or the one before ("The more calcium the better, so have 2,500
   mg"), unless it is of something else ("1,000 mg of paracetamol", "protein, 1.2 g per kg"); a
   calcium supplement over the daily need "plus dairy" heads for the limit; "10k a day" next to
   vitamin D is read as IU; "you can't overdo it" about a nutrient is a hazard. A day's amount told
   in parts is added up across the sentence (:mod:`coach.safety_doses`): "a 1,500 mg tablet plus a
   litre of milk" (foods estimated with FACTS F), "1,000 mg on top of the 1,200 mg from food",
   "2,000 IU in the morning and 3,000 IU at night", "drops of 1,000 IU each, so take five a day",
   "double up on your 4,000 IU", "x 5", "with each meal", "half a gram".
5. **Habits and how medicines are taken** (FACTS 5, 27, 33, 34; the leaflets): an oral
   bisphosphonate (by name, brand or "your weekly tablet", here or in the sentence before) taken
   with any food or drink but plain water, with calcium or other tablets, lying down or back to
   bed after it, later in the day or chewed, unless refused or the wait comes first ("30 minutes
   before breakfast, then have it with your tea"), and the error belongs to whatever was named
   last before it ("your calcium with lunch, and alendronate first thing"); alcohol over about 2
   units a day (a bottle, three units, two or more drinks, binges, units "saved up") or smoking
   with a play-down ("won't affect your bones", "fine if you stay dry the rest of the week",
   "makes no difference", "too late to quit"). Help put off after a fall one cannot get up from
   ("wait until morning", "try later", "rather than calling") is a dismissed warning sign, and so
   is any fall kept from the care team ("no need to tell anyone about a fall if you feel fine",
   "keep it to yourself", "wait a week before mentioning it"). A tablet, pill, dose or injection
   named by no drug name ("halve the pill", "skip a few doses") is the reader's medicine, a bone
   or cancer medicine taken by feel ("only when your bones feel sore", "on good days") is a
   change, a fragile spine named in the sentence before sets the scene for an exercise, and a
   pronoun after a care-team noun ("Your oncologist will decide. They may suggest...") is the
   care team. A
   medicine not in the lexicon is known by the shape of its name ("-pril", "-olol", "-sartan",
   "-dipine", "-prazole"...; "your quinine tablets").
6. **A reviewed allow-list** (:data:`ALLOWED`) for the few safe sentences the shapes cannot judge,
   each with its reason.

Text is cut into sentences robustly (Markdown headings, bullets, tables, block quotes, emphasis and
links are taken apart; decimals and abbreviations do not end a sentence), and sentences into
clauses (";", "but", ", then", ", and take...", ", and their doctor...", a comma before an
imperative), because "Ask your doctor, then take 50,000 IU every week on your own" holds a deferral
and an unsafe order in one sentence.

Known limits: the lint reads clauses, not grammar. A negation in a clause protects the hazard in
it ("When pain is not controlled, switching..." is missed only if no comma or conjunction
separates the two), so write one idea per clause; idioms that only look negative ("never been
better", "or not", "won't hurt") are listed so that they do not. Every entry in the table is
needed: ``tests/test_safety_lint.py`` deletes each in turn and checks that some sentence changes
verdict. ``benchmarks/safety_rates.py`` prints the catch and false-positive rates per sentence
set; ``benchmarks/safety_speed.py`` times the lint over everything the tests lint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from functools import cache

from coach.safety_doses import adds_up, food_calcium, units_a_day
from coach.safety_numbers import amounts_in_digits
from coach.safety_rules import DEFAULT_TABLE, RULES, RuleTable

__all__ = [
    "ALLOWED",
    "DEFAULT_TABLE",
    "RULES",
    "Linter",
    "RuleTable",
    "SafetyFinding",
    "lint",
    "rule_names",
    "sentences",
]


@dataclass(frozen=True)
class SafetyFinding:
    """One unsafe passage: where it is, the line as written, and the rule it broke."""

    line: int  # 1-based line number (where the sentence starts) in the text given to lint()
    text: str  # that line, stripped
    rule: str  # one of rule_names()
    match: str = ""  # the words (normalised) that triggered the rule


def rule_names() -> tuple[str, ...]:
    """Names of all rules, so tests and reports can refer to them without typos."""
    return tuple(RULES)


# Safe sentences the shapes cannot judge, with the reason each is safe. Keys are normalised.
ALLOWED: dict[str, str] = {}


# --- normalising ---------------------------------------------------------------------------

_CONTRACTIONS = (
    (r"\bcan['’]t\b", "cannot"),
    (r"\bwon['’]t\b", "will not"),
    (r"\bshan['’]t\b", "shall not"),
    (r"\b(\w+)n['’]t\b", r"\1 not"),
    (r"\b(it|there|that|what|here|he|she)['’]s\b", r"\1 is"),
    (r"\b(you|we|they)['’]re\b", r"\1 are"),
    (r"\b(you|we|they|i)['’]ll\b", r"\1 will"),
    (r"\b(you|we|they|i)['’]d\b", r"\1 would"),
    (r"\b(you|we|they|i)['’]ve\b", r"\1 have"),
    (r"\bi['’]m\b", "i am"),
)
_SPELLINGS = ((r"\b(?:oe|œ)str", "estr"), ("œ", "oe"), ("æ", "ae"))
_FOLDS = tuple(
    (re.compile(pattern), new)
    for pattern, new in (
        (r"[\u200b-\u200d\u2060\ufeff]", ""),
        *_SPELLINGS,
        *_CONTRACTIONS,
        (r"\b([a-z])\.([a-z])\.(?:([a-z])\.)?", r"\1\2\3"),  # h.r.t. -> hrt
        (r"[‐‑‒–—−]", "-"),
        (r"(?<=\d) ?- ?(?=\d)", " to "),  # "300-440 mg": a range
        (r"(?<=[a-z0-9])-(?=[a-z0-9])", " "),  # sit-ups, bpc-157
        (r"(?<=[a-z])'s\b", " s"),  # doctor's -> doctor s
    )
)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold a sentence to the form the table is written in (see RuleTable)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("_", " ")
    text = text.replace("µ", "μ").replace("’", "'").replace("‘", "'").replace("“", '"')
    text = text.replace("”", '"').replace("\u00a0", " ").replace("\u202f", " ")
    for pattern, new in _FOLDS:
        text = pattern.sub(new, text)
    text = amounts_in_digits(text)
    return _SPACES.sub(" ", text).strip()


# --- typing slips --------------------------------------------------------------------------


def _close(a: str, b: str, limit: int) -> bool:
    """True if a and b are at most ``limit`` edits apart (insert, delete, substitute, swap)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# --- the linter ----------------------------------------------------------------------------

_BLOCK = (
    r"(?:when|whenever|if|while|during|because|until|after|before|since|unless|and|or|but|so"
    r"|that(?! \w+ s\b)|which|who|where|then|as|on"
    r"|pain|pains|aches?|aching|stiffness|side effects?|symptoms?|flushes|sweats)"
)


def _alt(entries: tuple[str, ...]) -> str:
    return "|".join(f"(?:{e})" for e in entries) or r"(?!x)x"


def _words(entries: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alt(entries)})(?![\w])")


def _gap(n: int) -> str:
    return rf"(?:\s+(?!{_BLOCK}\b)[a-z0-9'%.μ/]+){{0,{n}}}?\s+"


# The medicine that starts a clause is its subject, whatever words come before a modal change
# ("Dexamethasone after chemo can be tapered faster").
_SUBJECT = (
    r"(?:^|(?<=: ))(?:(?:your|the|my|her) )?(?:{})(?: [a-z0-9']+){{1,4}}?"
    r" (?=(?:can|could|may|might|should|will) )"
)
# Between a raised dose and its medicine only words about the dose ("an extra naproxen", "nudge
# the dose of your sertraline"), so that "take extra care with your tablets" is no dose.
_DOSE_GAP = (
    r"(?:\s+(?:of|your|my|her|their|the|a|an|own|prescribed|prescription|dose|dosage|amount|strength"
    r"|daily|usual|regular|morning|evening|night|nightly|weekly))*\s+"
)
_AI_MODIFIER = (
    r"(?!\s+(?:joint|pain|aches?|symptoms?|side|related|arthralgia|users?|flares?|trials?))"
)
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>iu|i u|international units?|units?|mcg|μg|ug|micrograms?|mg|milligrams?"
    r"|grams?|g|(?:(?<=\d{4})|(?<=\d,\d{3}))(?=\s+(?:a|per|each|every) day\b|\s+daily\b))"
    r"(?![\w])"
)
_PER = re.compile(
    r"^\W*(?:of \w+(?: \w+)? )?(?P<single>once )?(?:(?:a|per|each|every|/|in a|a single) ?)?"
    r"(?P<period>day|daily|d|week|weekly|wk|month|monthly|year|yearly|annually|fortnight"
    r"|fortnightly|other day)\b"
)
_PERIOD_DAYS = {
    "day": 1,
    "daily": 1,
    "d": 1,
    "other day": 2,
    "week": 7,
    "weekly": 7,
    "wk": 7,
    "fortnight": 14,
    "fortnightly": 14,
    "month": 30,
    "monthly": 30,
    "year": 365,
    "yearly": 365,
    "annually": 365,
}
_TIMES = re.compile(
    r"\b(?:(?P<x>twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten) times)"
    r" (?:a |per |each |every )?(?:day|daily)|(?P<both>morning and (?:night|evening)))\b"
    # "2x a day", "x 3 daily"
    r"|(?:\b(?P<nx>\d) ?x|\bx ?(?P<xn>\d)) (?:a |per |each |every )?(?:day|daily)\b"
)
_TIMES_WORDS = {
    "twice": 2,
    "thrice": 3,
    **{w: n for n, w in enumerate(("two", "three", "four", "five", "six", "seven"), 2)},
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# "25 drops of 400 IU", "two capsules of 5000 IU", "four 600 mg tablets": a count of units, each
# holding the amount (number words are digits by now).
_COUNT_NOUN = (
    r"(?:tablets?|capsules?|pills?|softgels?|chews?|gummies|drops?|scoops?|sachets?|supplements?"
    r"|sprays?|pumps?|shots?|vials?|doses?)"
)
_COUNT = re.compile(
    rf"\b(?P<n>\d{{1,2}}) (?:\w+ )?{_COUNT_NOUN} (?:of|at|containing|with)(?: the| your| an?)?\s*$"
)
# "double up on your 4,000 IU": the amount times two.
_MULTIPLIER = re.compile(
    r"\b(?:(?P<two>doubl\w*|twice)|(?P<three>tripl\w*))(?: up)?(?: on)?(?: (?:your|the|that|this"
    r"|a|an))?(?: (?:usual|normal|daily|current|regular))? $"
)
_COUNT_BEFORE = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,2})\s+(?:x\s+|of (?:the|your|these|those|my)\s+)?$"
    # "three of your 1,000 mg calcium tablets": a count in words before "of your".
    r"|\b(?P<word>two|three|four|five|six|seven|eight|nine|ten|a couple|a pair) of"
    r" (?:the|your|these|those|my)\s+$"
)
_TABLETS = re.compile(rf"\s*(?:\w+\s+){{0,2}}{_COUNT_NOUN}\b")
_CEILING = re.compile(
    r"(?:(?:no|not|never|do not) (?:take |have |use )?more than|up to|maximum(?: of)?|max|at most"
    r"|exceed|limit (?:it |yourself )?to|keep (?:it |to )?(?:under|below|to)|stay (?:under|below)"
    r"|less than|under|below)\s*(?:about |around |roughly )?$"
)
_BOLUS = re.compile(r"\b(?:single|one off|bolus|in one go|one dose|injection|shot|stoss)")
# "1000 IU x 5", "a 1,000 mg tablet with each meal" (three a day).
_TIMES_AFTER = re.compile(
    r"\s*(?:x|times)\s*(?P<n>\d{1,2})\b|\W*(?:\w+ ){0,3}?(?:with|at) (?:each|every) meal\b"
    r"|\W*(?:\w+ ){0,3}?with breakfast,? lunch and (?:dinner|tea|supper)\b"
)
_EACH_TIME = re.compile(r"\s*(?:each|every|a|per) (?:time|meal|dose)\b")
_EACH_MEAL = re.compile(r"\b(?:with|at) (?:each|every) meal\b")
_TIMES_A_WEEK = re.compile(
    r"\W*(?P<n>twice|thrice|(?:\d+|two|three|four|five|six) times) (?:a|per|each|every) "
    r"(?P<period>week|fortnight|month)\b"
)
_SINGLE_DOSE = re.compile(
    r"\b(?:once|single|one off|bolus|in one go|one dose|injection|shot|stoss)"
)
_NOT_HAVING = re.compile(r"\b(?:without|no|not|never had)\b(?:\s+[\w-]+){0,4}\s*$")
# A supplement already at the limit "plus dairy" goes over it: the limit counts all sources.
_PLUS_FOOD = re.compile(
    r"\b(?:plus|on top of|as well as|in addition to|with)\s+"
    r"(?:(?:your|a|normal|usual|all|regular|daily|\d+|two|three|four|five)\s+){0,2}"
    r"(?:(?:servings?|portions?|glasses|cups|pots|helpings?) of\s+)?"
    r"(?:dairy|food|diet|meals|milk|yogh?urts?|cheese)"
)
_NAMES_A_LIMIT = re.compile(
    r"\s*(?:(?:a day|per day|daily|of \w+(?: \w+)?|is|as)\s+)?(?:the\s+)?(?:(?:upper|safe|daily"
    r"|tolerable|maximum|recommended)\s+)*(?:limit|ceiling|maximum|cap)\b"
)
# "1,000 mg of paracetamol", "1.2 g per kg": an amount of something else, or by body weight.
_OF_SOMETHING = re.compile(
    r"\s*(?:(?:of|in)\s+(?!(?:supplements?|tablets?|capsules?|pills?|elemental|extra|it|them"
    r"|that|this|a|the|your)\b)|(?:per|/|a|for each) ?(?:kg|kilo))"
)
# Other nutrients, whose amounts are not the calcium or vitamin D named before them.
_OTHER_NUTRIENT = re.compile(
    r"\b(?:protein|fibre|fiber|sodium|salt|potassium|iron|zinc|omega 3|fish oil|vitamin [abcek]"
    r"|caffeine|sugars?|alcohol|collagen|creatine|phosph\w+|glucosamine|chondroitin|turmeric"
    r"|curcumin|msm|strontium|boron|ginger)\b"
)
_FROM_FOOD = re.compile(
    r"\b(?:from|in) (?:food|foods|your diet|the diet|diet|meals)\b"
    r"|\b(?:meals|foods?|diet) (?:can |will |would |may |usually |often )?(?:give|provide|supply"
    r"|contain)s?\b"
)
_CONDITION = re.compile(
    r"\s(?:if|when|whenever|because|since|once|as soon as|on (?:the )?(?:days|nights|mornings"
    r"|evenings)"
    # "...in your tea so you don't taste it": a purpose, whose "not" refuses nothing.
    r"|so(?: that)?(?=\s(?:you|it|they|she|your)\s))\s"
)
_THIRD_PARTY = re.compile(
    r"\b(?:doctor|gp|someone|anyone|friends?|clinic|websites?|adverts?|people|a clinician|nurse"
    r"|pharmacist|they|she|he)\b"
)
_LEADING_CONDITION = re.compile(
    r"(?:[a-z ]{1,20}: )?(?:if|when|whenever|once|as soon as)\b[^,;]*,\s*"
)
_CLAUSE_EDGES = " ,:;-*•>#+\"'"
# "Without", "instead of"... after a hazard negate something else ("X, without side effects").
_PREPOSITIONS = re.compile(r"without|instead of|rather than|in place of")
_BACK_REFERENCE = re.compile(r"\s+(?:\w+ing\s+)?(?:them|it|these|those|such)\b")
# Research told in the past tense ("women who stopped early...").
_PAST_CHANGE = re.compile(
    r"\b(?:who|had|were|was) (?:\w+ )?(?:stopped|switched|paused|changed|moved|skipped|quit"
    r"|came off|took)\b"
)
# A dose missed by accident, told or planned for ("if you miss a tablet", "missing a dose now
# and then happens"), not a dose to leave out.
_MISSED_BY_ACCIDENT = re.compile(
    r"\b(?:if|when|in case) you (?:miss|forget)\b"
    r"|\b(?:easy|common|natural|human|normal|understandable) to (?:forget|miss)\b"
    r"|^(?:missing|forgetting) (?:\w+ ){1,5}?(?:happens|can happen|is (?:common|human|easy))\b"
)
# Carrying on with a medicine whatever the body says ("keep taking it when your joints ache").
_KEEP_GOING = re.compile(
    r"\b(?:keep|keeps|keeping|carry on|carrying on|continue|continuing|stick with|still|even)\b"
)
# Telling someone, in or right after a dismissal ("no need to tell", "don't bother your GP").
_TELLING = re.compile(
    r"\s*(?:\w+ ){0,5}?(?:call|phone|ring|tell|mention|report|bother|contact|troubl|alert"
    r"|involve|let (?:\w+ ){1,2}know|see (?:a|your|the)|(?:make )?(?:a )?fuss|ignor|disregard"
    r"|brush|shrug)"
)
# A medicine named only by its form ("the dose", "a tablet", "your pills").
_GENERIC_DOSE = re.compile(
    r"\b(?:tablets?|pills?|doses?|medicines?|medications?|meds|drugs?|prescriptions?)$"
)
# A pronoun that starts a clause, and the care-team noun it may point back at.
_PRONOUN_SUBJECT = re.compile(
    r"(?:[a-z ]{1,20}: )?(?:(?:and|so|then|but|if so|if needed|if necessary|if that happens"
    r"|in that case),? )?(they|she|he)\b"
)
_CARE_TEAM_NOUN = re.compile(
    r"\b(?:your|the|a|my|her) (?:\w+ )?(?:care team|team|doctor|oncologist|clinician|gp"
    r"|specialist|consultant|nurse|prescriber|clinic|hospital|surgery|practice)s?\b"
)
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")
_IN_PLACE_OF = re.compile(r"(?:instead of|rather than|in place of|alternatives? to)\b")
_PAST_FORM = re.compile(
    r"(?:stopped|paused|skipped|switched|swapped|dropped|halved|gave|ditched|quitted|moved|doubled"
    r"|tripled|upped)\b"
)
_LIMITS = {"vitamin-d": 4000.0, "calcium": 2000.0, "magnesium": 350.0}
# A supplement taken "on top of your diet": the calcium limit counts food too (FACTS 22), and
# supplements are only to make up a shortfall from food (FACTS 12), so 1,500 mg from tablets
# (more than the whole 1,200 mg daily need) plus dairy is advice towards the limit. Food gives
# little vitamin D, and the magnesium limit is for supplements alone.
_WITH_FOOD_LIMITS = {"vitamin-d": 4000.0, "calcium": 1500.0, "magnesium": 350.0}
# Warning signs: "no chest pain" is not one; "no need to call" is not a call; "never normal" is
# not a dismissal; a contrast ("but", ";") separates a dismissal from a sign.
_NO_SYMPTOM = re.compile(
    r"\b(?:no|without|free of|none of|nor|not (?:\w+ )?(?:have|get|feel|notice|experience|had|got"
    r"|feeling|having))\b(?:[ ,]+(?!(?:need|reason|point|call\w*|see\w*|tell\w*|ring\w*"
    r"|bother\w*|worr\w*|mention\w*|report\w*|contact\w*|fuss)\b)\w+){0,4}[ ,]*$"
)
# A product described, not advised: what it is, contains or acts like.
_DESCRIBES = re.compile(
    r"\b(?:contains?|containing|acts? like|works? like|acts? as|binds? (?:\w+ )?to|mimics?"
    r"|comes? from"
    r"|(?<!you )(?<!we )(?<!i )(?<!they )(?<!she )"
    r"(?:is|are|was|were) (?:(?:also|often|sometimes|usually) )?(?:a|an|one of the|found|made"
    r"|derived|sold|marketed|promoted|classed|classified|known|called|related|chemically"
    r"|(?:much |far )?(?:weaker|stronger|less|more) (?:\w+ )?than|(?:\w+ )?(?:hormones?|steroids?"
    r"|chemicals?|compounds?|plants?|herbs?|products?|medicines?|drugs?|brands?|names?"
    r"|preparations?|(?:forms?|types?|kinds?) of))"
    r"|(?:is|are) the (?:\w+ ){0,2}?(?:main|major|principal|chief|two|three|four)"
    r"|releases?|releasing"
    r"|(?:is|are) (?:quite |very |a )?(?:different|another matter|(?:a )?different (?:matter|story"
    r"|thing)))\b"
)
# "Fat tissue still makes a little estrogen": the body's own hormone, not a product.
_MADE_BY_BODY = "".join(
    f"(?<!{verb} )"
    for verb in (
        *("make", "makes", "made", "making", "produce", "produces", "produced", "producing"),
        *("leave", "leaves", "left", "has", "have", "had", "only", "still", "with", "without"),
    )
)
_MADE_AFTER = (
    r"(?! (?:is |are )?(?:still )?(?:made|produced|left|formed|present|remains?|circulates?"
    r"|comes? from))"
)
# A sentence about hormones or the menopause, where herbs sold for them are hormone remedies.
_HORMONE_FRAME = re.compile(
    r"\b(?:hormon\w*|estrogen\w*|progesterone|testosterone|menopaus\w*|flush(?:es|ing)?"
    r"|hot flash\w*|libido|night sweats)\b"
)
_MARKETING = re.compile(r"\b(?:natural|naturally|gentle|for (?:your |healthy |strong )?bones?)\b")
# Others' words ("websites say", "you may hear that"): reported, not endorsed, when denied.
_ATTRIBUTED = re.compile(
    r"\b(?:says?|said|claims?|claimed|claiming|you (?:may|might|will|often) (?:hear|read|see)"
    r"|(?:is|are)"
    r" (?:often |sometimes |widely )?(?:said|claimed|believed)|myths?|rumou?rs?|websites?"
    r"|adverts?|advertisements?|the internet|online (?:forums?|sources?|articles?|posts?|claims?"
    r"|sellers?|shops?)|(?:read|saw|seen|see|found) (?:\w+ )?online)\b"
)
# A later clause that refuses what came before it ("..., so skip them").
_BACK_REFUSAL = re.compile(
    r"\b(?:skip|avoid|leave out|steer clear of|stay away from|give up|drop)\s+(?:them|it|these"
    r"|those|this|that)\b|\b(?:they|it|these|those|this|that)\s+(?:is|are|s)\s+(?:(?:not|never)\s+"
    r"(?:advised|recommended|safe|suitable|for you|an option|used)|(?:usually |generally |best )?"
    r"avoided)\b"
)
# An answer that starts by turning the question down ("No.", "Sadly not", "Not after this
# cancer"), not a harm waved away ("No harm in it", "No problem").
_REFUSING_ANSWER = re.compile(
    r"(?:no|nope|sadly not|not really|unfortunately not|actually,? no|(?:usually|generally"
    r"|mostly|normally) not|rarely|almost never|not (?:after|with|on|for"
    r"|while|if|usually|advised|recommended|a good idea|safely))\b(?!\s*(?:harm|problem|reason"
    r"|need|worries|risk|doubt|question|wonder)\b)"
)
# An answer that says the thing asked about is not advised ("Hormones are avoided after this
# cancer", "Testosterone isn't advised").
_NOT_ADVISED = re.compile(
    r"\b(?:(?:not|never|no longer) (?:\w+ ){0,2}?(?:advised|recommended|used|offered|suitable"
    r"|safe|an option|given|prescribed|for you|a good idea|allowed|compatible|approved"
    r"|appropriate)|avoid(?:ed|s)?|unsafe|contraindicated|off limits|ruled out|off the table)\b"
)
# A caution about a whole class ("before using any vaginal estrogen such as Vagifem").
# A question that asks, not one that suggests ("Can I use HRT on an AI?" / "Why not try HRT?").
_INQUIRY = re.compile(
    r"(?:[a-z ]{1,20}: ){0,2}(?:so |and |but )?(?:can|could|may|might|should|shall|is|are|am|do"
    r"|does|did|will|would|must)(?: (?:i|we|you|it|one|someone|anyone|women|people|a|an|the|my|our"
    r"|her|taking|stopping|using|skipping))\b"
    # "Is maca or pueraria OK with letrozole?": whether a named thing is safe, asked.
    r"|(?:[a-z ]{1,20}: ){0,2}(?:is|are|can|could|would|will) (?:\w+ ){1,3}?(?:or (?:\w+ ){1,3}?)?"
    r"(?:ok|okay|safe|fine|allowed|alright|all right|suitable|compatible|a problem|an issue|risky"
    r"|dangerous)\b"
    # "Thinking of pausing anastrozole?": the reader's plan asked about, not advised.
    r"|(?:[a-z ]{1,20}: ){0,2}(?:are you |if you are )?(?:thinking|wondering|planning|considering"
    r"|tempted|worried|worrying|hoping)\b"
)
_SUGGESTION = re.compile(
    r"\b(?:why not|why do not|have you (?:tried|thought|considered|looked)|what about|how about"
    r"|(?:do|does|is|are|would|will|should) not (?:you|it|that|she)|really need|reason not to"
    r"|anything wrong with|any harm in|what is stopping you"
    # "Could you manage four 600 mg tablets a day?": put to the reader, a suggestion.
    r"|(?:could|would) you(?! be\b| have (?:had|been)\b))\b"
)
_AFFIRMATIVE = re.compile(
    # "Many women find it takes the edge off.": a yes in others' experience.
    r"(?:lots|many|most|plenty|loads)(?: of)? (?:\w+ ){0,2}?(?:women|people|readers|patients|us)"
    r" (?:find|found|say|swear) (?:that )?(?:it|this|that|doing so) (?:helps|works|takes the edge"
    r" off|makes a (?:big |real )?difference|is fine|is worth it)\b"
    # "For most of our readers, absolutely.": a yes after a short lead-in.
    r"|(?:(?:for|in|with) (?:\w+ ){1,5}?(?:readers|women|people|patients|of us|cases),? )?"
    # "Lots of women say yes.": a yes put in others' mouths.
    r"(?:(?:lots|many|most|plenty|loads)(?: of)? (?:\w+ ){0,2}?(?:women|people|readers|patients"
    r"|us) (?:say|said|would say|find|found|think|reckon) )?"
    r"(?:yes|yeah|yep|yup|absolutely|sure|of course|definitely|certainly|totally|indeed|go for it"
    r"|why not|you can|you could|it is|it s|fine|ok|okay|no problem|no harm)\b(?! not\b)"
)


_WEEK_COUNTS = {"a couple of": 2, "a couple": 2, "a few": 3, "several": 4, "a dozen": 12}


def _within_a_week(amount: str) -> bool:
    """A weekly amount of alcohol within the limit of 14 units (a drink taken as about 2.3
    units, a bottle of wine as 10)."""
    found = re.match(r"(\d+|a couple of|a couple|a few|several|a dozen|[a-z]+)\s", amount)
    if found is None:
        return False
    word = found.group(1)
    count = int(word) if word.isdigit() else _WEEK_COUNTS.get(word, _TIMES_WORDS.get(word))
    if count is None:
        return False
    per = 1.0 if "unit" in amount else 10.0 if "bottle" in amount else 2.3
    return count * per <= 14


def _asks(text: str) -> bool:
    """A question that asks rather than suggests."""
    return (
        text.rstrip().endswith("?")
        and _INQUIRY.match(text) is not None
        and _SUGGESTION.search(text) is None
    )


# "the zoledronic acid (that) your oncologist offers": a clinician's words naming the object.
_DESCRIBES_OBJECT = re.compile(
    r"(?:(?:your|a|the|their|her) )?(?:\w+ )?(?:care team|team|doctor|oncologist|clinician|gp"
    r"|specialist|consultant)s? "
)
# A short "no" to a question ("No, just wait it out.", "Not really.").
_NO_ANSWER = re.compile(
    r"(?:no|nope|not really|probably not|not any ?more|not necessarily|not at all|not now)\b"
    r"(?! (?:harm|problem|reason|need|worries|risk|doubt|question|wonder|one)\b)"
)
# A question whether a medicine must be kept ("Do I still need...", "Should I keep taking...").
_KEEP_QUESTION = re.compile(
    r"\b(?:still need|need to (?:keep|stay|carry on|continue|take)|have to (?:keep|stay|carry on"
    r"|continue|take)|should i (?:keep|stay|carry on|continue|still take)|must i (?:keep|stay"
    r"|carry on|continue|still take))\b"
)
_NAMED_BY_CLINICIAN = re.compile(rf"\s*(?:that |which )?{_DESCRIBES_OBJECT.pattern}")
_POINTS_BACK_SUBJECT = re.compile(r"(?:so |and |which means )?(?:they|it|these|this|that)\b")
_POINTS_BACK = re.compile(r"\b(?:that|this|it|them|whether|such a (?:decision|change))\b")
# Plant estrogens eaten as food ("isoflavones from soy foods"), with no product named.
_AS_FOOD = re.compile(
    r"^(?!.*\b(?:supplements?|pills?|capsules?|tablets?|extracts?|powders?|drops?|creams?"
    r"|formulas?|blends?|products?|teas?)\b).*\b(?:from|in|eating) (?:\w+ )?(?:foods?|diet|meals)\b"
)
_ANY = re.compile(
    r"\bany (?:\w+ )?(?:(?:\w+ ){0,3}(?:such as|like|including|e g) (?:[\w,]+ ){0,6})?$"
    r"|\bbefore (?:you )?(?:us|tak|start|try|tri|add|buy|apply)\w* (?:\w+ ){0,5}$"
)
# "on your own" refused ("never make that change on your own", "not a dose to take yourself").
_REFUSED_ALONE = re.compile(r"\b(?:not|never|no|nor)\b(?: [\w']+){0,5} $")
_MILD = re.compile(
    r"\b(?:slightly|a little|a bit|mildly|somewhat|pleasantly|comfortably|moderately|gently)"
    r"(?: more)? $"
)
_NOT_REPORTING = re.compile(
    r"\b(?:not|never|only|no need to|no reason to|no point(?: in)?|nothing to|without|nor"
    r"|instead of|rather than|bother|waste|skip|skipping|avoid|avoiding|forget"
    r"|(?:until|till|before) (?:you |you are )?|(?:hold|holding|put"
    r"|putting) off)\s*(?:\w+\s+)?$"
)
_LATER = re.compile(
    r"\s+(?:\w+\s+)?(?:tomorrow|later|next week|in the morning|on monday|in a (?:few days|week))\b"
)
_NOT_DISMISSING = re.compile(
    r"\b(?:not|never|no|nor|cannot|instead of|rather than)\s+(?:\w+\s+){0,3}$"
    r"|\b(?:do not|never) (?:assume|think|believe|pretend|accept|tell yourself)\b"
)
_CONTRAST = re.compile(r"\s*;\s*|,?\s+(?:but|however|although|though|whereas|yet|unlike)\s+")
_SUBJECTLESS = re.compile(
    r"(?:it|that|this|these|those|they|probably|likely|usually|most likely|almost certainly"
    r"|just|only|nothing|no need|do not|not|honestly|relax|ignore|never mind|no)\b"
)
_NO_SUPERVISION = re.compile(
    r"(?:\bno|without|not|never|skip|who needs|need for|do not need|forget)(?: \w+)?"
    r"(?: the| any| a)? $"
)


# Oral bisphosphonates: a later sentence about "it" or "the tablet", food or drink told as what
# comes after the wait, and the calcium that is a food word there ("with calcium").
_IT_TABLET = re.compile(r"\b(?:it|them|the (?:tablet|pill|dose)|your (?:tablet|pill|dose))\b")
_WITH_START = re.compile(r"(?:with|alongside|over|and|during|at|washed|together|along)\b")
_WAIT_FIRST = re.compile(
    r"\b(?:wait\w*|at least) (?:for )?(?:\d+|half an hour|an hour)"
    r"|\b(?:\d+ (?:minutes?|mins?)|half an hour|an hour) (?:before|after|later|afterwards)\b"
)
_AFTER_FOOD_FORM = re.compile(r"\b(?:gastro resistant|delayed release|enteric coated|atelvia)\b")
# Alcohol and smoking (FACTS 5, 27, 34).
_ALCOHOL = re.compile(
    r"\b(?:alcohol\w*|drink\w*|drunk|wine|beers?|lager|cider|prosecco|champagne|gin|vodka"
    r"|whisky|spirits|booze|pints?|units of alcohol|binge\w*|sober|tipsy|hangovers?"
    r"|(?:stay\w*|keep\w*|go\w*) dry)\b"
)
_WEEKLY_UNITS = re.compile(r"\s*(?:a|per|each|every|in a) week\b|\s*weekly\b")
_MAKES_UP = re.compile(
    r"\b(?:(?:stay|staying|keep|keeping|go|going) (?:dry|sober|off it)|(?:alcohol|drink) free"
    r" (?:the )?rest|rest of the week|make(?:s)? up for|balances? (?:it )?out|cancels? (?:it )?out"
    r"|(?:as long as|provided|so long as) you (?:\w+ ){0,3}?(?:dry|sober|eat|hydrat\w*|water))\b"
)
_STOPS_SMOKING = re.compile(
    r"\b(?:stop\w*|quit\w*|giv(?:e|ing) up|gave up|cut\w* (?:out|down on)|ex|non|no|never"
    r"|without|avoid\w*|after)\s+(?:\w+\s+)?$"
)
_SMOKING_FINE = re.compile(
    r"\b(?:fine|ok|okay|harmless|alright|all right|no big deal|(?:does|do) not (?:really )?matter"
    r"|nothing (?:much )?to worry about"
    r"|good for|calms? (?:your )?nerves|worth it|relax\w*|not (?:a|much of a) (?:problem|worry)"
    r"|(?:negligible|minimal|little|no) (?:real )?(?:effect|impact|harm)"
    r"|(?:hardly|barely|scarcely) (?:matters?|counts?|affects?|harms?|hurts?|makes? (?:a|any)"
    r" difference))\b"
)
_MAY_BE_DROPPED = re.compile(
    r"\b(?:can|could|may|might) (?:now |safely |just |simply )?be (?:skipped|dropped|omitted"
    r"|ditched|left out|swapped|replaced)\b"
)
# Drinks that are alcohol whatever the sentence says ("four pints", "two glasses of red").
_DRINKS = re.compile(
    r"\b(?:pints|drinks|cans|gins|measures|doubles|shots|cocktails|beers|ciders|bottles? of"
    r"|benders?|boozy|(?:big|heavy) (?:\w+ )?(?:night|session|weekend)s?|(?:g and t|gin and tonic)s"
    r"|of (?:\w+ )?(?:wine|beer|cider|lager|prosecco|gin"
    r"|vodka|whisky|spirits|red|white|rose|bubbly|fizz))\b"
)
_EXERCISE = re.compile(
    r"\b(?:gym|workouts?|training|lift\w*|weights?|exercis\w*|class(?:es)?|runs?|running|walks?"
    r"|squats?|reps|sets)\b"
)
_NO_WORRY = re.compile(
    r"\b(?:(?:do not|never|no need to) (?:worry|fret|stress|feel guilty) about"
    r"|nothing (?:much )?to worry about"
    r"|(?:will|would|does|do) not (?:even )?notice"
    r"|(?:will|would|does|do|did|can|could) not (?:\w+ )?(?:weaken|thin|damage|hurt|harm|affect"
    r"|touch|matter|(?:stop|slow|prevent|undo|hold back) (?:your )?bones?)"
    r"|(?:is|are) nothing (?:for|to) (?:your )?(?:bones?|body|health))\b"
)
# Stopping smoking said not to be futile, or to help despite what it cannot undo.
_NOT_FUTILE = re.compile(
    r"\b(?:never|not|hardly|rarely) (?:a waste|pointless|too late|too little|useless|no use"
    r"|no good)"
)
_BUT_HELPS = re.compile(
    r"\b(?:but|yet|although|though|however)\b.*\b(?:slows?|helps?|lowers?|reduces?|protects?"
    r"|improves?|benefits?|worth)\b"
)
# A later clause about what came before ("..., but at your age it makes little difference").
_POINTS_BACK_LATER = re.compile(r"\W*(?:but|and|so|yet)?\s*(?:\w+ ){0,3}?(?:it|that|this|they)\b")
# Smoking told to go on ("so carry on", "might as well keep smoking").
_CARRY_ON_SMOKING = re.compile(
    r"\b(?:(?:so|just) (?:carry on|keep (?:on )?(?:smoking|going))|might as well (?:carry on"
    r"|keep (?:on )?(?:smoking|going)|smoke))\b"
)
_SMOKING_WORD = re.compile(r"\b(?:smok\w*|cigarettes?|cigs?|fags?|vap\w*|tobacco)\b")


@dataclass(frozen=True)
class _Hit:
    rule: str
    start: int
    end: int
    text: str
    # Only put as a question ("What about testosterone?"): its answer decides.
    asked: bool = False


class Linter:
    """A lint built from one :class:`RuleTable` (the default one backs :func:`lint`)."""

    def __init__(self, table: RuleTable = DEFAULT_TABLE, allowed: dict[str, str] | None = None):
        self.table = table
        self.allowed = ALLOWED if allowed is None else allowed
        t = table
        substance = _alt(t.substances)
        self._product = _words(
            (
                *t.hormone_products,
                rf"(?:{_alt(t.route_adjectives)}) (?:{substance})",
                rf"(?:{substance}) (?:[a-z]+ )?(?:{_alt(t.routes)})",
                rf"(?:{_alt(t.hormone_adjectives)}) (?:[a-z]+ ){{0,2}}?"
                rf"(?:{substance}|{_alt(t.routes)})",
                # a cheap first-letter test before the lookbehinds
                rf"(?=[acgijlmprstw])(?<!a )(?<!an ){_MADE_BY_BODY}"
                rf"(?:{_alt(t.quantities)}) (?:[a-z]+ )?"
                rf"(?:{substance}){_MADE_AFTER}",
            )
        )
        self._local_route = _words(t.local_routes)
        self._substance = _words(t.substances)
        self._advise_substance = re.compile(
            r"(?:^|(?<=: )|(?<![\w])(?:you|we|who|to|please|just|by|about|for|of|from|consider|try"
            r"|keep|start|and|or|body|bones|body s|bones s)\s+(?:(?:can|could|should|might|may|must"
            r"|need to|ought to|will|would|also|really|simply|safely)\s+)?)"
            rf"(?:{_alt(t.advise_substance)})(?:\s+(?:your|my|the|a|an|some|more|extra"
            r"|little|bit|of|own|body s|levels?|back|up|low|dose|natural|lost|missing|tiny|small"
            r"|touch|dash|topped|with|their|her)){0,3}\s+"
            rf"(?:{substance})(?![\w])"
            rf"|(?<![\w])(?:{substance})(?:\s+\w+)?\s+(?:{_alt(t.added_back)})(?![\w])"
            # "Is estriol okay with letrozole? Yes": the asking order, answered yes.
            rf"|(?<![\w])(?:is|are) (?:an? |the |some |a little )?(?:\w+ )?(?:{substance})"
            r"(?:\s+\w+)?\s+(?:ok|okay|safe|fine|alright|all right|compatible)(?![\w])"
            rf"|(?<![\w])(?:{substance})\s+(?:is|are|can be|could be|would be|as) (?:an? |the )?"
            r"(?:(?!not |never |no )\w+ ){0,3}(?:option|choice|alternative|solution|answer|fix"
            r"|remedy|cure|safe|fine|ok|okay|harmless|worth|good|great|helpful|useful|effective"
            r"|natural|gentle|available|recommended|suitable)"
            rf"(?<!natural(?=\s(?:{substance})))"  # "...are the three main natural estrogens"
        )
        # A natural hormone put to the reader in a question ("Have you thought about
        # testosterone?", "What about a little estriol?"), not "...about how estrogen works".
        self._suggested_substance = re.compile(
            r"(?:why not|have you (?:tried|thought|considered|looked)(?: about| into| at)?"
            r"|what about|how about|(?:could|would) you(?: consider| try| think about)?)"
            r"(?: (?:try|trying|taking|using|adding|getting|asking (?:\w+ ){0,3}?(?:about|for)|a"
            r"|an|some|a little|a bit of|low dose|natural|bioidentical|your|more|extra)){0,3}"
            rf" (?:{substance})(?![\w])"
        )
        self._pronoun_advice = re.compile(
            r"(?:^|(?<=: )|(?<![\w])(?:to|just|please|i|we)\s+"
            r"|(?<![\w])you\s+(?:can|could|should|might|may|must)\s+)"
            rf"(?:{_alt(t.advise_pronoun)})(?![\w])"
        )
        self._phyto = _words(t.phytoestrogens)
        self._hormone_herbs = _words(t.hormone_herbs)
        self._peptide = _words(
            (*t.peptides, rf"(?:growth hormone|igf 1) (?:{_alt(t.routes)})|growth hormone releas")
        )
        ai = rf"(?:{_alt(t.ai_terms)}){_AI_MODIFIER}"
        bone = _alt(t.bone_medicines)
        other = _alt(t.other_medicines)
        before = _alt(t.changes_before)
        more = _alt(t.dose_increases)
        after = _alt(
            (
                *t.changes_after,
                *t.increases_after,
                *t.bone_schedule_changes,
                *t.as_needed,
                *t.by_feel,
            )
        )
        ai_after = _alt(
            (
                *t.changes_after,
                *t.increases_after,
                *t.schedule_changes,
                *t.as_needed,
                *t.only_when,
                *t.by_feel,
            )
        )
        other_after = _alt((*t.changes_after, *t.increases_after, *t.schedule_changes))
        borrowed = rf"(?<![\w])(?:{_alt(t.borrowed)})(?:\s+[\w]+){{0,2}}?\s+"
        self._ai_change = re.compile(
            rf"(?<![\w])(?:{before}){_gap(5)}(?:(?:that|this|these|those) )?(?:{ai})(?![\w])"
            rf"|(?<![\w])(?:{more}){_DOSE_GAP}(?:{ai})(?![\w])"
            rf"|(?<![\w])(?:{ai}):?{_gap(4)}(?:{ai_after})(?![\w])"
            rf"|(?<![\w])(?:{ai})\s+(?:{ai_after})(?![\w])"
            rf"|{borrowed}(?:{ai})(?![\w])|(?<![\w])(?:{_alt(t.bare_switches)})(?![\w])"
            rf"|{_SUBJECT.format(ai)}(?:{ai_after})(?![\w])"
        )
        self._ai_mention = re.compile(rf"(?<![\w])(?:{ai})(?![\w])")
        self._bare_switch = _words(t.bare_switches)
        self._bone_mention = re.compile(rf"(?<![\w])(?:{bone})(?![\w])")
        self._feelings = _words(t.feelings)
        self._imitation = _words(t.imitation)
        self._change_pronoun = re.compile(
            r"(?<!when to )(?<!whether to )(?<!how to )(?<!time to )"
            rf"(?<![\w])(?:{_alt(t.bare_changes)})(?: (?:taking|using|having))?(?: (?:it|them))?"
            r"(?: (?:early|now|altogether|for good|for a while|for now))?"
            r"(?: (?:yourself|on your own|by yourself))?"
            r"(?:$|,|(?= (?:if|when|whenever|because|since|as|once|after|until|for|before|on|during"
            r"|while|every|each|over|till|at (?:\w+ )?(?:\d|one|two|three|four|five|weekends?))\b)"
            # "stop it and tell your oncologist at the next visit": done first, told after
            r"|(?= (?:and|then) (?:just )?(?:tell|let|inform|mention)\b)"
            r"|[.!?]"
            # "...so stopping early is reasonable": the change praised
            r"|(?= (?:is|would be|could be|seems) (?:\w+ ){0,2}?(?:reasonable|sensible|fine|ok|okay"
            r"|safe|smart|wise|best|better|good|right|an option|worth)\b| makes sense))"
        )
        self._bare_dose_change = _words(t.bare_dose_changes)
        self._bone_change = re.compile(
            rf"(?<![\w])(?:{before}){_gap(5)}(?:(?:that|this|these|those) )?(?:{bone})(?![\w])"
            rf"|(?<![\w])(?:{_alt(t.bone_gaps_before)}){_gap(5)}(?:{bone})(?![\w])"
            rf"|(?<![\w])(?:{more}){_DOSE_GAP}(?:{bone})(?![\w])"
            rf"|(?<![\w])(?:{bone})(?:{_gap(4)}|\s+)(?:{after})(?![\w])"
            rf"|{borrowed}(?:{bone})(?![\w])|{_SUBJECT.format(bone)}(?:{after})(?![\w])"
        )
        # Any other prescribed medicine: the same changes, but "as needed" is how painkillers
        # are meant to be taken.
        self._other_change = re.compile(
            rf"(?<![\w])(?:{before}){_gap(5)}(?:(?:that|this|these|those) )?(?:{other})(?![\w])"
            rf"|(?<![\w])(?:{more}){_DOSE_GAP}(?:{other})(?![\w])"
            rf"|(?<![\w])(?:{other})(?:{_gap(4)}|\s+)(?:{other_after})(?![\w])"
            rf"|{borrowed}(?:{other})(?![\w])|{_SUBJECT.format(other)}(?:{other_after})(?![\w])"
        )
        self._other_mention = re.compile(rf"(?<![\w])(?:{other})(?![\w])")
        supplement = _alt(t.prescribed_supplements)
        self._supplement_by_feel = re.compile(
            rf"(?<![\w])(?:{supplement}){_gap(4)}(?:{_alt((*t.by_feel, *t.as_needed))})(?![\w])"
        )
        self._supplement_mention = re.compile(rf"(?<![\w])(?:{supplement})(?![\w])")
        self._by_feel = _words(t.by_feel)
        self._bare_by_feel = re.compile(
            r"(?<![\w])(?:tak(?:e|es|ing)|hav(?:e|es|ing)|us(?:e|es|ing)|pop(?:s|ping)?)"
            rf" (?:it|them)(?: \w+)? (?:{_alt((*t.by_feel, *t.as_needed, *t.only_when))})(?![\w])"
        )
        self._oral_bisphosphonate = _words(t.oral_bisphosphonates)
        self._bisphosphonate_error = _words(t.bisphosphonate_errors)
        self._taken_with_bisphosphonate = re.compile(
            rf"(?<![\w])(?:{_alt(t.taken_with_bisphosphonate)}) (?:your |the |my )?(?:weekly"
            rf" |monthly )?(?:{_alt(t.oral_bisphosphonates)})(?![\w])"
        )
        self._alcohol_excess = _words(t.alcohol_excess)
        self._smoking = _words(t.smoking)
        self._not_worth_stopping = _words(t.smoking_not_worth_stopping)
        self._vitamin_d = _words(t.vitamin_d)
        self._calcium = _words(t.calcium)
        self._magnesium = _words(t.magnesium)
        nutrient = _alt((*t.vitamin_d, *t.calcium, *t.magnesium))
        self._nutrient = re.compile(rf"(?<![\w])(?:{nutrient})(?![\w])")
        self._no_limit = _words(t.no_limit)
        self._dose_up = re.compile(
            rf"(?<![\w])(?:{_alt(t.dose_up)})(?:\s+[\w,.]+){{0,4}}?\s+(?:of\s+)?(?:{nutrient})"
            r"(?![\w])"
            rf"|(?<![\w])(?:{nutrient})(?:\s+\w+){{0,3}}?\s+(?:{_alt(t.dose_up)})(?![\w])"
        )
        self._claim = re.compile(
            rf"(?<![\w])(?:{_alt(t.claim_supplements)})(?![\w])(?:\s+[\w']+){{0,6}}?\s+"
            rf"(?:{_alt(t.claim_verbs)})(?:\s+[\w']+){{0,5}}?\s+(?:{_alt(t.claim_outcomes)})"
            r"(?![\w])"
        )
        # "Take K2 daily and you won't break a bone": the promise sits in the next clause.
        self._claim_promise = re.compile(
            rf"(?<![\w])(?:{_alt(t.claim_supplements)})(?![\w])(?:\s+[\w']+){{0,6}}?,?\s+(?:(?:and|so"
            r"|then)\s+)?(?:you|your bones?)\s+(?:will|would|can)\s+(?:not|never)\s+(?:\w+\s+){0,2}"
            rf"(?:{_alt(t.claim_outcomes)}|break|fracture)(?![\w])"
        )
        self._flexion = _words(t.flexion)
        no_negation = r"(?:\s+(?!(?:without|no|not|never|or|and|but|nor)\b)[a-z0-9']+){{0,{n}}}?\s+"
        twist, load = _alt(t.twisting), _alt(t.loads)
        self._loaded_twist = re.compile(
            rf"(?<![\w])(?:{load}){no_negation.format(n=3)}(?:{twist})(?![\w])"
            rf"|(?<![\w])(?:{twist}){no_negation.format(n=4)}(?:{load})(?![\w])"
        )
        condition = _alt(t.bone_conditions)
        cure = _alt(t.cure_verbs)
        self._cure = re.compile(
            rf"(?<![\w])(?:{cure}){_gap(4)}(?:{condition})(?![\w])"
            rf"|(?<![\w])(?:{condition})\s+(?:(?:can|could|will|would|may|might|is|are|has been"
            r"|have been|gets?|got)\s+)?(?:be\s+)?(?:completely\s+|fully\s+|totally\s+)?"
            rf"(?:{cure})(?![\w])"
        )
        self._hedges = _words(t.hedges)
        medicine = _alt((*t.generic_medicines, *t.bone_medicines))
        self._medicine_word = re.compile(rf"(?<![\w])(?:{medicine})(?![\w])")
        # The medicine as the subject of a cure verb, not "I said no to Prolia and cured it".
        self._medicine_does = re.compile(
            rf"(?<![\w])(?:{medicine})(?:\s+(?!(?:and|but|so|then|i|we|you)\b)[\w']+){{0,4}}\s+$"
        )
        self._replace = re.compile(
            rf"(?<![\w])(?:{_alt(t.replace_medicine)}){_gap(3)}(?:{medicine})(?![\w])"
        )
        self._replace_claim = _words(t.replace_claims)
        self._imperative = re.compile(
            r"(?:[a-z ]{1,20}: )?(?:just |please )?"
            rf"(?:{_alt(t.clause_starters)}|buy|pick|consider|order|choose|opt|look)\b"
        )
        self._bone_talk = re.compile(
            rf"(?<![\w])(?:{condition}|{bone}|bones?|bone (?:density|health|strength|mass)"
            r"|skeleton|fractures?|dexa|dxa|t ?scores?)(?![\w])"
        )
        self._red_flags = _words(t.red_flags)
        self._medicine_red_flags = _words(t.medicine_red_flags)
        self._dismissals = _words((*t.dismissals, *t.report_discouraged))
        self._falls = _words(t.falls)
        self._report_discouraged = _words(t.report_discouraged)
        self._report = _words(t.report_to_team)
        self._impact = _words(t.impact)
        self._forceful_rotation = _words(t.forceful_rotation)
        self._fragile = re.compile(rf"(?<![\w])(?:{_alt(t.fragile_spine)})(?![\w])")
        self._heavy = _words(t.heavy_lifting)
        self._unsupervised = _words(t.unsupervised)
        self._supervised = _words(t.supervised)
        self._endorsing = _words((*t.endorsing, *t.reassurances))
        self._reassurance = _words(t.reassurances)
        self._negators = _words(t.negators)
        self._harms = _words(t.harms)
        self._put_aside = re.compile(
            rf"(?<![\w])(?:{_alt(t.refusal_verbs)})"
            r"(?:\s+(?!(?:with|for|by|to|then|so|but|into|and (?:start|take|try|use))\b)[\w']+)"
            r"{0,4}?\s*$"
        )
        self._deferrals = _words(t.deferrals)
        self._self_action = _words(t.self_action)
        self._research = _words(t.research)
        self._endorsements = _words(t.endorsements)
        starters = _alt(t.clause_starters)
        self._boundary = re.compile(
            r"\s*;\s*|\s+-\s+|,?\s+(?:but|however|although|though|whereas|yet)\s+"
            r"(?!(?:they|it|these|those|this|such|that|both|neither|not|never|no)\b)"
            r"|(?<!\bnow)(?<!\bnow and),?\s+(?:and\s+)?then\s+|,\s+so\s+"
            rf"|,?\s+and\s+(?=(?:{starters})\b)|,\s+and\s+(?=(?:i|we)\b)|,\s+(?=(?:{starters})\b)"
            r"|,\s+and\s+(?=(?:their|her|his|my|our|she|he|the)\s)"
        )
        verbs = rf"(?:{_alt(t.changes_before)}|{starters})"
        self._coordination = re.compile(rf"\b({verbs})((?:\s*,\s*{verbs})+)\s*,?\s+(or|nor|and)\s+")
        self._fuzzy_targets = tuple(
            sorted(
                {
                    e
                    for e in (
                        *t.hormone_products,
                        *t.ai_terms,
                        *t.bone_medicines,
                        *t.peptides,
                        *t.substances,
                        *t.phytoestrogens,
                    )
                    if re.fullmatch(r"[a-z]{6,}(?:s\?)?", e)
                }
            )
        )
        self._slips: dict[str, str] = {}  # word -> the word with a typing slip fixed
        self._folded: dict[str, str] = {}  # sentence -> normalised(sentence)
        self._fuzzy_by_letter: dict[str, tuple[str, ...]] = {}
        for target in self._fuzzy_targets:
            plain = target.removesuffix("s?")
            self._fuzzy_by_letter[plain[0]] = (*self._fuzzy_by_letter.get(plain[0], ()), plain)
        self._lexicon_word = re.compile(
            _alt(
                (
                    *t.hormone_products,
                    *t.ai_terms,
                    *t.bone_medicines,
                    *t.peptides,
                    *t.substances,
                    *t.phytoestrogens,
                )
            )
        )

    # -- text handling --

    def _fix_slips(self, text: str) -> str:
        """Replace a long word one typing slip away from a drug name with that name."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            known = self._slips.get(word)
            if known is not None:
                return known
            fixed = word
            if not self._lexicon_word.fullmatch(word):
                limit = 1 if len(word) < 11 else 2
                for target in self._fuzzy_by_letter.get(word[0], ()):
                    if _close(word, target, limit):
                        fixed = target
                        break
            if len(self._slips) > 20000:  # words repeat; arbitrary text must not grow it forever
                self._slips.clear()
            self._slips[word] = fixed
            return fixed

        return _LONG_WORD.sub(fix, text)

    def normalised(self, sentence: str) -> str:
        """The sentence folded (see :func:`normalise`) with typing slips in drug names fixed.

        Kept for a while: a sentence is folded again as the one before the next."""
        folded = self._folded.get(sentence)
        if folded is None:
            if len(self._folded) > 64:  # only the last few sentences are asked for again
                self._folded.clear()
            folded = self._folded[sentence] = self._fix_slips(normalise(sentence))
        return folded

    def clauses(self, sentence: str) -> list[str]:
        """The normalised clauses of one sentence."""
        text = sentence
        if "," in sentence:  # "stop, pause or skip": only a list with commas is rewritten
            text = self._coordination.sub(
                lambda m: m.group(1) + re.sub(r"\s*,\s*", " or ", m.group(2)) + f" {m.group(3)} ",
                sentence,
            )
        parts = (c.strip(_CLAUSE_EDGES) for c in self._boundary.split(text) if c)
        return [c for c in parts if c]

    # -- shapes --

    def _blanked(self, clause: str, hit: _Hit) -> str:
        """The clause without the hazard's own words, endorsing negations, or a condition.

        "Drop exemestane if the aches are too much", "If the aches are too much, drop it": the
        condition describes the situation, so its words neither refuse nor warn.
        """
        condition = _CONDITION.search(clause, hit.end)
        end = condition.start() if condition else len(clause)
        leading = _LEADING_CONDITION.match(clause)  # "If tablets feel like too much, ..."
        begin = leading.end() if leading and leading.end() <= hit.start else 0
        text = (
            " " * begin
            + clause[begin : hit.start]
            + " " * (hit.end - hit.start)
            + clause[hit.end : end]
        )
        return self._endorsing.sub(lambda m: " " * len(m.group(0)), text)

    def _negated(self, blank: str, hit: _Hit) -> bool:
        """A negator before the hazard, or one after it that is not a preposition."""
        return any(
            m.start() < hit.start
            or (
                not _PREPOSITIONS.fullmatch(m.group(0))
                # "...every other night to avoid aches": a purpose, not a refusal
                and not (m.group(0).startswith("avoid") and blank.endswith(" to ", 0, m.start()))
            )
            or _BACK_REFERENCE.match(blank, m.end())
            for m in self._negators.finditer(blank)
        )

    def _refused(self, clause: str, hit: _Hit) -> bool:
        """Refused, warned against, or put aside ("swap sit-ups for...") in its clause."""
        blank = self._blanked(clause, hit)
        return (
            self._negated(blank, hit)
            or bool(self._harms.search(blank))
            or bool(self._put_aside.search(blank, 0, hit.start))
        )

    def _deferred(
        self, clause: str, sentence: str, prescriber: bool = False, after: int = -1
    ) -> bool:
        """Left to the care team; with ``prescriber``, a pharmacist alone does not count (a
        medicine is changed only by whoever prescribes it). A clinician named right ``after``
        the hazard describes it ("decline the drug your oncologist offers") and does not count.
        """
        found = (
            m
            for m in self._deferrals.finditer(clause)
            if not (prescriber and "pharmacist" in m.group(0))
            and not (
                0 <= after <= m.start()
                and (
                    (
                        re.fullmatch(r"\s*(?:that |which )?", clause[after : m.start()])
                        and _DESCRIBES_OBJECT.match(m.group(0))
                    )
                    # "twice the vitamin D your doctor prescribed"
                    or _NAMED_BY_CLINICIAN.fullmatch(clause[after : m.start()])
                )
            )
        )
        return next(found, None) is not None and not self._acts_alone(sentence)

    def _acts_alone(self, sentence: str) -> bool:
        """Tells the reader to act alone ("on your own", "no need to ask"), not as a refusal."""
        return any(
            not _REFUSED_ALONE.search(sentence[max(0, m.start() - 50) : m.start()])
            for m in self._self_action.finditer(sentence)
        )

    def _endorses(self, clause: str, blank: str) -> bool:
        """A benefit or a go-ahead in the clause (``blank``: the clause without its hazard), or a
        harm denied ("no harm in it", "without the usual risks"), which is one too."""
        return bool(self._endorsements.search(blank) or self._reassurance.search(clause))

    def _reported(self, clause: str, hit: _Hit) -> bool:
        """Research told without a benefit or a go-ahead."""
        blank = self._blanked(clause, hit)
        if self._imperative.match(clause) and not clause.startswith("you "):
            return False  # "Try the LIFTMOR programme at home": an order, not a report
        return bool(self._research.search(blank)) and not self._endorses(clause, blank)

    # -- hazards --

    def _hormone_hits(self, clause: str, sentence: str) -> Iterator[_Hit]:
        for m in self._product.finditer(clause):
            yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        if self._substance.search(sentence):
            for m in self._local_route.finditer(clause):
                yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        if self._substance.search(sentence) or self._product.search(sentence):
            for m in self._pronoun_advice.finditer(clause):
                yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        for m in self._advise_substance.finditer(clause):
            yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        if sentence.endswith("?"):
            for m in self._suggested_substance.finditer(clause):  # "What about testosterone?"
                yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0), asked=True)
        for m in self._phyto.finditer(clause):
            yield _Hit("phytoestrogen", m.start(), m.end(), m.group(0))
        if _HORMONE_FRAME.search(sentence):
            for m in self._hormone_herbs.finditer(clause):
                yield _Hit("phytoestrogen", m.start(), m.end(), m.group(0))
        for m in self._peptide.finditer(clause):
            yield _Hit("peptide-or-secretagogue", m.start(), m.end(), m.group(0))

    def _answer_refuses(self, answer: str) -> bool:
        """The sentence after a question turns down what it raised ("Could HRT help? It isn't
        used after breast cancer."), and raises nothing unsafe itself."""
        text = self.normalised(answer)
        blank = self._endorsing.sub(lambda e: " " * len(e.group(0)), text)
        refuses = (
            _BACK_REFUSAL.search(text)
            or _REFUSING_ANSWER.match(blank)
            or _NOT_ADVISED.search(blank)
            or (self._research.search(blank) and self._negators.search(blank))
            or (self._harms.search(blank) and not self._endorsements.search(blank))
        )
        return bool(refuses) and not self._hazards(text, "")

    def _answer_describes(self, answer: str) -> bool:
        """The sentence after a question only explains: no benefit, go-ahead or hazard."""
        text = self.normalised(answer)
        return not (
            self._endorsements.search(text)
            or self._reassurance.search(text)
            or self._imperative.match(text)
            or self._pronoun_advice.search(text)  # "Rub it in at night."
            or self._hazards(text, "")
        )

    def _rebutted(self, clause: str, sentence: str, after: str) -> bool:
        """A claim put in others' mouths and denied ("websites say..., but trials have not"), or
        refused by a later clause that points back at it ("..., so skip them")."""
        if _BACK_REFUSAL.search(after):
            return True
        if not _ATTRIBUTED.search(clause):
            return False
        return bool(self._negators.search(self._endorsing.sub(" ", sentence)))

    def _never_options(self, clause: str, sentence: str, after: str = "") -> Iterator[_Hit]:
        """Hormones, plant estrogens, peptides: only a refusal, harm or neutral research passes."""
        for hit in self._hormone_hits(clause, sentence):
            if self._refused(clause, hit) or self._rebutted(clause, sentence, after):
                continue
            if _BACK_REFUSAL.search(clause, hit.end):
                continue  # "...out of our range because they aren't suitable"
            if hit.rule == "phytoestrogen" and _AS_FOOD.search(clause):
                continue  # "isoflavones from soy foods": food, not a product
            if self._reported(clause, hit) and not self._advise_substance.search(clause):
                continue
            if self._described(clause, hit, after):
                continue
            if (
                _ANY.search(clause[: hit.start]) or _ATTRIBUTED.search(clause[: hit.start])
            ) and self._deferred(sentence, sentence):
                continue  # "talk to your oncologist before you take any hormone product"
            leading = _LEADING_CONDITION.match(clause)
            if leading and hit.end <= leading.end() and _THIRD_PARTY.search(clause[: hit.start]):
                continue  # "If your doctor suggests HRT, remind them...": not the reader's act
            yield hit

    def _described(self, clause: str, hit: _Hit, after: str = "") -> bool:
        """What a product is or contains, with no advice ("DHEA is a hormone precursor"), and no
        later clause that praises it ("..., so they're ideal while taking Femara")."""
        blank = self._blanked(clause, hit)
        if not _DESCRIBES.search(clause) or _MARKETING.search(blank):
            return False
        praised = self._endorses(after, after) and not self._negators.search(
            self._endorsing.sub(" ", after)
        )
        if _POINTS_BACK_SUBJECT.match(after) and praised:
            return False
        if self._acts_alone(clause + " " + after):
            return False  # "HRT gel is a tiny dose and your oncologist doesn't need to know"
        return not (
            self._endorses(clause, blank)
            or self._advise_substance.search(clause)
            or self._imperative.match(clause)
        )

    def _medicine_changes(
        self, clause: str, sentence: str, after: str = "", before: str = ""
    ) -> Iterator[_Hit]:
        """Changes to the AI or a bone medicine.

        ``after`` is the rest of the sentence; ``before`` the previous sentence as written, which
        may name the medicine that a bare "Stop it for a week." is about.
        """
        question = sentence.rstrip().endswith("?") and re.search(r"\b(?:i|my|me|we)\b", sentence)
        # "When the aches make you want to stop your tablets, call your nurse": the deferral
        # that follows a condition answers it.
        condition = re.match(r"(?:when|whenever|if|should|any time)\b", clause)
        # "...may be paused after some years, but only your specialist can decide that": a later
        # clause that leaves what came before to the care team.
        deferred_after = bool(
            (condition or (_POINTS_BACK.search(after) and not self._imperative.match(clause)))
            and self._deferred(after, sentence, prescriber=True)
        )
        bare: list[re.Match[str]] | None = None
        for rule, pattern, mention in (
            ("stop-or-switch-ai", self._ai_change, self._ai_mention),
            ("bone-medicine-change", self._bone_change, self._bone_mention),
            ("medicine-dose-change", self._other_change, self._other_mention),
            ("bone-medicine-change", self._supplement_by_feel, None),
        ):
            if mention is None:  # prescribed calcium and vitamin D: only taken by feel
                found = list(pattern.finditer(clause))
                named_before = self._supplement_mention.search(sentence) or (
                    before and self._supplement_mention.search(self.normalised(before))
                )
                if not found and named_before:  # "...calcium and vitamin D. Take them when..."
                    found = list(self._bare_by_feel.finditer(clause))
                for m in found:
                    hit = _Hit(rule, m.start(), m.end(), m.group(0))
                    if not (
                        self._refused(clause, hit)
                        or _KEEP_GOING.search(clause)
                        or self._deferred(clause, sentence, True, hit.end)
                    ):
                        yield hit
                continue
            # Every change pattern names the medicine (or is a bare "swap you over"), so a clause
            # that names none needs only the bare check below.
            named = mention.search(clause) or (
                rule == "stop-or-switch-ai" and self._bare_switch.search(clause)
            )
            matches = list(pattern.finditer(clause)) if named else []
            if (
                matches
                and rule == "stop-or-switch-ai"
                and self._a_supplements_dose(clause, sentence, before)
            ):
                continue  # "Calcium is absorbed best in small amounts. Split the dose."
            if not matches:
                if bare is None:  # "... so stop it", "take a second one": the same for each rule
                    bare = [
                        *self._change_pronoun.finditer(clause),
                        *self._bare_dose_change.finditer(clause),
                    ]
                by_feel = (
                    list(self._bare_by_feel.finditer(clause))
                    if rule in ("stop-or-switch-ai", "bone-medicine-change")
                    else []
                )  # "Take it only on good days": not for painkillers, taken by the pain
                if (bare or by_feel) and (
                    mention.search(sentence) or (before and mention.search(self.normalised(before)))
                ):
                    matches = [*bare, *by_feel]
            for m in matches:
                hit = _Hit(rule, m.start(), m.end(), m.group(0))
                # "...and can be dropped" allows the change ("should be dropped" of a hazard
                # refuses it).
                blank = _MAY_BE_DROPPED.sub(
                    lambda d: " " * len(d.group(0)), self._blanked(clause, hit)
                )
                if self._negated(blank, hit) or self._harms.search(blank):
                    continue
                deferred = (
                    deferred_after
                    or self._deferred(clause, sentence, True, hit.end)
                    or self._clinician_pronoun(clause, sentence, before)
                )
                if question or (deferred and not self._imitation.search(after)):
                    continue  # "...so I did, and I'd tell anyone to do the same" invites a copy
                if self._feelings.search(clause[: hit.start + 1]):
                    continue
                if self._by_feel.search(hit.text) and _KEEP_GOING.search(clause):
                    continue  # "keep taking your letrozole when your joints ache"
                if _MISSED_BY_ACCIDENT.search(clause):
                    continue
                if (
                    _IN_PLACE_OF.match(hit.text)
                    and mention.search(clause[: hit.start])
                    and not self._imperative.match(clause)
                    and not self._acts_alone(sentence)
                ):
                    continue  # "zoledronic acid once a year instead of weekly tablets"
                told = (
                    self._reported(clause, hit)
                    or _PAST_CHANGE.search(clause)
                    or _PAST_FORM.match(hit.text)
                )
                if told and not (
                    self._endorses(clause, blank)
                    or self._imitation.search(after)
                    or self._reassurance.search(after)
                ):
                    continue
                yield hit

    def _a_supplements_dose(self, clause: str, sentence: str, before: str) -> bool:
        """The clause names the tablet or dose only as "the dose", "a tablet"..., and the
        sentence or the one before is about calcium, vitamin D or magnesium, not the AI: the
        dose is the supplement's, which may be split."""
        mentions = [m.group(0) for m in self._ai_mention.finditer(clause)]
        if not mentions or not all(_GENERIC_DOSE.search(m) for m in mentions):
            return False
        about = f"{self.normalised(before) if before else ''} {sentence}"
        if any(not _GENERIC_DOSE.search(m.group(0)) for m in self._ai_mention.finditer(about)):
            return False  # the AI is named too
        return bool(self._nutrient.search(about))

    def _clinician_pronoun(self, clause: str, sentence: str, before: str) -> bool:
        """ "Your oncologist will decide. They may suggest switching": a pronoun that points back
        at a care-team noun in the sentence before is the care team, and its change is theirs."""
        pronoun = _PRONOUN_SUBJECT.match(clause)
        if pronoun is None or not before:
            return False
        if not _CARE_TEAM_NOUN.search(self.normalised(before)):
            return False
        named = clause[: pronoun.start(1)] + "your care team" + clause[pronoun.end(1) :]
        return self._deferred(named, sentence, prescriber=True)

    def _bisphosphonate_dosing(self, clause: str, sentence: str, before: str) -> Iterator[_Hit]:
        """An oral bisphosphonate taken the wrong way (with food or drink, lying down, later in
        the day, chewed); the tablet is named in the sentence or the one before it."""
        together = self._taken_with_bisphosphonate.search(clause)
        if together:
            hit = _Hit("bisphosphonate-how-to-take", together.start(), together.end(), together[0])
            if not (
                self._refused(clause, hit)
                or self._reported(clause, hit)
                or self._deferred(clause, sentence, True, hit.end)
            ):
                yield hit
                return
        errors = list(self._bisphosphonate_error.finditer(clause))
        if not errors:
            return
        named = list(self._oral_bisphosphonate.finditer(sentence))
        if not named:
            previous = self.normalised(before) if before else ""
            if not self._oral_bisphosphonate.search(previous):
                return
            if not _IT_TABLET.search(clause):  # "Sleepy after it? Lying back down is fine."
                errors = [m for m in errors if not _WITH_START.match(m.group(0))]
            if self._other_mention.search(sentence) or self._nutrient_of_sentence(sentence):
                return
        at = sentence.find(clause)
        for m in errors:
            hit = _Hit("bisphosphonate-how-to-take", m.start(), m.end(), m.group(0))
            if named and at >= 0:
                # "Take your calcium with lunch, and alendronate first thing": the error belongs
                # to whatever was named last before it.
                start = at + m.start()
                last = max((b.start() for b in named if b.start() < start), default=-1)
                others = [
                    o.start()
                    for pattern in (self._nutrient, self._other_mention, self._ai_mention)
                    for o in pattern.finditer(sentence, 0, start)
                ]
                if others and max(others) > last:
                    continue
            if _WITH_START.match(m.group(0)) and _WAIT_FIRST.search(sentence):
                continue  # "30 minutes before breakfast, then have it with your tea"
            if m.group(0).startswith("after") and _AFTER_FOOD_FORM.search(sentence):
                continue  # gastro-resistant risedronate is taken just after breakfast
            if self._refused(clause, hit) or self._reported(clause, hit):
                continue
            if self._deferred(clause, sentence, True, hit.end):
                continue
            yield hit

    def _nutrient_of_sentence(self, sentence: str) -> bool:
        return bool(self._nutrient.search(sentence) or self._ai_mention.search(sentence))

    def _lifestyle(self, clause: str, sentence: str) -> Iterator[_Hit]:
        """Alcohol over the limit or smoking said to do no harm, and stopping smoking talked
        down (FACTS 5, 27, 34)."""
        rule = "alcohol-or-smoking-played-down"
        excess = list(self._alcohol_excess.finditer(clause))
        # "Twenty units a week is fine": units with nothing else they could measure are alcohol.
        alcohol = bool(excess) and (
            _ALCOHOL.search(sentence)
            or (
                re.search(
                    r"\b(?:\d{1,2}|[a-z]+) units\b(?! of (?!alcohol\b))(?!.*\binject)", clause
                )
                and not re.search(r"\binsulin\b", sentence)
            )
        )
        for m in excess:
            if alcohol or _DRINKS.search(m.group(0)):
                hit = _Hit(rule, m.start(), m.end(), m.group(0))
                if _WEEKLY_UNITS.match(clause, m.end()) and _within_a_week(m.group(0)):
                    continue  # "up to 14 units a week", "two small glasses a week"
                if _EXERCISE.search(sentence) and not _DRINKS.search(m.group(0)):
                    continue  # "a heavy session" at the gym is no drinking
                blank = self._blanked(clause, hit)
                # "won't weaken your bones" plays it down; its "not" is no refusal.
                plain = _NO_WORRY.sub(lambda f: " " * len(f.group(0)), clause)
                if self._refused(plain, hit) or not (
                    self._endorses(clause, blank)
                    or _MAKES_UP.search(sentence)
                    or _NO_WORRY.search(sentence)
                ):
                    continue
                if self._reported(clause, hit) or self._deferred(clause, sentence):
                    continue
                yield hit
        stopped = False  # "Stopping smoking is worth it, even after years of smoking."
        for m in self._smoking.finditer(clause):
            if stopped or _STOPS_SMOKING.search(clause[max(0, m.start() - 30) : m.start()]):
                stopped = True
                continue  # "stopping smoking helps at any age"
            hit = _Hit(rule, m.start(), m.end(), m.group(0))
            if _CARRY_ON_SMOKING.search(sentence):
                yield hit  # "...can't recover after years of smoking, so carry on"
                continue
            at = sentence.find(clause)
            rest = sentence[at + len(clause) :] if at >= 0 else ""
            played_down = (
                self._reassurance.search(clause)
                or _SMOKING_FINE.search(clause)
                or _NO_WORRY.search(sentence)
                # "Smoking is bad, but at your age it makes little difference."
                or (_POINTS_BACK_LATER.match(rest) and self._reassurance.search(rest))
            )
            if not played_down:
                continue
            # "doesn't really matter" plays it down; its "not" is no refusal.
            plain = _NO_WORRY.sub(
                lambda f: " " * len(f.group(0)),
                _SMOKING_FINE.sub(lambda f: " " * len(f.group(0)), clause),
            )
            if self._refused(plain, hit) or self._reported(clause, hit):
                continue
            yield hit
        for m in self._not_worth_stopping.finditer(clause):
            word = m.group(0)
            if not (_SMOKING_WORD.search(sentence) or word.startswith("cut") or "quit" in word):
                continue
            before_it = clause[max(0, m.start() - 10) : m.start()]
            if re.search(r"\b(?:never|not|no|hardly)\s+$", before_it) or _NOT_FUTILE.search(word):
                continue  # "it is never too late to stop", "stopping is never a waste"
            if _BUT_HELPS.search(clause, m.end()):
                continue  # "quitting won't undo all past damage, but it slows further loss"
            yield _Hit(rule, m.start(), m.end(), m.group(0))

    def _smoking_answer(self, text: str, before: str) -> Iterator[_Hit]:
        """ "Quit smoking? At 75 it hardly matters any more.": smoking, or stopping it, asked
        about and played down in the answer."""
        if not before.rstrip().endswith("?") or text.rstrip().endswith("?"):
            return
        if not _SMOKING_WORD.search(self.normalised(before)) or _SMOKING_WORD.search(text):
            return  # a smoking word in the answer is judged by _lifestyle
        played = (
            _SMOKING_FINE.search(text) or self._reassurance.search(text) or _NO_WORRY.search(text)
        )
        if played and not self._negators.search(self._endorsing.sub(" ", text)):
            rule = "alcohol-or-smoking-played-down"
            yield _Hit(rule, played.start(), played.end(), played.group(0))

    def _nutrient_of(
        self,
        clause: str,
        start: int,
        end: int,
        unit: str,
        sentence: str = "",
        named: str | None = None,
    ) -> str | None:
        """The nutrient an amount is of; ``sentence`` (when given) may name it for a bare
        "8,000 a day" in a later clause ("You're on vitamin D, so 8,000 a day is fine"), and
        ``named`` is the one nutrient named earlier for an amount in milligrams ("The more
        calcium the better, so have 2,500 mg")."""
        window = 48
        best: tuple[int, str] | None = None
        for kind, pattern in (
            ("vitamin-d", self._vitamin_d),
            ("calcium", self._calcium),
            ("magnesium", self._magnesium),
        ):
            for m in pattern.finditer(clause):
                distance = start - m.end() if m.end() <= start else m.start() - end
                if 0 <= distance <= window and (best is None or distance < best[0]):
                    best = (distance, kind)
        if not unit:  # "10k a day": only an amount of vitamin D when it is named next to it
            if best is None and sentence and not self._calcium.search(sentence):
                named = [m.start() for m in self._nutrient.finditer(sentence)]
                if named and self._vitamin_d.match(sentence, named[0]):
                    return "vitamin-d"
            return "vitamin-d" if best is not None and best[1] == "vitamin-d" else None
        other = re.search(r"\b(?:vitamin [abce]|alcohol|insulin|drinks?)\b", clause)
        if unit in ("iu", "i u", "international unit", "international units", "units", "unit"):
            # IU measure vitamin D here, even "the 2,000 IU in your calcium tablet".
            if best is not None and best[1] != "vitamin-d" and unit in ("iu", "i u"):
                return "vitamin-d" if not other else None
            if best is not None:
                return best[1]
            return None if other else "vitamin-d"
        if best is None and named is not None and not other:
            return named
        return best[1] if best is not None else None

    def _daily_amount(
        self, clause: str, m: re.Match[str], sentence: str = "", named: str | None = None
    ) -> tuple[str, float] | None:
        unit = m.group("unit")
        raw = m.group("num")
        if unit in ("iu", "i u", "units", "unit") or unit.startswith("international"):
            raw = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", raw)
        value = float(re.sub(r"[, ]", "", raw))
        if (
            unit in ("g", "gram", "grams")
            and named not in ("calcium", "magnesium")
            and not re.match(
                r"\s*(?:of\s+)?(?:elemental\s+)?(?:calcium|magnesium)\b", clause[m.end() :]
            )
        ):
            return None
        nutrient = self._nutrient_of(clause, m.start(), m.end(), unit, sentence, named)
        if nutrient is None:
            return None
        if nutrient == "vitamin-d":
            factor = {"mg": 40000.0, "milligram": 40000.0, "milligrams": 40000.0}.get(unit, 1.0)
            if unit in ("mcg", "μg", "ug", "microgram", "micrograms"):
                factor = 40.0
            if unit.startswith("gram") or unit == "g":
                return None
        else:
            if unit not in ("mg", "milligram", "milligrams", "g", "gram", "grams"):
                return None
            factor = 1000.0 if unit in ("g", "gram", "grams") else 1.0
        value *= factor
        units = _COUNT.search(clause[: m.start()])
        if units is None and _TABLETS.match(clause, m.end()):
            units = _COUNT_BEFORE.search(clause[: m.start()])
        if units is None:  # "3 x 1,000 mg calcium"
            units = re.search(r"(?<![\d,.])(?P<n>\d{1,2}) ?x\s*$", clause[: m.start()])
        if units:
            count = units.groupdict().get("n")
            word = units.groupdict().get("word") or ""
            value *= int(count) if count else _TIMES_WORDS.get(word, 2)  # "a couple", "a pair"
        times_over = _MULTIPLIER.search(clause[max(0, m.start() - 30) : m.start()])
        if times_over:
            value *= 2 if times_over.group("two") else 3
        after = clause[m.end() : m.end() + 40]
        times_after = _TIMES_AFTER.match(after)  # "1000 IU x 5", "1,000 mg ... with each meal"
        if times_after is None and _EACH_TIME.match(after) and _EACH_MEAL.search(clause):
            value *= 3  # "Take calcium with every meal, 1,000 mg each time"
        if times_after:
            value *= int(times_after.group("n") or 3)
        weekly = _TIMES_A_WEEK.match(after)  # "20,000 IU twice a week"
        if weekly:
            count = weekly.group("n").split()[0]
            value *= int(count) if count.isdigit() else _TIMES_WORDS[count]
            after = after[weekly.start("period") :]
        per = _PER.search(after)
        if per is None:
            per = re.search(
                r"\b(?P<single>once )?(?:a |per |each |every )(?P<period>week|month|year)\b|"
                r"\b(?P<period2>weekly|monthly|yearly)\b",
                clause[max(0, m.start() - 30) : m.start()],
            )
        times = _TIMES.search(clause)
        if times:
            word = (times.group("x") or times.group("nx") or times.group("xn") or "twice").split()[
                0
            ]
            value *= int(word) if word.isdigit() else _TIMES_WORDS[word]
        if per is not None:
            period = per.groupdict().get("period") or per.groupdict().get("period2") or "day"
            single = per.groupdict().get("single") or _SINGLE_DOSE.search(clause)
            days = _PERIOD_DAYS.get(period, 1)
            if nutrient == "vitamin-d" and days >= 30:
                single = "bolus"  # monthly or yearly boluses raised falls and fractures
            elif nutrient == "vitamin-d" and not _BOLUS.search(clause):
                single = None  # "20,000 IU once a week" is about 2,860 IU a day
            if not single or period == "other day":
                value /= days
        return nutrient, value

    def _named_nutrient(self, clause: str, sentence: str, before: str) -> str | None:
        """The one nutrient the sentence (or else the one before) names, for an amount in a
        clause that names none and no other medicine ("Magnesium relaxes muscles - take 800 mg")."""
        if (
            self._other_mention.search(clause)
            or self._bone_mention.search(clause)
            or self._ai_mention.search(clause)
            or self._nutrient.search(clause)
            or _OTHER_NUTRIENT.search(clause)
        ):
            return None
        for text in (sentence, before):
            kinds = {
                kind
                for kind, pattern in (
                    ("vitamin-d", self._vitamin_d),
                    ("calcium", self._calcium),
                    ("magnesium", self._magnesium),
                )
                if pattern.search(text)
            }
            if kinds:
                kind = kinds.pop() if len(kinds) == 1 else None
                if kind == "magnesium" and _FROM_FOOD.search(f"{before} {sentence}"):
                    return None  # the magnesium limit is for supplements (FACTS 25)
                return kind
        return None

    def _doses(self, clause: str, sentence: str, before: str = "") -> Iterator[_Hit]:
        named: list[str | None] = []  # worked out once, only for an amount of nothing named
        for m in _AMOUNT.finditer(clause):
            found = self._daily_amount(clause, m)
            if found is None and not _OF_SOMETHING.match(clause, m.end()):
                if not named:
                    previous = self.normalised(before) if before else ""
                    named.append(self._named_nutrient(clause, sentence, previous))
                if named[0]:
                    found = self._daily_amount(clause, m, named=named[0])
            if found is None:
                continue
            nutrient, value = found
            if _NAMES_A_LIMIT.match(clause, m.end()):
                continue  # "the 2,000 mg upper limit" names the limit
            at_limit_plus_food = value >= _WITH_FOOD_LIMITS[nutrient] and _PLUS_FOOD.search(
                sentence
            )
            if (value <= _LIMITS[nutrient] and not at_limit_plus_food) or (
                nutrient == "magnesium" and _FROM_FOOD.search(clause)
            ):
                continue
            hit = _Hit("dose-above-limit", m.start(), m.end(), m.group(0))
            blank = self._blanked(clause, hit)
            ceiling = _CEILING.search(clause[: m.start()])
            if self._harms.search(blank):
                continue
            if not ceiling and self._negated(blank, hit):
                continue  # "Never take 10,000 IU", "10,000 IU a day should not be taken"
            if (self._deferred(clause, sentence) or self._reported(clause, hit)) and not (
                self._acts_alone(sentence)
            ):
                continue
            yield hit
        for m in self._no_limit.finditer(clause):
            hit = _Hit("dose-above-limit", m.start(), m.end(), m.group(0))
            if self._magnesium.search(clause) and _FROM_FOOD.search(clause):
                continue  # the magnesium limit is for supplements (FACTS 25)
            if self._nutrient.search(sentence) and not self._refused(clause, hit):
                yield hit
        for m in self._dose_up.finditer(clause):
            if self._magnesium.search(m.group(0)) and _FROM_FOOD.search(clause):
                continue  # the magnesium limit is for supplements (FACTS 25)
            hit = _Hit("dose-above-limit", m.start(), m.end(), m.group(0))
            if self._refused(clause, hit):
                continue
            # "twice your prescribed dose": the prescriber named inside the hazard defers nothing.
            outside = clause[: hit.start] + " " * (hit.end - hit.start) + clause[hit.end :]
            deferred = self._deferred(outside, sentence, after=hit.end)
            if (deferred or self._reported(clause, hit)) and not self._acts_alone(sentence):
                continue
            yield hit

    def _totals(self, text: str, clauses: list[str]) -> Iterator[_Hit]:
        """A day's amount told in parts: sums of one nutrient across the sentence ("a 1,500 mg
        tablet plus a litre of milk") and an amount per unit times the units a day ("1,000 IU
        each, so take five a day"); see :mod:`coach.safety_doses`."""
        parts: list[tuple[int, int, str, float]] = []  # start, end, nutrient, amount a day
        cursor = 0
        for clause in clauses:
            at = text.find(clause, cursor)
            if at < 0:
                continue
            cursor = at + len(clause)
            for m in _AMOUNT.finditer(clause):
                found = self._daily_amount(clause, m, text)
                if found is None or _NAMES_A_LIMIT.match(clause, m.end()):
                    continue
                nutrient, value = found
                if nutrient == "magnesium" and _FROM_FOOD.search(clause):
                    continue  # the magnesium limit is for supplements (FACTS 25)
                units = units_a_day(text, at + m.start(), at + m.end())
                parts.append((at + m.start(), at + m.end(), nutrient, value * (units or 1)))
        if not parts:
            return
        parts += [(start, end, "calcium", mg) for start, end, mg in food_calcium(text)]
        parts.sort()
        totals: list[tuple[int, int, str, float]] = []
        for part in parts:
            same = [t for t in totals if t[2] == part[2]]
            if same and adds_up(text, same[-1][:2], part[:2]):
                totals.remove(same[-1])
                part = (same[-1][0], part[1], part[2], same[-1][3] + part[3])
            totals.append(part)
        over = [t for t in totals if t[3] > _LIMITS[t[2]]]
        if not over:
            return
        start, end, nutrient, _ = over[0]
        blank = self._endorsing.sub(lambda e: " " * len(e.group(0)), text)
        if self._harms.search(blank) or self._negators.search(blank):
            return
        if (self._deferred(text, text) or self._research.search(blank)) and not self._acts_alone(
            text
        ):
            return
        yield _Hit("dose-above-limit", start, end, text[start:end])

    def _promises(self, sentence: str) -> Iterator[_Hit]:
        for m in self._claim_promise.finditer(sentence):
            if not self._negators.search(sentence[: m.start()]):
                yield _Hit("supplement-claim", m.start(), m.end(), m.group(0))

    def _claims(self, clause: str, sentence: str = "", after: str = "") -> Iterator[_Hit]:
        for m in self._claim.finditer(clause):
            hit = _Hit("supplement-claim", m.start(), m.end(), m.group(0))
            blank = self._endorsing.sub(lambda e: " " * len(e.group(0)), clause)
            if self._negators.search(blank) or re.search(r"\b(?:whether|if|tested)\b", blank):
                continue
            if self._rebutted(clause, sentence, after):
                continue
            yield hit

    def _cure_claims(self, clause: str, sentence: str, after: str = "") -> Iterator[_Hit]:
        """Cures or reversals of bone loss, and things said to replace a bone medicine."""
        if sentence.rstrip().endswith("?") or self._rebutted(clause, sentence, after):
            return
        for m in self._cure.finditer(clause):
            hit = _Hit("cure-or-replace-claim", m.start(), m.end(), m.group(0))
            if self._hedges.search(clause[max(0, m.start() - 20) : m.end()]):
                continue  # "partly reverses": what FACTS 7-8 report
            if self._medicine_does.search(clause, 0, m.start()):
                continue  # "risedronate reversed the loss": what a medicine does
            blank = self._blanked(clause, hit)
            if self._refused(clause, hit) or re.search(r"\b(?:whether|if)\b", blank):
                continue
            if self._reported(clause, hit):
                continue
            yield hit
        if not self._bone_talk.search(sentence):
            return
        replacing = [
            m
            for m in self._replace.finditer(clause)
            if not self._medicine_word.search(clause[: m.start()])
        ]  # one for another
        for m in (*replacing, *self._replace_claim.finditer(clause)):
            hit = _Hit("cure-or-replace-claim", m.start(), m.end(), m.group(0))
            blank = self._blanked(clause, hit)
            if self._negated(blank, hit) or self._harms.search(blank):
                continue
            if self._deferred(clause, sentence):
                continue
            yield hit

    def _red_flag_in(self, text: str, context: str) -> re.Match[str] | None:
        """A warning sign named in ``text`` and not negated ("if you have no chest pain")."""
        found = [
            m
            for m in self._red_flags.finditer(text)
            if "breath" not in m.group(0) or not _MILD.search(text[: m.start()])
        ]
        if (
            self._bone_mention.search(context)
            or re.search(r"\bfor (?:a few )?weeks\b", context)
            or self._report_discouraged.search(context)  # "wait a week before mentioning it"
        ):
            found += self._medicine_red_flags.finditer(text)
        for m in found:
            if not _NO_SYMPTOM.search(text[max(0, m.start() - 60) : m.start()]):
                return m
        return None

    def _sends_to_team(self, text: str) -> bool:
        """Tells the reader to contact the care team, and not "no need to call your doctor"."""
        return any(
            not _NOT_REPORTING.search(text[max(0, m.start() - 40) : m.start()])
            and not _LATER.match(text, m.end())  # "phone someone tomorrow" puts it off
            for m in self._report.finditer(text)
        )

    def _warning_signs(self, sentence: str, before: str = "") -> Iterator[_Hit]:
        """A warning sign waved away, with no call to the care team.

        ``before`` is the previous sentence as written (normalised only when needed).
        """
        if sentence.rstrip().endswith("?") or not self._dismissals.search(sentence):
            return
        if self._sends_to_team(sentence):
            return
        before = self.normalised(before) if before else ""
        context = f"{before} {sentence}"
        segments = _CONTRAST.split(sentence)
        for number, segment in enumerate(segments):
            waved = [
                m
                for m in self._dismissals.finditer(segment)
                if not _NOT_DISMISSING.search(segment[max(0, m.start() - 80) : m.start()])
            ]
            if not waved:
                continue
            flag = self._red_flag_in(segment, context)
            answers = _SUBJECTLESS.match(segment) or self._imperative.match(segment)
            if flag is None and number > 0 and answers:
                flag = self._red_flag_in(segments[number - 1], context)  # "...; keep going"
            if (
                flag is None
                and before
                and ((number == 0 and answers) or before.rstrip().endswith("?"))
                and not any(self._red_flag_in(other, context) for other in segments)
                # "Should I call someone? No, just wait it out.": a call asked about, turned down.
                and (not self._sends_to_team(before) or _NO_ANSWER.match(sentence))
            ):
                flag = self._red_flag_in(before, context)  # "Jaw aching? Probably nothing."
            if flag is not None:
                yield _Hit(
                    "dismissed-warning-sign", waved[0].start(), waved[0].end(), flag.group(0)
                )
                return

    def _unreported_fall(self, sentence: str, before: str = "") -> Iterator[_Hit]:
        """A fall the reader is told to keep from the care team ("no need to tell anyone about a
        fall if you feel fine", "don't call anyone after a fall unless..."): every fall is told
        (FACTS 33), so this is a dismissed warning sign unless the sentence sends to the team."""
        fall = self._falls.search(sentence)
        if fall is None and before.rstrip().endswith("?"):  # "Slipped on the stairs? No one..."
            fall = self._falls.search(self.normalised(before))
        if fall is None or sentence.rstrip().endswith("?") or self._sends_to_team(sentence):
            return
        for m in self._report_discouraged.finditer(sentence):
            if _NOT_DISMISSING.search(sentence[max(0, m.start() - 80) : m.start()]):
                continue  # "never keep a fall to yourself"
            yield _Hit("dismissed-warning-sign", m.start(), m.end(), fall.group(0))
            return
        for m in self._dismissals.finditer(sentence):
            if not _TELLING.match(sentence, m.start()) and not _TELLING.match(sentence, m.end()):
                continue  # "falls are common" is about falls, not about telling anyone
            if re.match(r"(?:mention|raise|save) it\b", m.group(0)):
                continue  # "mention it at your next appointment": the fall is still told
            if _NOT_DISMISSING.search(sentence[max(0, m.start() - 80) : m.start()]):
                continue
            yield _Hit("dismissed-warning-sign", m.start(), m.end(), fall.group(0))
            return

    def _fragile_spine(self, sentence: str) -> bool:
        """Osteoporosis or a spine fracture is named, and not as "without osteoporosis" (a harm
        denied before it, "won't do any harm with osteoporosis", does not count)."""
        found = list(self._fragile.finditer(sentence))
        if not found:
            return False
        blank = self._endorsing.sub(lambda e: " " * len(e.group(0)), sentence)
        return any(not _NOT_HAVING.search(blank[max(0, m.start() - 40) : m.start()]) for m in found)

    def _exercise(self, clause: str, sentence: str, fragile: bool) -> Iterator[_Hit]:
        for pattern in (self._flexion, self._loaded_twist):
            for m in pattern.finditer(clause):
                hit = _Hit("spinal-flexion", m.start(), m.end(), m.group(0))
                if not self._refused(clause, hit):
                    yield hit
        if fragile:
            for rule, pattern in (
                ("impact-with-fragile-spine", self._impact),
                ("spinal-flexion", self._forceful_rotation),
            ):
                for m in pattern.finditer(clause):
                    hit = _Hit(rule, m.start(), m.end(), m.group(0))
                    if self._refused(clause, hit) or self._reported(clause, hit):
                        continue
                    if self._deferred(clause, sentence):
                        continue  # "ask a physio before you start any jumping"
                    if (
                        re.search(r"\bonly\b", clause) and self._supervised.search(clause)
                    ) or self._supervised.search(clause[max(0, hit.start - 12) : hit.start]):
                        continue  # "only with a physiotherapist's guidance", "supervised jumps"
                    yield hit
        for m in self._heavy.finditer(clause):
            hit = _Hit("unsupervised-heavy-lifting", m.start(), m.end(), m.group(0))
            risky = self._unsupervised.search(sentence) or fragile
            supervised = any(
                not _NO_SUPERVISION.search(sentence[: s.start()])
                for s in self._supervised.finditer(sentence)
            )
            if not risky or supervised:
                continue
            if self._refused(clause, hit) or self._reported(clause, hit):
                continue
            yield hit

    def check_sentence(self, sentence: str, before: str = "", after: str = "") -> list[_Hit]:
        """Hazards left unsafe in one sentence (already split, not yet normalised).

        ``before`` is the sentence before it, which a reply like "Probably nothing." is about;
        ``after`` the one after it, which may turn down what a question raised.
        """
        text = self.normalised(sentence)
        if not text or text.strip(" .!?") in self.allowed:
            return []
        if _asks(text):
            return []  # "Can I use HRT on an AI?" asks; the answer is what is judged
        hits = self._hazards(text, before)
        if hits and after and text.endswith("?"):
            if self._answer_refuses(after):
                return []  # "Could HRT help my bones? It isn't used after breast cancer."
            if all(hit.asked for hit in hits) and self._answer_describes(after):
                return []  # "What about testosterone? Women make a little of it, ..."
        if before and _AFFIRMATIVE.match(text):
            asked = self.normalised(before)
            if _asks(asked):  # "Can you skip a dose? Absolutely." says yes to the question
                hits += self._hazards(asked.rstrip(" ?"), "")
        if before and _NO_ANSWER.match(text):
            hits += self._needed_denied(self.normalised(before), text)
        return hits

    def _needed_denied(self, asked: str, answer: str) -> list[_Hit]:
        """ "Do I still need letrozole if my scan is normal? Not really.": a medicine asked to be
        kept, answered no."""
        if not (asked.rstrip().endswith("?") and _KEEP_QUESTION.search(asked)):
            return []
        for rule, mention in (
            ("stop-or-switch-ai", self._ai_mention),
            ("bone-medicine-change", self._bone_mention),
            ("medicine-dose-change", self._other_mention),
        ):
            m = mention.search(asked)
            if m and not self._deferred(answer, answer, prescriber=True):
                return [_Hit(rule, 0, len(answer), m.group(0))]
        return []

    def _hazards(self, text: str, before: str) -> list[_Hit]:
        """Hazards left unsafe in one normalised sentence (questions not set apart)."""
        hits: list[_Hit] = []
        clauses = self.clauses(text)
        # A fragile spine named only in a deferral ("check with a physiotherapist if you have
        # osteoporosis") leaves the decision to the professional.
        fragile = any(
            self._fragile_spine(c) and not self._deferred(c, text) for c in clauses
        ) and self._fragile_spine(text)
        if before and not fragile and not self._fragile.search(text):
            # "Got a spine fracture? Jump on the trampoline...", "You have osteoporosis. Try
            # crunches.": the sentence before sets the scene.
            fragile = self._fragile_spine(self.normalised(before))
        for number, clause in enumerate(clauses):
            after = " ".join(clauses[number + 1 :])
            hits.extend(self._never_options(clause, text, after))
            hits.extend(self._medicine_changes(clause, text, after, before))
            hits.extend(self._doses(clause, text, before))
            hits.extend(self._claims(clause, text, after))
            hits.extend(self._cure_claims(clause, text, after))
            if not _BACK_REFUSAL.search(after):
                hits.extend(self._exercise(clause, text, fragile))
            hits.extend(self._bisphosphonate_dosing(clause, text, before))
            hits.extend(self._lifestyle(clause, text))
        hits.extend(self._warning_signs(text, before))
        if not hits:
            hits.extend(self._unreported_fall(text, before))
        hits.extend(self._promises(text))
        hits.extend(self._smoking_answer(text, before))
        hits.extend(self._totals(text, clauses))
        return hits

    def lint(self, text: str) -> list[SafetyFinding]:
        """Every unsafe sentence in ``text``: one finding per line and rule, in line order."""
        lines = text.splitlines()
        found: dict[tuple[int, str], SafetyFinding] = {}
        before = ""
        cut = sentences(text)
        for number, (line_no, sentence) in enumerate(cut):
            after = cut[number + 1][1] if number + 1 < len(cut) else ""
            hits = self.check_sentence(sentence, before, after)
            before = sentence
            for hit in hits:
                key = (line_no, hit.rule)
                if key not in found:
                    line = lines[line_no - 1].strip() if lines else sentence
                    found[key] = SafetyFinding(line_no, line, hit.rule, hit.text)
        order = rule_names()
        return sorted(found.values(), key=lambda f: (f.line, order.index(f.rule)))

    def without(self, field: str, entry: str) -> Linter:
        """A linter whose table lacks one entry (for the mutation test)."""
        values = tuple(e for e in getattr(self.table, field) if e != entry)
        return Linter(replace(self.table, **{field: values}), self.allowed)


def table_entries(table: RuleTable = DEFAULT_TABLE) -> Iterator[tuple[str, str]]:
    """(field, entry) for every entry of the table."""
    for f in fields(table):
        for entry in getattr(table, f.name):
            yield f.name, entry


# --- cutting text into sentences -------------------------------------------------------------

_FRONT = re.compile(r"^\s*(?:id|title|summary):\s")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_ITEM = re.compile(r"^\s*(?:[-*+•◦‣▪]|\d+[.)]|[a-z][.)]|>)\s+(?:\[[ xX]\]\s+)?")
_RULE_LINE = re.compile(r"^\s*(?:---+|\*\*\*+|___+|\|?[\s:|-]+\|?)\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "approx.",
    "no.",
    "fig.",
    "al.",
    "cf.",
    "st.",
    "min.",
    "max.",
)
# An abbreviation that is a whole word ("e.g.", "Dr."), not the end of one ("best.", "atoms.").
_ABBREVIATION_END = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")$", re.IGNORECASE
)
_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9\-•*#>_])|(?<=[!?…])\s+")


def _clean(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    return _EMPHASIS.sub("", line)


_MID_BULLET = re.compile(r"^(?:[-*+•>]|#{1,6}|\d{1,2}[.)])\s+")


def _split(unit: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations, initials and decimals do not end a sentence."""
    parts: list[tuple[int, str]] = []
    start = 0
    for gap in _END.finditer(unit):
        piece = unit[start : gap.start()]
        if _ABBREVIATION_END.search(piece) or re.search(r"\b[A-Z]\.$", piece):
            continue
        parts.append((start, piece))
        start = gap.end()
    parts.append((start, unit[start:]))
    # a bullet, heading, quote or number mark after a sentence on the same line ("Fine. -
    # Fallen over?") is no word of the next one
    pieces = [(offset, _MID_BULLET.sub("", p.strip())) for offset, p in parts]
    return [(offset, p) for offset, p in pieces if p]


@cache
def _table_header(header: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in header.strip().strip("|").split("|"))


def sentences(text: str) -> list[tuple[int, str]]:
    """(line number, sentence) pairs: Markdown taken apart, wrapped lines joined."""
    out: list[tuple[int, str]] = []
    buffer: list[tuple[int, str]] = []  # (line number, cleaned text) of one paragraph or item
    header: tuple[str, ...] = ()

    def emit(number: int, body: str) -> None:
        out.extend((number, piece) for _, piece in _split(body))

    def flush() -> None:
        if not buffer:
            return
        joined, starts = "", []
        for number, piece in buffer:
            starts.append((len(joined), number))
            joined += piece + " "
        for offset, piece in _split(joined):
            out.append((max(n for at, n in starts if at <= offset), piece))
        buffer.clear()

    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or _RULE_LINE.match(line):
            flush()
            if not line.startswith("|"):
                header = ()
            continue
        if line.startswith("|"):
            flush()
            cells = tuple(cell.strip() for cell in line.strip("|").split("|"))
            following = lines[number] if number < len(lines) else ""
            if not header and _RULE_LINE.match(following.strip()):
                header = _table_header(line)
                continue
            row = ", ".join(
                f"{h}: {_clean(c)}" if h else _clean(c)
                for h, c in zip(header or ("",) * len(cells), cells, strict=False)
            )
            out.append((number, row))
            continue
        header = ()
        if _FRONT.match(line) or _HEADING.match(line):
            flush()
            emit(number, _clean(_FRONT.sub("", _HEADING.sub("", line))))
            continue
        item = _ITEM.match(raw)
        quoted_on = raw.lstrip().startswith(">") and lines[number - 2].lstrip().startswith(">")
        if item and quoted_on and number > 1:
            line = raw[item.end() :].strip()  # a block quote wrapped over lines is one paragraph
        elif item:
            flush()
            line = raw[item.end() :].strip()
        buffer.append((number, _clean(line)))
    flush()
    return out


@cache
def _default_linter() -> Linter:
    return Linter()


def lint(text: str) -> list[SafetyFinding]:
    """Return every unsafe passage in ``text``, in line order (an empty list means safe)."""
    return _default_linter().lint(text)
