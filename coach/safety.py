"""The safety lint: keeps unsafe advice out of every word the coach shows.

People on an aromatase inhibitor (AI) after hormone-receptor-positive breast cancer must never be
nudged towards hormones, towards stopping, pausing, switching or thinning out their AI (or their
bone medicine), towards doses above the upper limits, or towards spine-bending and impact
exercise with a fragile spine (shared/clinical/FACTS.md, sections D and H). Tests run :func:`lint`
over everything a person sees and fail on any finding.

Why this shape. A list of bad phrases only catches the phrases someone thought of. This lint works
the other way round, so that a new unsafe sentence is caught by construction:

1. **A lexicon of hazards** (:class:`RuleTable`): every substance and action class that must never
   be advised - hormone products (estrogens in every spelling, brand and route, progestogens,
   androgens, tibolone, SERMs), phytoestrogen products, peptides and secretagogues, changes to the
   AI or a bone medicine (stop, pause, skip, switch, halve, every other day, a "drug holiday"...),
   vitamin D, calcium and magnesium amounts in any unit, and flexion or impact exercise. Products
   are built from substances times routes ("estradiol" x "implant"), so a new pairing needs no new
   entry; drug names also match with one typing slip ("anastrazole").
2. **Approved shapes.** A sentence that mentions a hazard passes only when the clause that holds
   it has a shape that makes it safe: a *refusal* ("never take...", "do not stop...", "is not an
   option"), *evidence of harm* ("raised recurrence", "is followed by rapid bone loss"), a
   *deferral* to the care team that does not also tell the reader to act alone ("ask your
   oncologist whether..."; not for hormones, which are never an option), a *report of research*
   with no endorsement, or - for natural hormones named in biology ("aromatase converts
   testosterone into estrogen") - the absence of any advice. Amounts pass when at or under the
   upper limit per day, after unit conversion (0.25 mg of D3 is 10,000 IU) and per-week or
   per-month division, or when the sentence warns against them.
3. **A reviewed allow-list** (:data:`ALLOWED`) for the few safe sentences the shapes cannot judge,
   each with its reason.

Text is cut into sentences robustly (Markdown headings, bullets, tables, emphasis and links are
taken apart; decimals and abbreviations do not end a sentence), and sentences into clauses
(";", "but", ", then", ", and take...", a comma before an imperative), because "Ask your doctor,
then take 50,000 IU every week on your own" holds a deferral and an unsafe order in one sentence.

Known limits: the lint reads clauses, not grammar. A negation anywhere in a clause protects the
whole clause ("When pain is not controlled, switching..." is missed only if no comma or
conjunction separates the two), so write one idea per clause. Every entry in the table is needed:
``tests/test_safety_lint.py`` deletes each in turn and checks that some sentence changes verdict.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from functools import cache

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


# Rule names, with the reason each exists (reported in findings and listed by rule_names()).
RULES: dict[str, str] = {
    "hormone-therapy": "Estrogen/HRT (HABITS) and tibolone (LIBERATE) raised recurrence; "
    "androgens, progestogens and SERMs have no place here (FACTS H, 36).",
    "phytoestrogen": "Plant-estrogen products act on the same receptors; never suggested (FACTS H).",
    "peptide-or-secretagogue": "'Peptide protocols' and growth-hormone boosters came from the seed "
    "page's captions; unsupported and never shown (SEED-OUTLINE).",
    "stop-or-switch-ai": "Stopping, pausing, thinning out or switching the AI is the care team's "
    "decision (FACTS 10, 29, H).",
    "bone-medicine-change": "Stopping or delaying denosumab is followed by rapid bone loss and "
    "spine fractures (FACTS 31).",
    "dose-above-limit": "Upper limits: vitamin D 4000 IU/day, calcium 2000 mg/day, magnesium "
    "supplements 350 mg/day (FACTS 22-25).",
    "supplement-claim": "Vitamin D and K2 are not shown to prevent fractures or AI joint pain "
    "(FACTS 4, 24, H).",
    "spinal-flexion": "Sit-ups, crunches, toe touches and loaded bending or twisting are avoided "
    "with osteoporosis (FACTS 17).",
    "impact-with-fragile-spine": "No high impact with osteoporosis or a spine fracture "
    "(FACTS 16, 17, H).",
    "unsupervised-heavy-lifting": "High-intensity lifting for low bone mass only under "
    "supervision (FACTS 18, H).",
}


def rule_names() -> tuple[str, ...]:
    """Names of all rules, so tests and reports can refer to them without typos."""
    return tuple(RULES)


# --- the rule table --------------------------------------------------------------------------
# Every entry is a regex fragment matched, whole-word, against *normalised* text: lower case,
# British spellings folded ("oestradiol" -> "estradiol"), contractions expanded ("don't" ->
# "do not"), hyphens between letters or digits made spaces ("sit-ups" -> "sit ups", "BPC-157" ->
# "bpc 157"), number words made digits ("fifty thousand" -> "50000").



@dataclass(frozen=True)
class RuleTable:
    """The lexicon and the cue words, one tuple per kind. Tests mutate it entry by entry."""

    # Natural hormones: fine in biology, a hazard when the clause advises them.
    substances: tuple[str, ...] = (
        r"estrogens?",
        r"estradiol",
        r"estrone",
        r"estriol",
        r"progesterone",
        r"testosterone",
        r"androgens?",
        r"androstenedione",
        r"hormones?(?! therapy| treatment)",
        r"growth hormone",
        r"igf 1",
        r"serms?",
    )
    # Words before a substance that make it a product ("vaginal estrogen").
    route_adjectives: tuple[str, ...] = (
        r"vaginal",
        r"topical",
        r"transdermal",
        r"oral",
        r"low dose",
        r"bio ?identical",
        r"compounded",
        r"synthetic",
        r"plant",
        r"natural",
        r"herbal",
        r"conjugated(?: equine)?",
        r"equine",
        r"esterified",
        r"ethinyl",
        r"menopausal",
    )
    # Words after a substance that make it a product ("estradiol implant").
    routes: tuple[str, ...] = (
        r"therap(?:y|ies)",
        r"treatments?",
        r"replacement",
        r"supplements?|supplementation",
        r"pills?|tablets?|capsules?",
        r"patch(?:es)?",
        r"creams?|gels?|sprays?",
        r"rings?",
        r"pessar(?:y|ies)|inserts?|suppositor(?:y|ies)",
        r"implants?|pellets?",
        r"injections?|shots?|jabs?",
        r"products?",
        r"doses?",
        r"boosters?",
        r"extracts?|powders?",
        r"protocols?|regimens?",
    )
    # Hormone products and brands: a hazard whenever not refused.
    hormone_products: tuple[str, ...] = (
        r"hrt",
        r"mht",
        r"ert",
        r"hormone replacement",
        r"(?<!your )(?<!my )(?<!her )(?<!their )(?<!anti )(?<!of )hormon(?:e|al) (?:therapy|treatment)"
        r"(?!,? (?:such as|like|e g|i e|for (?:breast )?cancer|with an? (?:ai|aromatase)))",
        r"estradiol valerate",
        r"premarin",
        r"prempro",
        r"premique",
        r"estrace",
        r"estraderm",
        r"estradot",
        r"evorel",
        r"climara",
        r"vivelle(?: dot)?",
        r"divigel",
        r"estrogel",
        r"sandrena",
        r"vagifem",
        r"vagirux",
        r"estring",
        r"femring",
        r"ovestin",
        r"imvexxy",
        r"elleste",
        r"femoston",
        r"kliofem",
        r"kliovance",
        r"angeliq",
        r"duavee",
        r"bijuva",
        r"lenzetto",
        r"evamist",
        r"utrogestan",
        r"prometrium",
        r"provera",
        r"mirena",
        r"intrarosa",
        r"livial",
        r"testogel",
        r"androgel",
        r"tostran",
        r"androfeme",
        r"progestins?",
        r"progestogens?",
        r"medroxyprogesterone",
        r"norethisterone",
        r"norethindrone",
        r"levonorgestrel",
        r"dydrogesterone",
        r"drospirenone",
        r"dhea",
        r"prasterone",
        r"nandrolone",
        r"oxandrolone",
        r"anabolic steroids?",
        r"tibolone",
        r"raloxifene",
        r"bazedoxifene",
        r"lasofoxifene",
        r"ospemifene",
    )
    phytoestrogens: tuple[str, ...] = (
        r"phytoestrogens?",
        r"isoflavones?",
        r"genistein",
        r"red clover",
        r"black cohosh",
        r"dong quai",
        r"wild yam",
        r"pueraria(?: mirifica)?",
        r"soy (?:isoflavones?|supplements?|extracts?|pills?|capsules?|tablets?|powders?)",
    )
    peptides: tuple[str, ...] = (
        r"peptides?",
        r"bpc ?157",
        r"body protection compound",
        r"tb ?500",
        r"thymosin(?: beta ?4)?",
        r"ipamorelin",
        r"cjc ?1295",
        r"sermorelin",
        r"tesamorelin",
        r"ghrp ?\d?",
        r"hexarelin",
        r"mk ?677",
        r"ibutamoren",
        r"secretagogues?",
        r"hgh",
        r"somatropin",
        r"sarms?",
        r"ostarine",
        r"ligandrol",
        r"rad ?140",
    )
    # The aromatase inhibitor (and the other endocrine tablets a person might be moved to).
    ai_terms: tuple[str, ...] = (
        r"ais?",
        r"aromatase inhibitors?",
        r"anastrozole",
        r"letrozole",
        r"exemestane",
        r"arimidex",
        r"femara",
        r"aromasin",
        r"tamoxifen",
        r"nolvadex",
        r"(?:your|my|the|this|her|their) (?:daily )?(?:breast cancer |cancer |hormone |hormonal "
        r"|endocrine |anti ?cancer )?(?:medicines?|medications?|meds|tablets?|pills?|drugs?"
        r"|treatment|therapy)",
        r"(?:endocrine|hormonal|anti ?estrogen|adjuvant) (?:therapy|treatment)",
    )
    bone_medicines: tuple[str, ...] = (
        r"denosumab",
        r"prolia",
        r"xgeva",
        r"bisphosphonates?",
        r"alendron(?:ate|ic acid)",
        r"fosamax",
        r"risedronate",
        r"actonel",
        r"zoledron(?:ate|ic acid)",
        r"aclasta",
        r"reclast",
        r"zometa",
        r"ibandron(?:ate|ic acid)",
        r"boniva",
        r"bone (?:protecting |strengthening |building )?(?:medicines?|medications?|drugs?"
        r"|injections?|infusions?)",
        r"(?:your|the|my) (?:next )?(?:injections?|infusions?|jabs?)",
    )
    # Changes written before the medicine ("pause your letrozole", "a break from exemestane").
    changes_before: tuple[str, ...] = (
        r"stop(?:ping|s)?",
        r"quit(?:ting|s)?",
        r"paus(?:e|es|ing)",
        r"halt(?:ing|s)?",
        r"discontinu(?:e|es|ing)",
        r"drop(?:ping|s)?",
        r"skip(?:ping|s)?",
        r"miss(?:ing)?",
        r"switch(?:ing|es)?",
        r"swap(?:ping|s)?",
        r"chang(?:e|es|ing)",
        r"replac(?:e|es|ing)|replacement for",
        r"substitut(?:e|es|ing)",
        r"giv(?:e|es|ing) up",
        r"(?:come|coming|comes|go|going|get|getting) off",
        r"wean(?:ing)?(?: yourself)? off",
        r"taper(?:ing)?",
        r"cut(?:ting)? (?:down|back)(?: on)?",
        r"reduc(?:e|ing)",
        r"lower(?:ing)?",
        r"halv(?:e|ing)|half(?: of)?",
        r"doubl(?:e|ing)",
        r"delay(?:ing)?",
        r"postpon(?:e|ing)",
        r"put(?:ting)? off",
        r"push(?:ing)? back",
        r"spac(?:e|ing) out",
        r"(?:take|taking|have|having|need|needs)? ?(?:a|some) (?:break|holiday|rest|vacation|week"
        r"|month|time) (?:off )?from",
        r"(?:drug|treatment|medication) (?:holidays?|breaks?)",
        r"(?:a|some|the|few) (?:days?|weeks?|months?|time|while) off",
        r"restart(?:ing)?",
        r"time off",
        r"alternatives? to",
        r"instead of",
        r"rather than",
        r"in place of",
        r"(?:do|go|doing|going) without",
        r"(?:do not|does not|no longer|no) needs?(?: to (?:keep|continue|take))?(?: taking)?",
        r"(?:do|does) not have to (?:keep |continue )?(?:tak(?:e|ing)|using)?",
        r"ditch(?:ing)?",
        r"less(?: of)?",
        r"fewer doses of",
    )
    # Changes written after the medicine ("letrozole every other day", "... can be paused").
    changes_after: tuple[str, ...] = (
        r"(?:can|could|may|might|should|will|to) (?:safely |easily |just )?(?:be|get) (?:stopped"
        r"|paused|skipped|dropped|switched|swapped|changed|reduced|halved|lowered|delayed"
        r"|postponed|tapered|discontinued|missed|put on hold)",
        r"(?:is|are) (?:optional|unnecessary|enough|pointless|overrated)",
        r"(?:is|are) not (?:really )?(?:necessary|needed|essential|required|important|vital)",
        r"(?:can|could) wait",
        r"(?:is|are|as|makes?) (?:a |an )?(?:\w+ )?(?:swap|switch|substitute|replacement)",
        r"(?:you|we) (?:paused|stopped|skipped|dropped)",
        r"back by",
        r"on hold",
        r"every (?:other|second|third) day",
        r"(?:on )?alternate days",
        r"(?:twice|three times|once|two times) (?:a|per) week",
        r"(?:only )?on weekdays|weekdays only",
        r"(?:at|in) (?:a )?(?:lower|reduced|smaller|half|partial) doses?|half doses?",
        r"now and then|on and off|off and on",
        r"as needed|when(?:ever)? you feel like it",
    )
    # Nutrients whose amounts are checked, and their names.
    vitamin_d: tuple[str, ...] = (
        r"vitamin d[23]?",
        r"vit d[23]?",
        r"d[23]",
        r"cholecalciferol",
        r"ergocalciferol",
        r"sunshine vitamin",
    )
    calcium: tuple[str, ...] = (r"calcium",)
    magnesium: tuple[str, ...] = (r"magnesium",)
    # Words that raise a dose without a number ("megadose vitamin D").
    dose_up: tuple[str, ...] = (
        r"mega ?doses?|mega ?dosing",
        r"high doses?|high dose|higher doses?",
        r"large doses?|big doses?",
        r"doubl(?:e|ing) (?:up|the dose|your dose)",
        r"loading doses?",
        r"stoss",
        r"as much as you (?:like|want|can)",
        r"the more the better|more is better",
        r"no upper limit",
    )
    # Vitamin D and K2 claims (FACTS H).
    claim_supplements: tuple[str, ...] = (
        r"vitamin d[23]?",
        r"vitamin k2?",
        r"k2",
        r"d3",
        r"menaquinone",
    )
    claim_verbs: tuple[str, ...] = (
        r"prevents?|preventing",
        r"stops?",
        r"cures?",
        r"protects? (?:you )?(?:against|from)",
        r"wards? off",
        r"eliminates?",
        r"reverses?",
        r"fix(?:es)?",
        r"reduces?|lowers?|cuts?",
        r"eases?|relieves?",
        r"will keep (?:your )?bones? from",
    )
    claim_outcomes: tuple[str, ...] = (
        r"fractures?",
        r"broken bones?|breaking|bones? from breaking",
        r"joint pain|aching joints|arthralgia|stiff joints",
        r"aches?",
    )
    # Exercise hazards.
    flexion: tuple[str, ...] = (
        r"sit ?ups?",
        r"crunch(?:es)?",
        r"curl ups?",
        r"toe touch(?:es|ing)?",
        r"touch(?:ing)? (?:your |the )?toes",
        r"forward (?:bends?|folds?|flexion)",
        r"bend(?:ing)? (?:forward|over)",
        r"round(?:ed|ing)? (?:your |the )?back",
        r"spin(?:e|al) flexion",
        r"(?:russian|seated) twists?",
        r"(?:loaded|weighted) (?:twists?|twisting|flexion)",
        r"v ups?",
        r"jack ?knives?|jack ?knife",
    )
    impact: tuple[str, ...] = (
        r"jumping jacks?",
        r"star jumps?",
        r"burpees?",
        r"box jumps?",
        r"(?:jump|jumping|skipping) ropes?|rope skipping",
        r"plyometrics?",
        r"high impact",
        r"jump(?:s|ing)?",
        r"hop(?:s|ping)?",
        r"bounding",
        r"trampolin(?:e|es|ing)",
        r"running|jogging|sprint(?:s|ing)?",
    )
    fragile_spine: tuple[str, ...] = (
        r"osteoporo(?:sis|tic)",
        r"(?:vertebral|spine|spinal|compression|crush|back) fractures?",
        r"fractured (?:vertebra|vertebrae|spine)",
        r"broken (?:back|vertebra|vertebrae)",
        r"(?:fragile|brittle) bones?",
    )
    heavy_lifting: tuple[str, ...] = (
        r"heavy (?:lifting|lifts|weights?|deadlifts?|squats?)",
        r"lift(?:ing)? heavy",
        r"max(?:imal)? (?:lifts?|weights?|effort)|max(?:ing)? out",
        r"one rep max|1 ?rm",
        r"as heavy as (?:you|possible)",
        r"high intensity (?:resistance|lifting|strength|weights?|training)",
    )
    unsupervised: tuple[str, ...] = (
        r"at home",
        r"on your own",
        r"alone",
        r"by yourself",
        r"unsupervised",
        r"without (?:a |any )?(?:supervision|coach|trainer|physio(?:therapist)?|instructor)",
    )
    supervised: tuple[str, ...] = (
        r"supervis(?:ed|ion)",
        r"with (?:a|an|your) (?:trainer|physio(?:therapist)?|exercise professional|coach)",
    )
    # --- cues (the approved shapes) ---
    # Negations that endorse ("no harm in", "don't worry"): blanked before negators are sought.
    endorsing: tuple[str, ...] = (
        r"no harm",
        r"without (?:any )?(?:problems?|side effects|harm|issues|risk)",
        r"nothing wrong",
        r"no problem|not a problem",
        r"no risk|not risky|little risk|low risk|without (?:any )?risk|risk free",
        r"not (?:dangerous|harmful|unsafe|a big deal)",
        r"nothing to (?:worry|fear)",
        r"no reason not to",
        r"why not",
        r"(?:no need|do not need|not necessary) to (?:ask|check|tell|consult|see|wait|worry"
        r"|involve|bother)",
        r"do not (?:worry|hesitate|wait|panic|fear|be afraid|forget|overlook|rule out|dismiss"
        r"|ignore|miss out|let)",
        r"never (?:forget|hesitate)",
        r"not (?:only|just)",
        r"no matter",
        r"(?:will|does|do|did|would) not (?:hurt|harm|affect|matter|change|make|reduce|lower)",
        r"(?:cannot|can not|never) hurts?",
        r"no (?:prescription|doctor) (?:is )?(?:needed|required|necessary)",
        r"without (?:a prescription|asking|telling|checking|consulting|talking|speaking|seeing"
        r"|permission|medical advice)",
        r"not (?:hard|difficult|complicated)",
        r"(?:reduces?|lowers?|cuts?) (?:the |your )?risk",
    )
    # A refusal or warning anywhere in the clause.
    negators: tuple[str, ...] = (
        r"never",
        r"not",
        r"no",
        r"nor",
        r"cannot",
        r"without",
        r"avoid(?:s|ed|ing)?",
        r"instead of|rather than|in place of",
        r"refrain from",
        r"(?:stay|keep) away from|steer clear of",
        r"leave out|leaving out|left out|leave (?:it|them) out",
        r"skip(?:ping)?",
        r"stop doing",
        r"say no to",
        r"rule(?:d)? out",
        r"off limits",
        r"unsafe",
        r"unproven|unsupported",
        r"contraindicated",
        r"(?:advise[sd]?|recommend(?:s|ed)?|warn(?:s|ed)?|guidelines? (?:are|is)) against",
        r"warn(?:s|ed|ing)?",
        r"(?:little|weak|limited) evidence",
        r"failed to",
        r"replaces? (?:it|them)",
    )
    # Evidence of harm: a report that the hazard did damage is a warning, not advice.
    harms: tuple[str, ...] = (
        r"(?:raised|raises|increased|increases|higher|more) (?:the )?(?:risk|recurrences?"
        r"|relapses?|cancers?)",
        r"(?:cancers?|cancer) (?:coming|came|to come) back",
        r"recurrences?",
        r"(?:fuel|fuels|feed|feeds) (?:the )?cancer",
        r"risks?|risky",
        r"harm(?:s|ful)?|dangerous|toxic(?:ity)?",
        r"rebound",
        r"rapid bone loss|(?:lose|loses|losing) bone (?:fast|quickly|rapidly)",
        r"(?:lower|worse|shorter) survival",
        r"stopped early",
        r"strains? (?:the )?(?:spine|vertebrae|back)",
        r"(?:puts?|putting) (?:\w+ ){0,2}(?:pressure|strain|stress) on",
        r"can (?:crack|break|injure|fracture|damage)",
        r"(?:linked|associated) (?:to|with)|followed by|leads? to|led to",
        r"too (?:much|high|many)",
        r"overdose",
        r"(?:above|over|beyond|exceeds?|exceeding) the (?:upper |safe )?limit",
    )
    # Deferral to the care team (not for hormones, peptides or plant estrogens).
    deferrals: tuple[str, ...] = (
        r"(?:ask|talk (?:to|with)|speak (?:to|with)|check with|discuss (?:\w+ )?with|consult"
        r"|raise (?:it|this) with|tell) (?:your|a|the) (?:care team|doctor|gp|oncologist|nurse"
        r"|pharmacist|clinician|specialist|prescriber|team)",
        r"(?:care team|doctor|oncologist|clinician|prescriber|gp)(?: s)? (?:call|decision|choice"
        r"|job)",
        r"(?:decision|call|choice|decisions)s? (?:for|with|belongs? with|rests? with|made with)",
        r"(?:your|a|the) (?:care team|doctor|oncologist|clinician|gp) (?:may|might|can|could|will)"
        r" (?:suggest|offer|consider|prescribe|recommend|advise|decide|discuss|arrange|plan"
        r"|start|switch|change|stop)",
        r"(?:only )?(?:if|when|as) (?:prescribed|advised|directed)",
        r"(?:plan|advice|agreement|approval|go ahead) (?:from|of|by|with) (?:your|a|the) (?:care team"
        r"|doctor|oncologist|clinician|gp|team)",
        r"prescrib(?:ed|es|e|ing)",
        r"under (?:medical )?supervision",
        r"whether",
    )
    # Telling the reader to act alone cancels a deferral.
    self_action: tuple[str, ...] = (
        r"on your own",
        r"by yourself|yourself",
        r"without (?:asking|telling|checking|consulting|talking|speaking|seeing|permission"
        r"|a prescription|your (?:doctor|oncologist|team|care team))",
        r"(?:no need|do not need|not necessary) to (?:ask|check|tell|consult|see|involve|bother)",
        r"(?:whatever|regardless of what) (?:your|the) (?:doctor|team|oncologist) (?:says|thinks)",
        r"even if (?:your|the) (?:doctor|team|oncologist)",
        r"anyway",
    )
    # A report of research.
    research: tuple[str, ...] = (
        r"trials?",
        r"stud(?:y|ies)",
        r"researchers?|research",
        r"tested|testing",
        r"(?:was|were) (?:given|prescribed|offered)",
        r"participants|women who|those who|people who",
        r"(?:many|some|most) (?:women|people)",
    )
    # Endorsement: a benefit or a "go ahead" (overrides research; advises a substance).
    endorsements: tuple[str, ...] = (
        r"helps?|helped|helping",
        r"protects?|protecting",
        r"strengthens?|rebuilds?|restores?|builds?",
        r"good for|great|benefits?|beneficial",
        r"safe|safely|fine|ok|okay|harmless|gentle|gentler",
        r"effective|works?|worked",
        r"options?|alternatives?|choice",
        r"worth|enough",
        r"needs?",
        r"recommend(?:ed|s)?|suggest(?:ed|s)?",
        r"speeds? up|heals?",
        r"relieves?|eases?",
        r"feel better|felt better",
        r"(?:you|we) (?:can|could|should|might|may|must|need to|ought to)",
        r"why not",
        r"consider|considering",
    )
    # Actions that advise a natural hormone when they govern it ("boost your estrogen").
    advise_substance: tuple[str, ...] = (
        r"tak(?:e|ing)",
        r"try|trying",
        r"us(?:e|ing)",
        r"apply|applying",
        r"start(?:ing)?",
        r"boost(?:ing|s)?",
        r"rais(?:e|ing)",
        r"increas(?:e|ing)",
        r"replac(?:e|ing)",
        r"restor(?:e|ing)",
        r"top(?:ping)? up",
        r"supplement(?:ing)?(?: with)?",
        r"get|getting",
        r"ask (?:\w+ ){0,4}?(?:about|for)",
        r"(?:bring|put)(?:ing)? back",
        r"more|extra|additional",
        r"need|needs",
    )
    # Advice about a hormone named earlier in the sentence ("estrogen is low, so top it up").
    advise_pronoun: tuple[str, ...] = (
        r"(?:top|boost|replace|raise|restore)\w* (?:it|them)(?: up| back)?",
    )
    # Imperatives and subjects that start a new clause after ", and" / "then" / a comma.
    clause_starters: tuple[str, ...] = (
        r"take",
        r"try",
        r"use",
        r"start",
        r"add",
        r"ask",
        r"get",
        r"go",
        r"stop",
        r"pause",
        r"switch",
        r"skip",
        r"swap",
        r"drop",
        r"do",
        r"have",
        r"keep",
        r"talk",
        r"call",
        r"see",
        r"come",
        r"cut",
        r"halve",
        r"double",
        r"lift",
        r"just",
        r"you",
    )


DEFAULT_TABLE = RuleTable()

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
_SMALL = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty five": 25,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
_NUMBER_WORDS = re.compile(
    r"\b(?P<n>(?:twenty five|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|thirty|forty|fifty|sixty|hundred)(?: hundred)?)"
    r"(?P<k> thousand| hundred)(?: and)?(?P<rest>(?: (?:one|two|three|four|five|six|seven|eight"
    r"|nine) hundred)?)\b"
)
_UNIT_WORDS = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred)"
    r"(?= (?:iu|units|micrograms?|mcg|milligrams?|mg|grams?)\b)"
)


def _words_to_number(match: re.Match[str]) -> str:
    base = match.group("n")
    value = _SMALL.get(base.replace(" hundred", ""), 1)
    if base.endswith(" hundred") and base != "hundred":
        value *= 100
    value *= 1000 if match.group("k") == " thousand" else 100
    rest = match.group("rest").strip()
    if rest:
        value += _SMALL[rest.split()[0]] * 100
    return str(value)


def normalise(text: str) -> str:
    """Fold a sentence to the form the table is written in (see RuleTable)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    text = text.replace("µ", "μ").replace("’", "'").replace("‘", "'").replace("“", '"')
    text = text.replace("”", '"').replace("\u00a0", " ").replace("\u202f", " ")
    for old, new in _SPELLINGS:
        text = re.sub(old, new, text)
    for pattern, new in _CONTRACTIONS:
        text = re.sub(pattern, new, text)
    text = re.sub(r"\b([a-z])\.([a-z])\.(?:([a-z])\.)?", r"\1\2\3", text)  # h.r.t. -> hrt
    text = re.sub(r"[‐‑‒–—]", "-", text)
    text = re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", " ", text)  # sit-ups, bpc-157
    text = re.sub(r"(?<=[a-z])'s\b", " s", text)  # doctor's -> doctor s
    text = re.sub(r"(?<=\d)\s*k\b", "000", text)  # 50k
    text = _NUMBER_WORDS.sub(_words_to_number, text)
    text = _UNIT_WORDS.sub(lambda m: str(_SMALL[m.group("n")]), text)
    return re.sub(r"\s+", " ", text).strip()


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
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and ca == b[j - 2]
                and a[i - 2] == cb
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


