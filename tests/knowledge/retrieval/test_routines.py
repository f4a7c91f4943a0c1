"""Routines recognised as structure (knowledge/store/routines.py) and matched by their content
(knowledge/retrieval/routine_match.py)."""

from __future__ import annotations

from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.routine_match import QuestionStem, best_matches, content_share, question_stems
from knowledge.store.routines import find_routines, names_routine, step_blocks
from knowledge.textnorm import stem_tokens
from knowledge.understand.procedure import situation_words

RISKS = (
    "I samband med att verksamhetsplanen tas fram görs också en analys av risker.\n"
    "I workshopform vid APT bidrar alla medarbetare utifrån sin kunskap och sina erfarenheter\n"
    "med att:\n"
    "\n"
    "1. Identifiera, undersöka och kartlägga riskerna som förändringen kan medföra.\n"
    "\n"
    "2. Bedöma hur allvarliga de identifierade riskerna är, vi utgår från följande matris:\n"
    " 3. Utifrån bedömd sannolikhet och konsekvens går vi igenom de uppskattade risknivåerna\n"
    "(R1-R5), åtgärder som behöver vidtas och vem som ansvarar för dem.\n"
    "Risk Riskbedömning Konsekvens Åtgärd Ansvarig\n"
    "Exempel på när vi senast använde modellen var under våren kring lokalplanering: en\n"
    "ombyggnad av receptionen för att skapa fler besöksrum.\n"
)
TOPICS = (
    "Fokusområden för arbetsmiljön:\n"
    "1. Brukardelaktighet\n"
    "2. Regelbunden fortbildning\n"
    "3. Hot och våld och säkerhet\n"
    "Dialog mellan chefsgrupp och skyddsombud."
)
BULLETS = (
    "Förväntat resultat:\n"
    "- Fler klienter går till arbete eller studier under året.\n"
    "- Färre barnfamiljer bor i tillfälligt boende under året.\n"
)


def _section(heading: str, text: str, cid: str = "c1") -> Chunk:
    return Chunk(
        id=cid,
        source="s.txt",
        kind=ChunkKind.SECTION,
        text=text,
        breadcrumb=f"Plan 2024 › Kvalitet › {heading}",
    )


def test_headings_that_name_a_procedure() -> None:
    for heading in (
        "4.1 rutin for akut hemloshet",
        "rutiner vid hot och vald",
        "avvikelserutinen",
        "riktlinjer for dokumentation",
        "arbetsgang vid nya arenden",
        "processen",
        "checklista infor hembesok",
    ):
        assert names_routine(heading), heading
    for heading in ("rutinerad personal", "kvalitetsarbete", "arbetssatt", "forvantat resultat"):
        assert not names_routine(heading), heading


def test_a_named_section_is_one_routine_as_a_whole() -> None:
    chunk = _section("4.2 Rutin för orosanmälan", "En orosanmälan görs samma dag.")
    (routine,) = find_routines(chunk)
    assert routine.named and routine.text(chunk) == chunk.text


def test_a_numbered_block_in_a_longer_section_is_cut_out_with_its_lead_and_wrapped_lines() -> None:
    (span,) = step_blocks(RISKS)
    block = RISKS[span[0] : span[1]]
    assert block.startswith("I workshopform vid APT")  # the lead sentence from its start
    assert "1. Identifiera" in block and "2. Bedöma" in block
    assert block.endswith("vem som ansvarar för dem.")  # step 3's wrapped rest
    assert "Riskbedömning" not in block and "receptionen" not in block
    (routine,) = find_routines(_section("Beskriv hur ni minimerar risker", RISKS))
    assert not routine.named
    assert "receptionen" in routine.described  # the section's prose says what it is for


def test_numbered_topics_and_bullets_are_no_procedure() -> None:
    assert step_blocks(TOPICS) == []  # noun phrases, not steps someone takes
    assert find_routines(_section("Förväntat resultat", BULLETS)) == ()
    assert step_blocks("1. Ring brukaren direkt och fråga hur det är.\nSedan inget mer.") == []


def test_situation_words_keep_the_telling_and_drop_the_frame() -> None:
    words = situation_words("Hej! En brukare vill klaga på oss, hur går det till från början till slut?")
    assert "klaga" in words and "brukare" in words
    assert not {"hej", "hur", "gar", "borjan", "slut", "oss"} & set(words)


def _stems(words: list[str]) -> list[QuestionStem]:
    vocabulary = frozenset(stem_tokens(RISKS)) | {"kvall", *stem_tokens("telefonen")}
    return question_stems(
        words,
        lambda w: tuple(stem_tokens(w)) + (("kvall",) if w.endswith("kvall") else ()),
        vocabulary,
        lambda s: (),
        frozenset(stem_tokens("Försörjningsstödsenheten Hässelby-Vällingby")),
    )


def test_question_stems_leave_out_unknown_words_and_place_names() -> None:
    found = {
        q.stem: q.alternatives for q in _stems(["snabbfraga", "riskerna", "forsorjningsstod", "fredagkvall"])
    }
    assert "risk" in found  # a word of the corpus
    assert "kvall" in found["fredagkvall"]  # an unknown compound counts through its known head
    assert "snabbfrag" not in found  # no document uses it: no evidence either way
    assert "forsorjningsstod" not in found  # it names the unit, which chooses the document


def test_a_routine_matches_by_its_whole_content_not_its_title() -> None:
    (routine,) = find_routines(chunk := _section("Beskriv hur ni minimerar risker", RISKS))
    present = frozenset(stem_tokens(routine.described))
    # "receptionen" is only in the section's prose around the steps; the heading has neither
    # word. "telefonen" is a corpus word the routine lacks: the majority still holds.
    question = _stems(["receptionen", "riskerna", "telefonen"])
    share, shared = content_share(question, present, lambda s: 1.0)
    assert shared == 2 and abs(share - 2 / 3) < 1e-9
    (match,) = best_matches([(routine, chunk, present)], question, lambda s: 1.0)
    assert match.routine is routine
    # One shared word is a topic, not the same situation.
    assert best_matches([(routine, chunk, present)], _stems(["riskerna"]), lambda s: 1.0) == []
