"""Sentence features and the shipped sentence model (knowledge/retrieval/quote_features.py)."""

from __future__ import annotations

from pathlib import Path

from knowledge.retrieval.quote_features import (
    FEATURES,
    MODEL_PATH,
    SentenceModel,
    asks_amount,
    asks_list,
    asks_place,
    asks_who,
    feature_rows,
    is_enumeration,
    is_heading,
    is_item,
    is_lead,
    names_place,
    names_role,
    refers_back,
    same_word,
    states_amount,
)


def _feature(rows: list[list[float]], name: str) -> list[float]:
    return [r[FEATURES.index(name)] for r in rows]


def test_question_cues() -> None:
    assert asks_amount("hur många enhetsdagar per år?") and asks_amount("hur länge får jag en mentor")
    assert asks_amount("när hålls brukarrådet?") and not asks_amount("vad betyder IPS?")
    assert asks_list("vilka verksamheter ingår i enheten?") and asks_list("lista teamen")
    assert not asks_list("vad betyder IPS?")


def test_sentence_shapes() -> None:
    assert is_lead("Enheten består av följande:") and not is_lead("Enheten består av tre team.")
    assert is_item("- Team 1 arbetar med unga.") and is_item("2. Ring klienten.") and is_item("•Punkt")
    assert not is_item("Team 1 arbetar med unga.")
    assert is_enumeration(
        "Enheten arbetar enligt MI-andan, återhämtningsinriktat och med lågaffektivt bemötande."
    )
    assert not is_enumeration(
        "När det behövs, och det är ofta, ringer vi klienten och bokar ett möte hos oss."
    )
    assert refers_back("Dessa möten hålls varje vecka.") and refers_back("Alla tre är evidensbaserade.")
    assert not refers_back("Det finns tre team.")  # "Det" is mostly a dummy subject …
    assert refers_back("Det kan vara marmelader och inläggningar.")  # … but not in "Det kan vara …"
    # Scanned plans and staff typing without å/ä/ö: the folded words lean back as well.
    assert refers_back("Darfor &r det en stor vinning.") and refers_back("Aven dessa följs upp.")
    assert not refers_back("Darren är ny.")
    assert is_heading("Uppföljning") and not is_heading("Uppföljning sker varje tertial.")
    assert states_amount("Vi har två enhetsdagar per år.") and states_amount("Brukarrådet träffas i maj.")
    assert not states_amount("Brukarrådet är ett viktigt forum.")


def test_an_inflection_the_stemmer_keeps_is_the_same_word() -> None:
    assert same_word("sjukfranvaron", frozenset({"sjukfranvaro"}))
    assert same_word("elcykel", frozenset({"elcykl"}))
    # A compound's modifier is not the compound.
    assert not same_word("person", frozenset({"personuppgift"}))


def test_feature_rows_see_compound_parts_numbers_and_list_cues() -> None:
    parts = [
        "Alla anställda kan köpa ett årskort till simhallen.",
        "Alla anställda kan få en subvention till friskvårdsaktivitet med högst 1 200 kr per år.",
        "Enheten arbetar enligt MI-andan, återhämtningsinriktat och med lågaffektivt bemötande.",
    ]
    rows = feature_rows(parts, "friskvårdsbidrag", "hur mycket friskvårdsbidrag får man 2023?")
    assert len(rows) == 3 and all(len(r) == len(FEATURES) for r in rows)
    assert _feature(rows, "parts")[1] > 0 and _feature(rows, "parts")[0] == 0  # friskvård|s|bidrag
    assert _feature(rows, "amount_match") == [0.0, 1.0, 0.0]
    listing = feature_rows(parts, "metoder", "vilka metoder arbetar ni enligt?")
    assert _feature(listing, "list_match") == [0.0, 0.0, 1.0]
    years = feature_rows(["Utfallet 2018 var 133.", "Utfallet 2019 var 131."], "utfallet", "utfallet 2019?")
    assert _feature(years, "number_match") == [0.0, 1.0]


