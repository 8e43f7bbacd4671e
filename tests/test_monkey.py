"""The monkey test: hypothesis sends random keys, bursts and pastes across every screen and
dialog, at least 20,000 keys in all; no crash, the data file still loads, and nothing was
saved that was not confirmed (see ``monkey.py``). ``benchmarks/monkey_run.py`` runs it longer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from monkey import ALL_KEYS, PASTES, Burst, Paste, run

MIN_KEYS = 20_000
EXAMPLES = 72

keys = st.sampled_from(ALL_KEYS)
bursts = st.lists(keys, min_size=4, max_size=16).map(lambda k: Burst(tuple(k)))
pastes = st.one_of(st.sampled_from(PASTES), st.text(max_size=80)).map(Paste)
# about one action in ten is a paste
action = st.integers(0, 9).flatmap(lambda n: pastes if n == 0 else bursts)
actions = st.lists(action, min_size=40, max_size=60)


def test_monkey_keys_and_pastes_everywhere() -> None:
    total = {"keys": 0, "pastes": 0, "runs": 0}
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,  # seeded: the same sequences every run, so a failure reproduces
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(sequence=actions, with_profile=st.booleans())
    def run_one(sequence: list[Burst | Paste], with_profile: bool) -> None:
        with tempfile.TemporaryDirectory() as folder:
            outcome = run(Path(folder) / "data.json", sequence, with_profile=with_profile)
        total["keys"] += outcome.keys
        total["pastes"] += outcome.pastes
        total["runs"] += 1
        if not outcome.ok:
            failures.append(
                f"crash={outcome.crash} at {outcome.where} unconfirmed={outcome.unconfirmed} "
                f"unreadable={outcome.unreadable} last={outcome.last_actions}"
            )
        assert outcome.ok, failures[-1]

    run_one()
    print(
        f"\nmonkey: {total['runs']} runs, {total['keys']} keys, {total['pastes']} pastes, "
        f"{len(failures)} failures"
    )
    assert total["keys"] >= MIN_KEYS
