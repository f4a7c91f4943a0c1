"""Lists written in bullets, short lines or one sentence, and the list and count questions they answer.

The finders are read on plain chunks; the answers come from the real Answerer over a real
SQLite catalog and snapshot (no vector index), as in test_list_topic.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answerer import Answerer
from knowledge.answers.enumerations import (
    asks_count,
    enumerations,
    item_count,
    series_items,
    spelled_alike,
    whole_list,
)
from knowledge.models import Chunk, ChunkKind, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import stem_tokens
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)


def _chunk(text: str, breadcrumb: str = "Plan › Avsnitt", n: int = 0, source: str = "p.txt") -> Chunk:
    return Chunk(id=f"{source}-e{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=breadcrumb)


def _answerer(tmp_path: Path, docs: list[tuple[ParsedDocument, list[tuple[str, str]]]]) -> Answerer:
    """An Answerer over the plans, each with prose chunks given as (breadcrumb, text)."""
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    for parsed, prose in docs:
        src = parsed.meta.source
        extra = [_chunk(text, f"{src} › {crumb}", n, src) for n, (crumb, text) in enumerate(prose)]
        catalog.replace_document(parsed, chunks=chunks_for(parsed) + extra, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


# --- finding the lists ------------------------------------------------------------------------


def test_a_bullet_block_keeps_its_lead_and_its_wrapped_items() -> None:
    text = (
        "Samordningsmöten är främst i form av:\n\n-SIP-möten för planering med vården,\n\n"
        "-Flerpartsmöten med enheten för\n\nsocialpsykiatri och enheten för äldre.\n\n"
        "• Uppföljningsmöten\n\nUtöver detta träffar klienten socialsekreteraren."
    )
    [enum] = enumerations(_chunk(text))
    assert enum.lines and enum.lead == "Samordningsmöten är främst i form av:"
    assert len(enum.items) == 3 and "socialpsykiatri" in enum.items[1]
    assert enum.quote in text and enum.quote.endswith("Uppföljningsmöten")


def test_short_unmarked_lines_under_a_colon_are_a_list_but_prose_is_not() -> None:
    text = (
        "Exempel på aktiviteter för att utveckla kvalitet:\n\nKvalitetsobservationer\nKollegial observation\n"
        "Samarbete med brukarorganisationer\n\nNämnden kommer att nyttja alla möjligheter."
    )
    [enum] = enumerations(_chunk(text))
    assert enum.items == (
        "Kvalitetsobservationer",
        "Kollegial observation",
        "Samarbete med brukarorganisationer",
    )
    prose = "Nämndmål:\n\nInvånarna är självförsörjande och får stöd i tid."
    assert enumerations(_chunk(prose)) == []


def test_a_series_in_a_sentence_counts_its_items() -> None:
    assert series_items("Enheten sorterar plast, metall, glas, matavfall och glödlampor.")[1:] == [
        "metall",
        "glas",
        "matavfall",
        "glödlampor",
    ]
    assert len(series_items("Enheten består av Ekonomiskt bistånd, Beroende samt Resursgruppen vuxna.")) == 3
    # Commas between clauses are no series: the parts are long.
    clauses = (
        "Vi följer upp ekonomin varje månad, vilket ger god kontroll, och rapporterar till nämnden i tid."
    )
    assert series_items(clauses) == []
    assert series_items("Vi arbetar med MI och återhämtning.") == []


def test_item_count_and_count_questions() -> None:
    assert item_count("- Minskad sjukfrånvaro\n- Gynnsam personalomsättning\n- Hot förebyggs") == 3
    assert item_count("Fler unga vuxna avslutas till egen försörjning.") == 0
    assert asks_count("hur manga forvantade resultat finns?") and not asks_count("vilka resultat finns?")


# --- answering from them ------------------------------------------------------------------------

_RESULTS = (
    "Nämndmål: Förvaltningen har en hållbar arbetsmiljö › Förväntat resultat",
    "- Minskad sjukfrånvaro\n- Personalomsättningen är gynnsam\n- Hot och våld förebyggs tidigt",
)
_SORTING = ("Miljö › Arbetssätt", "Enheten sorterar plast, metall, glas, pappersförpackningar och matavfall.")


def test_a_list_question_gets_the_whole_bullet_list_under_the_heading_it_paraphrases(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_RESULTS, _SORTING])])
    answer = answerer.answer("vilka förväntade resultat finns för arbetsmiljön?")
    assert all(item in answer.answer for item in ("Minskad sjukfrånvaro", "gynnsam", "förebyggs tidigt"))
    assert answer.citations[0].quote.startswith("- Minskad sjukfrånvaro")


def test_a_count_question_gets_the_lists_length(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_RESULTS, _SORTING])])
    results = answerer.answer("hur många förväntade resultat har arbetsmiljön?")
    assert "**3**" in results.answer
    sorting = answerer.answer("hur många sorters avfall sorterar enheten?")
    assert "**5**" in sorting.answer and "pappersförpackningar" in sorting.answer


def test_a_list_named_in_several_units_is_asked_about_and_a_named_unit_answers(tmp_path: Path) -> None:
    other = ("Miljö › Arbetssätt", "Enheten sorterar papper, batterier, glas och matavfall.")
    docs = [(plan("eb.txt", UNIT, 2023, []), [_SORTING]), (plan("saa.txt", OTHER_UNIT, 2020, []), [other])]
    answerer = _answerer(tmp_path, docs)
    unnamed = answerer.answer("vad sorterar vi för avfall?")
    assert unnamed.kind == "clarify" and {c.source for c in unnamed.citations} == {"eb.txt", "saa.txt"}
    named = answerer.answer(f"vad sorterar {OTHER_UNIT} för avfall?")
    assert "batterier" in named.answer and named.citations[0].source == "saa.txt"


def test_a_list_about_something_else_does_not_answer(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_RESULTS, _SORTING])])
    answer = answerer.answer("vilka studiecirklar erbjuds brukarna?")
    assert "sjukfrånvaro" not in answer.answer and "plast" not in answer.answer


def test_bullets_that_open_with_the_asked_word_are_a_list_of_it(tmp_path: Path) -> None:
    teams = (
        "Organisation",
        "- Mottagningsgrupp\n- Team 1 arbetar med arbetsföra klienter.\n"
        "- Team 2 (Rehab) har sjukskrivna klienter.\n- Team 4 arbetar med hemlöshet.",
    )
    staff = ("Organisation", "Sammanlagt har teamen 36 socialsekreterare, sju handläggare och en assistent.")
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [teams, staff])])
    answer = answerer.answer("vilka team finns på enheten?")
    assert "Mottagningsgrupp" in answer.answer and "Team 4" in answer.answer
    assert "socialsekreterare" not in answer.answer


def _quoting(quote: str, source: str = "eb.txt", more: int = 0) -> Answer:
    citations = [
        Citation(n=n + 1, source=source, title="Plan", section="Förväntat resultat", quote=quote)
        for n in range(1 + more)
    ]
    return Answer(answer=f"Enligt planen:\n\n{quote} [1]", kind=AnswerKind.PASSAGES, citations=citations)


def test_a_quote_of_some_bullets_is_widened_to_the_whole_list(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_RESULTS])])
    snap = answerer.snapshot()
    ask = read_question("vilka resultat väntas för arbetsmiljön?", snap.metas, TODAY)
    widened = whole_list(snap, ask, _quoting("- Personalomsättningen är gynnsam"))
    assert widened is not None and widened.kind == "list"
    assert "Minskad sjukfrånvaro" in widened.answer and "förebyggs tidigt" in widened.answer
    count = read_question("hur många resultat väntas för arbetsmiljön?", snap.metas, TODAY)
    counted = whole_list(snap, count, _quoting("- Personalomsättningen är gynnsam"))
    assert counted is not None and "**3**" in counted.answer
    # An answer quoting several places, or a question that asks for no list, is kept.
    assert whole_list(snap, ask, _quoting("- Personalomsättningen är gynnsam", more=1)) is None
    single = read_question("vad står det om personalomsättningen?", snap.metas, TODAY)
    assert whole_list(snap, single, _quoting("- Personalomsättningen är gynnsam")) is None


def test_a_list_answer_keeps_its_document_for_an_elliptic_turn_about_another_unit(tmp_path: Path) -> None:
    other = ("Miljö › Arbetssätt", "Enheten sorterar papper, batterier, glas och matavfall.")
    docs = [(plan("eb.txt", UNIT, 2023, []), [_SORTING]), (plan("saa.txt", OTHER_UNIT, 2020, []), [other])]
    answerer = _answerer(tmp_path, docs)
    first = answerer.answer(f"vad sorterar {UNIT} för avfall?")
    assert first.context.source == "eb.txt" and first.context.question
    then = answerer.answer(f"och {OTHER_UNIT}?", first.context)
    assert "batterier" in then.answer and then.citations[0].source == "saa.txt"


def test_a_follow_up_about_the_conversations_subject_is_not_answered_by_a_list(tmp_path: Path) -> None:
    from knowledge.answer import ConversationContext
    from knowledge.answers.enumerations import enumeration_answer
    from knowledge.understand.reading import apply_context

    others = ("Samverkan", "Verksamheten vänder sig till:\n\n- Föräldrar\n- Skolor\n- Föreningar")
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    parsed = plan("eb.txt", UNIT, 2023, [])
    catalog.replace_document(
        parsed, chunks=[*chunks_for(parsed), _chunk(others[1], f"eb.txt › {others[0]}")], path=None
    )
    snap = Snapshot.load(catalog)
    catalog.close()
    asked = read_question("vilka vänder sig verksamheten till?", snap.metas, TODAY)
    assert enumeration_answer(snap, asked, ["eb.txt"]) is not None  # a question of its own gets the list
    # "vilka vänder den sig till?" after an answer about Tora: Tora is the subject, not this list.
    context = ConversationContext(
        unit=UNIT,
        source="eb.txt",
        topic="Tora",
        intent="general",
        question="vad är Tora?",
        section="eb.txt › Tora",
    )
    follow = apply_context(read_question("vilka vänder den sig till?", snap.metas, TODAY), context)
    assert follow.is_followup and "topic" in follow.from_context
    assert enumeration_answer(snap, follow, ["eb.txt"]) is None


def test_sections_are_read_for_lists_once_per_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from knowledge.answers import enumerations as module

    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_RESULTS, _SORTING])])
    snap = answerer.snapshot()
    calls: list[str] = []
    real = module.enumerations

    def counted(chunk: Chunk) -> list[module.Enumeration]:
        calls.append(chunk.id)
        return real(chunk)

    monkeypatch.setattr(module, "enumerations", counted)
    first = module.enumeration_answer(
        snap, read_question("vilka förväntade resultat finns?", snap.metas, TODAY), ["eb.txt"]
    )
    read = len(calls)
    assert first is not None and read >= 2  # both prose sections were read
    again = module.enumeration_answer(
        snap, read_question("hur många sorters avfall sorterar vi?", snap.metas, TODAY), ["eb.txt"]
    )
    assert again is not None and "**5**" in again.answer
    assert len(calls) == read  # the second question read no section again
    # A snapshot caches per chunk and function; a new snapshot starts empty.
    chunk = snap.chunks[0]
    assert snap.derived(chunk, _first_word_of) is snap.derived(chunk, _first_word_of)


def _first_word_of(chunk: Chunk) -> str:
    return chunk.text.split()[0] if chunk.text.split() else ""


def test_a_year_or_an_age_in_a_series_sentence_is_no_stated_count(tmp_path: Path) -> None:
    guides = (
        "Samhällsinformation",
        "Projektet Föreningsguider i samverkan med Midsommargården, Svenska kyrkan, Röda korset och SHIS "
        "fortgår till och med februari 2020.",
    )
    homes = (
        "Verksamhetsbeskrivning",
        "Enheten består av boendestöd, gruppboende, profilboende 55+ och träfflokaler.",
    )
    points = (
        "Beredskap",
        "Stadsdelsnämnden har tre permanenta trygghetspunkter, en samordnare och en beredskapspärm.",
    )
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [guides, homes, points])])
    counted = answerer.answer("hur många föreningar är med i projektet föreningsguider?")
    assert "**4**" in counted.answer and "SHIS" in counted.answer
    assert "**4**" in answerer.answer("hur många verksamheter består enheten av?").answer
    # A sentence that states its count ("tre … trygghetspunkter") is not counted by its commas.
    stated = answerer.answer("hur många trygghetspunkter har stadsdelsnämnden?")
    assert "**3**" not in stated.answer and "tre permanenta trygghetspunkter" in stated.answer


_CUT = "Barns rättigheter"
_LEAD = (
    "Arbetet följs upp varje år. För att säkerställa barns rättigheter kommer enheten att verka för att:",
)
_BULLETS = "- Föra statistik över vräkningar\n- Samarbeta med Familjeenheten\n- Anordna en Barnvecka"


def test_a_list_cut_from_its_lead_by_the_chunker_is_found_by_the_lead(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [(_CUT, _LEAD[0]), (_CUT, _BULLETS)])])
    answer = answerer.answer("hur många saker ska enheten verka för?")
    assert "**3**" in answer.answer and "Barnvecka" in answer.answer
    # A quote of the lead alone is widened to the list that opens the next chunk.
    snap = answerer.snapshot()
    ask = read_question("vilka saker ska enheten verka för?", snap.metas, TODAY)
    lead = "För att säkerställa barns rättigheter kommer enheten att verka för att:"
    widened = whole_list(snap, ask, _quoting(lead))
    assert widened is not None and "Familjeenheten" in widened.answer and "Barnvecka" in widened.answer


def test_a_quote_of_the_sentence_that_announces_a_list_is_widened_to_it(tmp_path: Path) -> None:
    text = f"{_LEAD[0]}\n{_BULLETS}"
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [(_CUT, text)])])
    snap = answerer.snapshot()
    count = read_question("hur många saker ska enheten verka för 2023?", snap.metas, TODAY)
    lead = "För att säkerställa barns rättigheter kommer enheten att verka för att:"
    widened = whole_list(snap, count, _quoting(lead))
    assert widened is not None and "**3**" in widened.answer and "Barnvecka" in widened.answer
    # The sentence before the lead announces nothing.
    assert whole_list(snap, count, _quoting("Arbetet följs upp varje år.")) is None


def test_a_compounds_first_parts_name_the_list_and_a_list_of_things_beats_a_list_of_clauses(
    tmp_path: Path,
) -> None:
    from knowledge.answers.enumerations import _compound_part

    words = {"resurs", "anvandning", "aktivitet", "enhet", "plan"}
    known = words.__contains__
    assert _compound_part("resurs", "resursanvandning", known)  # the first part
    assert _compound_part("anvand", "resursanvandning", known)  # the start of the second part
    assert _compound_part("aktivitet", "aktivitetsenhet", known)  # joined by a linking -s-
    assert not _compound_part("plan", "planering", known)  # "ering" is no word
    clauses = (
        "Redovisning › Resursanvändning",
        "Enheten planerar att utnyttja lokalen på markplan för behandling, och öppna upp för nya "
        "behandlingsformer, och ta emot fler klienter samt utveckla samarbetet med regionen.",
    )
    things = ("Mål 3.1 › Resursanvändning", "Medarbetarnas kompetens, IT-stöd, lokaler och transportmedel.")
    # The parts are words of the corpus: some sentence uses them alone.
    alone = ("Ekonomi", "Användning av lokaler och resurs följs upp.")
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [clauses, things, alone])])
    answer = answerer.answer("vilka resurser använder vi?")
    assert "transportmedel" in answer.answer and "markplan" not in answer.answer


def test_a_count_question_quoting_one_series_gets_its_length(tmp_path: Path) -> None:
    sentence = (
        "Projektet Föreningsguider i samverkan med Midsommargården, Svenska kyrkan, Röda korset och SHIS "
        "fortgår till och med februari 2020."
    )
    stated = "Stadsdelsnämnden har tre trygghetspunkter i Fruängen, Västertorp, Hägersten och Älvsjö."
    texts = [("Nyanlända", f"{sentence} Förvaltningen har fått projektmedel."), ("Beredskap", stated)]
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), texts)])
    snap = answerer.snapshot()
    ask = read_question("hur många organisationer samverkar vi med i föreningsguiderna?", snap.metas, TODAY)
    counted = whole_list(snap, ask, _quoting(f"{sentence} Förvaltningen har fått projektmedel."))
    assert counted is not None and counted.kind == "count" and "**4**" in counted.answer
    # A quote that states its own count, or a list question, keeps the quote.
    points = read_question("hur många trygghetspunkter har nämnden?", snap.metas, TODAY)
    assert whole_list(snap, points, _quoting(stated)) is None
    listed = read_question("vad står det om föreningsguiderna?", snap.metas, TODAY)
    assert whole_list(snap, listed, _quoting(sentence)) is None


def test_names_in_a_series_are_counted_by_a_kind_word_the_documents_use_elsewhere(tmp_path: Path) -> None:
    sentence = (
        "Projektet Föreningsguider i samverkan med Midsommargården, Svenska kyrkan, Röda korset och SHIS "
        "fortgår till och med februari 2020."
    )
    # "organisationer" is a word of the corpus, but not of the series' sentence or headings.
    union = ("Arbetsmiljö", "Enheten samverkar med de fackliga organisationerna.")
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [("Nyanlända", sentence), union])])
    snap = answerer.snapshot()
    ask = read_question("hur många organisationer samverkar vi med i föreningsguiderna?", snap.metas, TODAY)
    counted = whole_list(snap, ask, _quoting(sentence))
    assert counted is not None and counted.kind == "count" and "**4**" in counted.answer


# --- sections written a statement a line ------------------------------------------------------

_JOBLESS = "Mål 1.1 › Enhetsmål: Klienter som har arbetslös som försörjningshinder uppnår självförsörjning"
_FOLLOW_JOBLESS = (
    f"{_JOBLESS} › Uppföljning",
    "Andelen med ekonomiskt bistånd redovisas i verksamhetsberättelsen. Ansvarig: Enhetschef.\n\n"
    "En gång per månad görs kretsgenomgång av bedömningsinstrumenten. Ansvarig: Biträdande enhetschef\n\n"
    "En gång per månad görs uppföljning av förändringsplaner.\n\n"
    "En gång per kvartal säkerställs att överenskommelsen med Jobbtorg följs.",
)
_FOLLOW_SICK = (
    "Mål 1.1 › Enhetsmål: Individer med sjukskrivning uppnår självförsörjning › Uppföljning",
    "Socialsekreterarna redovisar antal samverkansmöten varje månad.\n\n"
    "Biträdande enhetschef följer upp stegförflyttningen var tredje månad.",
)
_WORK_JOBLESS = (
    f"{_JOBLESS} › Arbetssätt",
    "Klienten görs delaktig i sin planering med stöd av förändringsplan som ska vara uppdaterad i samtliga "
    "ärenden och som följs upp av socialsekreteraren tillsammans med klienten vid varje besök på enheten "
    "under hela året så att planeringen alltid är aktuell och klienten vet vad som gäller för henne.",
)


def test_a_section_of_short_statements_is_one_list_under_its_heading() -> None:
    crumb, text = _FOLLOW_JOBLESS
    [enum] = enumerations(_chunk(text, crumb))
    assert enum.paragraphs and enum.lead == "" and len(enum.items) == 4
    assert enum.quote == text
    # Prose of long paragraphs is no list, and a line in lower case continues the one before.
    assert enumerations(_chunk(_WORK_JOBLESS[1])) == []
    wrapped = "Uppföljning sker varje månad och\nredovisas i rapporten.\nStatistik förs på nya ärenden."
    [joined] = enumerations(_chunk(wrapped))
    assert joined.items[0] == "Uppföljning sker varje månad och redovisas i rapporten."
    # Bullets are read as bullets, not as statements.
    [bullets] = enumerations(_chunk(_RESULTS[1]))
    assert not bullets.paragraphs


def test_what_is_followed_up_gets_the_whole_section_of_the_goal_asked_about(tmp_path: Path) -> None:
    sections = [_FOLLOW_JOBLESS, _FOLLOW_SICK, _WORK_JOBLESS]
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), sections)])
    answer = answerer.answer("vad följs upp under målet om klienter som är arbetslösa?")
    assert answer.kind == AnswerKind.LIST
    assert all(part in answer.answer for part in ("kretsgenomgång", "förändringsplaner", "Jobbtorg följs"))
    assert "samverkansmöten" not in answer.answer


def test_a_count_question_does_not_count_a_sections_statements(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_FOLLOW_JOBLESS])])
    answer = answerer.answer("hur många saker följs upp för klienter som är arbetslösa?")
    assert "**4**" not in answer.answer


def test_a_list_the_document_marks_beats_a_section_of_statements(tmp_path: Path) -> None:
    marked = (
        "Mål 3.2 › Beskrivning",
        "Exempel på aktiviteter för att utveckla god kvalitet och innovation:\n\n"
        "Kvalitetsobservationer\nKollegial observation\nSamarbete med brukarorganisationer",
    )
    statements = (
        "Mål 3.2 › Enhetsmål: Verksamheten utvecklar kvalitet och innovation › Arbetssätt",
        "Vi gör studiebesök för att utveckla kvaliteten i våra arbetssätt och metoder.\n"
        "Alla brukare informeras om hur de kan påverka kvalitet och innovation i verksamheten.",
    )
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [statements, marked])])
    answer = answerer.answer("ge exempel på vad vi kan göra för att utveckla kvalitet och innovation")
    assert "Kollegial observation" in answer.answer and "studiebesök" not in answer.answer


def test_a_stem_with_another_inflection_left_by_the_stemmer_is_the_same_word() -> None:
    from knowledge.answers.enumerations import _stems_coverage
    from knowledge.textnorm import query_groups

    groups = query_groups("arbetslösa")
    assert _stems_coverage(groups, frozenset({"arbetslo", "klient"}), lambda _: 1.0) == 1.0
    assert _stems_coverage(groups, frozenset({"arbet", "klient"}), lambda _: 1.0) < 1.0


# --- what kind a list is (answers/enumeration_kinds.py) ----------------------------------------


def test_a_series_introduced_by_an_abbreviation_keeps_its_lead() -> None:
    from knowledge.answers.enumeration_kinds import whole_sentences

    text = (
        "Alla medarbetare.\nUpplysning via myndigheter t.ex. Försäkringskassan, CSN och Pensionsmyndigheten."
    )
    assert whole_sentences(text) == [
        "Alla medarbetare.",
        "Upplysning via myndigheter t.ex. Försäkringskassan, CSN och Pensionsmyndigheten.",
    ]
    [series] = [e for e in enumerations(_chunk(text)) if not e.lines]
    assert "myndigheter" in series.lead and series.items[1:] == ("CSN", "Pensionsmyndigheten")
    # A sentence that merely ends in "ca." after a number is not glued to a new paragraph.
    assert len(whole_sentences("Vi har ca.\n\nNästa stycke börjar här.")) == 2


def test_the_asked_kind_and_compounds_that_name_it() -> None:
    from knowledge.answers.enumeration_kinds import asked_kind, names_kind

    assert asked_kind("hur många slags myndigheter står det att vi får upplysning från?") == "mynd"
    assert asked_kind("vad har vi för metoder?") == "metod"
    assert asked_kind("vad använder vi för verktyg") == "verktyg"
    assert asked_kind("vilka är med i gruppen?") is None and asked_kind("vad står IB för?") is None
    # "för" after "göra" says for whom something is done: no kind is asked.
    assert asked_kind("vad gör vi för barnen o barnrätten?") is None
    # A unit of measure asks for a figure (a duration, a share), not for the items of a list.
    assert asked_kind("inom hur många dagar gör mottagningen en första bedömning?") is None
    assert asked_kind("hur många procent av brukarna är nöjda?") is None
    words = {"arbetsmarknad", "samarbet", "kort"}

    def known(stem: str) -> bool:
        return stem in words

    # A compound names a kind of its last part; a question compound finds the lead's head word.
    assert names_kind("insats", {"arbetsmarknadsinsats"}, known)
    assert names_kind("partner", {"samarbetspartner"}, known)
    assert names_kind("arskort", {"kort"}, lambda s: s == "ars")
    # The rest must be a word of the corpus: "plan" is no part of "planering".
    assert not names_kind("plan", {"planering"}, known) and not names_kind("mal", {"arsmal"}, known)


_AUTHORITIES = (
    "Mål › Resursanvändning",
    "Alla medarbetare på enheten.\nSamverkansparter.\n"
    "Upplysning via myndigheter t.ex. Försäkringskassan, CSN och Pensionsmyndigheten.",
)


def test_a_count_of_a_kind_named_before_an_abbreviation_counts_the_series(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [_AUTHORITIES, _SORTING])])
    answer = answerer.answer("hur många slags myndigheter står det att vi får upplysning från?")
    assert "**3**" in answer.answer and "Pensionsmyndigheten" in answer.answer


def test_a_count_naming_the_lists_kind_needs_only_half_its_words_in_the_list(tmp_path: Path) -> None:
    offers = (
        "Ekonomi › Arbetssätt",
        "Enheten erbjuder följande insatser:\n\n- Budgetrådgivning\n- Boskola\n- Samtalsstöd",
    )
    other = ("Ekonomi › Beskrivning", "Klienterna får stöd i tid.")
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [offers, other, _SORTING, _RESULTS])])
    # "klienterna" is in no list: the lead naming "insatser" places the list (enumeration_kinds).
    answer = answerer.answer("hur många insatser finns för klienterna?")
    assert "**3**" in answer.answer and "Boskola" in answer.answer


def test_items_that_name_the_kind_make_a_list_of_it() -> None:
    from knowledge.answers.enumeration_kinds import members_of_kind

    def known(stem: str) -> bool:
        return stem in {"socialtjanst", "sekretess", "pension"}

    laws = [
        frozenset({"socialtjanstlag", "sol"}),
        frozenset({"sekretesslag"}),
        frozenset({"stad", "riktlinj"}),
    ]
    assert members_of_kind("lag", laws, lambda s: True)
    assert not members_of_kind(
        "mynd", [frozenset({"forsakringskass"}), frozenset({"csn"}), frozenset({"pensionsmynd"})], known
    )


def test_a_pair_after_an_introducer_is_a_list_and_a_pointing_subject_takes_the_sentence_before() -> None:
    from knowledge.answers.enumeration_kinds import introduced_pair, refers_back

    assert introduced_pair("Teamet stöttar brukare med diagnoser såsom autism och ADHD.") == [
        "autism",
        "ADHD",
    ]
    # Without an introducer "och" joins two clauses as often as two items.
    assert introduced_pair("Vi följer upp ekonomin och rapporterar till nämnden.") == []
    text = (
        "Ungdomsmottagningen arbetar för hälsa bland ungdomar. Arbetet sker bland annat genom "
        "psykosociala stödsamtal och förebyggande aktiviteter för grupper."
    )
    [pair] = enumerations(_chunk(text))
    assert pair.items == ("psykosociala stödsamtal", "förebyggande aktiviteter för grupper")
    assert pair.context.startswith("Ungdomsmottagningen arbetar")
    card = "Alla anställda kan köpa ett årskort till simhallen. Kortet gäller för bad, gym och gruppträning."
    [series] = enumerations(_chunk(card))
    assert "årskort" in series.context and series.items == ("Kortet gäller för bad", "gym", "gruppträning")
    assert refers_back("Dessa är tre.", "Vi har mål.")
    assert not refers_back("Enheten sorterar plast, glas och papper.", "Vi har budget i balans.")


def test_a_count_counts_the_asked_kind_not_a_list_that_merely_names_the_subject(tmp_path: Path) -> None:
    parts = (
        "Inledning › Enhetens uppdrag",
        "Enheten är en sammanslagen enhet bestående av verksamhetsområdena Ekonomiskt bistånd, "
        "Beroende samt Resursgruppen vuxna.",
    )
    other = ("Ekonomi › Beskrivning", "Klienterna får stöd i tid.")
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [parts, other, _SORTING])])
    # The list names Resursgruppen but counts parts of the unit, not its clients.
    clients = answerer.answer("hur många klienter har Resursgruppen vuxna?")
    assert "**3**" not in clients.answer
    areas = answerer.answer("hur många verksamhetsområden består enheten av?")
    assert "**3**" in areas.answer
    # A placeholder noun ("saker") names no kind: the list's items are what is counted.
    things = answerer.answer("hur många saker sorterar enheten?")
    assert "**5**" in things.answer


# --- a count counts what the question names ---------------------------------------------------


def test_a_count_of_one_kind_is_not_answered_by_a_list_of_another(tmp_path: Path) -> None:
    areas = (
        "Inledning › Enhetens uppdrag",
        "Enheten är en sammanslagen enhet bestående av verksamhetsområdena Ekonomiskt bistånd, "
        "Beroende samt Resursgruppen vuxna.",
    )
    summer = (
        "Mål 1.1 › Beskrivning",
        "Feriejobben ska förbereda för arbetslivet, ha tydliga arbetsuppgifter, vara av god kvalitet "
        "och tillhandahålla obligatorisk CV-skrivning.",
    )
    priorities = (
        "Inledning › Utvecklingsområden",
        "- Fler klienter ska få en SIP när region och socialtjänst ger insatser.\n"
        "- Arbetet mot hemlöshet utvecklas enligt Bostad först med en egen lägenhet.\n"
        "- Boendestödet ska nå fler personer i egna lägenheter.",
    )
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, []), [areas, summer, priorities])])
    snap = answerer.snapshot()
    # Three areas are no count of clients; four clauses about summer jobs no count of youths;
    # three statements that mention flats no count of emergency flats.
    clients = read_question("hur många klienter har Resursgruppen vuxna?", snap.metas, TODAY)
    assert whole_list(snap, clients, _quoting(areas[1])) is None
    youths = answerer.answer("hur många ungdomar ska få feriejobb enligt målet?")
    assert "**4**" not in youths.answer
    flats = read_question("hur många jourlägenheter har enheten?", snap.metas, TODAY)
    assert whole_list(snap, flats, _quoting("- Boendestödet ska nå fler personer i egna lägenheter.")) is None
    # The same lists answer counts of what they are.
    counted = whole_list(
        snap,
        read_question("hur många verksamhetsområden har enheten?", snap.metas, TODAY),
        _quoting(areas[1]),
    )
    assert counted is not None and "**3**" in counted.answer


def test_what_a_count_may_count_in_a_series() -> None:
    from knowledge.answers.enumerations import holds_counted_kind

    def known(stem: str) -> bool:
        return stem in {"verksamhetsomrad", "forening"}

    def check(kind: str, lead: str, items: list[str], lines: bool = False) -> bool:
        members = tuple(frozenset(stem_tokens(item)) for item in items)
        return holds_counted_kind(kind, frozenset(stem_tokens(lead)), members, lead, items, lines, known)

    # Names joined by a preposition may be counted by any word for them.
    partners = ["i samverkan med Föreningen Midsommargården", "Svenska kyrkan", "Röda korset", "SHIS"]
    assert check("organisation", "Projektet i samverkan med Föreningen Midsommargården", partners)
    # Short things may be counted by a wider word; clauses may not.
    assert check(
        "avfall", "Enheten sorterar plast", ["Enheten sorterar plast", "metall", "glas", "matavfall"]
    )
    clauses = ["ska förbereda för arbetslivet", "ha tydliga arbetsuppgifter", "vara av god kvalitet"]
    assert not check("ungdom", "Feriejobben ska förbereda för arbetslivet", clauses)
    # Bullets count only as what their lead, heading or items name; generic nouns count anything.
    bullets = ["- Fler klienter får en SIP", "- Boendestödet når fler i egna lägenheter"]
    assert not check("jourlagen", "", bullets, lines=True)
    assert check("sak", "", bullets, lines=True)


def test_a_kind_asked_by_its_short_form_is_named_by_a_lead_in_the_long_form(tmp_path: Path) -> None:
    assert "arbetsplatstraff" in spelled_alike("apt")  # thesaurus.tsv: ~ APT|arbetsplatsträff
    meetings = (
        "Övrigt › Medarbetarnas delaktighet",
        "Verksamhetsplanen är behandlad på nedanstående arbetsplatsträffar:\n\n"
        "- NP-teamet, 29 januari\n- Boendestödet, 17 februari\n- Träfflokaler, 26 februari",
    )
    answerer = _answerer(tmp_path, [(plan("saa.txt", OTHER_UNIT, 2020, []), [meetings, _SORTING])])
    answer = answerer.answer("på hur många APT har verksamhetsplanen behandlats?")
    assert answer.kind is AnswerKind.COUNT and "**3**" in answer.answer and "Boendestödet" in answer.answer