# --- the linter ----------------------------------------------------------------------------

_BLOCK = (
    r"(?:when|whenever|if|while|during|because|until|after|before|since|unless|and|or|but|so"
    r"|that|which|who|where|then|as|on)"
)


def _alt(entries: tuple[str, ...]) -> str:
    return "|".join(f"(?:{e})" for e in entries) or r"(?!x)x"


def _words(entries: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alt(entries)})(?![\w])")


def _gap(n: int) -> str:
    return rf"(?:\s+(?!{_BLOCK}\b)[a-z0-9'%.μ/]+){{0,{n}}}?\s+"


_AI_MODIFIER = r"(?!\s+(?:joint|pain|aches?|symptoms?|side|related|arthralgia|users?|flares?|trials?))"
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>iu|i u|international units?|units?|mcg|μg|ug|micrograms?|mg|milligrams?"
    r"|grams?|g)(?![\w])"
)
_PER = re.compile(
    r"^\W*(?:of \w+(?: \w+)? )?(?:(?P<single>once )|(?:a|per|each|every|/|in a|a single) ?)?"
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
_TIMES = re.compile(r"\b(?:(?P<x>twice|two times|three times|thrice)) (?:a|per|each) day|twice daily")
_COUNT = re.compile(
    r"\b(?P<n>\d|two|three|four|five) (?:\w+ )?(?:tablets?|capsules?|pills?|softgels?|chews?"
    r"|gummies|drops?|scoops?) of\s*$"
)
_COUNT_BEFORE = re.compile(r"\b(?P<n>[2-9]|two|three|four|five|six)\s+(?:x\s+)?$")
_TABLETS = re.compile(r"\s*(?:\w+\s+){0,2}(?:tablets?|capsules?|pills?|softgels?|chews?|gummies)\b")
_CEILING = re.compile(
    r"(?:(?:no|not|never|do not) (?:take |have |use )?more than|up to|maximum(?: of)?|max|at most"
    r"|exceed|limit (?:it |yourself )?to|keep (?:it |to )?(?:under|below|to)|stay (?:under|below)"
    r"|less than|under|below)\s*(?:about |around |roughly )?$"
)
_SINGLE_DOSE = re.compile(r"\b(?:once|single|one off|bolus|in one go|one dose|injection|shot|stoss)")
# "Without", "instead of"... after a hazard negate something else ("X, without side effects").
_PREPOSITIONS = re.compile(r"without|instead of|rather than|in place of")
_BACK_REFERENCE = re.compile(r"\s+(?:\w+ing\s+)?(?:them|it|these|those|such)\b")
_LIMITS = {"vitamin-d": 4000.0, "calcium": 2000.0, "magnesium": 350.0}


@dataclass(frozen=True)
class _Hit:
    rule: str
    start: int
    end: int
    text: str


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
                rf"(?:{substance}) (?:{_alt(t.routes)})",
            )
        )
        self._substance = _words(t.substances)
        self._advise_substance = re.compile(
            r"(?:^|(?<![\w])(?:you|we|to|please|just|by|about|for|of|from|consider|try|keep|start"
            r"|and|or|body|bones|body s|bones s)\s+(?:(?:can|could|should|might|may|must|need to"
            r"|ought to|will|would|also|really|simply|safely)\s+)?)"
            rf"(?:{_alt(t.advise_substance)})(?:\s+(?:your|my|the|a|an|some|more|extra"
            r"|little|bit|of|own|body s|levels?|back|up|low|dose|natural)){0,3}\s+"
            rf"(?:{substance})(?![\w])"
            rf"|(?<![\w])(?:{substance})\s+(?:is|are|can be|could be|would be|as) (?:an? )?"
            r"(?:\w+ )?(?:option|choice|alternative|solution|answer|safe|fine|ok|okay|harmless"
            r"|worth|good|great|helpful|useful|effective|natural|gentle|available|recommended"
            r"|suitable)"
        )
        self._pronoun_advice = re.compile(
            r"(?:^|(?<![\w])(?:you|to|just|please)\s+(?:(?:can|could|should|might|may)\s+)?)"
            rf"(?:{_alt(t.advise_pronoun)})(?![\w])"
        )
        self._phyto = _words(t.phytoestrogens)
        self._peptide = _words(
            (*t.peptides, rf"(?:growth hormone|igf 1) (?:{_alt(t.routes)})|growth hormone releas")
        )
        ai = rf"(?:{_alt(t.ai_terms)}){_AI_MODIFIER}"
        bone = _alt(t.bone_medicines)
        before, after = _alt(t.changes_before), _alt(t.changes_after)
        self._ai_change = re.compile(
            rf"(?<![\w])(?:{before}){_gap(4)}(?:{ai})(?![\w])"
            rf"|(?<![\w])(?:{ai}){_gap(4)}(?:{after})(?![\w])"
            rf"|(?<![\w])(?:{ai})\s+(?:{after})(?![\w])"
        )
        self._bone_change = re.compile(
            rf"(?<![\w])(?:{before}){_gap(4)}(?:{bone})(?![\w])"
            rf"|(?<![\w])(?:{bone})(?:{_gap(4)}|\s+)(?:{after})(?![\w])"
        )
        self._vitamin_d = _words(t.vitamin_d)
        self._calcium = _words(t.calcium)
        self._magnesium = _words(t.magnesium)
        nutrient = _alt((*t.vitamin_d, *t.calcium, *t.magnesium))
        self._dose_up = re.compile(
            rf"(?<![\w])(?:{_alt(t.dose_up)})(?:\s+\w+){{0,3}}?\s+(?:of\s+)?(?:{nutrient})(?![\w])"
            rf"|(?<![\w])(?:{nutrient})(?:\s+\w+){{0,3}}?\s+(?:{_alt(t.dose_up)})(?![\w])"
        )
        self._claim = re.compile(
            rf"(?<![\w])(?:{_alt(t.claim_supplements)})(?![\w])(?:\s+[\w']+){{0,6}}?\s+"
            rf"(?:{_alt(t.claim_verbs)})(?:\s+[\w']+){{0,4}}?\s+(?:{_alt(t.claim_outcomes)})"
            r"(?![\w])"
        )
        self._flexion = _words(t.flexion)
        self._impact = _words(t.impact)
        self._fragile = re.compile(
            rf"(?<!without )(?<!no )(?<!not )(?:{_alt(t.fragile_spine)})(?![\w])"
        )
        self._heavy = _words(t.heavy_lifting)
        self._unsupervised = _words(t.unsupervised)
        self._supervised = _words(t.supervised)
        self._endorsing = _words(t.endorsing)
        self._negators = _words(t.negators)
        self._harms = _words(t.harms)
        self._deferrals = _words(t.deferrals)
        self._self_action = _words(t.self_action)
        self._research = _words(t.research)
        self._endorsements = _words(t.endorsements)
        starters = _alt(t.clause_starters)
        self._boundary = re.compile(
            r"\s*;\s*|\s+-\s+|,?\s+(?:but|however|although|though|whereas|yet)\s+"
            r"(?!(?:they|it|these|those|this|such|that|both|neither)\b)"
            r"|,?\s+(?:and\s+)?then\s+|,\s+so\s+"
            rf"|,?\s+and\s+(?=(?:{starters}|i|we)\b)|,\s+(?=(?:{starters})\b)"
        )
        verbs = rf"(?:{_alt(t.changes_before)}|{starters})"
        self._coordination = re.compile(rf"\b({verbs})((?:\s*,\s*{verbs})+)\s*,?\s+(or|nor|and)\s+")
        self._fuzzy_targets = tuple(
            sorted(
                {
                    e
                    for e in (*t.hormone_products, *t.ai_terms, *t.bone_medicines, *t.peptides)
                    + (*t.substances, *t.phytoestrogens)
                    if re.fullmatch(r"[a-z]{7,}", e)
                }
            )
        )
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
            if self._lexicon_word.fullmatch(word):
                return word
            limit = 1 if len(word) < 11 else 2
            for target in self._fuzzy_targets:
                if target[0] == word[0] and _close(word, target, limit):
                    return target
            return word

        return re.sub(r"\b[a-z]{7,}\b", fix, text)

    def clauses(self, sentence: str) -> list[str]:
        """The normalised clauses of one sentence."""
        text = self._coordination.sub(
            lambda m: m.group(1) + re.sub(r"\s*,\s*", " or ", m.group(2)) + f" {m.group(3)} ",
            sentence,
        )
        return [c.strip(" ,:") for c in self._boundary.split(text) if c and c.strip(" ,:")]

    # -- shapes --

    def _blanked(self, clause: str, hit: _Hit) -> str:
        """The clause without the hazard's own words and without endorsing negations."""
        text = clause[: hit.start] + " " * (hit.end - hit.start) + clause[hit.end :]
        return self._endorsing.sub(lambda m: " " * len(m.group(0)), text)

    def _negated(self, blank: str, hit: _Hit) -> bool:
        """A negator before the hazard, or one after it that is not a preposition."""
        return any(
            m.start() < hit.start
            or not _PREPOSITIONS.fullmatch(m.group(0))
            or _BACK_REFERENCE.match(blank, m.end())
            for m in self._negators.finditer(blank)
        )

    def _refused(self, clause: str, hit: _Hit) -> bool:
        blank = self._blanked(clause, hit)
        return self._negated(blank, hit) or bool(self._harms.search(blank))

    def _deferred(self, clause: str, sentence: str) -> bool:
        return bool(self._deferrals.search(clause)) and not self._self_action.search(sentence)

    def _reported(self, clause: str, hit: _Hit) -> bool:
        """Research told without a benefit or a go-ahead."""
        blank = self._blanked(clause, hit)
        return bool(self._research.search(blank)) and not self._endorsements.search(blank)

    # -- hazards --

    def _hormone_hits(self, clause: str, sentence: str) -> Iterator[_Hit]:
        for m in self._product.finditer(clause):
            yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        if self._substance.search(sentence):
            for m in self._pronoun_advice.finditer(clause):
                yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        for m in self._advise_substance.finditer(clause):
            yield _Hit("hormone-therapy", m.start(), m.end(), m.group(0))
        for m in self._phyto.finditer(clause):
            yield _Hit("phytoestrogen", m.start(), m.end(), m.group(0))
        for m in self._peptide.finditer(clause):
            yield _Hit("peptide-or-secretagogue", m.start(), m.end(), m.group(0))

    def _never_options(self, clause: str, sentence: str) -> Iterator[_Hit]:
        """Hormones, plant estrogens, peptides: only a refusal, harm or neutral research passes."""
        for hit in self._hormone_hits(clause, sentence):
            if self._refused(clause, hit):
                continue
            if self._reported(clause, hit) and not self._advise_substance.search(clause):
                continue
            yield hit

    def _medicine_changes(self, clause: str, sentence: str) -> Iterator[_Hit]:
        question = sentence.rstrip().endswith("?") and re.search(r"\b(?:i|my|me|we)\b", sentence)
        for rule, pattern in (
            ("stop-or-switch-ai", self._ai_change),
            ("bone-medicine-change", self._bone_change),
        ):
            for m in pattern.finditer(clause):
                hit = _Hit(rule, m.start(), m.end(), m.group(0))
                blank = self._blanked(clause, hit)
                if self._negated(blank, hit) or self._harms.search(blank):
                    continue
                if self._deferred(clause, sentence) or question:
                    continue
                if re.search(r"\b(?:if|when|in case) you (?:miss|forget)\b", clause):
                    continue
                if self._reported(clause, hit) or re.search(
                    r"\b(?:who|had|were|was) (?:\w+ )?(?:stopped|switched|paused|changed|moved"
                    r"|skipped|quit|came off|took)\b",
                    clause,
                ):
                    if not self._endorsements.search(blank):
                        continue
                yield hit

    def _nutrient_of(self, clause: str, start: int, end: int, unit: str) -> str | None:
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
        if best is not None:
            return best[1]
        if unit in ("iu", "i u", "international unit", "international units", "units", "unit"):
            if not re.search(r"\b(?:vitamin [abce]|alcohol|insulin|drinks?)\b", clause):
                return "vitamin-d"
        return None

    def _daily_amount(self, clause: str, m: re.Match[str]) -> tuple[str, float] | None:
        unit = m.group("unit")
        raw = m.group("num")
        if unit in ("iu", "i u", "units", "unit") or unit.startswith("international"):
            raw = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", raw)
        value = float(re.sub(r"[, ]", "", raw))
        if unit in ("g", "gram", "grams") and not re.match(
            r"\s*(?:of\s+)?(?:elemental\s+)?(?:calcium|magnesium)\b", clause[m.end() :]
        ):
            return None
        nutrient = self._nutrient_of(clause, m.start(), m.end(), unit)
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
        if units:
            n = units.group("n")
            value *= {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(n) or int(n)
        after = clause[m.end() : m.end() + 40]
        per = _PER.search(after)
        if per is None:
            per = re.search(
                r"\b(?P<single>once )?(?:a |per |each |every )(?P<period>week|month|year)\b|"
                r"\b(?P<period2>weekly|monthly|yearly)\b",
                clause[max(0, m.start() - 30) : m.start()],
            )
        times = _TIMES.search(clause)
        if times:
            value *= 3 if (times.group("x") or "").startswith(("three", "thrice")) else 2
        if per is not None:
            period = per.groupdict().get("period") or per.groupdict().get("period2") or "day"
            single = per.groupdict().get("single") or _SINGLE_DOSE.search(clause)
            days = _PERIOD_DAYS.get(period, 1)
            if not single or period == "other day":
                value /= days
        return nutrient, value

    def _doses(self, clause: str, sentence: str) -> Iterator[_Hit]:
        for m in _AMOUNT.finditer(clause):
            found = self._daily_amount(clause, m)
            if found is None:
                continue
            nutrient, value = found
            if value <= _LIMITS[nutrient]:
                continue
            hit = _Hit("dose-above-limit", m.start(), m.end(), m.group(0))
            blank = self._blanked(clause, hit)
            ceiling = _CEILING.search(clause[: m.start()])
            if self._harms.search(blank):
                continue
            if not ceiling and self._negators.search(blank[: m.start()]):
                continue
            if (self._deferred(clause, sentence) or self._reported(clause, hit)) and not (
                self._self_action.search(sentence)
            ):
                continue
            yield hit
        for m in self._dose_up.finditer(clause):
            hit = _Hit("dose-above-limit", m.start(), m.end(), m.group(0))
            if self._refused(clause, hit):
                continue
            if (self._deferred(clause, sentence) or self._reported(clause, hit)) and not (
                self._self_action.search(sentence)
            ):
                continue
            yield hit

    def _claims(self, clause: str) -> Iterator[_Hit]:
        for m in self._claim.finditer(clause):
            hit = _Hit("supplement-claim", m.start(), m.end(), m.group(0))
            blank = self._endorsing.sub(lambda e: " " * len(e.group(0)), clause)
            if self._negators.search(blank) or re.search(r"\b(?:whether|if|tested)\b", blank):
                continue
            yield hit

    def _exercise(self, clause: str, sentence: str) -> Iterator[_Hit]:
        for m in self._flexion.finditer(clause):
            hit = _Hit("spinal-flexion", m.start(), m.end(), m.group(0))
            if not self._refused(clause, hit):
                yield hit
        if self._fragile.search(sentence):
            for m in self._impact.finditer(clause):
                hit = _Hit("impact-with-fragile-spine", m.start(), m.end(), m.group(0))
                if not self._refused(clause, hit) and not self._reported(clause, hit):
                    yield hit
        for m in self._heavy.finditer(clause):
            hit = _Hit("unsupervised-heavy-lifting", m.start(), m.end(), m.group(0))
            risky = self._unsupervised.search(sentence) or self._fragile.search(sentence)
            if not risky or self._supervised.search(sentence):
                continue
            if self._refused(clause, hit) or self._reported(clause, hit):
                continue
            yield hit

    def check_sentence(self, sentence: str) -> list[_Hit]:
        """Hazards left unsafe in one sentence (already split, not yet normalised)."""
        text = self._fix_slips(normalise(sentence))
        if not text or text.strip(" .!?") in self.allowed:
            return []
        hits: list[_Hit] = []
        for clause in self.clauses(text):
            hits.extend(self._never_options(clause, text))
            hits.extend(self._medicine_changes(clause, text))
            hits.extend(self._doses(clause, text))
            hits.extend(self._claims(clause))
            hits.extend(self._exercise(clause, text))
        return hits

    def lint(self, text: str) -> list[SafetyFinding]:
        """Every unsafe sentence in ``text``: one finding per line and rule, in line order."""
        lines = text.splitlines()
        found: dict[tuple[int, str], SafetyFinding] = {}
        for line_no, sentence in sentences(text):
            for hit in self.check_sentence(sentence):
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
_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9\-•*])|(?<=[!?…])\s+")


