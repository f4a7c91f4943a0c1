"""A question compound the index lacks is covered partly by its head (retrieval/question_heads.py)."""

from __future__ import annotations

from knowledge.retrieval.extract import SYNONYM_CREDIT, stem_coverage
from knowledge.retrieval.question_heads import index_base, index_head, stand_ins, with_heads

VOCAB = frozenset({"kvall", "enkat", "brukar", "tid", "fredag", "rutin"})


def test_the_longest_head_the_index_holds() -> None:
    assert index_head("fredagkvall", VOCAB) == "kvall"
    assert index_head("brukarenkat", VOCAB) == "enkat"


def test_known_stems_and_short_heads_get_none() -> None:
    assert index_head("rutin", VOCAB) is None  # the index holds the word itself
    assert index_head("arbetstid", VOCAB) is None  # "tid" is too short a head
    assert index_head("hund", VOCAB) is None


def test_the_head_earns_the_synonym_credit_only() -> None:
    groups = with_heads([({"fredagkvall"}, set())], VOCAB)
    assert groups == [({"fredagkvall"}, {"kvall"})]
    # Without the head the passage that says "kvällar" covered nothing of the question.
    assert stem_coverage([({"fredagkvall"}, set())], {"kvall"}, lambda s: 1.0) == 0.0
    assert stem_coverage(groups, {"kvall"}, lambda s: 1.0) == SYNONYM_CREDIT


def test_an_adjective_made_from_a_noun_stands_in_for_the_noun() -> None:
    vocab = frozenset({"hot", "vald", "drog"})
    assert index_base("hotfull", vocab) == "hot"
    assert index_base("valdsam", vocab) == "vald"
    assert index_base("drogfri", vocab) == "drog"
    assert index_base("hot", vocab) is None  # known
    assert index_base("fotfull", vocab) is None  # "fot" is not in the index
    assert stand_ins("hotfull", vocab) == {"hot"}
    assert with_heads([({"hotfull"}, set())], vocab) == [({"hotfull"}, {"hot"})]
