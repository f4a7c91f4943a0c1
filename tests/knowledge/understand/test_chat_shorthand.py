"""Chat shorthand for the document types: "VP:n", "vår KU", "KU:n" name a type like "verksamhetsplanen"."""

from __future__ import annotations

import pytest

from knowledge.models import DocType
from tests.knowledge.understand.samples import read


@pytest.mark.parametrize(
    ("question", "doc_type"),
    [
        ("vad står det i VP:n om klarspråk?", DocType.VERKSAMHETSPLAN),
        ("vad skrev vi i vår KU om bemötande?", DocType.KVALITETSUTMARKELSE),
        ("står det nåt i KU:n om väntetider?", DocType.KVALITETSUTMARKELSE),
        ("hur loggar jag in på vpn hemifrån?", None),  # a VPN is not a plan
    ],
)
def test_shorthand_names_the_type(question: str, doc_type: DocType | None) -> None:
    reading = read(question)
    assert reading.doc_type is doc_type
    if doc_type is not None:
        assert not {"VP:n", "KU", "KU:n"} & set(reading.topic.split())
