"""What a whole is made of: composition questions and the sentences that state a whole's parts.

The cue table and the verb finder are read on plain text; the answers come from the real
Answerer over a real SQLite catalog and snapshot (no vector index), as in test_enumerations.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from knowledge.answer import AnswerKind
from knowledge.answerer import Answerer
from knowledge.answers.composition import (
    Role,
    composition_answer,
    cue_table,
    parse,
    read_composition,
    verb_span,
)
from knowledge.models import Chunk, ChunkKind, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)

_PARTS = (
    "Inledning › Verksamhetsbeskrivning",
    "Enheten består av boendestöd, träfflokaler, gruppboende och sysselsättning. "
    "Boendestödet består av 13 medarbetare, 7 kvinnor och 6 män.",
)
_TEAMS = ("Inledning › Organisation", "Enheten är uppdelad på fyra team med var sin samordnare.")
_BOARD = (
    "Inledning › Ledning",
    "Ledningsgruppen består av enhetschef, biträdande enhetschef och controller.",
)
_HOME = ("Inledning › Gruppboende", "Gruppboendet består av tre våningsplan med sammanlagt 22 brukare.")


def _snapshot(tmp_path: Path, docs: list[tuple[ParsedDocument, list[tuple[str, str]]]]) -> Snapshot:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    for parsed, prose in docs:
        src = parsed.meta.source
        extra = [
            Chunk(
                id=f"{src}-c{n}", source=src, kind=ChunkKind.SECTION, text=text, breadcrumb=f"{src} › {crumb}"
            )
            for n, (crumb, text) in enumerate(prose)
        ]
        catalog.replace_document(parsed, chunks=chunks_for(parsed) + extra, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    return snap


def _answerer(snap: Snapshot) -> Answerer:
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


def _one_unit(tmp_path: Path) -> Snapshot:
    return _snapshot(tmp_path, [(plan("saa.txt", OTHER_UNIT, 2020, []), [_PARTS, _TEAMS, _BOARD, _HOME])])


# --- the cue table and the verb ------------------------------------------------------------------


def test_the_packaged_table_has_verbs_parts_and_groups() -> None:
    roles = {cue.role for cue in cue_table()}
    assert roles == {Role.VERB, Role.PART, Role.GROUP}
    assert any(cue.words == ("bestar", "av") for cue in cue_table())


def test_a_malformed_line_is_refused() -> None:
    with pytest.raises(ValueError, match="rad 2"):
        parse("verb\tbestår av\nsubstantiv\tdelar")
    with pytest.raises(ValueError, match="ingen fras"):
        parse("part\t ")


def test_the_verb_phrase_must_stand_together() -> None:
    sentence = "Stöd- och aktivitetsenheten består av boendestöd och träfflokaler."
    span = verb_span(sentence)
    assert span is not None and sentence[span[0] : span[1]] == "består av"
    assert verb_span("Stödet består till stor del av att strukturera vardagen.") is None
    merged = "Enheten är en sammanslagen enhet bestående av tre områden."
    found = verb_span(merged)
    assert found is not None and merged[found[0] : found[1]] == "sammanslagen"


# --- reading the question ------------------------------------------------------------------------


def test_a_question_with_the_converse_verb_or_a_word_for_parts_is_a_composition_question(
    tmp_path: Path,
) -> None:
    snap = _one_unit(tmp_path)

    def read(question: str) -> object:
        return read_composition(snap, read_question(question, snap.metas, TODAY))

    ingar = read("vilka verksamheter ingår i enheten?")
    assert ingar is not None and not ingar.counting and ingar.part_kind and ingar.whole == []
    teams = read("hur många team har vi?")
    assert teams is not None and teams.counting and teams.kind == "team" and not teams.part_kind
    board = read("vilka ingår i ledningsgruppen?")
    assert board is not None and board.kind is None and board.unnamed
    assert read("vilka lagar styr oss?") is None
    assert read("hur många brukare bor på gruppboendet?") is None


# --- answering -----------------------------------------------------------------------------------


def test_the_units_parts_answer_what_is_in_it(tmp_path: Path) -> None:
    answer = _answerer(_one_unit(tmp_path)).answer("vilka verksamheter ingår i enheten?")
    assert answer.kind is AnswerKind.LIST
    assert "träfflokaler" in answer.answer and "sysselsättning" in answer.answer
    assert "13 medarbetare" not in answer.answer  # the part's own staff is not the unit's parts


def test_a_count_takes_the_stated_number_or_the_series_length(tmp_path: Path) -> None:
    answerer = _answerer(_one_unit(tmp_path))
    teams = answerer.answer("hur många team är enheten uppdelad i?")
    assert teams.kind is AnswerKind.COUNT and "fyra team" in teams.answer
    parts = answerer.answer("hur många delar består enheten av?")
    assert parts.kind is AnswerKind.COUNT and "**4**" in parts.answer and "gruppboende" in parts.answer


def test_a_named_whole_is_found_by_its_subject(tmp_path: Path) -> None:
    answer = _answerer(_one_unit(tmp_path)).answer("vilka ingår i ledningsgruppen?")
    assert "controller" in answer.answer and "träfflokaler" not in answer.answer


def test_a_statement_that_names_another_kind_or_no_parts_does_not_answer(tmp_path: Path) -> None:
    snap = _one_unit(tmp_path)

    def answer(question: str) -> object:
        return composition_answer(snap, read_question(question, snap.metas, TODAY), ["saa.txt"])

    # "tre våningsplan" counts no apartments.
    assert answer("hur många lägenheter består gruppboendet av?") is None
    # "uppdelad på fyra team" counts the teams but does not name them.
    assert answer("vilka team är enheten uppdelad i?") is None


def test_with_no_unit_named_each_units_parts_are_offered(tmp_path: Path) -> None:
    other = ("Inledning › Organisation", "Enheten består av mottagning, utredning, uppföljning och FUT.")
    docs = [(plan("eb.txt", UNIT, 2023, []), [other]), (plan("saa.txt", OTHER_UNIT, 2020, []), [_PARTS])]
    answerer = _answerer(_snapshot(tmp_path, docs))
    unnamed = answerer.answer("vilka delar består enheten av?")
    assert unnamed.kind == "clarify" and {c.source for c in unnamed.citations} == {"eb.txt", "saa.txt"}
    named = answerer.answer(f"vilka delar består {OTHER_UNIT} av?")
    assert "träfflokaler" in named.answer and {c.source for c in named.citations} == {"saa.txt"}
