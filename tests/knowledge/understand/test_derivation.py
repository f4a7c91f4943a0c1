"""Corpus word families by derivation: a question's "klagar" meets the plan's "klagomål"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answerer import Answerer
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.embedder import Embedder
from knowledge.retrieval.extract import group_coverage
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, query_groups
from knowledge.understand.derivation import (
    Derivations,
    current,
    expansions,
    related,
    roots,
    using,
    widen_groups,
)
from tests.support.builders import parsed_plan


def _idf(stem: str) -> float:
    return 1.0


# A hand-built corpus vocabulary (stems as the lexical index holds them).
CORPUS = Derivations.from_stems(
    [
        "klagomal",  # klagomål (nobody in the plan "klagar")
        "utredning",
        "utred",  # utredning and utreds both
        "anmalning",
        "implementering",
        "stor",
        "storning",  # stor (big) and störning (disturbance) fold alike
        "egen",
        "egenskap",
        "boendestod",
        "stod",
        "boend",
        "energianvandning",
        "energi",
        "anvand",
        "sjukfranvaro",
        "mentorskap",
        "2023",
    ]
)


def test_the_rules_cut_derived_nouns_to_their_verb_roots() -> None:
    assert "utred" in roots("utredning")  # (and "utredn", by -ing: a root no corpus holds)
    assert roots("klagomal") == {"klag"}
    assert roots("anmalan") == {"anmal"}
    assert "informer" in roots("information")
    assert "introducer" in roots("introduktion")
    assert roots("medarbetarskap") == set()  # -skap makes another noun, not another form


def test_short_roots_are_not_cut_where_unrelated_words_meet() -> None:
    assert roots("ledning") == set()  # not "led"
    assert "stor" not in roots("storning")  # störning is no stor
    assert "egen" not in roots("egenskap")
    assert "dokument" not in roots("dokumentation")  # the verb root only ("dokumenter")


def test_a_question_verb_meets_the_corpus_noun_and_back() -> None:
    assert CORPUS.family("klag") == {"klagomal"}  # "klagar": the question attests the root
    assert CORPUS.family("utred") == {"utredning"}
    assert CORPUS.family("utredning") == {"utred"}
    assert CORPUS.family("anmal") == {"anmalning"}  # "anmäla"


def test_two_derived_forms_meet_only_through_a_long_root() -> None:
    assert CORPUS.family("implementation") == {"implementering"}  # root implementer
    assert CORPUS.family("anmalan") == frozenset()  # anmal is short and not in the corpus


def test_no_family_for_short_or_unrelated_words() -> None:
    assert CORPUS.family("stor") == frozenset()
    assert CORPUS.family("egen") == frozenset()
    assert CORPUS.family("led") == frozenset()


def test_an_inflection_the_stemmer_left_is_taken_off_when_the_corpus_has_the_shorter_stem() -> None:
    assert "sjukfranvaro" in CORPUS.family("sjukfranvaron")


def test_two_question_words_meet_the_corpus_compound_of_them() -> None:
    assert CORPUS.joined("stod", "boendet") == {"boendestod"}  # "stöd i boendet"
    assert CORPUS.joined("energi", "anvand") == {"energianvandning"}  # head by its verb root
    assert CORPUS.joined("stod", "energi") == frozenset()


def test_related_words_of_a_question() -> None:
    found = {r.stem: r.stems for r in related("vad gör vi när folk klagar på stödet i boendet?", CORPUS)}
    assert found["klag"] == {"klagomal"}
    assert "boendestod" in found["stod"]
    assert "boendestod" in found["boendet"]


def test_compound_words_must_stand_near_each_other() -> None:
    far = "stöd är viktigt och vi vill alltid och ofta prata om boendet"
    assert not any("boendestod" in r.stems for r in related(far, CORPUS))


def test_two_coordinated_words_are_two_things_not_a_compound() -> None:
    assert any("boendestod" in r.stems for r in related("boende med stöd", CORPUS))
    assert not any("boendestod" in r.stems for r in related("boende och stöd", CORPUS))
    assert not any("boendestod" in r.stems for r in related("boende o stöd", CORPUS))


def test_expansions_are_corpus_words_not_already_in_the_question() -> None:
    assert expansions("hur gör vi när nån klagar?", CORPUS) == ["klagomal"]
    assert expansions("hur hanterar vi klagomål?", CORPUS) == []
    # A noun is not widened to its verb root for the search (the plans write nouns) ...
    assert expansions("vem gör utredningen?", CORPUS) == []
    assert expansions("vem utreder?", CORPUS) == ["utredning"]
    assert expansions("hur gör vi när nån klagar?", Derivations()) == []


def test_groups_give_the_family_full_credit_and_fold_the_appended_form() -> None:
    groups = [({"klag"}, set()), ({"klagomal"}, set())]
    widened = widen_groups(groups, "klagar klagomal", CORPUS)
    assert widened == [({"klag", "klagomal"}, set())]


def test_expand_query_and_coverage_use_the_current_corpus_families() -> None:
    question = "när invånarna klagar"
    passage = "Inkomna klagomål från invånarna hanteras enligt rutin."
    assert "klagomal" not in expand_query(question)  # outside an answer: no corpus
    before = group_coverage(query_groups(expand_query(question)), passage, _idf)
    with using(CORPUS):
        expanded = expand_query(question)
        assert "klagomal" in expanded
        after = group_coverage(query_groups(expanded), passage, _idf)
    assert after > before
    assert after == 1.0  # the appended form is no topic word of its own


def test_a_snapshot_derives_the_families_of_its_documents_words(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "db.sqlite3")
    text = "Enheten hanterar inkomna klagomål. Boendestöd ges av medarbetarna."
    chunk = Chunk(id="a-0", source="a.txt", kind=ChunkKind.SECTION, text=text, breadcrumb="Kvalitet")
    catalog.replace_document(parsed_plan("a.txt", 2023), [chunk], None)
    snap = Snapshot.load(catalog)
    assert snap.derivations.family("klag") == {"klagomal"}  # the question's "klagar"
    again = Snapshot.load(catalog, previous=snap)
    # Same words: the families are not derived again (only the phrase check is this snapshot's).
    assert again.derivations.by_root is snap.derivations.by_root
    assert again.derivations.attested is not snap.derivations.attested
    catalog.close()


def test_the_answerer_answers_with_its_snapshots_families(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(tmp_path / "db.sqlite3")
    chunk = Chunk(
        id="a-0", source="a.txt", kind=ChunkKind.SECTION, text="Inkomna klagomål hanteras.", breadcrumb="K"
    )
    catalog.replace_document(parsed_plan("a.txt", 2023), [chunk], None)
    snap = Snapshot.load(catalog)
    seen: list[Derivations] = []

    def answer_in(self: Answerer, snap: Snapshot, text: str, *rest: object) -> Answer:
        seen.append(current())
        return Answer(answer="", kind=AnswerKind.NOT_FOUND, context=ConversationContext())

    monkeypatch.setattr(Answerer, "_answer_in", answer_in)
    Answerer(lambda: snap, cast(Embedder, None), None).answer("hur hanterar ni det när folk klagar?")
    assert seen and seen[0] is snap.derivations
    assert not current()  # only while answering
    catalog.close()


# Stems as the lexical index holds them: "meddelanden" stems to meddel.
PARTS_STEMS = ["avhysning", "meddel", "medarbetar", "engagemang", "stod"]


def _phrases(*pairs: tuple[str, str]) -> Derivations:
    written = {frozenset(p) for p in pairs}
    return replace(Derivations.from_stems(PARTS_STEMS), attested=lambda a, b: frozenset((a, b)) in written)


def test_an_unknown_question_compound_is_cut_into_parts_the_corpus_writes_as_a_phrase() -> None:
    corpus = _phrases(("avhysning", "meddel"))
    # "avhysningsmeddelandena": the linking -s off the modifier, the head stemmed as the plan's word.
    assert corpus.parts("avhysningsmeddelanden") == {"avhysning", "meddel"}
    # Both parts are corpus stems, but the corpus never writes them together.
    assert corpus.parts("medarbetarengagemang") == frozenset()
    assert corpus.parts("avhysning") == frozenset()  # a corpus word is not cut
    assert corpus.parts("avhysningsblankett") == frozenset()  # the head is no corpus word
    # Without a phrase check (a table built from stems alone) nothing is cut.
    assert Derivations.from_stems(PARTS_STEMS).parts("avhysningsmeddelanden") == frozenset()


def test_the_parts_are_searched_but_not_counted_as_the_word() -> None:
    corpus = _phrases(("avhysning", "meddel"))
    question = "hur manga avhysningsmeddelandena ska vi stoppa?"  # stems to avhysningsmeddelanden
    found = {r.stem: r for r in related(question, corpus)}
    assert found["avhysningsmeddelanden"].parts == {"avhysning", "meddel"}
    assert found["avhysningsmeddelanden"].stems == frozenset()
    assert set(expansions(question, corpus)) == {"avhysning", "meddel"}
    # The appended parts fold into the compound's group instead of becoming topic words.
    groups = [({"avhysningsmeddelanden"}, set()), ({"avhysning"}, set()), ({"meddel"}, set())]
    assert widen_groups(groups, "avhysningsmeddelandena avhysning meddelanden", corpus) == [
        ({"avhysningsmeddelanden"}, set())
    ]


def test_a_snapshot_attests_phrases_from_its_chunks(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "db.sqlite3")
    near = "Andel meddelanden om avhysning som kunnat avvärjas."
    far = "Medarbetarna trivs. Vi har många möten och mycket arbete varje vecka. Engagemang krävs."
    chunks = [
        Chunk(id="a-0", source="a.txt", kind=ChunkKind.SECTION, text=near, breadcrumb="Boende"),
        Chunk(id="a-1", source="a.txt", kind=ChunkKind.SECTION, text=far, breadcrumb="Arbetsmiljö"),
    ]
    catalog.replace_document(parsed_plan("a.txt", 2023), chunks, None)
    attested = Snapshot.load(catalog).derivations.attested
    assert attested is not None
    assert attested("avhysning", "meddel") and attested("meddel", "avhysning")
    assert not attested("medarbet", "engagemang")  # in one chunk, but sentences apart
    assert not attested("avhysning", "engagemang")  # never in one chunk
    catalog.close()
