"""The exercise library, as data: what each exercise is, what it needs and how it loads the body.

The planner chooses from this library by *tags* (impact level, spinal flexion, floor work, chair
support) and by *equipment*, so every safety rule in ``coach.planner`` is a filter over these
records (shared/clinical/FACTS.md §D items 15-18). A few exercises that people with osteoporosis
should avoid (sit-ups, crunches, toe touches, loaded twists; FACTS item 17) are kept here on
purpose, tagged, so that the filters are testable and the coach can explain why it leaves them out.

Conventions:

- ``equipment`` lists everything an exercise needs; ``("none",)`` means body weight only.
- ``easier`` / ``harder`` link variants of one movement (a chain such as chair sit-to-stand ->
  body-weight squat -> goblet squat). Links are symmetric; ``validate`` checks them.
- ``how_to`` is 2-4 lines of plain words with safe cues (long spine, hinge at the hips, hold a
  support), written for this project.
- ``unit`` says whether a prescription counts repetitions or minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from coach.models import EQUIPMENT

__all__ = [
    "CATEGORIES",
    "EXERCISES",
    "IMPACT_TAGS",
    "TAGS",
    "UNITS",
    "Exercise",
    "by_category",
    "get_exercise",
    "validate",
]

CATEGORIES: tuple[str, ...] = (
    "resistance",
    "weight-bearing aerobic",
    "impact",
    "balance",
    "posture",
    "flexibility",
)
UNITS: tuple[str, ...] = ("reps", "minutes")

TAGS: Mapping[str, str] = MappingProxyType(
    {
        "spinal_flexion": "bends the spine forward (curling up, toe touching)",
        "loaded_twisting": "twists the spine while holding or pushing a load",
        "impact_low": "low impact: heel drops and stomps",
        "impact_moderate": "moderate impact: small jumps or hops",
        "impact_high": "high impact: jumps with landings, only under supervision",
        "floor": "done lying, sitting or kneeling on the floor",
        "chair_supported": "done holding a sturdy chair, counter or rail",
        "back_extensor": "strengthens the muscles along the spine",
        "upper_back": "works the muscles between the shoulder blades (posture)",
        "upper_body": "works the arms, chest or shoulders",
        "lower_body": "works the legs and hips",
        "unilateral": "one leg at a time",
        "hinge": "bends at the hips with a long, neutral spine",
        "loaded": "holds an external weight (dumbbells or gym machine)",
        "supervised_only": "only with an exercise professional present",
        "poles": "needs walking poles",
        "stairs": "done on a stair or step (left out after falls)",
    }
)
IMPACT_TAGS: tuple[str, ...] = ("impact_low", "impact_moderate", "impact_high")


@dataclass(frozen=True)
class Exercise:
    """One exercise: what it is, what it needs, how it loads the body and how to do it safely."""

    id: str
    name: str
    category: str
    equipment: tuple[str, ...]
    tags: frozenset[str]
    how_to: str
    easier: str | None = None
    harder: str | None = None
    unit: str = "reps"


def _ex(
    id: str,
    name: str,
    category: str,
    equipment: Iterable[str],
    tags: Iterable[str],
    how_to: Iterable[str],
    easier: str | None = None,
    harder: str | None = None,
    unit: str = "reps",
) -> Exercise:
    text = "\n".join(how_to)
    gear = tuple(equipment)
    return Exercise(id, name, category, gear, frozenset(tags), text, easier, harder, unit)


_R, _A, _I, _B, _P, _F = CATEGORIES
_MIN = "minutes"

# fmt: off
EXERCISES: tuple[Exercise, ...] = (
    # ---------------------------------------------------------------- resistance: legs
    _ex(
        "sit-to-stand", "Chair sit-to-stand", _R, ["chair"], ["lower_body", "chair_supported"],
        [
            "Sit near the front of a sturdy chair, feet flat and hip-width apart.",
            "Lean forward from the hips with a long back and stand up tall.",
            "Sit back down slowly; push on your thighs or the armrests if you need to.",
        ],
        harder="bodyweight-squat",
    ),
    _ex(
        "bodyweight-squat", "Body-weight squat", _R, ["none"], ["lower_body"],
        [
            "Stand with feet hip-width apart, a chair behind you for confidence.",
            "Push your hips back and bend your knees as if to sit; chest up, back long.",
            "Stop just above the chair, then press through your heels to stand tall.",
        ],
        easier="sit-to-stand", harder="goblet-squat",
    ),
    _ex(
        "goblet-squat", "Goblet squat with a dumbbell", _R, ["dumbbells"], ["lower_body", "loaded"],
        [
            "Hold one dumbbell upright against your chest with both hands.",
            "Push your hips back and bend your knees, keeping your back long and chest up.",
            "Go only as low as you can with a straight back, then stand tall.",
        ],
        easier="bodyweight-squat",
    ),
    _ex(
        "split-squat", "Split squat holding a chair", _R, ["chair"],
        ["lower_body", "unilateral", "chair_supported"],
        [
            "Stand in a long stride, one hand on a chair back, trunk upright.",
            "Lower straight down by bending both knees, then rise again.",
            "Do all repetitions on one side, then swap legs.",
        ],
        harder="forward-lunge",
    ),
    _ex(
        "forward-lunge", "Forward lunge", _R, ["none"], ["lower_body", "unilateral"],
        [
            "Stand tall, then take a long step forward.",
            "Bend both knees to lower your body, trunk upright; push back to the start.",
            "Alternate legs; keep a chair or wall within reach.",
        ],
        easier="split-squat",
    ),
    _ex(
        "step-up", "Step-ups", _R, ["none"], ["lower_body", "unilateral", "stairs"],
        [
            "Use the bottom stair and hold the rail.",
            "Step up with one foot and press through it to stand tall on the step.",
            "Step down slowly; do all repetitions leading with one leg, then the other.",
        ],
    ),
    _ex(
        "heel-raise", "Heel raises", _R, ["chair"], ["lower_body", "chair_supported"],
        [
            "Stand tall holding the back of a chair or a counter.",
            "Rise up onto the balls of your feet, pause, and lower slowly.",
        ],
        harder="single-leg-heel-raise",
    ),
    _ex(
        "single-leg-heel-raise", "Single-leg heel raises", _R, ["chair"],
        ["lower_body", "unilateral", "chair_supported"],
        [
            "Stand on one foot holding a chair or counter with one or both hands.",
            "Rise onto the ball of the foot, pause, lower slowly; then swap sides.",
        ],
        easier="heel-raise",
    ),
    _ex(
        "hip-hinge", "Hip hinge", _R, ["none"], ["lower_body", "hinge"],
        [
            "Stand with hands on your hips and soft knees.",
            "Push your hips back so your chest tips forward with a long, straight back.",
            "Squeeze your buttocks to stand tall; the bend comes from the hips, never the waist.",
        ],
        harder="band-deadlift",
    ),
    _ex(
        "band-deadlift", "Band deadlift", _R, ["band"], ["lower_body", "hinge"],
        [
            "Stand on the middle of a band, holding an end in each hand.",
            "Hinge at the hips with a long back, hands sliding down toward your knees.",
            "Drive your hips forward to stand tall against the band.",
        ],
        easier="hip-hinge", harder="dumbbell-rdl",
    ),
    _ex(
        "dumbbell-rdl", "Dumbbell Romanian deadlift", _R, ["dumbbells"],
        ["lower_body", "hinge", "loaded"],
        [
            "Hold a dumbbell in each hand in front of your thighs.",
            "Push your hips back, keeping your back long, until you feel your hamstrings.",
            "Stand tall by driving your hips forward; do not round your back.",
        ],
        easier="band-deadlift",
    ),
    _ex(
        "bridge", "Bridge", _R, ["none"], ["lower_body", "floor"],
        [
            "Lie on your back, knees bent, feet flat, arms by your sides.",
            "Squeeze your buttocks and lift your hips until knees, hips and shoulders line up.",
            "Hold for a breath, then lower slowly.",
        ],
    ),
    _ex(
        "standing-hip-abduction", "Standing side leg raise", _R, ["chair"],
        ["lower_body", "chair_supported"],
        [
            "Stand tall holding a chair back, toes pointing forward.",
            "Lift one leg out to the side without leaning, then lower slowly.",
            "Do all repetitions on one side, then the other.",
        ],
        harder="side-lying-leg-raise",
    ),
    _ex(
        "side-lying-leg-raise", "Side-lying leg raise", _R, ["none"], ["lower_body", "floor"],
        [
            "Lie on your side with your head on your arm, bottom knee bent for support.",
            "Lift the top leg, toes forward, then lower slowly.",
            "Do all repetitions on one side, then roll over.",
        ],
        easier="standing-hip-abduction",
    ),
    # ---------------------------------------------------------------- resistance: arms and back
    _ex(
        "wall-push-up", "Wall push-up", _R, ["none"], ["upper_body"],
        [
            "Stand an arm's length from a wall, hands on it at shoulder height.",
            "Bend your elbows to bring your chest toward the wall, body in one straight line.",
            "Push back to the start.",
        ],
        harder="counter-push-up",
    ),
    _ex(
        "counter-push-up", "Counter push-up", _R, ["none"], ["upper_body"],
        [
            "Place your hands on a sturdy kitchen counter and walk your feet back.",
            "Lower your chest toward the counter with your body in one straight line.",
            "Push back up.",
        ],
        easier="wall-push-up", harder="knee-push-up",
    ),
    _ex(
        "knee-push-up", "Knee push-up", _R, ["none"], ["upper_body", "floor"],
        [
            "Kneel on a mat with your hands under your shoulders.",
            "Keep a straight line from knees to head and lower your chest toward the floor.",
            "Push back up.",
        ],
        easier="counter-push-up",
    ),
    _ex(
        "band-row", "Band row", _R, ["band"], ["upper_body", "upper_back"],
        [
            "Loop a band round a sturdy post or door anchor at chest height.",
            "Stand or sit tall and pull the ends toward your ribs, squeezing your shoulder blades.",
            "Return slowly.",
        ],
        harder="dumbbell-row",
    ),
    _ex(
        "dumbbell-row", "Supported dumbbell row", _R, ["dumbbells", "chair"],
        ["upper_body", "upper_back", "loaded"],
        [
            "Put one hand on a chair seat and hinge at the hips with a long, flat back.",
            "Pull the dumbbell up toward your hip, elbow close to your side.",
            "Lower slowly; keep your trunk still, with no twisting.",
        ],
        easier="band-row",
    ),
    _ex(
        "band-pull-apart", "Band pull-apart", _R, ["band"], ["upper_body", "upper_back"],
        [
            "Stand tall holding a band in front of you at shoulder height, arms straight.",
            "Pull the band apart by squeezing your shoulder blades together.",
            "Return slowly.",
        ],
    ),
    _ex(
        "seated-band-press", "Seated band press", _R, ["band", "chair"], ["upper_body"],
        [
            "Sit tall on a chair, a band under the seat, one end in each hand at shoulder height.",
            "Press your hands up overhead without arching your back, then lower slowly.",
        ],
        harder="seated-overhead-press",
    ),
    _ex(
        "seated-overhead-press", "Seated dumbbell press", _R, ["dumbbells", "chair"],
        ["upper_body", "loaded"],
        [
            "Sit tall on a chair, a dumbbell in each hand at shoulder height.",
            "Press the weights up overhead without arching your back, then lower slowly.",
        ],
        easier="seated-band-press",
    ),
    # ---------------------------------------------------------------- posture
    _ex(
        "chin-tuck", "Chin tucks", _P, ["none"], ["upper_back"],
        [
            "Sit or stand tall and look straight ahead.",
            "Glide your chin straight back, making a double chin, and hold for 3 seconds.",
            "Relax and repeat.",
        ],
    ),
    _ex(
        "shoulder-blade-squeeze", "Shoulder blade squeezes", _P, ["none"], ["upper_back"],
        [
            "Sit or stand tall with your arms relaxed.",
            "Draw your shoulder blades back and down, hold for 3 seconds, then relax.",
        ],
        harder="wall-angel",
    ),
    _ex(
        "wall-angel", "Wall angels", _P, ["none"], ["upper_back"],
        [
            "Stand with your back against a wall, feet a little forward, head toward the wall.",
            "Slide your arms up the wall like a slow snow angel, only as far as is comfortable.",
            "Slide them down again.",
        ],
        easier="shoulder-blade-squeeze",
    ),
    _ex(
        "seated-back-extension", "Seated back extension", _P, ["chair"],
        ["back_extensor", "chair_supported"],
        [
            "Sit toward the front of a chair, feet flat, hands resting on your thighs.",
            "Lengthen your spine and lift your chest, squeezing your shoulder blades back.",
            "Hold for 3 seconds, then relax without slumping.",
        ],
        harder="prone-back-extension",
    ),
    _ex(
        "prone-back-extension", "Lying back extension", _P, ["none"], ["back_extensor", "floor"],
        [
            "Lie face down with a pillow under your hips, arms by your sides.",
            "Lift your head and shoulders a few centimetres, looking at the floor.",
            "Hold for 3 seconds, then lower slowly.",
        ],
        easier="seated-back-extension",
    ),
    # ---------------------------------------------------------------- weight-bearing aerobic
    _ex(
        "march-on-spot", "Marching on the spot", _A, ["none"], [],
        [
            "March on the spot, lifting your knees and swinging your arms.",
            "Keep a chair or counter within reach; talk in full sentences.",
        ],
        harder="brisk-walk", unit=_MIN,
    ),
    _ex(
        "brisk-walk", "Brisk walking", _A, ["none"], [],
        [
            "Walk at a pace where you breathe faster but can still talk.",
            "Stand tall, look ahead and swing your arms.",
        ],
        easier="march-on-spot", harder="nordic-walk", unit=_MIN,
    ),
    _ex(
        "nordic-walk", "Nordic walking", _A, ["none"], ["poles"],
        [
            "Walk briskly with a pole in each hand, planting it beside the opposite foot.",
            "Push back through the poles with a tall trunk.",
        ],
        easier="brisk-walk", unit=_MIN,
    ),
    _ex(
        "stair-climb", "Stair climbing", _A, ["none"], ["stairs"],
        [
            "Walk up and down a flight of stairs at a steady pace, one hand on the rail.",
            "Rest at the bottom whenever you need to.",
        ],
        unit=_MIN,
    ),
    _ex(
        "dancing", "Dancing", _A, ["none"], [],
        [
            "Put on music you like and dance on your feet, stepping side to side and forward.",
            "Keep your spine tall; avoid deep forward bends and fast twisting.",
        ],
        unit=_MIN,
    ),
    # ---------------------------------------------------------------- impact
    _ex(
        "heel-drop", "Heel drops", _I, ["chair"], ["impact_low", "chair_supported"],
        [
            "Hold a counter or chair back and rise onto your toes.",
            "Let your heels drop to the floor with a firm thump, knees soft.",
        ],
        harder="stomp",
    ),
    _ex(
        "stomp", "Stomps", _I, ["none"], ["impact_low"],
        [
            "Stand tall near a counter.",
            "Stomp one foot firmly on the floor, then the other, like squashing a can.",
        ],
        easier="heel-drop", harder="small-jumps",
    ),
    _ex(
        "small-jumps", "Small jumps or hops", _I, ["none"], ["impact_moderate"],
        [
            "Stand near a counter, feet hip-width apart.",
            "Jump a few centimetres off the floor and land softly on both feet, knees bent.",
            "Pause between jumps; stop if anything hurts.",
        ],
        easier="stomp", harder="jump-landing",
    ),
    _ex(
        "jump-landing", "Jump-landing drills", _I, ["none"], ["impact_high", "supervised_only"],
        [
            "Only with an exercise professional present.",
            "Jump up and land with soft knees and hips, trunk upright, then reset.",
        ],
        easier="small-jumps",
    ),
    # ---------------------------------------------------------------- balance
    _ex(
        "weight-shift", "Tai chi style weight shifts", _B, ["chair"], ["chair_supported"],
        [
            "Stand tall holding a chair back, feet a little wider than hips.",
            "Slowly shift your weight to one foot, then the other, like a tai chi move.",
            "Add slow arm movements when you feel steady.",
        ],
        unit=_MIN,
    ),
    _ex(
        "tandem-stance-supported", "Heel-to-toe stand holding a chair", _B, ["chair"],
        ["chair_supported"],
        [
            "Stand beside a counter or chair with one hand on it.",
            "Place one foot directly in front of the other, heel to toe, and hold.",
            "Swap the front foot halfway through.",
        ],
        harder="tandem-stance", unit=_MIN,
    ),
    _ex(
        "tandem-stance", "Heel-to-toe stand", _B, ["none"], [],
        [
            "Stand heel to toe near a counter, hands free but ready.",
            "Hold for up to 30 seconds, then swap the front foot.",
        ],
        easier="tandem-stance-supported", harder="heel-to-toe-walk", unit=_MIN,
    ),
    _ex(
        "heel-to-toe-walk", "Heel-to-toe walk", _B, ["none"], [],
        [
            "Walk along a counter or hallway placing each heel right in front of the other toes.",
            "Look ahead, not at your feet; touch the wall if you wobble.",
        ],
        easier="tandem-stance", unit=_MIN,
    ),
    _ex(
        "single-leg-stance-supported", "Single-leg stand holding a chair", _B, ["chair"],
        ["chair_supported"],
        [
            "Stand beside a chair or counter, one hand resting on it.",
            "Lift one foot a little and hold; then swap legs.",
        ],
        harder="single-leg-stance", unit=_MIN,
    ),
    _ex(
        "single-leg-stance", "Single-leg stand", _B, ["none"], [],
        [
            "Stand on one leg near a counter, hands free but ready.",
            "Hold for up to 30 seconds, then swap legs.",
        ],
        easier="single-leg-stance-supported", unit=_MIN,
    ),
    _ex(
        "side-step", "Side-stepping along a counter", _B, ["none"], ["chair_supported"],
        [
            "Stand facing a kitchen counter, hands lightly on it.",
            "Step sideways along it, feet apart then together, then come back.",
        ],
        unit=_MIN,
    ),
    # ---------------------------------------------------------------- flexibility
    _ex(
        "calf-stretch", "Calf stretch at a wall", _F, ["none"], [],
        [
            "Stand facing a wall with your hands on it, one foot back, heel down.",
            "Lean gently forward with a straight back until you feel the calf stretch.",
            "Hold for 30 seconds, then swap legs.",
        ],
        unit=_MIN,
    ),
    _ex(
        "hamstring-stretch", "Seated hamstring stretch", _F, ["chair"], [],
        [
            "Sit tall at the front of a chair with one leg straight out, heel on the floor.",
            "Hinge forward from the hips with a long back until you feel the stretch.",
            "Do not round your back to reach further; hold for 30 seconds, then swap.",
        ],
        unit=_MIN,
    ),
    _ex(
        "chest-stretch", "Doorway chest stretch", _F, ["none"], [],
        [
            "Stand in a doorway with your forearms on the frame at shoulder height.",
            "Step one foot through until you feel a stretch across your chest; stand tall.",
            "Hold for 30 seconds.",
        ],
        unit=_MIN,
    ),
    # ---------------------------------------------------------------- never prescribed
    _ex(
        "sit-up", "Sit-ups", _R, ["none"], ["spinal_flexion", "floor"],
        [
            "Not used in bonecoach plans: curling up from lying bends the spine under load.",
            "With osteoporosis this can crack a vertebra; bridges and back extensions replace it.",
        ],
    ),
    _ex(
        "crunch", "Crunches", _R, ["none"], ["spinal_flexion", "floor"],
        [
            "Not used in bonecoach plans: lifting the shoulders off the floor flexes the spine.",
            "With osteoporosis this raises the risk of a spine fracture; posture work replaces it.",
        ],
    ),
    _ex(
        "toe-touch", "Standing toe touches", _F, ["none"], ["spinal_flexion"],
        [
            "Not used in bonecoach plans: reaching for the toes rounds the spine forward.",
            "With osteoporosis this can injure a vertebra; a seated hamstring stretch replaces it.",
        ],
        unit=_MIN,
    ),
    _ex(
        "russian-twist", "Seated Russian twist with a weight", _R, ["dumbbells"],
        ["loaded_twisting", "spinal_flexion", "floor", "loaded"],
        [
            "Not used in bonecoach plans: twisting a rounded spine while holding a weight.",
            "With osteoporosis this strains the vertebrae; rows and posture work replace it.",
        ],
    ),
)
# fmt: on

_BY_ID: Mapping[str, Exercise] = MappingProxyType({e.id: e for e in EXERCISES})


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id; a KeyError names the id, so a stale plan is easy to diagnose."""
    try:
        return _BY_ID[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise with id {exercise_id!r} in the library") from None


def by_category(category: str) -> tuple[Exercise, ...]:
    """All exercises of one category, in library order."""
    if category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)} (got {category!r})")
    return tuple(e for e in EXERCISES if e.category == category)


