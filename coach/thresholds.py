"""Every clinical threshold the coach uses, in one place, with its source.

The guideline rules (``coach.risk``), the clinical picture (``coach.picture``), the planner, the
check-in prompts, the trends and the visit report all import their cut-offs from here, so a value
marked ``[check]`` in shared/clinical/FACTS.md is corrected once and every answer follows.
Only numbers with a clinical meaning live here; layout and timing constants stay with their code.
Standard library only, no imports: the module costs nothing at start-up.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- bone density (WHO)
# FACTS item 30 (WHO 1994): normal >= -1.0; low bone mass below -1.0 and above -2.5;
# osteoporosis <= -2.5. The lowest of lumbar spine, total hip and femoral neck counts.
T_NORMAL_FROM = -1.0  # T >= -1.0: normal
T_OSTEOPOROSIS_AT = -2.5  # T <= -2.5: osteoporosis (inclusive)

# --------------------------------------------------------------------------- AIBL 2017
# Hadji P et al., J Bone Oncol 2017;7:1-12 (FACTS item 11). Strict comparisons.
AIBL_T_ALONE = -2.0  # bone-directed therapy advised when lowest T-score < -2.0
AIBL_T_WITH_RISK = -1.5  # ... or T-score < -1.5 with at least 1 risk factor
AIBL_RISK_FACTORS_ALONE = 2  # ... or at least 2 risk factors, even without a scan
AIBL_AGE_RISK = 65  # [check] risk factor: age over 65 (strict: 66 counts, 65 does not)
AIBL_BMI_RISK = 20  # [check] risk factor: BMI under 20 (strict: 19.9 counts, 20 does not)
FRAGILITY_FRACTURE_AGE = 50  # risk factor: own fragility fracture after age 50

# --------------------------------------------------------------------------- ASCO 2019
# Shapiro CL et al., J Clin Oncol 2019;37:2916-46 (FACTS item 12). Inclusive comparisons.
ASCO_T = T_OSTEOPOROSIS_AT  # a bone-modifying agent may be offered when T <= -2.5
ASCO_FRAX_MAJOR = 20.0  # ... or FRAX 10-year major osteoporotic fracture risk >= 20%
ASCO_FRAX_HIP = 3.0  # ... or FRAX 10-year hip fracture risk >= 3%
ASCO_REPEAT_DXA_MONTHS = 24  # otherwise repeat DXA in 2 years ...
ASCO_REPEAT_DXA_MONTHS_IF_INDICATED = 12  # ... or 1 year if clinically indicated

# --------------------------------------------------------------------------- body size
BMI_MIN, BMI_MAX = 5.0, 100.0  # plausibility of a BMI given to a rule, not a clinical cut-off
# With a weight but no height, "BMI under 20" needs a height above sqrt(weight / 20) m; a woman
# taller than this is rare enough that a tick of "BMI under 20" is then shown as a conflict.
BMI_CHECK_TALLEST_CM = 200

# --------------------------------------------------------------------------- falls
# World guidelines for falls prevention, Montero-Odasso M et al., Age Ageing 2022 (FACTS item 33;
# ASCO 2019 rec. 3.2 asks for fall-risk assessment): high risk, offer a multifactorial falls
# assessment, after a fall with injury, 2 or more falls in 12 months, or a fall with fainting.
FALLS_WINDOW_DAYS = 365  # "in 12 months"
FALLS_FOR_ASSESSMENT = 2  # [check] 2 or more falls in 12 months
# A fall can break a vertebra without an obvious injury (FACTS item 21): after any fall, watch
# for new back pain or height loss for this many days.
FALL_WATCH_DAYS = 28
# A fall followed by sudden back pain or loss of height within FALL_SYMPTOM_FOLLOW_DAYS may be a
# vertebral fracture: the visit report flags it. Falls less than FALL_CLUSTER_DAYS apart are
# reported as one run ("4 falls in 9 days").
FALL_CLUSTER_DAYS = 14
FALL_SYMPTOM_FOLLOW_DAYS = 30

# --------------------------------------------------------------------------- symptoms
RED_FLAG_DAYS = 7  # a red flag of the last 7 days is "active" (the plan pauses for it)
# Red flags that call for emergency services first (FACTS item 21: chest pain, fainting,
# breathlessness out of proportion), before "contact your care team today".
EMERGENCY_RED_FLAGS = ("chest_pain", "faint_dizzy", "breathless")
# Worst joint pain, 0-10 (FACTS item 28: 1-4 mild, 5-6 moderate, 7-10 severe).
PAIN_RAISE_LEVEL = 4  # >= 4 predicted stopping the AI (Chim 2013): raise it with the care team
PAIN_MODERATE_FROM = 5
PAIN_SEVERE_FROM = 7
INTERFERENCE_HIGH_FROM = 3  # 0-4 scale: 3 "quite a bit", 4 "very much"
FATIGUE_SEVERE_FROM = 7  # 0-10, same bands as pain
MOOD_LOW_AT_MOST = 1  # 1-5 scale: 1 is the lowest mood the check-in offers
PAIN_RECENT_DAYS = 7  # recent pain: today-6 .. today
PAIN_BASELINE_DAYS = 14  # compared with the 14 days before
PAIN_FLARE_MEAN = 7.0  # recent mean >= 7 (severe) is a flare ...
PAIN_FLARE_RISE = 2.0  # ... or a rise of >= 2 points over the baseline mean
FLARE_RUN_DAYS = 3  # the report's flare episodes: 3+ days in a row at PAIN_SEVERE_FROM+
AI_ADHERENCE_DAYS = 30  # adherence to the tablet over the last 30 days answered
# The tablet story (FACTS items 10, 29). Adherence studies of aromatase inhibitors call a
# proportion of days covered (PDC) of 80% or more "adherent" (e.g. Hershman 2011, who found
# lower survival below it); the report draws this line, it never scolds below it.
AI_ADHERENCE_LINE = 0.80
# "Side effects" given as the reason for a missed tablet this many times within
# AI_ADHERENCE_DAYS: suggest raising it with the care team (side effects are the main reason
# women stop early, ELPh; options exist, and changing the medicine is the clinician's call).
SIDE_EFFECT_MISSES_TO_RAISE = 2
# Do missed tablets go with pain flares? Days with worst joint pain at PAIN_SEVERE_FROM or more
# are compared with days below it (both with the tablet answered). Said to cluster only with at
# least MISS_CLUSTER_MIN_DAYS answered days in each group, at least MISS_CLUSTER_MIN_MISSED
# missed on high-pain days, and a missed share at least MISS_CLUSTER_RATIO times the other's.
MISS_CLUSTER_MIN_DAYS = 3
MISS_CLUSTER_MIN_MISSED = 2
MISS_CLUSTER_RATIO = 2.0

# --------------------------------------------------------------------------- nutrition
CALCIUM_TARGET_MG = 1200  # women over 50 (Food and Nutrition Board 2011; BHOF agrees)
CALCIUM_UPPER_LIMIT_MG = 2000  # from all sources, food and supplements together
VITAMIN_D_TARGET_IU = 800  # BHOF: 800-1000 IU/day from age 50 (AIBL 2017: 800-1000)
VITAMIN_D_UPPER_LIMIT_IU = 4000  # IOM 2011 tolerable upper intake level
ALCOHOL_UNITS_LIMIT = 2  # above 2 units/day fracture risk rises (Kanis 2005)

# --------------------------------------------------------------------------- exercise
AEROBIC_TARGET_MIN_PER_WEEK = 150  # ACSM 2019 / Too Fit To Fracture
RESISTANCE_TARGET_SESSIONS_PER_WEEK = 2  # ACSM 2019 / TTFF: at least 2 days/week
BALANCE_TARGET_MIN_PER_WEEK = 120  # TTFF: building to about 2 hours/week
GENTLE_AGE = 75  # aged 75 or more: the plan starts gently
GENTLE_PAIN = PAIN_SEVERE_FROM  # 7-day mean worst joint pain in the severe band: gentle start
VERTEBRAL_FRACTURE_AEROBIC_MAX = 6  # moderate, not vigorous, after a spine fracture (TTFF)
MAX_EFFORT = 8  # never above 8/10 unsupervised (LIFTMOR intensity only under supervision)
# Balance and impact step up only when the person reports managing the current level: this many
# sessions marked done "steady" since the last change, none "not steady", and no fall since.
STEADY_SESSIONS_TO_STEP_UP = 3
# A session that hurt (coach.adapt eases the coming week, as for a flare; FACTS item 20): joint
# pain during it in the severe band, or an exercise of a guided session skipped because it hurt.
SESSION_PAIN_EASE_FROM = PAIN_SEVERE_FROM
