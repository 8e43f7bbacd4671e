"""Calcium and vitamin D: the food table, servings to milligrams, targets and upper limits.

Numbers come from FACTS.md §E-F (USDA FoodData Central per serving; US Food and Nutrition Board
2011). Values marked [check] there live in one named constant so they can be corrected once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from coach.thresholds import (  # targets and upper limits live in one place
    ALCOHOL_UNITS_LIMIT,
    CALCIUM_TARGET_MG,
    CALCIUM_UPPER_LIMIT_MG,
    VITAMIN_D_TARGET_IU,
    VITAMIN_D_UPPER_LIMIT_IU,
)

__all__ = [
    "ALCOHOL_UNITS_LIMIT",
    "CALCIUM_TARGET_MG",
    "CALCIUM_UPPER_LIMIT_MG",
    "FOODS",
    "FOODS_BY_ID",
    "VITAMIN_D_TARGET_IU",
    "VITAMIN_D_UPPER_LIMIT_IU",
    "Food",
    "calcium_from_servings",
    "calcium_verdict",
]

ALMONDS_CALCIUM_MG = 76  # [check] FACTS.md: "almonds 1 oz ~76"
FORTIFIED_PLANT_MILK_MG = 300  # FACTS.md: 300-440 by label; count the low end, read your label


class Food(NamedTuple):
    """A food from the table, with the calcium of one serving."""

    id: str
    name: str
    serving: str
    calcium_mg: int


FOODS: tuple[Food, ...] = (
    Food("yogurt", "plain low-fat yogurt", "8 oz (227 g)", 448),
    Food("tofu", "calcium-set tofu", "1/2 cup", 434),
    Food("plant_milk", "fortified soy or almond milk", "1 cup", FORTIFIED_PLANT_MILK_MG),
    Food("orange_juice", "fortified orange juice", "1 cup", 349),
    Food("sardines", "sardines, canned with bones", "3 oz", 325),
    Food("kefir", "kefir", "1 cup", 317),
    Food("milk", "milk (1%, skim)", "1 cup", 300),
    Food("mozzarella", "mozzarella, part-skim", "1.5 oz", 333),
    Food("cheddar", "cheddar", "1.5 oz", 306),
    Food("collards", "collard greens, cooked", "1 cup", 268),
    Food("greek_yogurt", "Greek yogurt", "8 oz", 261),
    Food("bok_choy", "bok choy, cooked", "1 cup", 185),
    Food("salmon", "canned salmon with bones", "3 oz", 181),
    Food("kale", "kale, cooked", "1 cup", 177),
    Food("white_beans", "white beans, cooked", "1 cup", 161),
    Food("tahini", "tahini", "1 tbsp", 154),
    Food("cottage_cheese", "cottage cheese 1%", "1 cup", 138),
    Food("broccoli", "broccoli, cooked", "1 cup", 62),
    Food("almonds", "almonds", "1 oz", ALMONDS_CALCIUM_MG),
)
FOODS_BY_ID = {food.id: food for food in FOODS}
SPINACH_NOTE = "Spinach is not counted: the body absorbs little of its calcium."
MAX_SERVINGS = 10


def calcium_from_servings(servings: Mapping[str, float]) -> int:
    """Milligrams of calcium in the given servings of foods from the table (rounded)."""
    total = 0.0
    for food_id, count in servings.items():
        if food_id not in FOODS_BY_ID:
            raise KeyError(f"unknown food {food_id!r}; known: {', '.join(FOODS_BY_ID)}")
        if not 0 <= count <= MAX_SERVINGS:
            raise ValueError(f"servings of {food_id} must be from 0 to {MAX_SERVINGS}")
        total += FOODS_BY_ID[food_id].calcium_mg * count
    return round(total)


def calcium_verdict(total_mg: int) -> tuple[str, str]:
    """(level, words) for a day's calcium: "low", "ok" or "high" (above the upper limit)."""
    if total_mg > CALCIUM_UPPER_LIMIT_MG:
        return "high", (
            f"Calcium {total_mg} mg is too much: the upper limit is {CALCIUM_UPPER_LIMIT_MG} mg "
            "a day from food and supplements together; check supplements with your care team."
        )
    if total_mg >= CALCIUM_TARGET_MG:
        return "ok", f"Calcium {total_mg} mg: target of {CALCIUM_TARGET_MG} mg/day reached."
    return "low", (
        f"Calcium {total_mg} mg: {CALCIUM_TARGET_MG - total_mg} mg short of the "
        f"{CALCIUM_TARGET_MG} mg/day target. Food first: yogurt, milk, tofu, sardines."
    )
