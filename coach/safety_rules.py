"""The safety lint's rule table: what must never be advised, and the shapes that make it safe.

Data only; :mod:`coach.safety` explains how the lint reads it. Every entry is needed: the
mutation test in ``tests/test_safety_lint.py`` deletes each one in turn and checks that some
sentence in the test sets changes verdict. Add a sentence to those sets with every new entry.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_TABLE", "RULES", "RuleTable"]

# Rule names, with the reason each exists (reported in findings and listed by rule_names()).
RULES: dict[str, str] = {
    "hormone-therapy": "Estrogen/HRT (HABITS) and tibolone (LIBERATE) raised recurrence; "
    "androgens, progestogens and SERMs have no place here (FACTS H, 36).",
    "phytoestrogen": "Plant-estrogen products act on the same receptors; never suggested "
    "(FACTS H).",
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
    # Words that make a product of any route ("a compounded cream", "bioidentical hormones").
    hormone_adjectives: tuple[str, ...] = (
        r"bio ?identical",
        r"compounded",
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
        r"containing|based",
    )
    # Hormone products and brands: a hazard whenever not refused.
    hormone_products: tuple[str, ...] = (
        r"hrt",
        r"mht",
        r"ert",
        r"(?<!your )(?<!my )(?<!her )(?<!their )(?<!anti )(?<!of )"
        r"hormon(?:e|al) (?:therapy|treatment)"
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
        r"cut(?:ting|s)?(?: down| back)?(?: on)?",
        r"reduc(?:e|ing)",
        r"lower(?:ing)?",
        r"halv(?:e|ing)|half(?: of)?",
        r"doubl(?:e|ing)",
        r"delay(?:ing)?",
        r"postpon(?:e|ing)",
        r"put(?:ting)? off",
        r"push(?:ing)? back",
        r"spac(?:e|ing) out",
        r"(?:take|taking|have|having|need|needs)? ?(?:a|some|the|your)(?: [a-z]+)? (?:break|holiday"
        r"|rest|vacation|pause|week|month|time)s? (?:off )?from",
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
        r"forget(?:ting)?(?: about)?",
        r"omit(?:ting)?|leav(?:e|ing) (?:out|off)",
        r"(?:do not|never) bother(?: with)?",
        r"less(?: of)?",
        r"fewer doses of",
    )
    # Changes that need no object when the medicine is named earlier ("..., so you can stop early").
    bare_changes: tuple[str, ...] = (
        r"stop(?:ping)?",
        r"quit(?:ting)?",
        r"paus(?:e|ing)",
        r"skip(?:ping)?",
        r"switch(?:ing)?",
        r"(?:come|coming|go|going) off",
        r"giv(?:e|ing) up",
    )
    # Feelings about a change are not advice to make it ("many women worry about stopping").
    feelings: tuple[str, ...] = (
        r"(?<!not )(?<!never )worr(?:y|ies|ied|ying) about",
        r"(?:are|feel|felt|be|were) tempted to",
        r"doubts? about|afraid of|fear of",
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
        r"(?:holidays?|breaks?|vacations?)",
    )
    # Thinning out the AI's schedule ("letrozole every other day"); weekly bone medicine is normal.
    schedule_changes: tuple[str, ...] = (
        r"every (?:other|second|third) day|every (?:\d+|two|three|four|few|couple of) days",
        r"(?:on )?alternate days",
        r"(?:twice|three times|once|two times) (?:a|per) week",
        r"(?:only )?on weekdays|weekdays only",
        r"(?:at|in) (?:a )?(?:lower|reduced|smaller|half|partial) doses?|half doses?",
        r"now and then|on and off|off and on",
        r"as needed|when(?:ever)? you feel like it",
        r"only (?:when|if|on)",
        r"(?:a few|some|\d|two|three|four|five) days (?:a|per) week",
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
        r"(?:doubl|tripl)(?:e|ing)(?: up)?(?: on)?",
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
        r"gets? rid of|(?:takes?|take) away|banish(?:es)?",
    )
    claim_outcomes: tuple[str, ...] = (
        r"fractures?",
        r"broken (?:\w+ )?(?:bones?|hips?|wrists?|arms?|legs?|spines?|vertebrae)|breaks?|breaking",
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
        r"twist(?:s|ing)? (?:hard|forcefully|with (?:a |heavy )?weights?)",
        r"v ups?",
        r"jack ?knives?|jack ?knife",
    )
    impact: tuple[str, ...] = (
        r"burpees?",
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
        r"heaviest|(?:maximum|max) (?:possible )?(?:weights?|loads?)",
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
        r"without (?:any |the )?(?:problems?|side effects?|harm|issues?|risks?|downsides?)",
        r"no problem|not a problem",
        r"no risk|not risky|little risk|low risk|without (?:any )?risk|risk free",
        r"not (?:dangerous|harmful|unsafe|a big deal)",
        r"no reason not to",
        r"why not",
        r"(?:no need|do not need|not necessary) to (?:ask|check|tell|consult|see|wait|worry"
        r"|involve|bother)",
        r"do not (?:worry|hesitate|wait|panic|fear|be afraid|forget|overlook|rule out|dismiss"
        r"|ignore|miss out|let)",
        r"never (?:forget|hesitate)",
        r"not (?:only|just)",
        r"no matter",
        r"(?:will|does|do|did|would) not (?:hurt|harm|affect|matter|change|make|reduce|lower|raise"
        r"|increase)(?: (?:your|the|any))?(?: [a-z]+)?(?: risks?)?",
        r"no (?:added |extra |increased |higher )?risks?",
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
        r"nor|neither",
        r"cannot",
        r"without",
        r"avoid(?:s|ed|ing)?",
        r"instead of|rather than|in place of",
        r"refrain from",
        r"(?:stay|keep) away from|steer clear of",
        r"leave out|leaving out|left out|leave (?:it|them) out",
        r"skip(?:ping)?",
        r"stop doing",
        r"rule(?:d)? out",
        r"off limits|off the table",
        r"unsafe",
        r"unproven|unsupported",
        r"contraindicated",
        r"(?:advise[sd]?|recommend(?:s|ed)?|guidelines? (?:are|is)) against",
        r"reject(?:s|ed)?|refus(?:e|es|ed)|forbid(?:s|den)?|prohibit(?:s|ed)?",
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
        r"adds? to (?:it|the (?:pressure|strain|stress|load|risk))",
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
        r"needs? a plan",
        r"(?:plan|advice|agreement|approval|go ahead) (?:from|of|by|with) (?:your|a|the)"
        r" (?:care team|doctor|oncologist|clinician|gp|team)",
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
        r"predicts?|predicted",
        r"\((?:[a-z]+ )+(?:et al )?(?:19|20)\d\d\)",
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
        r"(?:ask|talk) (?:\w+ ){0,3}?(?:about|for) (?:it|them)",
        r"(?:take|try|use|start|get) (?:it|them)(?! easy| slow)",
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
