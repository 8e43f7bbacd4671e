"""Add up calcium from servings of common foods (FACTS.md §F), for the check-in's food field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from coach.nutrition import (
    CALCIUM_TARGET_MG,
    FOODS,
    MAX_SERVINGS,
    SPINACH_NOTE,
    calcium_from_servings,
)
from screens.widgets.footer import KeysFooter

STEP = 1.0


class FoodPickerScreen(ModalScreen[int | None]):
    """↑/↓ choose a food, +/- (or →/←) change servings, Enter uses the total, Esc cancels."""

    DEFAULT_CSS = """
    FoodPickerScreen { align: center middle; }
    FoodPickerScreen > Vertical {
        width: 74; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    FoodPickerScreen DataTable { height: 1fr; }
    FoodPickerScreen #food-total { height: auto; text-style: bold; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("plus,right,equals_sign", "change(1)", "+ serving", id="food-more"),
        Binding("minus,left", "change(-1)", "- serving", id="food-less"),
        Binding("enter", "use", "Use total", id="food-use", priority=True),
        Binding("escape", "cancel", "Cancel", id="food-cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.servings: dict[str, float] = {food.id: 0.0 for food in FOODS}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Calcium from food[/b] — +/- servings, Enter uses the total")
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=False, id="foods")
            table.add_column("Servings", key="servings", width=8)
            table.add_column("Food", key="food")
            table.add_column("mg", key="mg")  # before the serving: never the column cut off
            table.add_column("Serving", key="serving")
            for food in FOODS:
                table.add_row("0", food.name, str(food.calcium_mg), food.serving, key=food.id)
            yield table
            yield Static(id="food-total")
            yield Static(SPINACH_NOTE, classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_total()

    def total(self) -> int:
        return calcium_from_servings(self.servings)

    def _show_total(self) -> None:
        total = self.total()
        self.query_one("#food-total", Static).update(
            f"Total from food: {total} mg (daily target {CALCIUM_TARGET_MG} mg from food and "
            "supplements together)"
        )

    def action_change(self, direction: int) -> None:
        table = self.query_one("#foods", DataTable)
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        food_id = str(row_key.value)
        count = min(MAX_SERVINGS, max(0.0, self.servings[food_id] + direction * STEP))
        self.servings[food_id] = count
        table.update_cell(row_key, "servings", f"{count:g}")
        self._show_total()

    def action_use(self) -> None:
        self.dismiss(self.total())

    def action_cancel(self) -> None:
        self.dismiss(None)