def validate(exercises: Iterable[Exercise]) -> list[str]:
    """Problems in a library (empty when sound): ids, links, categories, tags, equipment, text."""
    items = tuple(exercises)
    problems: list[str] = []
    ids = [e.id for e in items]
    known = set(ids)
    if len(known) != len(ids):
        problems.append("duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    by_id = {e.id: e for e in items}
    for e in items:
        where = f"{e.id}: "
        if not e.id or e.id != e.id.strip().lower() or " " in e.id:
            problems.append(where + "id must be lower-case with no spaces")
        if not e.name:
            problems.append(where + "needs a name")
        if e.category not in CATEGORIES:
            problems.append(where + f"unknown category {e.category!r}")
        if e.unit not in UNITS:
            problems.append(where + f"unknown unit {e.unit!r}")
        if not e.equipment or any(q not in EQUIPMENT for q in e.equipment):
            problems.append(where + f"equipment must be from {EQUIPMENT} (got {e.equipment!r})")
        if "none" in e.equipment and len(e.equipment) > 1:
            problems.append(where + "'none' cannot be combined with other equipment")
        unknown = sorted(e.tags - set(TAGS))
        if unknown:
            problems.append(where + f"unknown tags {unknown}")
        if ("loaded" in e.tags) != bool({"dumbbells", "gym"} & set(e.equipment)):
            problems.append(where + "'loaded' tag must match dumbbell or gym equipment")
        if len(e.tags & set(IMPACT_TAGS)) > 1:
            problems.append(where + "at most one impact tag")
        if (e.category == "impact") != bool(e.tags & set(IMPACT_TAGS)):
            problems.append(where + "impact category and impact tags must go together")
        lines = e.how_to.splitlines()
        if not 2 <= len(lines) <= 4 or any(not line.strip() for line in lines):
            problems.append(where + "how_to must be 2-4 non-empty lines")
        for link, back in (("easier", "harder"), ("harder", "easier")):
            other_id = getattr(e, link)
            if other_id is None:
                continue
            other = by_id.get(other_id)
            if other is None:
                problems.append(where + f"{link} variant {other_id!r} does not exist")
            elif getattr(other, back) != e.id:
                problems.append(where + f"{other_id} should name {e.id} as its {back} variant")
            elif other.category != e.category or other.unit != e.unit:
                problems.append(where + f"{link} variant {other_id} has another category or unit")
    return problems


_PROBLEMS = validate(EXERCISES)
if _PROBLEMS:  # cheap (one pass); a broken library must never reach the planner
    raise RuntimeError("exercise library is inconsistent: " + "; ".join(_PROBLEMS))
