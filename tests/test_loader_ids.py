"""The whole-table id check (issue 15: 30 years of ids at C speed, without a regular
expression's stack) says "all canonical" exactly when every id, taken alone, is one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.loader import _canonical_ids, day_ordinals, ids_in_day_order

_IDS = st.lists(
    st.one_of(
        st.integers(0, 10**10).map(str),
        st.text(alphabet="0123456789\n ٣²", max_size=8),
    ),
    max_size=6,
)


def _day_shaped(doc_id: str) -> bool:
    return len(doc_id) == 6 and doc_id.isascii() and doc_id.isdigit()


def _number_shaped(doc_id: str) -> bool:
    digits = doc_id.isascii() and doc_id.isdigit()
    return digits and 1 <= len(doc_id) <= 9 and not doc_id.startswith("0")


@given(_IDS)
def test_the_whole_table_check_agrees_with_each_id(ids: list[str]) -> None:
    assert _canonical_ids("checkins", ids) == (bool(ids) and all(map(_day_shaped, ids)))
    assert _canonical_ids("sessions", ids) == (bool(ids) and all(map(_number_shaped, ids)))


@given(_IDS)
def test_day_order_and_day_numbers_leave_nothing_odd_in(ids: list[str]) -> None:
    ordered = ids_in_day_order(ids)
    if ordered is not None:
        assert ordered == sorted(ids, key=int)
        assert sorted(day_ordinals(ids)) == [int(i) for i in ordered]
