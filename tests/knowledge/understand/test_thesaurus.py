"""The domain thesaurus: the data file loads, and staff words reach the plans' wording."""

from __future__ import annotations

import pytest

from knowledge.retrieval.extract import group_coverage
from knowledge.textnorm import expand_query as textnorm_expand
from knowledge.understand.thesaurus import Thesaurus, ThesaurusError, expand_query, query_groups, thesaurus


def _idf(stem: str) -> float:
    return 1.0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("vad är målet för korttidssjukfrånvaron?", "sjukfrånvaro dag 1-14"),
        ("hur ser korttidsfrånvaron ut", "sjukfrånvaro dag 1-14"),
        ("långtidssjukfrånvaro på enheten", "sjukfrånvaro dag 15"),
        ("hur många har försörjningsstöd", "ekonomiskt bistånd"),
        ("socialbidrag", "ekonomiskt bistånd"),
        ("ek bistånd i Spånga", "ekonomiskt bistånd"),
        ("ekbist", "ekonomiskt bistånd"),
        ("vad står i VP:n om klarspråk", "verksamhetsplan"),
        ("vad står det i vår VP", "verksamhetsplan"),
        ("vår KU 2019", "kvalitetsutmärkelse"),
        ("vad gör soc", "socialtjänst"),
        ("vad har sdf bestämt", "stadsdelsförvaltning"),
        ("vad har sdn beslutat", "stadsdelsnämnd"),
        ("hur många brukare", "klient"),
        ("klienterna", "brukare"),
        ("kommunfullmäktiges årsmål", "KF"),
        ("hur många anställda finns det", "medarbetare"),
        ("personalen", "medarbetare"),
        ("sommarjobb för unga", "feriejobb"),
        ("fick de sommarjobb", "feriejobb"),
        ("malet for korttidsfranvaron", "sjukfrånvaro dag 1-14"),  # typed without å/ä/ö
        ("hur manga har forsorjningsstod", "ekonomiskt bistånd"),
        ("ekbistand hagersten", "ekonomiskt bistånd"),
    ],
)
def test_staff_words_expand_to_the_plans_wording(question: str, expected: str) -> None:
    assert expected in expand_query(question).removeprefix(question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hur många sökande har vi i månaden", "klient"),
        ("vad gör en socionom hos oss", "socialsekreterare"),
        ("bitr chef på enheten", "biträdande enhetschef"),
        ("vad har vi för pengar i år", "budget"),
        ("när är nästa sammanträde", "möte"),
        ("vad tas upp på personalmötet", "APT"),
        ("hur stora är kontoren", "lokaler"),
        ("hur är frånvaron på enheten", "sjukfrånvaro"),
        ("antal sjukdagar", "sjukfrånvaro"),
        ("vilka nyckeltal följs upp", "indikator"),
        ("vad blev utfallet", "resultat"),
        ("vad är målvärdet för andelen", "årsmål"),
        ("följs det upp i T2", "tertial"),
        ("finns det fortbildning", "kompetensutveckling"),
        ("vad får en nyanställd", "introduktion"),
        ("hur är arbetsklimatet", "arbetsmiljö"),
        ("har vi utvecklingssamtal", "medarbetarsamtal"),
        ("finns det en riktlinje för hembesök", "rutin"),
        ("orosanmälningar", "orosanmälan"),
        ("hur gör vi med utskrifter?", "skriver ut"),
        ("hur mycket är friskvårdsbidraget?", "subvention"),
        ("vad gör HVT när någon inte betalt hyran?", "obetalda hyror"),
        ("vilka lagar styr vårt arbete?", "socialtjänstlagen"),
        ("stänger vi av skärmarna?", "bildskärmar"),
        ("vad gäller för lamporna när vi går hem?", "arbetsdagens slut"),
        ("kostar maten något?", "måltider"),
        ("hur mycket ekologisk mat köper vi?", "livsmedel"),
        ("hur många pågående fall har vi?", "aktuella ärenden"),
        ("hur manga aktiva arenden har enheten", "aktuella ärenden"),
    ],
)
def test_everyday_staff_words_reach_the_plans_words(question: str, expected: str) -> None:
    assert expected in expand_query(question).removeprefix(question)


@pytest.mark.parametrize(
    "question",
    [
        "vad står det om sjukfrånvaro",  # "sjukfrånvaro" is not "frånvaro" (whole words only)
        "hur går det för ekonomiskt bistånd",  # "ekonomiskt" is not the budget word "ekonomi"
        "när är nästa möte",  # the preferred word of a group expands to nothing
        "vad gäller för lokaler",
        "hur ofta ska vi träffa dem",  # the verb "träffa" is no meeting
        "hur många jobbar i teamet",  # nor is "jobbar" a job
        "vilka resultat och kostnader redovisas",  # the plans' own words, even where staff use them too
        "hur ser samarbetet och arbetssättet ut",
    ],
)
def test_everyday_words_leave_the_plans_own_words_alone(question: str) -> None:
    assert expand_query(question) == question