def test_the_shipped_model_fits_the_features_and_round_trips(tmp_path: Path) -> None:
    model = SentenceModel.load(MODEL_PATH)
    assert model is not None, "sentence_model.json is missing or was fitted on other features: refit it"
    assert len(model.weights) == len(FEATURES)
    path = tmp_path / "model.json"
    model.save(path)
    again = SentenceModel.load(path)
    assert again is not None and again.weights == model.weights and again.intercept == model.intercept


def test_a_model_fitted_on_other_features_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text('{"features": ["topic"], "weights": [1.0], "intercept": 0.0}', encoding="utf-8")
    assert SentenceModel.load(path) is None
    assert SentenceModel.load(tmp_path / "missing.json") is None


def test_who_and_where_cues_and_the_sentences_that_answer_them() -> None:
    assert asks_who("vem ansvarar för rutinen?") and asks_who("vilka ansvarar for budgeten")
    assert asks_who("ansvarig för introduktionen?") and not asks_who("hur ofta följs budgeten upp?")
    assert asks_place("var ligger träfflokalen?") and asks_place("vad är besöksadressen?")
    assert asks_place("vart åker de på sommaren?") and not asks_place("hur många var där?")
    assert names_role("Ansvar: Biträdande enhetschef för boendegruppen ansvarar för att rutinen följs.")
    assert names_role("Ansvarig: Enhetschef och kontroller.") and names_role("Samordnaren kallar till mötet.")
    assert not names_role("Rutinen gäller personer som blir bostadslösa på kvällar.")
    assert names_place("Besöksadress Hässelby torg 20-22, 2 tr") and names_place("Tora ligger i Örnberg.")
    assert names_place("Verksamheten förläggs till odlingar i Mariefred.")
    assert not names_place("Verksamheten producerar och säljer olika varor.")


def test_feature_rows_see_roles_places_and_names_only_when_asked() -> None:
    parts = [
        "Rutinen gäller personer som blir bostadslösa på kvällar.",
        "Socialjouren ordnar akut boende för högst tre nätter.",
        "Ansvar: Biträdande enhetschef ansvarar för att rutinen följs.",
    ]
    who = feature_rows(parts, "akut hemlöshet", "vem ansvarar för rutinen vid akut hemlöshet?")
    assert _feature(who, "role_match") == [0.0, 0.0, 1.0]
    how = feature_rows(parts, "akut hemlöshet", "hur gör vi vid akut hemlöshet?")
    assert _feature(how, "role_match") == [0.0, 0.0, 0.0]
    places = [
        "Droppen producerar och säljer varor.",
        "Lokalen ligger i Västertorp.",
        "Besöksadress: Hässelby torg 20.",
    ]
    where = feature_rows(places, "droppen", "var ligger droppen?")
    assert _feature(where, "place_match") == [0.0, 1.0, 1.0]
    # "droppen" is written as a name in the chunk: the sentence naming it is about it.
    assert _feature(where, "named") == [1.0, 0.0, 0.0]
    assert _feature(feature_rows(places, "varor", "vad säljer de?"), "named") == [0.0, 0.0, 0.0]


def test_type_match_marks_the_sentences_that_hold_what_is_asked() -> None:
    parts = ["Styrgruppen följer upp planen.", "Den träffas två gånger per termin.", "Syftet är samsyn."]
    rows = feature_rows(parts, "styrgruppen", "hur ofta träffas styrgruppen?")
    assert _feature(rows, "type_match") == [0.0, 1.0, 0.0]
    rows = feature_rows(parts, "styrgruppen", "varför har vi en styrgrupp?")
    assert _feature(rows, "type_match") == [0.0, 0.0, 1.0]
    assert _feature(feature_rows(parts, "styrgruppen", "vad gör styrgruppen?"), "type_match") == [0.0] * 3
