"""A compound in the question matched only by its first part in a name earns that part's weight.

"arbetsmiljö" ~ "arbete" (a word of every plan) must not make "Enheten fortsätter arbete med
barnrättsperspektivet" a row about the work environment; "vräkningsförebyggande" ~ "vräkningar"
(a rare word) still counts. Inflections ("feriejobben" ~ "feriejobb") keep their full weight.
"""

from __future__ import annotations

from knowledge.retrieval.scoring import text_score

# Word weights as a corpus gives them: "arbete" is everywhere, the rest are rare.
_IDF = {"arbet": 1.2, "arbetsmiljo": 3.0, "vrakning": 4.6, "vrakningsforebygg": 3.5, "feriejobb": 3.9}


def _idf(word: str) -> float:
    return _IDF.get(word, 5.0)


def test_a_common_first_part_does_not_stand_for_the_compound() -> None:
    generic = text_score("arbetsmiljö", "Enheten fortsätter arbete med barnrättsperspektivet", _idf)
    named = text_score("arbetsmiljö", "Förvaltningen har en hållbar arbetsmiljö", _idf)
    assert generic < 0.4 <= named


def test_a_rare_first_part_and_inflections_keep_their_weight() -> None:
    assert text_score("vräkningsförebyggande", "Färre vräkningar", _idf) >= 0.4
    assert text_score("feriejobben", "Antal platser för feriejobb", _idf) >= 0.4
