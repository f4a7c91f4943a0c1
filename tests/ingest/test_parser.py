"""Parser: golden outputs for the samples, and made-up snippets for what the samples do not show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from ingest.parser import MetaOverrides, load_sidecar, parse
from ingest.parser.ocr import ocr_damage, repair
from ingest.parser.text import fold, parse_date, parse_number
from ingest.readers import read_document
from ingest.readers.base import Line, RawDocument
from ingest.readers.text import lines_from_text, read_text
from knowledge.models import DocType, ParsedDocument
from tests.golden.regen import golden_path, parsed_json, sample_paths
from tests.support.render import pdf_safe, render_docx, render_pdf


def _doc(text: str, source: str = "plan.txt") -> RawDocument:
    return RawDocument(source=source, path=Path(source), content_hash="h", lines=lines_from_text(text))


def _parse(text: str, overrides: MetaOverrides | None = None) -> ParsedDocument:
    return parse(_doc(text), overrides)


# --- golden files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.name)
def test_sample_matches_golden(sample: Path) -> None:
    expected = json.loads(golden_path(sample).read_text(encoding="utf-8"))
    actual = parsed_json(sample)
    for part in ("meta", "goals", "indicators", "activities", "outcomes", "glossary", "warnings", "sections"):
        assert actual[part] == expected[part], f"{sample.name}: {part} differs (run tests/golden/regen.py?)"
    assert actual == expected


def test_every_sample_has_a_golden_file() -> None:
    assert sample_paths(), "no samples found"
    for sample in sample_paths():
        assert golden_path(sample).exists(), f"missing golden file for {sample.name}"


# --- a plan of another unit, year and layout ----------------------------------------------------------

PLAN = """Verksamhetsplan 2024 för Hemtjänsten Norr

Bromma stadsdelsförvaltning
2024-01-15

Inledning

Hemtjänsten Norr ger stöd till äldre som bor hemma. Vi samarbetar med Kungsholmen ibland.

KF:s inriktningsmål:

2. Ett Stockholm där äldre lever ett tryggt liv

KF:s mål för verksamhetsområdet:

2.3. Äldre får god vård och omsorg

Periodicitet\tIndikator\tKF:s årsmål 2024\tÅrsmål
Tertial\tAndel brukare som är nöjda med hemtjänsten\t90 %\tTas fram av nämnd
År\tAndel brukare som är nöjda med hemtjänsten\t\t88 %
Tertial\t♀ Antal hembesök per brukare\t\t12 st
\tAntal fallolyckor\t\t0

Nämndmål:

Äldre i stadsdelsområdet känner sig trygga

Beskrivning

Nämnden arbetar för trygghet i hela Bromma.

Förväntat resultat

Fler äldre känner sig trygga.

Aktivitet\tSlutdatum\tStartdatum
Utbilda personal i fallprevention\t31 december 2024\t2024-02-01

*Enhetsmål: Brukarna får kontinuitet i hemtjänsten*

Arbetsätt

Varje brukare har en fast kontaktperson.

Uppföljning

Kontinuiteten följs upp varje månad.

Övrigt