def _clean(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    return _EMPHASIS.sub("", line)


def _split(unit: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for gap in _END.finditer(unit):
        piece = unit[start : gap.start()]
        if piece.lower().endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", piece):
            continue
        parts.append(piece)
        start = gap.end()
    parts.append(unit[start:])
    return [p.strip() for p in parts if p.strip()]


@cache
def _table_header(header: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in header.strip().strip("|").split("|"))


def sentences(text: str) -> list[tuple[int, str]]:
    """(line number, sentence) pairs: Markdown taken apart, wrapped lines joined."""
    out: list[tuple[int, str]] = []
    buffer: list[str] = []
    buffer_line = 0
    header: tuple[str, ...] = ()

    def flush() -> None:
        nonlocal buffer
        if buffer:
            for piece in _split(" ".join(buffer)):
                out.append((buffer_line, piece))
        buffer = []

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
            body = _FRONT.sub("", _HEADING.sub("", line))
            for piece in _split(_clean(body)):
                out.append((number, piece))
            continue
        item = _ITEM.match(raw)
        if item:
            flush()
            line = raw[item.end() :].strip()
        if not buffer:
            buffer_line = number
        buffer.append(_clean(line))
    flush()
    return out


@cache
def _default_linter() -> Linter:
    return Linter()


def lint(text: str) -> list[SafetyFinding]:
    """Return every unsafe passage in ``text``, in line order (an empty list means safe)."""
    return _default_linter().lint(text)
