"""The FHIR export writes bytes straight from the encoder when they are plain ASCII; whatever a
value holds, the bytes are exactly the printable text the other exports write."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.outputs import dumps_many, dumps_many_bytes

TEXTS = st.text(
    alphabet=st.sampled_from(["a", "é", "\x7f", "\x1b", "\n", "\u202e", "\u0085", '"', "\\"]),
    max_size=8,
)


@given(
    st.lists(
        st.dictionaries(TEXTS, st.one_of(TEXTS, st.integers(-(2**53), 2**53)), max_size=3),
        max_size=4,
    )
)
def test_bytes_are_the_printable_text(values: list[dict[str, object]]) -> None:
    assert dumps_many_bytes(values) == dumps_many(values).encode("utf-8")


def test_delete_and_controls_never_get_out() -> None:
    out = dumps_many_bytes([{"note": "a\x7fb\x1b[2J"}])
    assert b"\x7f" not in out and b"\x1b" not in out


def test_fhir_ids_are_uuid5_of_the_project_namespace() -> None:
    import uuid

    from coach import fhir

    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, "bonecoach.example")
    assert namespace == fhir._NAMESPACE
    for parts in (("patient",), ("observation", "pain", "2026-01-02"), ("é", "✓")):
        assert fhir._uuid(*parts) == str(uuid.uuid5(namespace, "/".join(parts)))
