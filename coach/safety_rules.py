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
    "medicine-dose-change": "The dose and schedule of any prescribed medicine are its prescriber's "
    "to change: medicine decisions are discussed with the care team, never made alone "
    "(FACTS 14, 32).",
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
    "cure-or-replace-claim": "Nothing cures or reverses osteoporosis, and nothing replaces a bone "
    "medicine the care team advises (FACTS 14, 31, 37).",
    "dismissed-warning-sign": "Chest pain, fainting, breathlessness, sudden back pain, height "
    "loss, new bone pain, jaw or thigh symptoms on a bone medicine, not being able to get up "
    "after a fall: tell the care team or call for help (FACTS 21, 29, 32, 33).",
    "bisphosphonate-how-to-take": "An oral bisphosphonate is taken first thing with a full glass "
    "of plain water, swallowed whole, staying upright, before any food, drink or other medicine: "
    "food, drink or calcium stop it being absorbed and lying down harms the gullet (the "
    "leaflets; FACTS 31, 32).",
    "alcohol-or-smoking-played-down": "More than about 2 units of alcohol a day raises fracture "
    "risk (and alcohol raises breast cancer risk); smoking harms bone and stopping helps at any "
    "age (FACTS 5, 27, 34).",
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
        r"plant(?: derived| based| sourced)?",
        r"micronis(?:ed|ized)",
        r"natural",
        r"herbal",
        r"conjugated(?: equine)?",
        r"equine",
        r"esterified",
        r"ethinyl",
        r"menopausal",
        r"local|locali[sz]ed|low strength|ultra low dose",
    )
    # Words that make a product of any route ("a compounded cream", "bioidentical hormones").
    hormone_adjectives: tuple[str, ...] = (r"compounded",)
    # Amounts and forms written before a substance ("a small dose of estrogen", "a little
    # oestrogen", "a patch of estradiol"): a product, unless the body makes it ("fat tissue still
    # makes a little estrogen").
    quantities: tuple[str, ...] = (
        r"(?:a |an )?(?:small|low|tiny|little|mini|micro|minimal|weak|gentle) (?:doses?|amounts?"
        r"|bits?|quantit(?:y|ies)) of",
        r"a (?:little|bit|touch|dab|drop|dash|smidgen|pinch|splash|smear|tiny bit|wee bit)(?: of)?",
        r"(?:an? )?(?:patch(?:es)?|gels?|creams?|sprays?|rings?|pessar(?:y|ies)|implants?|pellets?"
        r"|pills?|tablets?|jabs?|shots?|injections?) of",
    )
    # Local routes that carry a hormone named in the same sentence ("a vaginal ring releases so
    # little estrogen").
    local_routes: tuple[str, ...] = (
        r"(?:vaginal|intravaginal|topical|transdermal) (?:[a-z]+ )?(?:rings?|pessar(?:y|ies)"
        r"|inserts?|tablets?|implants?|pellets?|patch(?:es)?|creams?|gels?|sprays?|pills?"
        r"|suppositor(?:y|ies))",
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
        r"pessar(?:y|ies)|inserts?|suppositor(?:y|ies)|troches?|lozenges?|tinctures?",
        r"implants?|pellets?",
        r"coils?|ius|iuds?",
        r"injections?|shots?|jabs?",
        r"products?",
        r"doses?",
        r"boosters?",
        r"extracts?|powders?",
        r"protocols?|regimens?",
        r"containing|based",
        r"in (?:small|tiny|low|little|minute|micro|modest) (?:amounts?|doses?|quantities)",
    )
    # Hormone products and brands: a hazard whenever not refused.
    hormone_products: tuple[str, ...] = (
        r"hrt(?! (?:clinics?|services?|nurses?|specialists?|teams?|debate|trials?|stud(?:y|ies)))",
        r"bi ?est|tri ?est|bio ?identicals?",
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
        # Other estrogen, progestogen, testosterone and SERM brands.
        r"gynest|blissel|femseven|activelle|elestrin|estrasorb|femtrace|menostar|minivelle|alora"
        r"|combipatch|indivina|tridestra|nuvelle|novofem|trisequens|zumenon|bedol|progynova"
        r"|climaval|hormonin|testim|intrinsa|osphena|evista",
        r"progestins?",
        r"progestogens?",
        r"medroxyprogesterone",
        r"megestrol(?: acetate)?|megace",
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
        r"(?:testosterone|estrogens?|estradiol|progesterone) for (?:women|menopaus\w*"
        r"|the menopause)",
        r"pregnenolone",
    )
    # Plant estrogens and hormone-acting herbs sold as remedies (FACTS H), by class: the words
    # for the class (phytoestrogens, plant hormones, anything "estrogen-like"); isoflavones
    # (genistein, daidzein, equol, biochanin, formononetin) and coumestans; the herbs (red clover,
    # black cohosh, dong quai, wild yam, pueraria mirifica, kudzu, hops, licorice root, maca,
    # chasteberry or vitex, shatavari); soy, flax and hops as pills or extracts, and lignans;
    # DIM and indole-3-carbinol sold "for estrogen"; brands of such blends; and anything sold
    # for "hormone balance". Soy milk, tofu and flaxseed eaten as food are food, not products.
    phytoestrogens: tuple[str, ...] = (
        r"phyto ?(?:estrogens?|estrogenic|hormones?|hormonal)",
        r"isoflavones?",
        r"genistein",
        r"red clover",
        r"black cohosh",
        r"dong quai",
        r"wild yam",
        r"pueraria(?: mirifica)?",
        r"soy (?:isoflavones?|supplements?|extracts?|pills?|capsules?|tablets?|powders?)",
        r"lignans?|(?:flax(?: ?seed)?|linseed) (?:supplements?|pills?|capsules?|tablets?"
        r"|extracts?)",
        r"kudzu|hops? (?:extracts?|supplements?|capsules?|pills?)|licorice root|liquorice root",
        r"(?:estrogen|hormone) ?like|estrogenic|(?:acts?|works?|behaves?) like (?:an? )?"
        r"(?:\w+ ){0,2}estrogens?|mimics? (?:\w+ )?estrogens?",
        r"daidzein|equol|biochanin|formononetin|coumest(?:rol|ans?)",
        r"maca(?: root| powder)?|chaste ?(?:berry|berries|tree)|vitex|agnus castus|shatavari",
        r"diindolylmethane|indole 3 carbinol|i3c|dim(?= (?:supplements?|capsules?|pills?|tablets?"
        r"|products?|to (?:support|balance|clear|manage|detox)|for (?:estrogen|hormone)))"
        r"|(?<=take )dim|(?<=taking )dim|(?<=try )dim",
        r"promensil|remifemin|estroven|femarelle|menoflavon|amberen",
        r"hormone (?:balanc|rebalanc|support|harmon|reset|detox)\w*(?= (?:\w+ )?(?:supplements?"
        r"|blends?|teas?|gummies|pills?|capsules?|tablets?|formulas?|products?|herbs?|remed(?:y"
        r"|ies)|drops|complex|powders?|tinctures?|oils?))|(?:natural|herbal|plant) (?:hormone"
        r"|estrogen) (?:balancers?|boosters?|support)",
    )
    # Herbs sold for hormones: a hazard when the sentence is about hormones or the menopause
    # ("ginseng restores your hormone levels"), not as a food or a drink ("ginseng tea").
    hormone_herbs: tuple[str, ...] = (
        r"(?:korean |siberian |american |panax |red )?ginseng|evening primrose(?: oil)?|fenugreek"
        r"|tribulus|tongkat ali|ashwagandha|sage (?:tablets?|capsules?|extracts?|supplements?)"
        r"|saw palmetto|motherwort|damiana",
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
        r"ghk ?cu|aod ?9604|epit?halon|follistatin|kisspeptin|pentadeca\w*",
        # A code name ("XYZ-123") said to be injected, stacked or cycled is a research peptide.
        r"(?!covid)[a-z]{2,4} ?\d{2,4}(?= (?:\w+ ){0,6}?(?:inject\w*|pin(?:ning)?|vials?|stack"
        r"|cycles?|subq|sub q|reconstitut\w*))|(?:inject\w*|pin(?:ning)?) (?:\w+ ){0,4}?"
        r"(?!covid)[a-z]{2,4} ?\d{2,4}",
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
        r"(?:your|my|the|this|her|their) (?:daily |usual |regular |normal )?"
        r"(?:(?:\d+|five|ten|seven) year )?"
        r"(?:breast cancer |cancer |hormone |hormonal "
        r"|endocrine |anti ?cancer )?(?:medicines?|medications?|meds|tablets?|pills?|drugs?"
        r"|treatment|therapy|prescriptions?|course(?! of)|doses?(?! of))",
        # A tablet, pill or dose named by no drug ("try a tablet every second day", "skip a few
        # doses"): the one the reader takes.
        r"(?:a|one|1|a few|some|several|any|each|every|the odd|an occasional|the occasional"
        r"|every other|every second|every third|every fourth) (?:daily |missed |forgotten )?"
        r"(?:tablet|pill|dose)s?"
        r"(?! of\b)",
        r"(?:endocrine|hormonal|anti ?estrogen|adjuvant) (?:therapy|treatment)",
        r"(?:that|today|tonight|the) (?:day |night |morning )?s (?:tablet|pill|dose)",
        # "go tablet-free at weekends": the tablet named only by the time without it.
        r"(?:tablet|pill|medicine|medication|drug|dose)s?(?= free\b)",
        # "Five years is overkill": the length of the course stands for the AI.
        r"(?:five|5|ten|10|seven|7) (?:full )?years?(?= (?:of (?:\w+ )?)?(?:is|are|seems|sounds)"
        r" (?:\w+ )?(?:overkill|too long|excessive|unnecessary|pointless|a waste|plenty|enough"
        r"|overrated|optional)\b)",
        r"(?:another|a different|a new|the other) (?:ai|aromatase inhibitor|tablet|pill|drug"
        r"|medicine|medication|brand)",
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
        # Other bone medicines and brands (bisphosphonates, romosozumab, PTH analogues).
        r"bonviva|binosto|fosavance|atelvia|risedronic acid|pamidron(?:ate|ic acid)"
        r"|clodron(?:ate|ic acid)|bonefos|aredia|romosozumab|evenity|teriparatide|forsteo|forteo"
        r"|abaloparatide|tymlos",
        r"bone (?:protecting |strengthening |building )?(?:medicines?|medications?|drugs?"
        r"|injections?|infusions?|shots?|jabs?|tablets?|pills?)",
        r"(?:your|the|my|an|one|the odd|every other|every second) (?:next )?(?:injections?"
        r"|infusions?|jabs?|shots?)(?! of\b)",
    )
    # Every other prescribed medicine, by class: its dose and schedule are the prescriber's to
    # change (FACTS 14, 29, 32). Painkillers (NSAIDs and their brands, paracetamol and
    # co-codamol, opioids, nerve-pain medicines, duloxetine and the tricyclics), steroids, thyroid
    # hormone, blood-pressure, heart and water tablets, diabetes medicines and insulin, statins,
    # antidepressants (SSRIs, SNRIs, mirtazapine), prescribed vitamin D and its active analogues,
    # stomach protectors, blood thinners, sleeping tablets, inhalers, arthritis and gout
    # medicines; the class names (beta blockers, diuretics...); and the generic shapes ("your
    # prescribed <anything>", "your painkillers", "your steroid tablets").
    other_medicines: tuple[str, ...] = (
        r"ibuprofen|naproxen|diclofenac|celecoxib|etoricoxib|meloxicam|nurofen|voltarol|naprosyn"
        r"|nsaids?|anti ?inflammator(?:y|ies)(?: (?:tablets?|pills?|medicines?|drugs?))?",
        r"paracetamol|acetaminophen|co ?codamol|codeine|tramadol|morphine|oxycodone|tapentadol"
        r"|opioids?|opiates?|(?:fentanyl|buprenorphine) patch(?:es)?",
        r"duloxetine|cymbalta|gabapentin|pregabalin|amitriptyline|nortriptyline",
        r"prednisolone|prednisone|dexamethasone|hydrocortisone|(?:oral )?corticosteroids?"
        r"|steroids?(?! injections?)",
        r"levothyroxine|thyroxine|liothyronine|eltroxin",
        r"metformin|gliclazide|sitagliptin|empagliflozin|dapagliflozin|semaglutide|insulin"
        r"(?! sensitivity| resistance| levels?)",
        r"(?:atorva|simva|rosuva|prava)statin|statins?",
        r"sertraline|citalopram|escitalopram|fluoxetine|paroxetine|venlafaxine|mirtazapine"
        r"|anti ?depressants?|ssris?|snris?",
        # Amlodipine, ramipril, losartan, bisoprolol, furosemide, omeprazole, apixaban,
        # clopidogrel and their kin are read by the shape of their names (below).
        r"indapamide|digoxin|warfarin|zopiclone|calcitriol|alfacalcidol|paricalcitol",
        r"blood thinners?|anticoagulants?|beta ?blockers?|ace inhibitors?|diuretics?|water pills?"
        r"|(?:steroid |preventer )?inhalers?|methotrexate|hydroxychloroquine|allopurinol"
        r"|colchicine",
        r"(?:(?:blood pressure|bp|heart|water|thyroid|diabetes|cholesterol|sleeping|nerve pain"
        r"|steroid|arthritis|mood|pain) )(?:tablets?|pills?|medicines?|medications?|meds"
        r"|capsules?|patch(?:es)?)",
        r"(?:your|my|her|the) (?:prescribed|prescription) \w+|pain ?killers?"
        r"|pain relief(?: tablets| pills| medicines?)?",
        # A medicine not listed, known by the shape of its name ("your enalapril", "an extra
        # nifedipine", "one nebivolol a day"): ACE inhibitors, sartans, beta blockers, statins,
        # calcium-channel blockers, proton-pump inhibitors, SSRIs, tricyclics, benzodiazepines,
        # gliptins and gliflozins, thiazides, loop diuretics, anticoagulants.
        r"(?:[a-z]{2,}(?:pril|olol|sartan|statin"
        r"|dipine|prazole|oxetine|pramine|triptyline|azepam|azolam|gliptin|gliflozin|thiazide"
        r"|semide|xaban|parin|grel|afil|profen|coxib|codone|tadine|lukast|osin|triptan|setron"
        r"|cycline|mycin|cillin|floxacin|gabalin|tidine|asteride))",
        # Any other word used as the name of a prescribed dose or its tablets ("your quinine
        # tablets", "your tamsulosin dose", "your morning tablets"), but not a supplement's.
        r"(?:(?<=your )|(?<=my )|(?<=her ))(?:own |usual |daily |regular )?"
        r"(?!(?:calcium|vitamins?|magnesium|iron|zinc|fish|omega|collagen|glucosamine|multi\w*"
        r"|supplements?|protein|fibre|herbal|exercise|walking|activity|sun|sunshine|light|bone"
        r"|ai|hormone|hormonal|cancer|breast|weekly|monthly|next|first|last|missed|own|usual"
        r"|daily|regular)\b)[a-z]{4,}(?= (?:dose|dosage|tablets?|pills?|capsules?|prescription"
        r"|\d+ ?mg)\b)",
    )
    # Someone else's or leftover medicine: taking it is a change the care team did not make.
    borrowed: tuple[str, ...] = (
        r"(?:sister|friend|mother|mum|mom|aunt|neighbou?r|partner|husband|daughter|cousin"
        r"|someone else|somebody else|other people|another woman|another person) s",
        r"leftover|left over|spare|unused",
    )
    # A switch that needs no object ("ask your GP to swap you over").
    bare_switches: tuple[str, ...] = (
        r"(?:swap|switch|chang|mov)\w* (?:you|me|her|them) (?:over|across|onto"
        r"|to (?:another|a different|something))|put(?:s|ting)? (?:you|me|her|them) on (?:that"
        r"|this one|tamoxifen|another|a different|something else)",
    )
    # Changes written before the medicine ("pause your letrozole", "a break from exemestane").
    changes_before: tuple[str, ...] = (
        r"stop(?:ping|s)?",
        r"quit(?:ting|s)?",
        r"paus(?:e|es|ing)",
        r"alternat(?:e|es|ing)(?! (?:days|weeks)\b)(?: between)?",
        r"halt(?:ing|s)?",
        r"discontinu(?:e|es|ing)",
        r"drop(?:ping|s)?",
        r"skip(?:ping|s)?",
        r"miss(?:ing)?",
        r"switch(?:ing|es)?",
        r"swap(?:ping|s)?",
        r"chang(?:e|es|ing)",
        # "adjust your insulin yourself", "play around with your duloxetine dose".
        r"(?:adjust|tweak|alter)(?:s|ing)?(?! (?:the )?tim)|(?:play|fiddl|mess|experiment)(?:s|e|es"
        r"|ing)? (?:around |about )?with",
        r"replac(?:e|es|ing)|replacement for",
        r"substitut(?:e|es|ing)",
        r"giv(?:e|es|ing) up",
        r"(?:come|came|coming|comes|go|went|going|get|got|getting|stay|staying) off",
        r"cancel(?:l?ing|s)?",
        r"pass(?:ing)? on|say(?:ing)? no to|turn(?:ing)? down|opt(?:ing)? out of|declin(?:e|ing)",
        r"hold(?:ing)? off(?: on)?|eas(?:e|ing) off(?: on)?|phas(?:e|ing) out|wind(?:ing)? down",
        # Turning a dose down in other words ("dial back", "scale down", "ease up on", "go easy
        # on", "knock it down to", "save it for the bad days").
        r"(?:dial|scal(?:e|es|ing)|dialling|dialing)(?: \w+)? (?:back|down)(?: on)?"
        r"|eas(?:e|es|ing) up on|go(?:ing)? easy on"
        r"|knock(?:s|ing)?(?= (?:\w+ ){1,3}(?:down|back)\b)"
        r"|sav(?:e|es|ing)(?= (?:\w+ ){1,3}for (?:\w+ ){0,2}(?:bad|worst|emergenc\w+|rainy)\b)",
        r"(?:hand|give|send)(?:ing)? back",
        r"(?:go|going|went|switch|switching|chang(?:e|ing)|mov(?:e|ing)|revert(?:ing)?) back to"
        r"|revert(?:ing)? to",
        r"tak(?:e|es|ing)(?= (?:\w+ ){1,3}off\b)",
        r"thr(?:ow|ew|own|owing)(?= (?:\w+ ){1,3}(?:out|away)\b)",
        r"wean(?:ing)?(?: yourself)? off",
        r"taper(?:ing)?",
        r"cut(?:ting|s)?(?: down| back)?(?: on)?",
        r"reduc(?:e|ing)|trim(?:s|ming)?",
        r"lower(?:ing)?",
        r"halv(?:e|ing)|half(?! an? (?:hour|day|week|month|year)\b)(?: of)?|quarter(?:s|ing)?"
        r"(?: of)?|a third of",
        r"split(?:s|ting)?|(?:break|breaking|cut|cutting|snap|snapping)(?: (?:\w+ ){0,3}?in"
        r" (?:half|two|pieces)"
        r"|(?= (?:\w+ ){1,3}in (?:half|two|pieces)\b))"
        r"|mak(?:e|es|ing)(?= (?:\w+ ){1,4}last (?:(?:\w+ ){0,3}?longer|twice as long|by|until"
        r"|till)\b)",
        r"doubl(?:e|ing)(?: up(?: on)?)?",
        r"delay(?:ing)?",
        r"finish(?:ing)?(?= (?:\w+ ){1,4}(?:early|sooner|before))",
        r"postpon(?:e|ing)",
        r"put(?:ting)? off",
        r"hold(?:ing)?(?= (?:\w+ ){1,3}(?:until|till|over|for (?:a|the|now|\d))\b)",
        r"(?:every (?:other|second|third)|alternate) (?:day|week)s? (?:on|of|with|(?:is|are)"
        r" (?:\w+ )?(?:plenty|enough|fine|ok|okay|good) for)",
        r"push(?:ing)? back"
        r"|(?:push|put|move|shift)(?:es|s|ing)?(?= (?:\w+ ){1,5}(?:back|off|later)\b)",
        r"stretch(?:ing)?(?: out)?",
        # "wait until next year for your Prolia", "leave a gap of a few weeks between packets".
        r"wait(?:ing)? (?:until|till) (?:\w+ ){1,3}?(?:for|before|to (?:have|get|take|start|restart"
        r"|book))|(?:leave|leaving|take|taking|have|having) (?:a |some )?(?:\w+ )?gaps?"
        r" (?:of (?:\w+ ){1,3})?between",
        # "only take your letrozole when your joints feel good".
        r"only (?:tak(?:e|ing)|us(?:e|ing)|hav(?:e|ing)|reach(?:ing)? for|pop(?:ping)?)"
        r"(?= (?:\w+ ){1,3}(?:when|if|on|during)\b)",
        # Letting the supply end ("don't renew", "let the prescription run out").
        r"(?:do not|never|no need to|not) (?:renew|refill|reorder|re order|collect|pick up|order)"
        r"(?:ing)?|let(?:ting)?(?= (?:\w+ ){1,3}(?:run out|lapse|expire)\b)",
        r"spac(?:e|ing) out|spac(?:e|ing)(?= (?:\w+ ){1,3}out\b)",
        r"(?:take|taking|have|having|need|needs)? ?(?:a|some|the|your)(?: [a-z]+){0,2} (?:break"
        r"|holiday"
        r"|rest|vacation|pause|week|month|(?<!different )(?<!separate )time|sabbatical|breather"
        r"|hiatus|time out|detox)s?"
        r" (?:off )?from",
        r"(?:drug|treatment|medication|dos(?:e|ing)) (?:holidays?|breaks?)|intermittent (?:dosing"
        r"|use|courses?|treatment) (?:of|with)",
        # Idioms for stopping or thinning out ("lay off", "give it a rest", "try life without",
        # "knock it on the head", "pack in", "call it a day", "ration", "cycle", "let it go").
        r"lay(?:ing)? off|life without|trial(?:l?ing)? (?:\w+ ){0,3}?without"
        r"|(?:see how you (?:go|get on|cope|manage)|try(?:ing)?(?= (?:\w+ ){1,4}without\b))"
        r"|giv(?:e|es|ing)(?= (?:\w+ ){1,4}(?:a rest|a swerve|a wide berth|the boot|the push)\b)"
        r"|knock(?:s|ing)?(?= (?:\w+ ){1,3}on the head\b)|pack(?:s|ing)? in(?= (?:the|your|my)\b)"
        r"|call(?:s|ing)? (?:it a day|time) (?:on|with)|(?:ration|cycl)(?:e|es|s|ing)?"
        r"(?= (?:your|the|my|her|their)\b)"
        r"|let(?:ting)?(?= (?:\w+ ){1,3}go\b)|kick(?:s|ing)?(?= (?:\w+ ){1,3}habit\b)",
        r"(?:days?|weeks?|months?|fortnights?|spells?|periods?|time|weekends?)\"? without",
        r"(?:a|some|the|few) (?:days?|weeks?|weekends?|fortnight|months?|summer|holidays?|time"
        r"|while) off",
        r"restart(?:ing)?",
        r"time off",
        r"alternatives? to",
        r"instead of",
        r"rather than",
        r"in place of",
        r"(?:do|go|doing|going|manage|managing|cope|coping|live|living)(?: (?:a|an|few|some|the"
        r"|couple|of|\d+|one|two|three|four|six|weeks?|months?|days?|years?|while"
        r"|bit)){0,4}? without",
        # The decision handed to the reader ("it's up to you whether you carry on with...").
        r"(?:up to you|(?:your|you r) (?:own )?(?:call|choice|decision)|for you to decide"
        r"|you (?:can |get to )?decide|(?:the )?best judge of)(?: (?:whether|if|when|how long))?"
        r"(?: (?:you|to))?(?: (?:carry on|continue|keep|stop|stay on|go on))?(?: (?:with|taking"
        r"|on|using))?",
        r"no (?:real |good )?(?:reason|point|need) (?:to|in) (?:keep(?:ing)?|continu\w*"
        r"|carry(?:ing)? on|stay(?:ing)? on)(?: (?:on|with|taking|using|having))?",
        r"(?:do not|does not|will not|would not|no longer|never|no)"
        r"(?: really| actually| even| real)? needs?(?: to (?:keep(?: on)?|continue|carry on|stay on"
        r"|take|have|get|be on)(?: with)?)?"
        r"(?: taking| having| getting| using)?",
        r"(?:do|does) not have to (?:keep |continue )?(?:tak(?:e|ing)|using)?",
        r"ditch(?:ing)?",
        r"retir(?:e|es|ing)",
        r"forget(?:ting)?(?: about)?",
        r"throw(?:ing)? (?:away|out)|binn?(?:ed|ing)?|chuck(?:ing)? (?:away|out)"
        r"|get(?:ting)? rid of|dump(?:ing)?",
        r"omit(?:ting)?|leav(?:e|es|ing)(?: out| off| aside| behind|(?= (?:\w+ ){1,3}(?:out|off"
        r"|aside|behind|at home|in (?:the|a) (?:drawer|cupboard|box)|until|till|that day|today"
        r"|tonight|for (?:a|the|two"
        r"|three|few|couple|some|\d+))\b))"
        r"|pack(?:ing)?(?= (?:\w+ ){1,3}away\b)",
        r"(?:do not|never|not) bother(?: with)?",
        r"less(?: of)?",
        r"fewer doses of",
        r"(?:no (?:need to )?|do not |never )(?:rush|hurry)(?: back)?(?: for| to| with| into)?",
        # Told in the past ("my friend stopped her Arimidex"): a story unless it endorses.
        r"stopped|paused|skipped|switched|swapped|dropped|halved|gave up|ditched|quitted"
        r"|doubled|tripled|upped",
    )
    # Changes that need no object when the medicine is named earlier ("..., so you can stop early").
    bare_changes: tuple[str, ...] = (
        r"tak(?:e|ing) (?:(?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december|the (?:summer|winter|weekend|holidays?)|weekends|a (?:week|month"
        r"|fortnight|few days)|(?:\w+ )?(?:days?|weeks?|months?))(?: and )?){1,2} off",
        r"drop(?:ping)?|ditch(?:ing)?",
        r"(?:take|have|taking|having) (?:a |some )?(?:\w+ )?(?:break|holiday|time off|pause)",
        r"(?:take|have|use)(?:s|ing)? (?:it|them) (?:\w+ ){0,4}?(?:instead|less often"
        r"|less frequently)",
        r"stop(?:ping)?",
        r"quit(?:ting)?",
        r"paus(?:e|ing)",
        r"skip(?:ping)?",
        r"switch(?:ing)?",
        r"(?:come|coming|go|going) off",
        r"giv(?:e|ing) (?:(?:it|them) )?up|cut(?:ting)? (?:it|them) (?:down|back)",
        r"cancel(?:l?ing)?|leav(?:e|ing) (?:it|them) (?:off|out)",
        r"park(?:ing)?|shelv(?:e|ing)|put(?:ting)? (?:it|them) (?:aside|away|on hold)",
        # "just wait until next year to pick it up again".
        r"wait(?:ing)? (?:until|till) (?:\w+ ){0,3}?(?:year|month|spring"
        r"|summer|autumn|fall|winter|christmas|holidays?|week)s?(?: (?:to|before) (?:\w+ ){1,4}?"
        r"(?:it|them)(?: again| up(?: again)?)?)?",
        r"more than (?:anyone|anybody|you|most (?:women|people)) (?:really |actually )?needs?",
        r"(?:not|never|no longer) (?:bother(?:ing)? with|hav(?:e|ing)|get(?:ting)?|book(?:ing)?"
        r"|go(?:ing)? back for|turn(?:ing)? up for|show(?:ing)? up for)"
        r" (?:the |my |another |any )?(?:next|fourth|fifth|third|second|last|other|more|one)"
        r"(?: (?:one|dose|jab|shot|injection|infusion|appointment|prescription))?",
    )
    # Feelings about a change are not advice to make it ("many women worry about stopping").
    feelings: tuple[str, ...] = (
        r"(?<!not )(?<!never )worr(?:y|ies|ied|ying) about",
        r"(?:are|feel|felt|be|were) tempted to",
        # A wish told, not advised ("if you want to stop...", "she wanted to stop...").
        r"(?:if|when|whenever) (?:you|she|they|someone|anyone|he) (?:\w+ )?(?:want|wants|wish"
        r"|wishes|feel like)|wanted to|(?:was|were|am|is|are) (?:thinking|wondering) (?:about|of"
        r"|whether)",
        r"doubts? about|afraid of|fear of|(?:questions?|queries|concerns?) (?:about|on|over"
        r"|regarding)",
        r"(?:make|makes|made|making) (?:you|people|women|someone|many|some|her)(?: \w+)? (?:want"
        r"|wish|feel like|tempted)",
    )
    # Telling a story of a change, then inviting the reader to copy it ("so you might too").
    imitation: tuple[str, ...] = (
        r"overkill|pointless|unnecessary|best decision|do it|go for it|trust your body"
        r"|right (?:move|call|choice|decision|thing)|(?:maybe|perhaps|probably) for you"
        r"|(?:do|does) what(?:ever)? feels right|(?:trust|follow) your (?:gut|instincts?)"
        r"|listen to your body|trust yourself|no regrets|glad i did",
        r"(?:you|why not)(?: \w+){0,4} (?:too|as well|the same|likewise)|follow (?:her|their|my)"
        r" (?:lead|example)|follow suit|(?:think|thinking) about (?:it|doing)|consider (?:it|doing)"
        r"|worth (?:a try|trying|doing)|do the same",
    )
    # Changes written after the medicine ("letrozole every other day", "... can be paused").
    changes_after: tuple[str, ...] = (
        r"(?:can|could|may|might|should|will|to) (?:safely |easily |just |simply |quietly"
        r" |gradually |happily |then )?(?:be|get) (?:stopped"
        r"|paused|skipped|dropped|switched|swapped|changed|reduced|halved|lowered|delayed"
        r"|postponed|tapered|discontinued|missed|put on hold|moved|spaced out|stretched|pushed"
        r"|spread out|put off|held off|cancell?ed|left off|given up|shelved|parked|retired"
        r"|abandoned|deferred|withheld|omitted|interrupted|suspended|left (?:at home|behind|out))",
        r"(?:is|are) only (?:really )?(?:needed|necessary|required|useful|worth (?:it|taking))"
        r" (?:for|until|till|while|when|in|during|if|as long as)"
        r"|only (?:needs?|has) (?:to be )?(?:taking|taken|using|used|having|had)",
        r"left ?over(?: from)?|from (?:your|an?|my|her) (?:old|previous|last|expired)"
        r" (?:prescription|packet|box|supply)",
        r"(?:is|are|becomes?|will be|would be|as)"
        r"(?: really| probably| just| largely| totally| quite)?"
        r" (?:optional|unnecessary|enough|pointless|overrated|overkill|excessive|too long|a waste"
        r"|plenty|sufficient|long enough|negotiable|(?:more of )?a (?:suggestion|guideline)"
        r"|over ?prescribed|over ?used)",
        r"free (?:days?|weeks?|weekends?|months?|periods?|breaks?|spells?)"
        r"|free (?:at|on|over|for) (?:the )?(?:weekends?|holidays?|summer|christmas|a (?:week|month"
        r"|fortnight|few days))",
        # "exemestane has done its job": the course said to be over.
        r"(?:has|have) (?:done|finished|served) (?:its|their) (?:job|work|purpose|bit)"
        r"|(?:has|have) done (?:enough|plenty)|(?:has|have) nothing (?:left|more|else) to (?:do"
        r"|offer|give)"
        r"|(?:its|their) (?:job|work) is (?:done|over)",
        r"(?:is|are|will be|would be|becomes?) (?:not|no longer) (?:really |strictly )?(?:necessary"
        r"|needed|essential|required|important|vital|useful|doing anything|worth it)",
        r"(?:can|could) wait",
        r"(?:is|are|as|makes?) (?:a |an )?(?:\w+ )?(?:swap|switch|substitute|replacement)",
        r"(?:you|we) (?:paused|stopped|skipped|dropped)",
        r"back by",
        # "have your Prolia a couple of months late".
        r"(?:days?|weeks?|months?|a bit|a little) (?:late|overdue|later than (?:due|planned"
        r"|booked))",
        r"on hold",
        r"(?:holidays?|breaks?|vacations?|sabbaticals?|breathers?|hiatus|time ?outs?|detox)",
        # Idioms that put a medicine aside ("give your letrozole a miss", "let it lapse").
        r"(?:(?:every|once|twice|(?:three|four|five|six|\d+) times) (?:a |per |every )?(?:\w+ )?"
        r"(?:days?|weeks?|months?"
        r"|years?)|daily|nightly) instead of (?:once|twice|three times|every|each"
        r"|(?:weekly|daily|monthly)(?=[.,;!?]|$| (?:for|to|if|when|as|because|so)\b))",
        # "can end early", "has no purpose once...".
        r"(?:can|could|may|might|should|will) (?:safely |just )?(?:end|finish|wind down)(?: early"
        r"| sooner| now| here)?(?=[.,;!?]| (?:if|when|once|as|because)\b|$)|(?:has|serves|have)"
        r" no (?:purpose|point|use|role|benefit)|(?:is|are) (?:of )?no (?:use|benefit|purpose)",
        r"(?:just |only |really )?(?:a formality|a box ticking exercise|belt and braces"
        r"|over ?cautious|for show)",
        r"a miss|aside|on the back burner|lapse|slide|slip|(?:in|into|on) the (?:cupboard|drawer"
        r"|shelf|bin)|instead(?! of)",
        r"a (?:rest|swerve|wide berth)|the (?:boot|push|heave ho|elbow)|on the head",
    )
    # Thinning out the AI's schedule ("letrozole every other day"); weekly bone medicine is normal.
    schedule_changes: tuple[str, ...] = (
        r"every (?:other|second|third) (?:day|night|morning|evening|week)"
        r"|every (?:\d+|two|three|four|few|couple of)(?: or (?:\d+|three|four|five))? days"
        r"|every (?:3[6-9]|[4-9]\d|\d{3}) hours",
        r"(?:on )?alternate (?:days|weeks|mornings|nights|evenings)|intermittently|sporadically"
        r"|irregularly",
        r"(?:twice|once|(?:two|three|four|five|\d)(?: or (?:three|four|five|six|\d))? times)"
        r" (?:a|per) week",
        r"(?:only )?on weekdays|weekdays only|mon(?:day)? (?:to )?fri(?:day)?"
        r"|(?:except|but not|not) (?:at |on )?weekends|weekends off",
        r"(?:at|in) (?:twice|three times|double|half) the (?:usual |normal |prescribed )?(?:dose"
        r"|strength)",
        r"(?:at|in|on) (?:a )?(?:lower|reduced|smaller|half|partial|quarter|double|higher|bigger"
        r"|stronger|increased|triple) (?:doses?|dosages?|strength)|half (?:doses?|strength)",
        r"(?:weekly|monthly|fortnightly|every few days) instead of (?:daily|every day|each day)",
        r"now and then|on and off|off and on|here and there",
        # "doesn't have to be every day; most days is enough".
        r"(?:does|do) not (?:have|need) to be (?:taken )?(?:every|each) day|(?:most|some) days"
        r" (?:is|are|will do)",
        # "only when your readings are high": a daily medicine taken by the numbers.
        r"only (?:when|if) (?:your )?(?:readings?|blood pressure|bp|blood sugars?|sugars?|levels?"
        r"|numbers|heart|mood|cholesterol)",
        r"(?:\d+|one|two|three|four|five|six) days? on,? (?:\d+|one|two|three) (?:days? )?off",
        r"(?:a few|some|\d|two|three|four|five) days (?:a|per) week"
        r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?(?:,? (?:and )?(?:mon|tues|wednes|thurs"
        r"|fri|satur|sun)days?)+",
    )
    # Dosing by feel ("as and when", "PRN", "sparingly"): thinning out the AI, but how many
    # painkillers are meant to be taken.
    as_needed: tuple[str, ...] = (
        r"as needed|when(?:ever)? you feel like it",
        r"as and when|prn|sparingly|when(?:ever)? (?:you feel you |you )?need (?:it|them)"
        r"|(?:on an? )?as required(?: basis)?|on demand",
    )
    # "Letrozole only when...", "only on...": the AI taken on some days, not every day.
    only_when: tuple[str, ...] = (
        r"only (?:when|if|on|at (?:the )?weekends?)(?! you (?:take|keep taking|use|have)"
        r" (?:it|them) (?:every|each|daily|as prescribed))",
    )
    # Taking a bone or cancer medicine by symptoms or feelings ("when your bones feel sore", "on
    # days you feel up to it", "for the weeks your back aches", "on good days"): it is taken on
    # its schedule whatever the body says. Not for painkillers, which are taken by the pain.
    by_feel: tuple[str, ...] = (
        r"(?<!even )(?:only |just |as and )?(?:when(?:ever)?|if|on (?:the )?(?:days?|weeks?"
        r"|mornings?"
        r"|nights?)|for (?:the )?(?:days?|weeks?|times?|mornings?)|during (?:the )?(?:days?|weeks?"
        r"|spells?)|in (?:the )?(?:weeks?|months?|years?))(?: (?:when|that|where))?(?: \w+){0,5}?"
        r" (?:feel(?:s|ing)?"
        r" (?:\w+ )?(?:sore|achy|stiff|bad|good|well|better|ok|okay|fine|up to it|able|rough"
        r"|run down|tired|low|poorly|strong|weak|fragile|brittle|creaky|painful)|aches?|aching"
        r"|needs? (?:it|them|one|a boost|help|a top up)"
        r"|hurts?|hurting|pains?|symptoms|twinges?|(?:are|is|get|gets)"
        r" (?:\w+ ){0,2}?(?:sore|painful|stiff|bad|worse|flaring)|flar(?:e|es|ing)(?: up)?"
        r"|play(?:s|ing)? up|act(?:s|ing)? up|start (?:aching|hurting)|(?:let|lets|allow|allows)"
        r" (?:you|it))\b(?! (?:too|as well)\b)",
        r"(?<!even )(?:on|for|during) (?:the )?(?:good|bad|better|worse|rough|painful|sore|stiff"
        r"|achy) (?:days?|weeks?|spells?)(?! (?:too|as well)\b)"
        r"|as (?:your|the) (?:\w+ ){0,2}?(?:allows?|permits?|lets? you)"
        r"|on (?:symptom|pain|ache|flare) free days",
    )
    # A calcium and vitamin D prescribed beside a bone medicine: taken by feel, it is changed.
    prescribed_supplements: tuple[str, ...] = (
        r"(?:your|the|my) (?:prescribed |prescription |daily )?(?:calcium|vitamin d)(?: and"
        r" (?:calcium|vitamin d))?(?: (?:tablets?|supplements?|chews?|tabs))?",
    )
    # Moving a bone medicine off its schedule ("risedronate every other week", weekly
    # alendronate or daily teriparatide "every other day").
    bone_schedule_changes: tuple[str, ...] = (
        r"every (?:other|second|third) (?:day|night|week|month)|every (?:two|three|few|couple of)"
        r" (?:days|weeks|months)",
        # A weekly or monthly tablet taken more often ("twice a week").
        r"(?:twice|thrice|(?:two|three|four|\d) times|every (?:3|4|three|four) days) (?:a|per|each)"
        r" (?:week|month)|on (?:mon|tues|wednes|thurs|fri|satur|sun)days and (?:mon|tues|wednes"
        r"|thurs|fri|satur|sun)days",
        # A second dose in the week ("on Sunday and again on Wednesday"), or made daily.
        r"(?:on (?:mon|tues|wednes|thurs|fri|satur|sun)days? )?(?:and )?again (?:on (?:mon|tues"
        r"|wednes|thurs|fri|satur|sun)days?|later (?:in|that)"
        r" (?:the )?week|mid ?week|(?:\d|two|three|four) days later)|to (?:daily|every day)",
        # No bone medicine is fortnightly; denosumab is six-monthly, zoledronic acid yearly.
        r"every fortnight|fortnightly|every (?:[7-9]|1[013-9]|2\d|seven|eight|nine|ten|eleven"
        r"|thirteen|fourteen|fifteen|eighteen|twenty) months",
        # An injection or infusion left late ("if your denosumab injection is late, no matter").
        r"(?:(?:injections?|jabs?|shots?|infusions?|drips?|doses?|appointments?) )?(?:is|are|being"
        r"|was|were|runs?|running|comes?|coming|gets?|getting|goes|going) (?:a (?:bit|little|few"
        r" \w+|couple of \w+) |(?:\w+ )?(?:days?|weeks?|months?) |way |very )?(?:late|overdue"
        r"|delayed|behind)",
    )
    # A gap, a delay or a break put between doses of a bone medicine ("a gap of a few months
    # between denosumab injections"): only bone medicines (a delay before an AI's side effects
    # appear is no change).
    bone_gaps_before: tuple[str, ...] = (
        r"(?:an? |the |any |some )?(?:(?:short|small|little|long|few|month|months|week|weeks)"
        r"(?:'s|s')? )?(?:gaps?|delays?|breaks?|holidays?|lapses?|pauses?)"
        r" (?:of|in|between|from|with)",
    )
    # Raising a dose, written before the medicine ("an extra naproxen", "bump up your
    # sertraline", "take two of your painkillers instead of one"): a change like any other.
    dose_increases: tuple[str, ...] = (
        r"(?<!the )(?<!your )(?<!my )(?<!her )(?:an? )?(?:extra|additional|second|third|fourth"
        r"|further|bonus)"
        r"(?! (?:care|caution|attention|help"
        r"|support|reason|check|water|glass|calcium|vitamin))(?: (?:one|dose|tablet|pill|capsule)s?"
        r"(?: of)?)?",
        r"(?:increas|rais|bump|push|step|ramp|nudg|boost|top|crank)\w*(?: up)?"
        r"(?= (?:\w+ ){0,2}?(?:your|my|her|the dose|the amount|the strength|dose))"
        r"|(?:(?<![\w ])|(?<=: ))up(?= (?:your|my|her|the)\b)",
        r"more of",
        # "take both of your weekly tablets together".
        r"(?:tak|hav)(?:e|es|ing) (?:both|all|2|two|3|three)(?: of)?(?= (?:\w+ ){1,6}(?:together"
        r"|at once|in one go|at the same time|on the same day)\b)",
        r"(?:dial|scal(?:e|es|ing)|dialling|dialing)(?: \w+)? up",
        # "go from one celecoxib a day to two".
        r"(?:go|going|move|moving|jump|jumping|step|stepping)(?: up)? from (?:1|one|half|a single)"
        r"|(?:go|going|move|moving) up to (?:\d+|two|three|four|five|six)",
    )
    # Raising or cutting a dose, written after the medicine ("...can go up by half a tablet").
    increases_after: tuple[str, ...] = (
        r"(?:can|could|may|might|should|will|to) (?:safely |easily |just )?(?:be |get )?"
        r"(?:doubled|tripled|increased|raised|upped|bumped up|cut (?:back|down)|go up|come down"
        r"|adjusted|tweaked|altered)",
        r"up (?:a (?:bit|little|notch|touch)|by)",
        # "take two of your painkillers instead of one".
        r"instead of (?:1|one|the usual|a single|once)\b",
        # "twice as often on stressful days".
        r"(?:twice|three times|double) as (?:often|much|many|frequently)",
    )
    # Nutrients whose amounts are checked, and their names.
    vitamin_d: tuple[str, ...] = (
        r"vitamin d[23]?",
        r"vit d[23]?",
        r"d[23]",
        r"cholecalciferol",
        r"ergocalciferol",
        r"sunshine vitamin",
        r"colecalciferol|fultium|invita|stexerol|desunin|thorens|drisdol|plenachol|sunvit",
    )
    calcium: tuple[str, ...] = (
        r"calcium",
        r"adcal|calcichew|accrete|cacit|calceos|caltrate|citracal|os ?cal|sandocal",
    )
    magnesium: tuple[str, ...] = (r"magnesium",)
    # Words that raise a dose without a number ("megadose vitamin D").
    dose_up: tuple[str, ...] = (
        r"mega ?doses?|mega ?dosing",
        # "twice the vitamin D your doctor prescribed", "three times the calcium".
        r"(?:twice|thrice|(?:two|three|four|\d) times)(?= (?:as much|the)\b)",
        # "double what your GP prescribed", "twice your prescribed dose", "more than prescribed".
        r"(?:double|twice|triple|three times|more than)(?: what| the amount| the dose)?"
        r"(?: your| the)?(?: \w+)?(?: (?:gp|doctor|oncologist|nurse|team|prescriber))?"
        r" (?:prescribed|prescribes"
        r"|recommended|advised|suggested)(?: (?:dose|amount))?",
        r"high doses?|high dose|higher doses?",
        r"large doses?|big doses?",
        r"(?:doubl|tripl)(?:e|ing)(?: up)?(?: on)?",
        r"loading doses?",
        r"stoss",
    )
    # Saying there is no limit: a hazard anywhere in a sentence about a nutrient.
    no_limit: tuple[str, ...] = (
        r"as much as you (?:like|want|can)",
        r"the more (?:\w+ )?the better|more (?:\w+ )?is (?:always |usually |even )?better",
        r"no upper limit|(?:cannot|can not|impossible to|hard to) (?:really )?(?:overdo"
        r"|go too (?:high|far)|(?:have|take|get) too much)",
    )
    # Vitamin D and K2 claims (FACTS H).
    claim_supplements: tuple[str, ...] = (
        r"vitamin d[23]?",
        r"vitamin k2?",
        r"k2",
        r"calcium(?: supplements?| tablets?| pills?)?",
        r"d3",
        r"menaquinone",
        r"magnesium|collagen|boron|strontium|(?:bone|joint) (?:supplements?|formulas?|complex)",
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
        r"(?:will )?keeps? (?:your )?(?:\w+ )?from",
        r"keeps?(?= (?:\w+ ){1,3}(?:away|at bay)\b)",
        r"(?:make|makes|making)(?= (?:\w+ ){0,3}(?:fracture|break) ?proof)",
        r"gets? rid of|(?:takes?|take) away|banish(?:es)?",
    )
    claim_outcomes: tuple[str, ...] = (
        r"fractures?",
        r"broken (?:\w+ )?(?:bones?|hips?|wrists?|arms?|legs?|spines?|vertebrae)|breaks?|breaking",
        r"joint pain|arthralgia|(?:aching|achy|sore|painful|stiff|creaky|swollen) joints"
        r"|joint (?:aches?|stiffness|symptoms|problems)",
        r"aches?|aching|hurting",
    )
    # --- exercise hazards (FACTS 16, 17, 18, H), enumerated by class ---------------------------
    # Spinal flexion, always a hazard (FACTS 17): curling the trunk (sit-ups, crunches and their
    # bicycle, reverse and jackknife forms, curl-ups, ab curls, v-ups, the Pilates hundred, knees
    # pulled to the chest, hanging knee raises, rolling like a ball), reaching down (toe touches,
    # touching the floor, roll-downs and roll-ups, forward folds, the plough, bending forward or
    # from the waist, windmills), rounding the back (a rounded back under any load, Jefferson
    # curls) and forceful or end-range twisting (Russian twists, deep twists).
    flexion: tuple[str, ...] = (
        r"sit ?ups?",
        r"crunch(?:es)?",
        r"pilates hundreds?|curl ups|curl(?:ing)? up(?! (?:on|in) (?:the |a |your )?(?:sofa|couch"
        r"|settee|bed|chair|armchair"
        r"|duvet|blanket)|(?: and)? (?:with|asleep|together|beside|next to|under|to sleep)\b)"
        r"|ab(?:dominal)? curls?|(?:pilates )?hundreds?(?= (?:\w+ ){0,3}(?:head|curl"
        r"|pilates|abs?|core)\b)|the hundred\b(?! (?:and|or|to|of|\d))|rolling like a ball",
        r"toe touch(?:es|ing)?",
        r"touch(?:ing)? (?:your |the )?(?:toes|floor)|roll (?:ups?|downs?|overs)"
        r"|roll(?:s|ing)? (?:your |the )?(?:spine|back|body|trunk|torso|upper body)(?: \w+)?"
        r" (?:down|forward)"
        r"|pilates roll ?over",
        r"forward (?:bends?|folds?|flexion)|plough pose|plow pose|shoulder ?stands?",
        r"bend(?:ing|s)? (?:forward|over)|bend(?:ing|s)? (?:\w+ )?from (?:the|your) waist",
        r"(?:round(?:ed|ing)?|curved|hunched|bent|stooped) (?:over )?(?:your |the )?back"
        r"|with (?:your |a |the )?(?:back|spine) (?:bent|curved|rounded|hunched)"
        r"|round(?:s|ing)? (?:through |over )?(?:your |the )?"
        r"(?:spine|upper back|lower back)|jefferson curls?|curl(?:s|ing)? (?:your |the )?(?:spine"
        r"|back|trunk) (?:down|forward|over)",
        r"windmills?|twist(?:s|ing)? down|(?:reach|touch)(?:es|ing)? (?:down )?(?:to|for) (?:each"
        r"|your|the|both) (?:foot|feet|toes|ankles?)",
        r"spin(?:e|al) flexion",
        r"(?:russian|seated) twists?",
        r"(?:twist|rotat)(?:s|e|es|ing|ions?)? (?:\w+ ){0,2}?(?:hard|forcefully|as far as)"
        r"|(?:deep|full|end ?range|extreme|forceful|rapid|repeated|fast) (?:spinal )?"
        r"twist(?:s|ing)?",
        r"v ups?",
        r"jack ?knives?|jack ?knife",
        r"(?:pull|hug|draw|bring)(?:s|ing|ging)? (?:your |both |the )?knees? (?:up )?(?:in )?to"
        r" (?:your |the )?chest|knees? (?:hugs?|tucks?)|knee to chest|hanging (?:knee|leg)"
        r" (?:raises?|tucks?|lifts?)",
    )
    # Impact and fall-risk activity, a hazard with a fragile spine (FACTS 16, 17, H): every jump,
    # hop and bound (tuck, squat, split, star, box, depth and lunge jumps, jumping jacks,
    # burpees, skipping rope, hopscotch, plyometrics, bounding, leaping, bouncing, rebounders
    # and trampolines, mountain climbers), running in any form (jogging, sprints and sprint
    # intervals, a run, parkrun, races), high-impact and step aerobics, HIIT, Zumba, boot camps
    # and CrossFit, contact, team and racquet sports with sudden moves, and sports with a high
    # risk of falls (skiing, snowboarding, skating, horse riding, martial arts, gymnastics).
    impact: tuple[str, ...] = (
        r"burpees?",
        r"(?:jump|jumping|skipping|skip) (?:with (?:a )?)?ropes?|rope skipping"
        r"|skipping(?= (?:to|for|every|each|daily|is|are|will|builds?|helps?)\b|[.,!]|$)",
        r"plyometrics?",
        r"high impact|(?<!low )(?<!no )(?<!gentle )(?<!minimal )(?<!light )(?<!moderate )impact"
        r"(?! (?:of|on)\b)",
        r"jump(?:s|ing)?",
        r"hop(?:s|ping)?(?! (?:on|onto|in|into|off) (?:a|an|the|your)\b)|hopscotch",
        r"bound(?:ing|s)|leap(?:s|ing)?|bounc(?:e|es|ing)|rebounders?|plyo",
        r"trampolin(?:e|es|ing)",
        r"running|jogging|sprint(?:s|ing)?",
        r"(?:go(?:ing)? for|a|daily|morning|evening|short|long|quick|weekly|fast|hill|trail)"
        r" (?:runs?|jogs?)"
        r"(?! (?:past|by|through|out|in|of|the|over)\b)|park ?runs?(?! walk)|marathons?"
        r"|(?:5|10) ?k runs?|run (?:a |the )?(?:5|10) ?k|mountain climbers?",
        r"netball|(?<!butternut )squash|basketball|volleyball|racquetball|hiit|step aerobics"
        r"|tennis|badminton|pickleball|padel|football|soccer|rugby|hockey|lacrosse|handball"
        r"|(?:contact|racquet|racket|team|impact) sports?|zumba|boot ?camps?|cross ?fit"
        r"|(?:aerobics|dance) classes? with (?:\w+ )?(?:jumps|jumping|hops)",
        r"(?:downhill |alpine |cross country )?skiing|ski(?:ing)? (?:trips?|holidays?|slopes?)"
        r"|snowboard\w*|(?:ice |roller |inline )?skating|rollerblad\w*|horse ?(?:back )?riding"
        r"|riding (?:a )?horses?|martial arts|karate|judo|kick ?boxing|gymnastics|surfing"
        r"|water ?skiing|mountain biking|rock climbing|bouldering|head ?stands?",
    )
    # A twisting swing at full force, a hazard with a fragile spine (FACTS 17: "twisting to
    # strain"): full-power golf drives and tennis serves, swinging as hard as you can.
    forceful_rotation: tuple[str, ...] = (
        r"(?:twist|rotat)\w* to (?:hit|strike|drive|whack|smash|thump|smack)|(?:hit|strike|whack"
        r"|smash|thump|smack)(?:s|ting|ing)? (?:the |a )?(?:golf |tennis |cricket )?(?:ball"
        r"|shuttlecock|shuttle) (?:as )?hard",
        r"(?:full|full power|full force|full strength|all out|hard|powerful|big|forceful|maximum"
        r"|max) (?:golf |tennis )?(?:swings?"
        r"|serves?|drives?)|swing(?:s|ing)? (?:\w+ ){0,3}?(?:at full (?:power|force|pelt|tilt)|hard"
        r"|as hard as|with (?:all your|full) (?:might|force|power)|flat out)",
    )
    # A fragile spine (FACTS 16, 17, 30): osteoporosis, low bone density, a T-score of -2.5 or
    # lower written any way round, and every wording of a spine fracture (vertebral, spinal,
    # compression, crush and wedge fractures; a fractured, broken, crushed, collapsed, cracked,
    # compressed or wedged vertebra; a fracture in the spine; a vertebroplasty), a hip or
    # fragility fracture, thin or fragile bones.
    fragile_spine: tuple[str, ...] = (
        r"osteoporo(?:sis|tic)",
        r"(?:vertebral|spine|spinal|compression|crush|wedge|back|hip|fragility) fractures?",
        r"(?:fractured|broken|crushed|collapsed|cracked|compressed|wedged) (?:vertebra|vertebrae"
        r"|spine|back|backbone|hip)",
        r"t ?score (?:\w+ ){0,3}?(?:-|minus )\s*(?:2\.[5-9]\d*|[3-9](?:\.\d+)?)"
        r"|(?:-|minus )\s*(?:2\.[5-9]\d*|[3-9](?:\.\d+)?) (?:\w+ )?t ?score",
        r"(?:fragile|brittle) bones?|(?:bones?|spine|vertebrae) (?:is|are) (?:\w+ )?(?:fragile"
        r"|brittle|thin|weak|porous)|(?:fragile|brittle|thin|weak) (?:spine|vertebrae)",
        r"low bone (?:density|mass)|(?:thin|thinning|weak|weakened|porous) bones",
        r"fractures? (?:in|of) (?:the |my |your |her |a )?(?:spine|back|backbone|vertebrae?)"
        r"|(?:broke|broken|cracked|fractured) (?:my |her |your |a )(?:back|spine|vertebra)"
        r"|vertebroplasty|kyphoplasty",
    )
    # Heavy or maximal lifting, a hazard unsupervised or with a fragile spine (FACTS 18, H):
    # heavy weights in any lift, Olympic lifts (cleans, snatches, jerks), deadlifts, heavy
    # overhead pressing, tyre flips, kettlebell swings, one-rep maxes, personal bests and lifts to
    # failure, and heavy loads in daily life (boxes, furniture, suitcases).
    heavy_lifting: tuple[str, ...] = (
        r"heavy (?:\w+ ){0,2}?(?:lifting|lifts|weights?|deadlifts?|squats?|presses|pressing|bench"
        r"|barbells?|dumbbells?|kettlebells?|overhead|loads?|boxes|furniture|bags|suitcases"
        r"|shopping)",
        r"(?:lift|mov|carry|carri|shift|haul|push|pull|shovel)(?:s|ed|es|ing|l?ing)?(?: up"
        r"| around)?"
        r" (?:\w+ )?heavy",
        r"max(?:imal)? (?:lifts?|weights?|effort)|max(?:ing)? out",
        r"one rep max|1 ?rm",
        r"as heavy as (?:you|possible)",
        r"heaviest|(?:maximum|max) (?:possible )?(?:weights?|loads?|resistance|effort|intensity"
        r"|setting|level)",
        r"high intensity (?:resistance|lifting|strength|weights?|training)",
        r"(?:[89]\d|100) ?(?:%|percent|per cent)(?: of)?(?: your| one s| the)? (?:max|maximum"
        r"|1 ?rm|one rep max|best)",
        r"olympic (?:lifts?|lifting|weight ?lifting)|(?:power|hang|squat) cleans?"
        r"|clean and (?:jerks?|press(?:es)?)|snatch(?:es)?|push press(?:es)?|deadlift(?:s|ing)?"
        r"|ty(?:re|er) flips?|tire flips?|kettlebell swings?|power ?lifting|strongman"
        r"|atlas stones?|barbell good mornings?"
        r"|(?:mov|shift|carry|carri)(?:e|es|ed|ing)? (?:\w+ )?(?:furniture|sofas?|wardrobes?"
        r"|fridges?)",
        r"(?:deadlift|squat|bench|lift(?:ing)?|press) (?:pr|pb|personal best|personal record)s?"
        r"|(?:pr|pb|personal best|personal record)s? (?:on|in|at) (?:the |your |a )?(?:deadlift"
        r"|squat|bench|lift)|(?:to|until) failure|max(?:imum)? attempts?",
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
        r"(?:with|by) (?:a|an|your) (?:\w+ )?(?:trainer|physio(?:therapist)?|exercise professional"
        r"|coach|instructor|physiologist)|(?:under|with) the (?:guidance|supervision|help|eye) of"
        r"|guided by|under (?:a|an|your|the) (?:\w+ )?(?:trainer|physio(?:therapist)?|coach"
        r"|instructor)(?: s)? (?:eye|guidance|supervision)",
        r"(?:ask|get|with|need) (?:\w+ ){0,2}?help"
        r"|someone (?:else )?(?:to )?(?:help|lift|carry|move)",
    )
    # Twisting or bending the spine, and the loads that make it a hazard for anyone (FACTS 17, H).
    twisting: tuple[str, ...] = (
        r"twist(?:s|ed|ing)?",
        r"flexion",
        r"(?:trunk|torso|spine|spinal|waist|core|upper body) rotations?"
        r"|rotat(?:e|es|ing) (?:your |the )?(?:trunk|torso|spine|waist|upper body|core)",
        r"(?:wood|cable) ?chop(?:s|pers?)?|golf swings?|side bends?|lateral (?:bends?|flexion)",
    )
    loads: tuple[str, ...] = (
        r"heavy|weighted|loaded",
        r"weights?|kettlebells?|dumbbells?|barbells?|medicine balls?|weight plates?|clubs?",
        r"cables?(?: machines?)?|resistance bands?|against resistance",
    )
    # --- cure and replace-medicine claims (FACTS 14, 31, 37) ---
    bone_conditions: tuple[str, ...] = (
        r"osteoporo(?:sis|tic bones?)",
        r"osteopeni(?:a|c bones?)",
        r"bone loss|loss of bone(?: density| mass)?|bone thinning",
        r"(?:thin|thinning|weak|weakened|brittle|fragile|porous) bones?|low bone (?:density|mass)",
    )
    cure_verbs: tuple[str, ...] = (
        r"cur(?:e|es|ed|ing)|heal(?:s|ed|ing)?|(?:a|the) cure for"
        r"|(?:the|an) (?:answer|antidote|solution|remedy) (?:to|for)",
        r"revers(?:e|es|ed|ing|ible)|undo(?:es|ing|ne)?|undid|turn(?:s|ed|ing)? back|curable"
        r"|turn(?:s|ed|ing)?(?= (?:\w+ ){0,3}(?:around|back (?:in)?to))",
        r"eliminat(?:e|es|ed|ing)|eradicat(?:e|es|ed|ing)|get(?:s|ting)? rid of|wipe(?:s|d)? out"
        r"|beat(?:s|ing)?|fix(?:es|ed|ing)?|banish(?:es|ed)?",
        r"a thing of the past|(?:disappear|vanish|melt away|go away)(?:s|es|ed)?",
    )
    # A cure claim said only in part is not one ("partly reverses some of the loss").
    hedges: tuple[str, ...] = (
        r"partly|partially|in part|to some extent|some of|a little|slightly|modestly|a small",
    )
    # Generic words for a medicine: a replace claim about them needs bone talk in the sentence.
    generic_medicines: tuple[str, ...] = (
        r"(?:any |a |the |your |bone |osteoporosis )*(?:medications?|medicines?|meds|drugs?"
        r"|prescriptions?|pills|injections?|jabs|infusions?)",
    )
    # Words that put something in a medicine's place ("a substitute for medication").
    replace_medicine: tuple[str, ...] = (
        r"replac(?:e|es|ing)|replacements? for|substitutes? for|substitut(?:e|es|ing)",
        r"instead of|rather than|in place of|alternatives? to",
        r"better than|(?:just )?as (?:good|effective|powerful|strong) as"
        r"|works? (?:just )?as well as|(?:just|every bit|equally) as well as"
        r"|(?:worked|does|did|builds?|protects?|strengthens?)(?: \w+){0,2} as well as",
        r"(?:do|go|doing|going) without|(?:need|needs) no",
        r"(?:do|does|doing) (?:everything|all|exactly what|what|the (?:same )?job (?:of|as))",
    )
    # Claims that need no medicine word ("...is all you need", "no medication required").
    replace_claims: tuple[str, ...] = (
        r"(?:is|are) (?:all(?: the)?(?: \w+){0,2}?|the only (?:\w+ ){0,2}?(?:thing|medicine"
        r"|medication|treatment|drug|pill)s?) (?:that )?(?:you|your \w+) (?:will |would )?"
        r"(?:ever )?(?:need|needs)",
        r"(?:rebuil\w*|restor\w*|regrow\w*) (?:\w+ ){0,3}?(?:completely|fully|entirely|to normal"
        r"|good as new|for good)",
        r"no (?:\w+ )?(?:medications?|medicines?|drugs?|pills|prescriptions?|injections?|tablets"
        r"|jabs|infusions)"
        r" (?:required|needed|necessary)",
        # "Bone density comes right back once you start our drops".
        r"(?:bone density|bone mass|bone strength|bones?) (?:comes?|came|bounces?|springs?|goes"
        r"|go) (?:right |straight |fully |all the way |completely )?back",
    )
    # --- warning signs (FACTS 21, 32): dismissing one passes only with a call to the care team.
    red_flags: tuple[str, ...] = (
        r"chest (?:pains?|tightness|pressure|discomfort|aches?|aching|heaviness|squeezing|burning)"
        r"|(?:pain|tightness|pressure|discomfort|aches?|aching|crushing|squeezing|heaviness"
        r"|burning)(?: \w+){0,2} (?:in|on|across) (?:your |the |my |her )?chest"
        r"|tight chest|chest (?:feels?|is|gets?|felt|went) (?:\w+ )?(?:tight|heavy|painful)",
        r"faint(?:s|ed|ing|ness)?|pass(?:es|ed|ing)? out|black(?:s|ed|ing)? out|blackouts?"
        r"|los(?:e|es|ing|t) consciousness|collaps(?:e|es|ed|ing)",
        r"dizz(?:y|iness)|light ?headed(?:ness)?",
        r"breathless(?:ness)?|short(?:ness)? of breath|(?:struggl|gasp)\w* (?:for|to) (?:catch )?"
        r"(?:your )?breath",
        r"(?:sudden|severe|sharp|new|bad|intense|acute|agonising|excruciating)(?: \w+)?"
        r" (?:pain|ache) in (?:your |the |my |her )?(?:back|spine)"
        r"|(?:sudden|severe|sharp|new|bad|intense|acute|agonising|excruciating)(?: \w+)?"
        r" (?:back|spine|spinal) (?:pains?|aches?|aching)"
        r"|(?:back|spine|spinal) (?:pains?|aches?|hurts|hurt|ached)(?: \w+){0,4} (?:sudden(?:ly)?"
        r"|all of a sudden)|sudden(?:ly)? (?:\w+ ){0,2}(?:back|spine) (?:hurts|pain|ache)",
        r"los(?:e|es|ing|t) (?:\w+ ){0,4}?(?:height|inch|inches|centimet(?:re|er)s?|cm)"
        r"|height loss|(?:getting|got|grown|growing|grow|gets) shorter|shrink(?:s|ing)?|shrunk",
        r"(?:new|sharp|sudden|severe|unexplained|persistent|constant|deep|stabbing|worsening)"
        r"(?: \w+)? bone (?:pains?|aches?)|(?:pain|aching|throbbing|soreness|tenderness) (?:deep )?"
        r"in (?:a|one|the|your) (?:\w+ )?bones?",
        r"(?:back|spine) (?:\w+ ){0,2}?(?:suddenly|all of a sudden)|(?:hurts?|pain|worse|aches?)"
        r"(?: \w+){0,2} when (?:you )?(?:stand|standing|stand up)",
        r"(?:new|growing|worsening|developing|noticeable) (?:\w+ )?(?:hunch|stoop|hump)"
        r"|dowager s hump",
        r"jaw(?: ?bone)? (?:pains?|aches?|aching|swelling|numbness|heaviness|soreness|tenderness"
        r"|discomfort)|(?:pain|ache|aching|swelling|numbness|throbbing|soreness) (?:in|of)"
        r" (?:your |the |my |her )?jaw(?: ?bone)?|(?:sore|painful|aching|achy|swollen|numb|heavy)"
        r" jaw(?: ?bone)?|jaw(?: ?bone)? (?:that |which )?(?:keeps? |still )?(?:hurts|aches|hurting"
        r"|aching|throbs|throbbing)",
        r"loose (?:teeth|tooth)|(?:teeth|tooth) (?:\w+ )?(?:loose|wobbly)|wobbly (?:teeth|tooth)",
        r"(?:exposed|visible) bone|bone (?:showing|exposed|visible|poking)"
        r"|(?:sores?|sockets?|gums?|wounds?|ulcers?|extractions?|holes?) (?:\w+ ){0,6}(?:that"
        r"|which) (?:will|does|do|would|has|have|is|are) not heal"
        r"|(?:non ?healing|unhealed) (?:sores?|sockets?|gums?|wounds?)",
        r"new (?:\w+ )?swelling",
        r"(?:bad|nasty|heavy|hard|serious) falls?|falls? with (?:a |an )?(?:\w+ ){0,3}?(?:that"
        r" (?:hurts|aches)|pain|bruis\w*)|falls? (?:with|and) (?:an )?injur\w*"
        r"|(?:fell|fall|falls|falling) and (?:hit|hurt|banged"
        r"|injured)|(?:hit|banged|bumped|knocked|hurt) (?:your|my|her) head",
        # FACTS 33: being unable to get up after a fall.
        r"(?:cannot|can not|could not|unable to|not able to|struggl\w* to) (?:(?:get|climb)"
        r" (?:back )?up|stand(?: up)?)|stuck on the floor|(?:lying|lie|lay|left) on the floor",
    )
    # Signs of a rare thigh-bone fracture: a warning sign only on a bone medicine (FACTS 32).
    medicine_red_flags: tuple[str, ...] = (
        r"(?:thigh|groin) (?:pains?|aches?|aching|discomfort)"
        r"|(?:aching|achy|sore|painful|throbbing) (?:thighs?|groins?)"
        r"|(?:pain|ache|aching|discomfort) (?:deep |low |high )?in (?:your |the |my |her |both "
        r"|one )?(?:thigh|groin)s?"
        r"|(?:thigh|groin)s? (?:that )?(?:hurt|hurts|ache|aches)",
        r"(?:sores?|ulcers?|blisters?) (?:on|in) (?:your |the |my |her )?(?:gums?|mouth|jaw)"
        r"|(?:gum|mouth) (?:sores?|ulcers?)",
    )
    # Ways of waving a warning sign away.
    dismissals: tuple[str, ...] = (
        r"(?:quite |perfectly |completely |totally |entirely |very )?(?:normal|to be expected"
        r"|expected|harmless|typical|usual|minor)|no cause for (?:concern|alarm|worry)"
        r"|(?:is|are|it is|s) (?:perfectly |totally |absolutely |usually |probably )?(?:fine|ok"
        r"|okay|alright|all right|safe)\b|(?:a |an )?(?:known|common|normal|usual|expected) side"
        r" effect|(?:is|are|s|very|quite|fairly|pretty) common\b",
        r"nothing(?: \w+)? to (?:worry|fear|mention|report|tell|fuss|panic|be (?:worried|concerned"
        r"|alarmed))|(?:probably|likely|usually|almost certainly|most likely) (?:nothing|fine)"
        r"|nothing (?:serious|much|to it|bad)|no big deal|not (?:serious|worrying|concerning"
        r"|a (?:concern|worry|problem|big deal))"
        r"|(?:is|are|s) (?:probably |usually |likely )?nothing",
        r"(?:is|are|it is|that is|this is|probably|likely|usually|simply) (?:just|only|simply"
        r"|merely)(?! (?:one|a (?:warning|sign|symptom)|rarely|when|if|in|seen|a rare))",
        r"part of (?:getting older|ageing|aging|growing older|life|being on|(?:the )?(?:ai"
        r"|treatment|process|package|healing|recovery))|(?:your )?(?:body|bones|muscles|heart"
        r"|lungs) (?:is |are )?(?:adapting|adjusting|getting (?:stronger|fitter|used))"
        r"|(?:fitness|strength) (?:is )?improving"
        r"|(?:getting|growing) (?:fitter|stronger|used to)"
        r"|means (?:that )?(?:it|the exercise|you|your workout) (?:is |are )?(?:working|getting)"
        r"|no pain,? no gain|good pain|growing pains?|(?:a )?good sign|one of those things"
        r"|(?:that|it|this) happens|happens to (?:everyone|everybody|all of us|most people)",
        r"(?:do not|never|no need to) (?:worry|panic|fuss|make a fuss|overreact)"
        r"|(?:there is |there s )?(?:no|little) (?:real )?(?:need|reason|point) (?:to|for|in)"
        r"|(?:no|little) (?:real )?point(?= \w+ing\b)"
        r"|(?:do not|does not|never) (?:need|have) to|need not|not (?:necessary|needed|worth)",
        r"ignor(?:e|es|ed|ing)|disregard\w*|brush(?:ing)? (?:it |them )?(?:off|aside)"
        r"|shrug(?:ging)? (?:it |them )?off",
        r"push(?:ing)? (?:on|through|past)|keep (?:on )?(?:going|exercising|walking|training"
        r"|pushing|jogging|running|lifting|at it)|carry(?:ing)? on|work(?:ing)? through"
        r"|soldier on|power through|sleep on it|(?:walk|sleep|shake|stretch|run|work|rest|breathe)"
        r" (?:it|them)"
        r" (?:off|out)|try again (?:tomorrow|later|next time|in (?:an?|a few|half an|\d+)"
        r" (?:hours?|minutes?|while))|continue (?:exercising|your|the|with"
        r"|to exercise|walking|training)|(?:go|get)(?:ing)? back to (?:your |the )?(?:workout"
        r"|exercise|session|walk|class|training)|slow(?:ing)? down|take it easy|finish (?:it|the"
        r" (?:session|workout|set|walk|run|class)|your (?:session|workout|set|walk|run|class))"
        r"|(?:do not|never) let (?:it|this|that|them) (?:stop|hold back|put off) you"
        r"|leave (?:it|them)(?: alone| be)?(?=[.!?]|$)|(?:is|are|s) (?:usually |probably |likely "
        r"|just |only |simply )?(?:from |due to |caused by )?(?:your|the) (?:ai|aromatase inhibitor"
        r"|tablets?|pills?|medication|medicine|letrozole|anastrozole|exemestane|treatment)\b",
        r"(?:do not|never) (?:bother|trouble|disturb|waste|call|ring|phone|contact|report"
        r"|mention|press|pull|push|use|dial|trigger)(?! yourself)",
        r"(?:rest|stay|lie|wait|remain)(?: \w+){0,2} on the floor|stay put|wait (?:a|one"
        r"|another) (?:day|night|few hours|while)|(?:call|phone|ring"
        r"|contact|tell)\w* (?:\w+ ){0,2}?(?:tomorrow|later|next week|in the morning)",
        r"giv(?:e|ing) it (?:(?:a|another|a few|two|three|some) (?:more )?(?:days?|weeks?|while"
        r"|month|time)|(?:until|till) (?:the )?(?:morning|tomorrow|later|next week))",
        r"wait (?:and see|it out|a (?:few|couple of) (?:days|weeks)|until (?:your|the) next)"
        r"|(?:can|could|will) (?:easily |safely )?wait"
        r"|see (?:if|whether) it (?:passes|goes|settles|clears|improves)|(?:will|should|usually"
        r"|tends to) (?:pass|settle|go away|clear up|wear off|sort itself out|resolve|ease|improve"
        r"|get better|calm down)|(?:by|on) (?:itself|its own|themselves|their own)"
        r"|(?:mention|save) it (?:for|at|until) (?:your )?next|(?:at|until|till) your next"
        r" (?:routine|annual"
        r"|yearly|regular)",
        # Help put off or talked down ("wait until morning", "try later", "rather than calling").
        r"wait (?:until|till|for) (?:the )?(?:morning|tomorrow|later|someone|it to|you feel"
        r"|daylight|family|a neighbou?r|a relative|your (?:\w+ )?(?:to (?:visit|come|arrive|call)"
        r"|visits?))|try (?:\w+ ){0,2}?later|(?:hold|holding|put|putting) off (?:calling|ringing"
        r"|phoning|telling|seeing|contacting|booking|mentioning|reporting)"
        r"|(?:rather than|instead of) (?:calling|ringing"
        r"|phoning|pressing|using|asking|getting|bothering|dialling|troubling)",
        r"(?:take|try|pop|have) (?:a |an |some |two )?(?:paracetamol|ibuprofen|pain ?killers?"
        r"|pain relief|aspirin|antacids?)",
        r"just (?!(?:as|like|in case|call|tell|ring|contact|phone|report|stop|seek|get help)\b)\w+"
        r"|(?:you will|you ll|it will|you should) be (?:fine|ok|okay|alright|all right)",
    )
    # Sending the reader to the care team: the one shape that lets a dismissal pass.
    report_to_team: tuple[str, ...] = (
        r"(?:tell|call|ring|phone|contact|see|visit|email|message|alert|inform|notify|consult"
        r"|talk to|speak to|speak with|talk with|check with)(?:ing|s)? (?:your |a |the |an |my )?"
        r"(?:\w+ ){0,2}(?:care team|team|doctor|gp|oncologist|nurse|dentist|physio(?:therapist)?"
        r"|pharmacist|specialist|clinician|surgeon|practice|clinic|someone|somebody|999|911|111"
        r"|112|an ambulance|for help|emergency services)",
        r"(?:report|mention|raise|show)(?:ing)? (?:it |this |that |them |these |any \w+ )?"
        r"(?:to|with) (?:your|a|the)|(?:should|must|needs? to|ought to) be (?:reported|checked"
        r"|seen|assessed|looked at)|report (?:it|them|this|that|any)",
        r"seek (?:\w+ )?(?:care|help|advice|attention|treatment)|get (?:\w+ )?(?:help|care|advice"
        r"|attention|checked|seen|looked at|assessed)|medical (?:help|attention|advice)"
        r"|worth (?:reporting|mentioning|a call|checking|telling)|let (?:your|the|a) (?:\w+ ){0,2}"
        r"(?:team|doctor|nurse|gp|oncologist|dentist) know|a ?& ?e|emergency|urgent(?:ly)?",
    )
    # --- cues (the approved shapes) ---
    # Negations that endorse ("no harm in", "don't worry"): blanked before negators are sought.
    endorsing: tuple[str, ...] = (
        r"or not",
        r"(?:no need|do not need|not necessary) to (?:ask|check|tell|consult|see|wait|worry"
        r"|involve|bother)",
        r"(?:no need for|do not need|without|skip) (?:any |a |the )?(?:supervision|trainer|coach"
        r"|physio\w*|instructor)",
        r"do not (?:worry|hesitate|wait|panic|fear|be afraid|forget|overlook|rule out|dismiss"
        r"|ignore|miss out|stress|fret)|do not let (?:anyone|anybody|them|people|it|this|that)"
        r" (?:tell|stop|put|scare|talk|convince|frighten|pressure|hold)",
        r"never (?:forget|hesitate)",
        r"no (?:real |good )?(?:reason|need) to (?:stop|avoid|give up|quit|cut out|skip|drop|fear"
        r"|hold back|shy away from)",
        r"not (?:only|just)",
        r"no matter",
        r"without (?:a prescription|permission|medical advice|asking|telling|checking|consulting"
        r"|talking|speaking|seeing|\w+ing (?:(?:it|this|that|them) )?(?:(?:to|with|by|past) )?"
        r"(?:your|the|a|an|any|anyone|anybody)\b)",
        r"not (?:hard|difficult|complicated)|not (?:a )?(?:rule|must|requirement|law|obligation)",
        # "my bones were fine without it", "no need for drugs": going without, praised.
        r"(?:fine|ok|okay|better|well|great|happy|good|managed|manage|coped|cope|do|did|thrive\w*)"
        r" without (?:it|them|that|those|the \w+)|no (?:need|call) for (?:any )?(?:\w+ )?(?:drugs"
        r"|medicines?|medications?|pills|tablets|injections|jabs|prescriptions?|infusions)",
        # "it's not like chemo", "needn't stop you": negations that play a change or risk down.
        r"(?:is|s|are) not like|nothing like|no (?:worse|different) than|not (?:as|that|so)"
        r" (?:bad|serious|important|big|risky)|(?:need|needs|should|must|will|would|does|do|did)"
        r" not (?:\w+ )?(?:stop|hold (?:\w+ )?back|put (?:\w+ )?off|keep) (?:you|anyone|her|us)",
        # "Osteoporosis isn't a reason to stop your sit-ups", "shouldn't put you off jumping".
        r"(?:is|are|s) not (?:a )?(?:reason|excuse) to (?:stop|avoid|give up|skip|drop)"
        r"|(?:should|need|must|will|would) not put (?:you|anyone|her) off"
        r"|(?:do not|never) let (?:your |low |a |the )?(?:\w+ )?(?:bone density|osteoporosis"
        r"|fracture|diagnosis|scan|bones) (?:stop|put off|hold back)",
        r"in no time|no doubt|no wonder|no less than|(?:say|says|said|saying) no to",
        r"(?:does|do|will) not (?:need|have) to know",
        r"(?:will|would|does|do|did) not (?:mind|care|object)",
        r"(?:do not|does not|no) need (?:your |the |their |anyone s |a )?(?:\w+ s )?(?:permission"
        r"|approval|blessing|say so|go ahead|sign off)",
        # "Isn't red clover worth a try?": a negative question suggests.
        r"^(?:[a-z ]{1,20}: )?(?:is|are|was|were|would|will|could|should|does|do|did|can|have"
        r"|has) not(?=[^?]*\?$)",
        # "our oncologists never notice", "nothing a few rounds can't fix": a negation that
        # hides or praises.
        r"(?:never|not|will not|would not|does not|do not|did not) (?:even )?(?:notice|find out"
        r"|know)"
        r"|none the wiser|nothing\s+(?:\w+\s+){0,12}?(?:cannot|can not|could not|will not"
        r"|would not) (?:fix|sort|cure|solve|handle|beat|mend)",
    )
    # Negations that deny a harm ("no harm in", "without the usual risks", "makes no difference"):
    # blanked before negators are sought, like the ones above, and read as an endorsement.
    reassurances: tuple[str, ...] = (
        r"no harm",
        # "2,800 mg a day is not too much": an excess denied.
        r"(?:is|are|be|s) (?:not|never) (?:really )?(?:too (?:much|many|high|strong)|excessive"
        r"|overdoing it)",
        # Harms and worries waved away in other words ("won't do any harm", "I wouldn't worry",
        # "not the end of the world", "nothing wrong with", "isn't going to make any difference").
        r"(?:will|would|does|do|can|could|did|is|are) not (?:going to )?do (?:you |your \w+ )?"
        r"(?:any|much) (?:harm|damage)|(?:do|does|did|cause|causes) no (?:harm|damage)"
        r"|cannot do (?:any )?(?:harm|damage)|nothing wrong with|not the end of the world"
        r"|(?:would|will|should|need|needs) not (?:worry|fret|panic|stress)|(?:is|are) not going to"
        r" (?:make (?:any|much|a) difference|matter|hurt|harm)|(?:will|would|does|do) not make"
        r" (?:any|much|a|the slightest) difference",
        # Played down as too small to matter ("HRT gel is a tiny dose").
        r"(?:only |just |such )?(?:a |an )?(?:tiny|small|low|little|minute|weak|minuscule)"
        r" (?:dose|amount)(?! of)",
        r"without (?:\w+ ){0,3}?(?:problems?|side effects?|harm|issues?|risks?|downsides?"
        r"|worries)",
        r"no (?:\w+ ){0,2}?(?:problems?|issues?|downsides?|side effects?|trouble|bother"
        r"|ill effects?)(?: at all)?"
        r"|not a problem|(?:never|not) (?:been |caused |given (?:me |her )?)?(?:a |any )?"
        r"(?:problems?|issues?|trouble)",
        r"no risk|not risky|little risk|low risk|risk free",
        r"not (?:dangerous|harmful|unsafe|a big deal)",
        r"no reason not to",
        r"never (?:did|does|do|hurt|hurts|harmed|harms)(?: anyone| anybody| you| me)?(?: any)?"
        r"(?: harm| damage)?",
        r"why not",
        r"(?:will|does|do|did|would|cannot|can not|could not|never) (?:not )?(?:hurts?|harm|affect"
        r"|matter|undo|cancel|spoil|ruin|interfere|counteract|change|make|reduce|lower|raise"
        r"|increase)(?: (?:your|the|any))?(?: [a-z]+)?(?: risks?)?",
        r"no (?:added |extra |increased |higher )?risks?",
        r"no (?:\w+ ){1,3}?(?:is |are )?(?:needed|required|necessary)",
        r"(?:never|not) (?:been|felt|looked|looking|feeling) (?:so |this )?(?:better|good|great"
        r"|stronger)|could not be better|never looked back",
        r"(?:reduces?|lowers?|cuts?) (?:the |your )?risk",
        r"(?:cannot|can not|could not|can never) (?:recommend|praise) (?:\w+ )?(?:highly )?enough"
        r"|(?:could not|cannot) be happier",
        r"(?:makes?|made|making) (?:no|little|not much|hardly any) (?:real )?difference"
        r"(?: to (?:\w+ ){0,3}?risk)?",
        r"(?:does|do|would|will) not (?:really |actually |even )?(?:count|register|show up)",
        # "won't reach your bloodstream", "too weak to matter": absorption or strength denied.
        r"(?:will|would|does|do|did|can|could) not (?:\w+ ){0,2}?(?:reach|get into|enter"
        r"|be absorbed into) (?:your |the )?(?:blood ?stream|blood|body|system)"
        r"|too (?:weak|small|little|low|tiny) to (?:matter|count|make a difference|affect"
        r"|interfere)",
        r"(?:is|are) not (?:really|actually|technically|strictly|even|quite|proper|real)"
        r" (?:an? )?(?:hrt|hormone therapy|hormones?|estrogens?|drugs?|medicines?|the same)",
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
        r"leaves? out|leaving out|left out|leave (?:it|them) out",
        r"skip(?:ping)?",
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
        r"myths?|untrue|not true|misconceptions?|misleading",
        r"beyond the evidence|overstat\w*|exaggerat\w*|false|wrong|unfounded|no (?:\w+ )?evidence",
        r"(?:be|best) (?:\w+ (?:or )?)?(?:skipped|dropped|omitted|modified|adapted|swapped"
        r"|replaced|ditched|left out)",
        # "taken out of our range because...": a product or class removed from a list.
        r"(?:taken|took|removed|dropped|struck|cut|pulled|withdrawn)\s+(?:[\w\"']+\s+){0,6}?"
        r"(?:out of|off|from) (?:our|the|this|your) (?:[\w\"']+ ){0,3}?(?:range|programme|program"
        r"|plan|list|class(?:es)?"
        r"|sessions?|routines?|menu|schedule|timetable)",
        r"replaces? (?:it|them)",
    )
    # Verbs that put a hazard aside when they govern it ("swap sit-ups for...", "drop the HRT");
    # the same verbs are the hazard when they govern a medicine to keep.
    refusal_verbs: tuple[str, ...] = (
        r"swap(?:ping)?(?: out)?|trad(?:e|ing)(?: in)?|exchang(?:e|ing)|replac(?:e|ing)",
        r"cut(?:ting)? out|(?<!a )drop(?:ping)?(?! of)|ditch(?:ing)?|quit(?:ting)?|giv(?:e|ing) up"
        r"|stop(?:ping)?(?: using| taking)?|com(?:e|ing) off",
        r"lay(?:ing)? off|pack(?:ing)? in|cut(?:ting)? back on|eas(?:e|ing) off(?: on)?",
    )
    # Evidence of harm: a report that the hazard did damage is a warning, not advice.
    harms: tuple[str, ...] = (
        r"(?:raised|raises|increased|increases|higher|more) (?:the )?(?:risk|recurrences?"
        r"|relapses?|cancers?)",
        r"cancers? (?:\w+ ){0,2}?(?:com(?:e|es|ing)|came) back|cancers? (?:to )?(?:return|recur)s?",
        r"recurrences?",
        r"(?:fuel|fuels|feed|feeds|drive|drives|stimulate|stimulates) (?:the |a |an |your )?"
        r"(?:\w+ ){0,3}?(?:cancers?|tumou?rs?)",
        r"risks?|risky",
        r"harm(?:s|ful)?|dangerous|toxic(?:ity)?",
        r"rebound",
        r"(?:work|works|working) less well|less effective|(?:weaker|reduced|less) protection",
        r"rapid bone loss|(?:lose|loses|losing) bone (?:fast|quickly|rapidly)",
        r"(?:lower|worse|shorter) survival",
        r"stopped early",
        r"strains? (?:the )?(?:spine|vertebrae|back)",
        # "taken with coffee it is absorbed poorly": a bisphosphonate's absorption spoilt.
        r"(?:absorbed|absorbs?) (?:poorly|badly|less|(?:almost |hardly )?(?:none|nothing"
        r"|very little|little))|(?:poorly|badly|barely) absorbed"
        r"|(?:stops?|blocks?|prevents?|reduces?|spoils?) (?:it |them )?(?:being )?"
        r"(?:absorb\w*|absorption)",
        # "bending forward loads the front of the spine": the reason an avoid-instruction gives.
        r"(?:loads?|overloads?|stress(?:es)?) (?:the |your )?front (?:edge )?of (?:the |your )?"
        r"(?:spine|vertebrae|spinal bones)|(?:compress(?:es)?|squash(?:es)?|wedges?|crush(?:es)?)"
        r" (?:the |your )?(?:front (?:edge )?of (?:the |your )?)?(?:spine|vertebrae|spinal bones)",
        r"(?:puts?|putting) (?:\w+ ){0,2}(?:pressure|strain|stress) on",
        r"adds? to (?:it|the (?:pressure|strain|stress|load|risk))",
        r"can (?:crack|break|injure|fracture|damage)",
        r"(?:linked|associated) (?:to|with)|followed by|leads? to|led to",
        # "Missing doses can make your readings swing": a change's harm told.
        r"can (?:cause|trigger|bring on|unsettle|destabilis\w+|make (?:\w+ ){0,3}?(?:worse|swing"
        r"|unstable|spike|drop|rise|unwell|ill))",
        r"too (?:much|high|many)",
        r"overdose",
        r"(?:above|over|beyond|exceeds?|exceeding|exceed|go over|goes over) the (?:[\d,.]+ (?:iu|mg"
        r"|mcg|μg) )?(?:upper |safe |daily )?limit",
    )
    # Deferral to the care team (not for hormones, peptides or plant estrogens).
    deferrals: tuple[str, ...] = (
        r"(?:ask(?:ing|s)?|asked|told|rang|called|phoned|saw|talk(?:ing|ed)?"
        r" (?:(?:it|this|that|things) )?(?:through |over )?(?:to|with)"
        r"|speak(?:ing)? (?:to|with)|check(?:ed|ing)? with|discuss(?:ing|ed)? (?:\w+ )?with|consult"
        r"|(?:run|clear)(?:ing)? (?:it |them |this )?(?:past|by|with)|(?:cleared|agreed|discussed"
        r"|decided|planned) with"
        r"|raise (?:it|this) with|tell|ring|call|phone|contact|see|email|message) (?:your|a|the"
        r"|their|her) (?:\w+ ){0,2}?(?:care team|doctor|gp|oncologist|nurse|pharmacist|clinician"
        r"|specialist|prescriber|team|physio(?:therapist)?)",
        # "mention it to your oncologist", "bring it up at your next appointment".
        r"(?:mention|raise|flag|show|bring)(?:s|ed|ing)? (?:it|this|that|them|these|the \w+|any"
        r" \w+|your \w+)(?: up)? (?:to|with|at|in|during) (?:your|a|the|their|her) (?:\w+ ){0,2}?"
        r"(?:care team|doctor|gp|oncologist|nurse|pharmacist|clinician|specialist|prescriber|team"
        r"|physio(?:therapist)?|appointment|clinic|review|visit|check ?up)",
        r"(?:(?:care team|doctor|oncologist|clinician|prescriber|gp)(?: s)?|their) (?:call|decision"
        r"|choice|job)",
        r"(?:decision|call|choice|decisions)s? (?:for|with|belongs? with|rests? with|made with"
        r"|(?:\w+ ){1,4}?(?:with|by|for|is|are) (?:your|the|a|an) (?:\w+ )?(?:care team|team|doctor"
        r"|oncologist|clinician|gp|specialist|nurse))",
        r"(?:(?:your|a|the|their|her|some|many) (?:\w+ )?)?(?:care team|team|doctor|oncologist"
        r"|clinician|gp|specialist|consultant|prescriber|nurse)s? (?:(?:may|might|can|could|will"
        r"|would|should) )?(?:(?:usually|often|normally|then|also|probably|sometimes) )?"
        r"(?:suggest|offer|consider|use|give|order|prescribe|recommend|advise|decide|discuss|arrange|plan|start"
        r"|switch|change|stop|try|tr(?=ies)|move|put|adjust|lower|raise|increase|reduce|taper"
        r"|pause|delay|hold|space|time|swap|agree|decided|agreed|planned|arranged|chose"
        r"|confirm)"
        r"(?:e?s)?"
        r"|(?:your|a|the|their|her) (?:\w+ )?(?:care team|doctor|oncologist|clinician|gp"
        r"|specialist|consultant)s? (?:may|might|can|could|will|would) (?:tell you|let you know"
        r"|guide you|help you decide)",
        # A change the reader's clinician made or allowed ("my oncologist said I could switch").
        r"(?:my|her|their|our) (?:\w+ )?(?:care team|team|doctor|oncologist|clinician|gp|specialist"
        r"|consultant)s? (?:\w+ )?(?:said|told|suggested|advised|recommended|decided|agreed|offered"
        r"|moved|switched|changed|put|prescribed)",
        r"(?:only )?(?:if|when|as) (?:prescribed|advised|directed)",
        # "discuss the timing with your team", "your team can talk about switching", "up to your
        # oncologist", "on your specialist's advice".
        r"(?:discuss|talk about|go through|agree|work out|plan|sort out|review|decide)(?:es|s|ed"
        r"|ing)? (?:\w+ ){1,4}?(?:with|alongside) (?:your|a|the|their|her) (?:\w+ ){0,2}?(?:care"
        r" team|doctor|gp|oncologist|nurse|clinician|specialist|prescriber|team)"
        r"|(?:your|a|the|their|her) (?:\w+ )?(?:care team|team|doctor|oncologist|clinician|gp"
        r"|specialist|consultant|nurse)s? (?:can|could|will|would|may|might) (?:\w+ )?(?:talk"
        r"|go through|explain|help|review|look at|weigh|work out|answer)"
        r"|(?:up to|leave it to|is for|are for|a matter for|one for) (?:your|the) (?:\w+ )?(?:care"
        r" team|team|doctor|oncologist|clinician|gp|specialist)"
        r"|(?:on|with|following|under|wait for) (?:your|the|a) (?:\w+ )?(?:care team|team|doctor"
        r"|oncologist|specialist|gp|physio(?:therapist)?|nurse) s (?:advice|guidance|say so"
        r"|instructions|go ahead|approval)|have a word with|get advice from",
        r"(?:oncologist|doctor|team|gp|nurse|specialist|consultant) and i (?:\w+ ){0,2}?(?:talked"
        r"|discussed|agreed|decided|chose|planned|went through)",
        r"needs? a plan",
        r"(?:specialist|doctor s|oncologist s|team s|clinician s|medical|clinical) (?:decision|call"
        r"|choice)",
        r"(?:planned|decided|prescribed|arranged|recommended|advised|managed|supervised|started"
        r"|done|made|considered|changed|switched|stopped|paused|reduced|adjusted|lowered) by"
        r" (?:your |a |the )?(?:\w+ )?(?:specialists?|doctors?|team"
        r"|oncologists?|clinicians?|gp|nurses?)",
        r"(?:plan|advice|agreement|approval|go ahead) (?:from|of|by|with) (?:your|a|the)"
        r" (?:care team|doctor|oncologist|clinician|gp|team)",
        r"(?<!your )(?<!my )(?<!her )prescrib(?:ed|es|e|ing)"
        r"|(?:on|by|with a|needs? a|requires? a) prescription"
        r"|prescription(?: only)? (?:doses?"
        r"|strength|medicines?|products?)",
        r"under (?:medical )?supervision",
        r"(?<!see )(?<!out )(?<!test )(?<!tell )(?<!know )(?<!up to you )(?<!you decide )whether",
        # "ask before using any estrogen product": asking first, whoever is asked.
        r"(?:ask|check)(?:ing)? (?:first |us |someone |them )?before",
    )
    # Telling the reader to act alone cancels a deferral.
    self_action: tuple[str, ...] = (
        r"on your own",
        # "stop it and tell your oncologist at the next visit": told after the fact, not asked
        r"(?:and|then) (?:just )?(?:tell|let|inform|mention it to) (?:\w+ ){0,4}?(?:(?:know )?(?:at"
        r"|by|in) (?:the|your) next (?:visit|appointment|check ?up|review|clinic)|(?:know )?"
        r"(?:later|afterwards))",
        r"(?:does|do|will|need|needs) not (?:(?:need|have) to )?know"
        r"|(?:buy|order|get) (?:\w+ )?online",
        r"(?:do not|does not|no|without) (?:need )?(?:your |the |their |anyone s |a )?(?:\w+ s )?"
        r"(?:permission|approval|blessing|say so|go ahead|sign off)",
        r"by yourself|yourself",
        r"without (?:asking|telling|checking|consulting|talking|speaking|seeing|permission"
        r"|a prescription|your (?:doctor|oncologist|team|care team))",
        r"(?:no need|do not need|not necessary) to (?:ask|check|tell|consult|see|involve|bother)",
        r"(?:whatever|regardless of what) (?:your|the) (?:doctor|team|oncologist) (?:says|thinks)",
        r"even if (?:your|the) (?:doctor|team|oncologist)",
        r"anyway",
        r"(?:no need to|do not|never|did not) (?:tell|told) (?:your|the|my|her) (?:\w+ )?"
        r"(?:oncologist|doctor|team|gp|nurse)",
        r"(?:(?:do not|never) bother|leave) (?:the|your|a|an) (?:\w+ )?(?:oncologist|doctor|team|gp"
        r"|nurse|specialist|consultant)(?! know)|skip (?:the|your) (?:\w+ )?(?:appointment|clinic"
        r"|review|check ?up)",
    )
    # A report of research.
    research: tuple[str, ...] = (
        r"trials?",
        r"stud(?:y|ies)",
        r"researchers?|research",
        r"tested|testing",
        r"(?:was|were) (?:given|prescribed|offered)",
        r"participants|women who|those who|people who|patients who",
        r"predicts?|predicted",
        r"\((?:[a-z]+ )+(?:et al )?(?:19|20)\d\d\)",
        r"atac|ibis ?(?:ii|2)|liftmor|elph|habits|liberate|in hope|hope (?:trial|study)",
        r"(?:a|one|two) (?:third|quarter|half|fifth)s? of|(?:(?:\d+|one|two|three|four|five)"
        r" (?:in|out of) (?:\d+|ten|five|four|three|every)|\d+ ?(?:%|percent|per cent))(?: of)?",
        r"marketed|advertised|promoted|touted|sold (?:as|for)|(?:is|are) (?:often |sometimes )?"
        r"(?:claimed|said) to",
    )
    # Endorsement: a benefit or a "go ahead" (overrides research; advises a substance).
    endorsements: tuple[str, ...] = (
        r"help(?:s|ed|ing|ful)?",
        r"protect(?:s|ed|ing|ive)?|shield(?:s|ed|ing)?|guard(?:s|ed|ing)?",
        r"strengthen(?:s|ed|ing)?|(?:re)?build(?:s|ing)?|rebuilt|restor(?:e|es|ed|ing)"
        r"|repair(?:s|ed|ing)?|thicken(?:s|ed|ing)?|boost(?:s|ed|ing)?|improv(?:e|es|ed|ing)"
        r"|supports|supporting|counter(?:s|ed|ing)?|counteract(?:s|ed|ing)?|combat(?:s|ing)?"
        r"|prevent(?:s|ed|ing)?|(?:re)?balanc(?:e|es|ing) (?:your |the )?hormones"
        r"|keeps? (?:\w+ ){0,2}?(?:strong|safe|protected|healthy|topped up)",
        r"good|great|benefits?|beneficial",
        r"safe|safely|fine|ok|okay|harmless|gentle|gentler",
        r"effective|works?|worked",
        r"options?|alternatives?|choice",
        r"worth|enough|plenty|sufficient",
        r"needs?(?! (?:a |an )?(?:conversation|talk|chat|discussion|word|check|review|plan"
        r"|prescription|doctor|specialist))",
        r"recommend(?:ed|s)?|suggest(?:ed|s)?",
        r"speeds? up|heals?",
        r"relieves?|eases?",
        r"(?:you|we) (?:can|could|should|might|may|must|need to|ought to)",
        r"best|better|ideal|perfect|excellent|remedy|cure|answer|solution|secret|way to",
        r"easy|easier|simple|simplest|sensible|smart|popular|lovely|gold standard|go to",
        r"lov(?:e|es|ed)|swears? by|swore by",
        # Colloquial praise ("a small price to pay", "my secret weapon", "feel amazing").
        r"(?:small|low) price(?: to pay)?|no ?brainer|life ?saver|godsend|game ?changer"
        r"|secret weapon|miracle|must ?have|wonders|works a treat|amazing|fantastic|wonderful"
        r"|brilliant|marvell?ous|changed my life|life changing|reasonable|fab(?:ulous)?|superb"
        r"|thank(?:s|ed)? (?:me|you)"
        r"|terrific|awesome|favou?rite|kinder|glad|happy|thrilled|relieved|relief|delighted"
        r"|pays? off|paid off|handy|useful|add ?ons?|takes? the edge off"
        r"|highly|(?:10|ten) (?:out of|/) ?(?:10|ten)|(?:feel|felt|feeling|feels) (?:like )?"
        r"(?:a new (?:woman|person)|myself|human|normal|younger|alive)",
        r"right (?:move|call|choice|decision|thing)",
        # Grey-market wording is no research report ("order it 'for research purposes'").
        r"(?:for )?research (?:purposes|use|only|chemicals?|grade)",
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
        r"need|needs|(?:are |is )?(?:crav(?:e|es|ing)|(?:cry|cries|crying) out for|starved of"
        r"|hungry for|desperate for)",
        r"add(?:ing)?",
        r"want(?:s|ed|ing)?(?= (?:\w+ ){0,2}\w+ back\b)",
    )
    # A natural hormone put back ("a little estradiol added back").
    added_back: tuple[str, ...] = (
        r"(?:added|adding|topped|topping|put|brought|given)(?: back)?(?: up| in| back)",
    )
    # Advice about a hormone named earlier in the sentence ("estrogen is low, so top it up").
    advise_pronoun: tuple[str, ...] = (
        # "Estriol is only a weak estrogen, so it's fine with your AI".
        r"(?:it|they|this|that) (?:is|are) (?:\w+ )?(?:fine|safe|ok|okay|harmless|compatible)"
        r" (?:to (?:use|take) )?(?:with|alongside|on top of)",
        r"(?:top|boost|replace|raise|restore)\w* (?:it|them)(?: up| back)?",
        r"(?:ask|talk) (?:\w+ ){0,3}?(?:about|for) (?:it|them)",
        r"(?:take|try|use|start|get|buy|order|source) (?:it|them)(?! easy| slow)"
        r"|(?:got|took|tried|used|started|bought|ordered) (?:it|them)",
        r"(?:rub|apply|spread|massage|smear|insert|pop)(?:s|ing)? (?:it|them|some|a bit|a little)"
        r"(?: in| on| up)?",
        r"(?:start|use|try|get|apply|ask for|go on)(?: on| with| for)? (?:a |an |the |some )?"
        r"(?!non hormonal)(?:\w+ ){0,2}?(?:patch(?:es)?|gels?|pessar(?:y|ies)|implants?|pellets?"
        r"|rings?)",
    )
    # Raising or cutting a dose with no object, when a medicine is named in the sentence or the
    # one before ("If one omeprazole doesn't settle it, take a second one", "...take two to
    # catch up", "a third capsule is fine", "drop to half a tablet").
    bare_dose_changes: tuple[str, ...] = (
        r"(?<!the )(?<!your )(?<!my )(?<!her )(?<!their )(?:an? )?(?:extra|additional|second|third"
        r"|another) (?:dose|tablet|pill|capsule|one|patch|puff|unit)s?",
        # "take a second one", "pop another", "take more if it still hurts".
        r"(?:tak(?:e|ing)|hav(?:e|ing)|pop(?:ping)?|add(?:ing)?) (?:an? |1 )?(?:extra|second"
        r"|another|more)(?:(?: 1| one| dose| tablet| pill| capsule| unit| puff| patch)s?\b"
        r"| of (?:it|them|those|these)\b|(?=\s*(?:[.,;!?]|$)| (?:if|when|whenever|on|at|before"
        r"|after|straight|right|later|tomorrow|next|to|or)\b))",
        r"(?:drop|cut|go|come|step)(?:s|ping|ting|ing)? (?:down |back )?to (?:half|a half|a quarter"
        r"|(?:1|one) a day|once a)",
        r"catch(?:ing)? up|mak(?:e|ing) up for (?:it|them|the (?:\w+ )?(?:one|dose|tablet|pill))",
        r"doubl(?:e|ing) (?:it|them|up)",
        # "splitting it to make the box last", "cut them in half".
        r"(?:split(?:s|ting)?|halv(?:e|es|ing)) (?:it|them)\b"
        r"|(?:cut|break|bite|snap)(?:s|ting|ing)? (?:it|them) (?:in half|in two|into (?:halves"
        r"|pieces))",
        # "take it three times a day rather than twice", "take one every other day", "take half".
        r"(?:tak(?:e|ing)|hav(?:e|ing)|us(?:e|ing)) (?:it|them|1|one|a (?:tablet|pill|dose))"
        r" (?:\w+ ){0,4}?(?:(?:instead of|rather than) (?:1|one|once|twice|2|two|the usual)\b"
        r"|every (?:other|second|third) day|on alternate days|every few days)"
        r"|(?:tak(?:e|ing)|hav(?:e|ing)) (?:just )?(?:a )?(?:half|quarter)"
        r"(?! (?:an?|the|of the)\b)",
        # "take your tablet once in a while": taken, not a side effect felt, now and again.
        r"(?:tak(?:e|es|ing)|hav(?:e|ing)|us(?:e|ing)|pop(?:ping)?) (?:it|them|(?:your|the|a|my)"
        r" (?:\w+ )?(?:tablets?|pills?|doses?|medicines?|medication))(?: \w+)? (?:now and again"
        r"|every so often|once in a while|from time to time|occasionally)"
        r"|(?:tak|hav|get)(?:e|es|ing) (?:it|them|(?:your|the|my) (?:\w+ )?(?:injections?|jabs?"
        r"|infusions?|tablets?|doses?|pills?))(?: a (?:bit|little|few \w+|month|week))? late\b",
        # "works just as well taken every two days", "skip the next day".
        r"(?:taken|had|used|taking|having|using) (?:(?:only|just) )?(?:every (?:other|second|third"
        r"|two|three|four|few|couple of|[2-6]) (?:days?|nights?|mornings?)|on alternate days)"
        r"|skip(?:s|ping)? (?:the )?(?:next|following|odd) (?:day|one|dose)",
        # "you can decide the dose yourself".
        r"(?:decid|set|choos|pick|judg)(?:e|es|ing) (?:the|your|how much|what) (?:dose|dosage"
        r"|amount)",
    )
    # --- oral bisphosphonates: how they are taken (their leaflets) ------------------------------
    # The tablets (alendronate, risedronate, ibandronate and their brands, "your weekly/monthly
    # bone tablet"); zoledronic acid is a drip and denosumab an injection, so neither is here,
    # and gastro-resistant risedronate (Atelvia) is the one taken after breakfast.
    oral_bisphosphonates: tuple[str, ...] = (
        r"alendron(?:ate|ic acid)|fosamax|binosto|fosavance",
        r"risedron(?:ate|ic acid)|actonel",
        r"ibandron(?:ate|ic acid)|bonviva|boniva",
        r"(?:oral )?bisphosphonates?(?! (?:drip|infusion|injection)s?)"
        r"|(?:your|the|a|my) (?:weekly|monthly) (?:bone )?(?:tablet|pill|dose)"
        r"|(?:your|the|my) bone (?:tablets?|pills?)",
    )
    # Taking one the wrong way, by class: with any food or drink but plain water (coffee, tea,
    # juice, milk, mineral water, a meal) or with calcium or other tablets; lying down or going
    # back to bed soon after; a missed dose taken later in the day or with a meal; chewed,
    # sucked or crushed. "With a full glass of plain water", "30 minutes before breakfast" and
    # "the next morning" are how it is taken.
    bisphosphonate_errors: tuple[str, ...] = (
        r"(?:with|alongside|over|and|during|at|washed down with|together with|along with"
        r"|at the same time as|in|(?:whenever|when|while) you (?:have|eat|drink))"
        r" (?:a |an |your |some |the |my )?(?:(?!before|after|until|till)\w+ ){0,3}?"
        r"(?:breakfast|lunch|dinner|supper|tea"
        r"|meals?|food|snacks?|coffee|cuppa|juice|milk|yogh?urt|cereal|porridge|toast|smoothies?"
        r"|mineral water|sparkling water|fizzy water|calcium|antacids?|(?:other|morning) (?:tablets"
        r"|pills|medicines|vitamins)|latte|cappuccino|espresso|americano|flat white|decaf|hot"
        r" chocolate|cocoa|squash|cola|fizzy drinks?|soft drinks?|drinks?|wine|beer|soup|fruit"
        r"|biscuits?|a brew|bananas?|apples?|eggs?|muesli|granola|cornflakes|bread|sandwich\w*"
        r"|bowl|plate|slice|piece|bite|mouthful|handful|mug|carton|spoonful|pills|tablets|medicines"
        r"|meds)\b",
        r"(?:eat|have|drink|grab|start)(?:s|ing)? (?:your |a |some )?(?:\w+ ){0,2}?(?:straight"
        r"|right|immediately|directly|just) (?:after|afterwards)|no need to wait"
        r"|(?:do not|need not) (?:need to |have to )?wait"
        r"|(?:skip|forget|ignore|drop)(?:ping)? the (?:\w+ ){0,2}wait(?:ing)?",
        r"(?:lie|lying|lay|laying)(?: straight| right| back)* (?:down|flat)|(?:go|going|get"
        r"|getting|climb|climbing|hop|pop|head|heading|crawl)(?: straight| right| back)*"
        r" (?:to bed|into bed|in bed|under the covers|to sleep)|(?:back|straight) to bed"
        r"|have a lie in|stay in bed"
        r"|(?:sit|sitting|lounge|lounging|recline|reclining|slump\w*)(?: back)? (?:in bed|on (?:the"
        r" |a |your )?(?:sofa|couch|settee|recliner))|(?:do not|need not"
        r"|no need to) (?:have to |need to )?(?:stay|remain|keep|be) (?:upright|sitting up"
        r"|standing)|curl(?:s|ing)? (?:back )?up"
        r"|under the (?:duvet|covers|blankets?)|(?:have|take|grab) a (?:nap|snooze)|doze off"
        r"|breakfast in bed|any (?:drink|liquid|fluid)s? (?:will do|is fine|works|is ok)",
        r"later (?:in|that|on) (?:the|that)? ?(?:day|morning|afternoon|evening)|(?:in the|this|that"
        r"|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day) (?:afternoon|evening)"
        r"|at (?:lunchtime|bedtime|night|teatime)|before bed|(?:whenever|any time) (?:you remember"
        r"|(?:it )?suits(?: you)?)|(?:at )?any time (?:of|during) the day|during the day",
        # After a meal instead of before it ("after breakfast", "once you've eaten").
        r"after (?:your |a |the )?(?:breakfast|lunch|dinner|supper|eating|food|a meal|meals"
        r"|your meal)|(?:once|after|when) you (?:have )?eaten|on a full stomach",
        r"chew(?:s|ed|ing)?|suck(?:s|ed|ing)?|crush(?:es|ed|ing)?|(?:let|letting) (?:it|them)"
        r" (?:dissolve|melt)",
    )
    # The same errors said the other way round: something else taken together with the tablet
    # ("take your calcium tablets together with your alendronate").
    taken_with_bisphosphonate: tuple[str, ...] = (
        # other tablets: calcium, antacids, iron, vitamins...
        r"(?:tak|hav|swallow|pop|wash)(?:e|es|ing|s)? (?:down )?(?:your |the |a |some |my )?"
        r"(?:calcium|antacids?|iron|magnesium|zinc|vitamins?|multivitamins?|supplements?|other"
        r" (?:tablets|pills|medicines)|morning (?:tablets|pills|medicines))(?: (?:and vitamin d"
        r"|tablets?|pills?|supplements?|chews?)){0,2} (?:together with|with|alongside|along with"
        r"|at the same time as|in one go with)",
        # food and drink
        r"(?:tak|hav|drink|eat|wash)(?:e|es|ing|s)? (?:down )?(?:your |the |a |some |my )?"
        r"(?:coffee|tea|milk|juice|breakfast|food|meals?|cereal|porridge|toast)"
        r" (?:together with|with|alongside|along with|at the same time as)",
    )
    # --- alcohol and smoking played down (FACTS 5, 27, 34) ------------------------------------
    # Amounts over the limit of about 2 units a day: a bottle of anything, more than two units,
    # two or more drinks, glasses, pints or cans a day, and binges of any size.
    alcohol_excess: tuple[str, ...] = (
        r"(?:a|one|half a|a whole)(?: nightly| daily)? bottle(?! of)|"
        r"(?:a|one|half a|\d+|two|three|four|a couple of|a few)(?: nightly| daily)? bottles? of"
        r" (?:\w+ )?(?:wine"
        r"|prosecco|champagne|beer|cider|gin|vodka|whisky|rum|spirits|fizz)",
        r"(?:[3-9]|[1-9]\d+|three|four|five|six|seven|eight|nine|ten|a dozen) (?:or more |or so )?"
        r"units",
        r"(?:[2-9]|[1-9]\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
        r"|a few|a couple of|a couple|plenty of"
        r"|lots of) (?:large |big |small |stiff |generous )?(?:glasses|pints|drinks|cans|gins"
        r"|g and ts|gin and tonics|measures|doubles|shots|cocktails|beers|ciders)"
        r"(?: of (?:\w+ )?(?:wine|beer|cider|lager|prosecco|gin|vodka|whisky|spirits|red|white"
        r"|rose|bubbly|fizz))?",
        # "a large glass of wine" is about 3 units; "drink as you like" sets no limit.
        r"(?:a|one|every|each) large (?:glass|measure) of (?:\w+ )?(?:wine|red|white|rose|gin"
        r"|vodka|whisky)|drink (?:as much as |as |whatever |what )?(?:you )?(?:like|want|fancy)"
        r"|drink freely|drink as much (?:\w+ )?as (?:you )?(?:like|want|fancy|can)",
        # Going over the limit, or drinking more, said to be fine.
        r"(?:\w+ )?drinking (?:sessions?|binges?|sprees?)|(?:go|going|went|be|being"
        r"|drink|drinking) (?:a bit |slightly |well )?(?:over|above) (?:the|your) (?:alcohol"
        r" |drinking |daily |weekly )?"
        r"(?:limit|units)|exceed(?:ing)? (?:the|your) (?:alcohol |drinking )?limit"
        r"|drink (?:a (?:bit|little|lot) |much |a few )?more(?! water| milk| fluids?)"
        r"|drink(?:ing)? every (?:night|day|evening)|(?:daily|nightly) drinking|drinking daily",
        r"binge\w*|(?:a )?(?:big|boozy|heavy) (?:\w+ )?(?:night|session|weekend)s?|benders?"
        r"|heavy drinking|drinking heavily|(?:a )?skinful"
        r"|(?:save|saving|bank|banking)(?: \w+){0,2} units",
    )
    smoking: tuple[str, ...] = (
        r"(?:a few |the odd |an occasional |the occasional |one or two |a couple of )?"
        r"(?:(?:a )?(?:pack|packet|box)s? of )?(?:cigarettes?|cigs?|roll ups?|cigars?|smokes?"
        r"|smoking|fags?|vap(?:e|es|ing)|tobacco)|(?:a |one |two |half a )?(?:pack|packet)s? a day",
    )
    # Stopping smoking talked down ("too late to quit", "no point stopping now").
    smoking_not_worth_stopping: tuple[str, ...] = (
        r"(?:do not|never|no need to) (?:worry|bother|fret|stress)(?: about| with)? (?:quitting"
        r"|stopping"
        r"|giving up|cutting down|trying to (?:stop|quit|give up|cut down))",
        r"(?:too late|no point|little point|not much point|no sense|not worth|pointless|no use"
        r"|little benefit|no benefit|waste of time"
        r"|no (?:real )?(?:need|reason)|(?:do|does) not (?:really )?need)"
        r"(?: \w+){0,3}? (?:stop|quit|giv(?:e|ing) up|cut(?:ting)? (?:down|out)|stopping|quitting)",
        # "quitting cigarettes is pointless".
        r"cut(?:ting)? down (?:\w+ ){0,4}?(?:is )?(?:(?:just )?as good as|the same as|as effective"
        r" as|enough instead of) (?:quitting|stopping|giving up)"
        r"|(?:the )?damage(?: to your \w+)? (?:is|has been) (?:already )?done",
        r"(?:stopping|quitting|giving up|cessation|cutting (?:out|down|back)|(?:trying|try"
        r"|attempts?) to (?:stop|quit|give up|cut down))(?: \w+){0,3}?"
        r" (?:(?:is|are|would be|will be) (?:\w+ )?(?:pointless|too late|too little|not worth"
        r" (?:it|the \w+)"
        r"|a waste"
        r"|no use|useless|no good)|(?:will|would|does|do|can) not (?:\w+ )?(?:help|make (?:a|any)"
        r" difference|matter|benefit|change|undo|reverse|fix|repair|save|give (?:you )?back"
        r"|do (?:your \w+ |you )?"
        r"(?:any|much) good)|makes? (?:no|little|not much|hardly any) (?:real )?difference"
        r"|(?:offers?|has|have|brings?|gives?) (?:no|little) (?:\w+ )?(?:benefit|advantage|gain))",
    )
    # A fall (FACTS 33): the care team is told of every fall, even one that seemed harmless.
    falls: tuple[str, ...] = (
        r"(?:a|any|the|your|her|my|that|this|each|every|one|another)(?: (?:small|minor|little|bad"
        r"|big|slight|nasty|recent|silly|simple|quick|new))? (?:falls?|tumbles?)\b"
        r"|(?:about|report(?:ing)?|mention(?:ing)?) falls\b"
        r"|(?:^|(?<=: ))(?:(?:minor|small|little|slight) )?(?:falls?|fell|fallen|tripped)\b",
        r"(?:you|she|i|they|we|he) (?:\w+ )?(?:fall|fell|fallen|trip|tripped|slip|slipped)\b"
        r"(?! (?:asleep"
        r"|in love|for|behind|short|into|out|apart|over (?:your|her|my) words))",
        r"slip(?:s|ped)? (?:on|over|down|and)|trip(?:s|ped)? (?:on|over|up)|(?:took|take|had|have)"
        r" a (?:tumble|spill)|lost (?:your|her|my) (?:footing|balance)",
    )
    # Telling no one, or putting it off, in words the dismissals do not hold ("keep it to
    # yourself", "nobody needs to know", "wait a week before mentioning it").
    report_discouraged: tuple[str, ...] = (
        r"tell (?:no one|nobody|no-one)|keep(?:ing)? (?:\w+ ){1,4}?(?:to yourself|quiet"
        r"|(?:a )?secret|between us|under wraps)"
        r"|keep(?:ing)? quiet"
        r"|(?:do not|never|no need to) (?:tell|inform|alert|let) (?:anyone|anybody|your|the|them)"
        r"|(?:do not|does not|need not|never) need (?:reporting|mentioning|telling|a call|to be"
        r" (?:reported|mentioned|told))|need not be (?:reported|mentioned|told)"
        r"|(?:reporting|review|assessment|telling|mentioning)(?: \w+){0,6}? (?:can|may|could"
        r"|should) (?:safely )?be (?:deferred|postponed|put off|delayed|left)"
        r"|(?:does|do) not (?:require|need|warrant) (?:\w+ ){0,2}?(?:review|assessment|attention"
        r"|a call|reporting|a visit|an appointment|checking)"
        r"|(?:do not|never|no need to) (?:worry|bother|trouble|disturb) (?:your|the|a) (?:\w+ )?"
        r"(?:gp|doctor|nurse|team|oncologist|dentist|surgery|practice)"
        r"|(?:best|better) not to (?:bother|trouble|call|ring|phone|tell|mention|report) (?:anyone"
        r"|anybody|your|the|them)"
        r"|(?:skip|avoid|forget)(?:ping|ing)?"
        r" (?:telling|calling|ringing|phoning|mentioning|reporting|contacting|seeing|bothering)"
        r"|(?:nobody|no one|nobody else)(?: \w+){0,4}? (?:needs? to|has to) (?:know|hear|be told)"
        r"|only (?:tell|call|ring|phone|mention|report|contact|see|bother) (?:\w+ ){0,6}?(?:if|when"
        r"|once)|forget(?:ting)? (?:about (?:it|them|the|a|any|your)|it)\b",
        r"(?:wait(?:ing)?|sit(?:ting)? tight|hang(?:ing)? (?:on|fire)|hold(?:ing)? (?:on|off)"
        r"|leav(?:e|ing)"
        r"(?: \w+){1,6}?) (?:\w+ ){0,4}?(?:days?|weeks?|fortnight|months?|while)"
        r" (?:or (?:so|two) )?before (?:you )?(?:mention|tell|call|ring|phone|report|contact|see"
        r"|book|say(?:ing)? (?:anything|something|a word)|do(?:ing)? anything)\w*",
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
        r"buy|order",
        r"just",
        r"you",
    )


DEFAULT_TABLE = RuleTable()