Planen har tagits fram tillsammans med medarbetarna.
"""


def test_plain_plan_meta() -> None:
    meta = _parse(PLAN).meta
    assert meta.type == DocType.VERKSAMHETSPLAN
    assert meta.title == "Verksamhetsplan 2024 för Hemtjänsten Norr"
    assert (meta.unit, meta.district, meta.year) == ("Hemtjänsten Norr", "Bromma", 2024)


def test_goal_chain_with_labels_on_their_own_lines() -> None:
    goals = _parse(PLAN).goals
    assert [(g.key, g.level, g.number, g.parent_key) for g in goals] == [
        ("g1", GoalLevel.KF_INRIKTNINGSMAL, "2", None),
        ("g2", GoalLevel.KF_MAL, "2.3", "g1"),
        ("g3", GoalLevel.NAMNDMAL, None, "g2"),
        ("g4", GoalLevel.ENHETSMAL, None, "g3"),
    ]
    assert goals[1].title == "Äldre får god vård och omsorg"
    assert goals[2].title == "Äldre i stadsdelsområdet känner sig trygga"
    assert goals[2].beskrivning == "Nämnden arbetar för trygghet i hela Bromma."
    assert goals[2].forvantat_resultat == "Fler äldre känner sig trygga."
    assert goals[3].title == "Brukarna får kontinuitet i hemtjänsten"
    assert goals[3].arbetssatt == "Varje brukare har en fast kontaktperson."  # misspelt "Arbetsätt"
    assert goals[3].uppfoljning == "Kontinuiteten följs upp varje månad."


def test_indicator_table_with_reordered_columns() -> None:
    parsed = _parse(PLAN)
    rows = [
        (i.name, i.arsmal, i.arsmal_value, i.kf_arsmal, i.kf_arsmal_value, i.periodicitet)
        for i in parsed.indicators
    ]
    assert rows == [
        ("Andel brukare som är nöjda med hemtjänsten", "Tas fram av nämnd", None, "90 %", 90.0, "Tertial"),
        ("Andel brukare som är nöjda med hemtjänsten", "88 %", 88.0, "", None, "År"),  # KF + nämnd rows kept
        ("Antal hembesök per brukare", "12 st", 12.0, "", None, "Tertial"),
        ("Antal fallolyckor", "0", 0.0, "", None, ""),
    ]
    assert [i.gender_split for i in parsed.indicators] == [False, False, True, False]
    assert [i.measure for i in parsed.indicators] == ["%", "%", "st", "st"]
    assert {(i.goal_key, i.goal_level) for i in parsed.indicators} == {("g2", GoalLevel.KF_MAL)}
    missing = [w for w in parsed.warnings if w.startswith("indikator utan periodicitet")]
    assert len(missing) == 1 and "Antal fallolyckor" in missing[0]


def test_activity_dates_in_other_forms_and_goal() -> None:
    [activity] = _parse(PLAN).activities
    assert activity.text == "Utbilda personal i fallprevention"
    assert (activity.start, activity.end) == (dt.date(2024, 2, 1), dt.date(2024, 12, 31))
    assert activity.goal_key == "g3"


def test_sections_outside_and_inside_goals() -> None:
    sections = _parse(PLAN).sections
    paths = [s.heading_path for s in sections]
    assert ["Inledning"] in paths and ["Övrigt"] in paths
    goal_section = next(s for s in sections if s.goal_key == "g3" and s.heading_path[-1] != "Beskrivning")
    assert goal_section.heading_path == [
        "2 Ett Stockholm där äldre lever ett tryggt liv",
        "2.3 Äldre får god vård och omsorg",
        "Äldre i stadsdelsområdet känner sig trygga",
        "Förväntat resultat",
    ]
    assert goal_section.text == "Fler äldre känner sig trygga."
    overig = next(s for s in sections if s.heading_path == ["Övrigt"])
    assert overig.goal_key is None and overig.text == "Planen har tagits fram tillsammans med medarbetarna."


def test_label_and_title_on_the_same_line_and_heading_levels() -> None:
    lines = [
        Line("Verksamhetsplan 2025", heading=1, page=1),
        Line("Enheten för socialpsykiatri", heading=2, page=1),
        Line("KF:s inriktningsmål: 1. Ett Stockholm som håller samman", heading=1, page=2),
        Line("KF:s mål för verksamhetsområdet: 1.4. Stöd i tid", heading=2, page=2),
        Line("Nämndmål: Invånarna lever ett självständigt liv", page=3),
        Line(
            "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet",
            cells=("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"),
            page=3,
        ),
        Line("Andel nöjda\t80 %\t\tÅr", cells=("Andel nöjda", "80 %", "", "År"), page=3),
    ]
    raw = RawDocument(source="plan.pdf", path=Path("plan.pdf"), content_hash="h", lines=lines, fmt="pdf")
    parsed = parse(raw)
    assert [(g.level, g.number, g.title, g.page) for g in parsed.goals] == [
        (GoalLevel.KF_INRIKTNINGSMAL, "1", "Ett Stockholm som håller samman", 2),
        (GoalLevel.KF_MAL, "1.4", "Stöd i tid", 2),
        (GoalLevel.NAMNDMAL, None, "Invånarna lever ett självständigt liv", 3),
    ]
    [indicator] = parsed.indicators
    assert (indicator.goal_key, indicator.page, indicator.arsmal_value) == ("g3", 3, 80.0)
    assert parsed.meta.unit == "Enheten för socialpsykiatri"
    assert any("stadsdel" in w for w in parsed.warnings)  # no district anywhere


def test_table_without_arsmal_column_warns() -> None:
    text = (
        "Verksamhetsplan 2022 för Fältgruppen\n\nNämndmål: Unga är trygga\n\n"
        "Indikator\tKF:s årsmål\tPeriodicitet\nAntal ungdomar som nås\t500 st\tTertial\n"
    )
    parsed = _parse(text)
    assert any(w.startswith("tabell utan kolumnen Årsmål") for w in parsed.warnings)
    [indicator] = parsed.indicators
    assert (indicator.arsmal, indicator.kf_arsmal_value) == ("", 500.0)


# --- OCR text ----------------------------------------------------------------------------------------

_OCR_BODY = (
    "Enheten &r en del av forvaltningen och arbetar med att stotta personer som soker forsorjningsstod "
    "till egen forsorjning. Vi har manga klienter som star langt fran arbetsmarknaden och det ar viktigt "
    "att vi moter dem med respekt. Medarbetarna har gatt utbildning i bemétande och vi foljer upp arbetet "
    "manadsvis pa APT. Klienterna ar delaktiga i sin planering och vi 6kar tillgangligheten hela tiden.\n"
)

OCR_AWARD = (
    "Verksamhetens namn\n\nMottagningsenheten\n\nAntal anstallda den mars 2021\n12 anstallda\n\n"
    "Inledning\n\n" + _OCR_BODY * 6 + "\nVanligt forekommande termer\n\nBBIC: barns behov i centrum\n\n"
    "Mal\n\nKlienterna far snabb hjalp\n\nForvantat resultat\n\n"
    "Malsattning antal hembesok: 120 (2020: 98).\n"
    "Klienterna i Skarpnack far tid inom en vecka.\n\n"
    "Arbetssatt\n\nVi ringer upp alla inom en dag.\n\n"
    "Indikator\tArsmal\tPeriodicitet\nAndel klienter med plan\t90 %\tTertial\n\n"
    "Beskriv hur ni arbetar med att utveckla verksamheten.\n\nVi utvecklar hela tiden.\n"
)


def test_ocr_award_meta_and_warning() -> None:
    parsed = _parse(OCR_AWARD)
    assert parsed.meta.type == DocType.KVALITETSUTMARKELSE
    meta = parsed.meta
    assert (meta.unit, meta.district, meta.year) == ("Mottagningsenheten", "Skarpnäck", 2021)
    assert parsed.warnings[0].startswith("texten ser OCR-skadad ut")


def test_ocr_target_with_baseline_and_folded_table_header() -> None:
    parsed = _parse(OCR_AWARD)
    [goal] = parsed.goals  # no labels: the title before "Förväntat resultat" starts an enhetsmål
    assert (goal.level, goal.title) == (GoalLevel.ENHETSMAL, "Klienterna far snabb hjalp")
    assert goal.arbetssatt == "Vi ringer upp alla inom en dag."
    target = next(i for i in parsed.indicators if i.name == "Antal hembesök")
    assert (target.arsmal, target.arsmal_value, target.measure, target.goal_key) == ("120", 120.0, "st", "g1")
    [outcome] = parsed.outcomes
    assert (outcome.indicator, outcome.year, outcome.value) == ("Antal hembesök", 2020, "98")
    assert outcome.target == "120"
    assert outcome.quote == "Malsattning antal hembesok: 120 (2020: 98)."
    table_row = next(i for i in parsed.indicators if i.name == "Andel klienter med plan")
    assert (table_row.arsmal_value, table_row.periodicitet) == (90.0, "Tertial")
    assert any(w.startswith("tabell utan kolumnen KF:s årsmål") for w in parsed.warnings)
    assert [(e.term, e.expansion) for e in parsed.glossary] == [("BBIC", "barns behov i centrum")]


def test_ocr_helpers() -> None:
    assert fold("Årsmål &r Målvärde") == "arsmal ar malvarde"
    assert len(fold("Försörjningsstöd")) == len("Försörjningsstöd")
    assert repair("Forsorjningsstodsenheten") == "Försörjningsstödsenheten"
    assert repair("unga vuxna 18-24 ar") == "unga vuxna 18-24 år"
    assert not ocr_damage(PLAN * 5)
    assert ocr_damage(_OCR_BODY * 8)


# --- prose: outcomes and glossary ---------------------------------------------------------------------


def test_outcome_with_target_and_gender_split() -> None:
    text = (
        "Verksamhetsplan 2023 för Jobbenheten\n\nUppföljning 2022\n\n"
        "Årsmålet för indikatorn andel avslutade till arbete var 25% och resultatet 22,64% "
        "(24,69% för kvinnor 19,42% för män). Enheten har 59 medarbetare och 3 team.\n"
    )
    [outcome] = _parse(text).outcomes
    assert outcome.indicator == "Andel avslutade till arbete"
    assert (outcome.target, outcome.value, outcome.value_num) == ("25%", "22,64%", 22.64)
    assert (outcome.women, outcome.men, outcome.measure) == ("24,69%", "19,42%", "%")
    assert outcome.quote.startswith("Årsmålet för indikatorn") and outcome.quote.endswith("för män).")


def test_survey_outcomes_skip_other_districts() -> None:
    text = (
        "Verksamhetsplan 2022 för Enheten för ekonomiskt bistånd\n\nFarsta stadsdelsförvaltning\n\n"
        "Brukarundersökning\n\nHösten 2021 gav klienterna i Farsta ett generellt betyg om 6,8 till enheten. "
        "Skärholmen fick ett generellt betyg om 7,2. "
        "81 procent av de svarande anser att de blir väl bemötta.\n"
    )
    outcomes = _parse(text).outcomes
    assert [(o.indicator, o.value, o.year) for o in outcomes] == [
        ("Generellt betyg i brukarundersökningen", "6,8", 2021),
        ("Andel av de svarande som anser att de blir väl bemötta", "81 procent", 2021),
    ]


def test_glossary_forms_and_rejections() -> None:
    text = (
        "Rutin för samverkan\n\nBegrepp\n\nIPS=Individual Placement and Support används i teamet. "
        "Vi har en FUT-handläggare som arbetar med felaktiga utbetalningar och kontroller. "
        "Beslut fattas enligt lagen om stöd och service (LSS). Det kom (ABC) i går.\n\n"
        "OBS: glöm inte att låsa dörren\nBBIC: Barns behov i centrum\n"
    )
    entries = {e.term: e for e in _parse(text).glossary}
    assert {term: e.expansion for term, e in entries.items()} == {
        "IPS": "Individual Placement and Support",
        "FUT": "felaktiga utbetalningar",
        "LSS": "lagen om stöd och service",
        "BBIC": "Barns behov i centrum",
    }
    assert entries["BBIC"].quote == "BBIC: Barns behov i centrum"
    assert entries["LSS"].heading_path == ["Begrepp"]


# --- routines, overrides, sidecars ---------------------------------------------------------------------

ROUTINE = """Rutin för hembesök