@pytest.mark.parametrize(
    "question",
    [
        "kunde vi ha gjort mer",  # "kunde" (could) is not a word of the table
        "vad är årsmålet för sjukfrånvaro",  # the plans' own word expands to nothing
        "hur går det för ekonomiskt bistånd",  # the plans' own word does not expand to everyday ones
        "vad är KF:s årsmål",
        "solen skiner",
        "hur ofta har vi MI-träffar",  # the plans write "MI" (20) more than "motiverande samtal" (6)
        "vad står IB för",
    ],
)
def test_words_outside_the_table_and_preferred_terms_are_left_alone(question: str) -> None:
    expanded = expand_query(question)
    assert "ek bistånd" not in expanded and "ekbist" not in expanded
    assert expanded == question


def test_textnorm_keeps_its_old_entry_points() -> None:
    assert textnorm_expand("anställda") == expand_query("anställda") == "anställda medarbetare"


def test_a_synonym_earns_partial_coverage_and_the_own_word_full() -> None:
    groups = query_groups("korttidssjukfrånvaron")
    assert group_coverage(groups, "Sjukfrånvaro dag 1-14 ska vara högst 2,5 %.", _idf) > 0.0
    assert group_coverage(query_groups("anställda"), "Enheten har 55 anställda.", _idf) == 1.0
    partial = group_coverage(query_groups("anställda"), "Enheten har 55 medarbetare.", _idf)
    assert 0.0 < partial < 1.0


def test_every_word_of_a_multi_word_term_carries_its_synonyms() -> None:
    groups = query_groups("ek bistånd")
    assert len(groups) == 2 and all("ekonomisk" in synonyms for _, synonyms in groups)


def test_the_packaged_table_loads_once_and_has_no_empty_terms() -> None:
    table = thesaurus()
    assert table is thesaurus()
    assert len(table.terms) > 50
    assert all(term and expansions for term, expansions in table.terms.items())


def test_abbreviations_are_defined_not_expanded() -> None:
    assert thesaurus().define("IB") == "initial bedömning"
    assert thesaurus().define("FUT:en") == "felaktiga utbetalningar"
    assert thesaurus().define("XYZ") is None


def test_the_longest_term_wins() -> None:
    hits = thesaurus().find(["ek", "bistand", "i", "spanga"])  # "ek bistånd", not "ek" alone
    assert [(h.start, h.end, h.entry.expansions) for h in hits] == [(0, 2, ("ekonomiskt bistånd",))]


@pytest.mark.parametrize("line", ["=\tensam", "?\ta|b", ">\ta", "~\tensam", "def\tA|B\tx"])
def test_a_malformed_line_is_reported_with_its_number(line: str) -> None:
    with pytest.raises(ThesaurusError, match="rad 2"):
        Thesaurus.parse("# comment\n" + line)


def test_a_preferred_term_keeps_its_other_spellings_which_it_does_not_expand_to() -> None:
    table = Thesaurus.parse("~\tAPT|arbetsplatsträff|arbetsplatsmöte\n=\tklient|brukare")
    assert table.spellings == {"apt": ("arbetsplatsträff", "arbetsplatsmöte")}
    assert "arbetsplatsträff" not in expand_query("när är nästa APT?", table)


@pytest.mark.parametrize(
    ("question", "unexpected"),
    [
        # Folded, "mäta" is "mata" and "fått" is "fatt": the typed ä and å say which word is meant.
        ("vad mäter vi med verktyget?", "livsmedel"),
        ("hur kan vi mäta antal samtal?", "måltider"),
        ("tycker de att de fått det bättre?", "ekonomiska resurser"),
    ],
)
def test_a_typed_swedish_letter_does_not_match_a_term_with_a_plain_vowel(
    question: str, unexpected: str
) -> None:
    assert unexpected not in expand_query(question)


def test_a_term_still_matches_a_word_typed_without_swedish_letters() -> None:
    # Staff often type without å/ä/ö: "mata" may be either word, the table's reading stays.
    assert "livsmedel" in expand_query("vad kostar maten?")
    assert "ekonomiskt bistånd" in expand_query("hur manga har forsorjningsstod")
    table = Thesaurus.parse(">\tmat|mata\tlivsmedel\n")
    assert "livsmedel" in expand_query("kan man mata fåglarna", table)
    assert "livsmedel" not in expand_query("kan man mäta fåglarna", table)


def test_count_lines_say_what_a_noun_is_counted_as_and_expand_no_query() -> None:
    table = Thesaurus.parse("count\tboende|hyresgäster\tbrukare\tnote\n")
    assert table.counted == {"boende": ("brukare",), "hyresgaster": ("brukare",)}
    assert expand_query("hur många boende har kyrkogatan?", table) == "hur många boende har kyrkogatan?"
    assert "boende" in thesaurus().counted