Gäller för: Enheten för vuxna, Farsta stadsdelsförvaltning
Fastställd 2022-05-10

Syfte

Rutinen beskriver hur hembesök planeras och genomförs så att besöken blir säkra.

Steg för steg

1. Boka besöket med brukaren och anteckna tiden i journalen.
2. Genomför besöket tillsammans med en kollega om det finns risk för hot.
3. Dokumentera besöket samma dag.
"""


def test_routine_becomes_sections() -> None:
    parsed = _parse(ROUTINE)
    meta = parsed.meta
    assert (meta.type, meta.unit, meta.district) == (DocType.RUTIN, "Enheten för vuxna", "Farsta")
    assert meta.year == 2022
    assert meta.title.startswith("Rutin för hembesök")
    assert not parsed.goals and not parsed.indicators
    steps = next(s for s in parsed.sections if s.heading_path == ["Steg för steg"])
    assert steps.text.splitlines() == [
        "1. Boka besöket med brukaren och anteckna tiden i journalen.",
        "2. Genomför besöket tillsammans med en kollega om det finns risk för hot.",
        "3. Dokumentera besöket samma dag.",
    ]


def test_overrides_beat_inference_and_silence_warnings() -> None:
    overrides = MetaOverrides.model_validate(  # "Övrigt" as staff type it, folded to the enum
        {
            "title": "Min titel",
            "type": "Övrigt",
            "unit": "Annan enhet",
            "district": "Kungsholmen",
            "year": 2030,
        }
    )
    parsed = _parse("Lite text utan årtal eller enhet.\n", overrides)
    assert parsed.meta.model_dump(exclude={"source", "content_hash"}) == {
        "title": "Min titel",
        "type": DocType.OVRIGT,
        "unit": "Annan enhet",
        "district": "Kungsholmen",
        "year": 2030,
    }
    assert parsed.warnings == []
    plain = _parse("Lite text utan årtal eller enhet.\n")
    assert any("årtal" in w for w in plain.warnings) and any("enhet" in w for w in plain.warnings)
    assert _parse(PLAN, MetaOverrides(year=2019)).meta.year == 2019


def test_sidecar_loading(tmp_path: Path) -> None:
    document = tmp_path / "plan.pdf"
    assert load_sidecar(document) is None
    (tmp_path / "plan.pdf.meta.json").write_text('{"unit": "Fältgruppen", "type": "kvalitetsutmarkelse"}')
    assert load_sidecar(document) == MetaOverrides(unit="Fältgruppen", type=DocType.KVALITETSUTMARKELSE)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('{"unit": "X",', None),
        ('{"year": "tjugotjugo"}', "year"),
        ('{"enhet": "X"}', "enhet"),
        ('{"type": "plan"}', "type"),
        ("[1, 2]", None),
    ],
)
def test_invalid_sidecar_names_file_and_field(tmp_path: Path, content: str, field: str | None) -> None:
    (tmp_path / "plan.docx.meta.json").write_text(content)
    with pytest.raises(ValueError) as error:
        load_sidecar(tmp_path / "plan.docx")
    message = str(error.value)
    assert message.startswith("plan.docx.meta.json:")
    if field:
        assert f"”{field}”" in message


# --- cells and dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("50 %", 50.0, "%"),
        ("2,17 %", 2.17, "%"),
        ("19 st", 19.0, "st"),
        ("9 000 st", 9000.0, "st"),
        ("0", 0.0, None),
        ("3,3 GWh", 3.3, "GWh"),
        ("Tas fram av nämnd", None, None),
        ("öka", None, None),
        ("", None, None),
        ("2 % energieffektivisering relativt 2018", None, "%"),
    ],
)
def test_parse_number(cell: str, value: float | None, unit: str | None) -> None:
    assert parse_number(cell) == (value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-31", dt.date(2023, 1, 31)),
        ("2023/1/5", dt.date(2023, 1, 5)),
        ("20230131", dt.date(2023, 1, 31)),
        ("31.1.2023", dt.date(2023, 1, 31)),
        ("1 mars 2023", dt.date(2023, 3, 1)),
        ("2023-02-30", None),
        ("löpande", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


# --- other formats --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_structure_from_pdf_and_docx(tmp_path: Path, fmt: str) -> None:
    sample = next(path for path in sample_paths() if path.name.startswith("000"))
    text_doc = read_text(sample, sample.name, sample.read_bytes())
    render = render_pdf if fmt == "pdf" else render_docx
    rendered = read_document(render(text_doc.lines, tmp_path / f"plan.{fmt}"), 50 * 1024 * 1024)
    expected, actual = parse(text_doc), parse(rendered)
    assert actual.meta.model_dump(exclude={"source", "content_hash"}) == expected.meta.model_dump(
        exclude={"source", "content_hash"}
    )
    assert [(g.level, g.number, g.title, g.parent_key) for g in actual.goals] == [
        (g.level, g.number, pdf_safe(g.title), g.parent_key) for g in expected.goals
    ]
    assert [(i.name, i.arsmal, i.kf_arsmal, i.periodicitet, i.goal_key) for i in actual.indicators] == [
        (pdf_safe(i.name), i.arsmal, i.kf_arsmal, i.periodicitet, i.goal_key) for i in expected.indicators
    ]
    assert [(a.start, a.end, a.goal_key) for a in actual.activities] == [
        (a.start, a.end, a.goal_key) for a in expected.activities
    ]


def test_table_of_contents_without_dot_leaders_is_skipped() -> None:
    text = (
        "Verksamhetsplan 2021 för Fältgruppen\n\nInnehållsförteckning\n\n"
        "KF:s inriktningsmål: 1. Ett tryggt Stockholm 4\nNämndmål: Unga är trygga 5\nÖvrigt 9\n\n"
        "Inledning\n\nFältgruppen arbetar uppsökande.\n\nKF:s inriktningsmål: 1. Ett tryggt Stockholm\n\n"
        "Nämndmål: Unga är trygga\n"
    )
    goals = _parse(text).goals
    assert [(g.level, g.title) for g in goals] == [
        (GoalLevel.KF_INRIKTNINGSMAL, "Ett tryggt Stockholm"),
        (GoalLevel.NAMNDMAL, "Unga är trygga"),
    ]
