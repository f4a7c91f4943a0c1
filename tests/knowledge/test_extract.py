"""Extractive answering helpers."""

from __future__ import annotations

from knowledge.retrieval.extract import MAX_LIST_CHARS, MAX_QUOTE_CHARS, best_sentences, group_coverage
from knowledge.textnorm import query_groups


def _idf(stem: str) -> float:
    return 1.0


def test_a_verb_in_the_question_meets_its_noun_in_the_text() -> None:
    groups = query_groups("prioritera klagomål")
    text = "Vi har rutiner för att hantera klagomål och en prioritering av dem."
    # "prioritera" stems to prioriter, "prioritering" to prioritering: same start, partial credit
    # (a pair named in word_families.tsv, such as "återkoppla" / "återkoppling", gets full credit).
    assert 0.8 < group_coverage(groups, text, _idf) < 1.0
    assert group_coverage(groups, "Klagomål diarieförs.", _idf) == 0.5
    named = query_groups("återkoppla klagomål")
    assert group_coverage(named, "Klagomål får återkoppling inom två veckor.", _idf) == 1.0
    # Short stems are not stretched: "mål" must not meet "målgrupp".
    assert group_coverage(query_groups("mål"), "Målgruppen är vuxna.", _idf) == 0.0


def test_best_sentences_quote_the_passage_verbatim() -> None:
    passage = (
        "Enheten har 55 medarbetare. Alla klagomål dokumenteras, behandlas på arbetsplatsträff och "
        "diarieförs. Återkoppling ges alltid till den som lämnat synpunkten."
    )
    picked = best_sentences(passage, "klagomål diarieförs")
    assert picked[0] == "Alla klagomål dokumenteras, behandlas på arbetsplatsträff och diarieförs."
    assert all(p in passage for p in picked)


def test_a_procedure_is_read_on_from_where_it_starts() -> None:
    passage = (
        "Då enheten får in synpunkter och klagomål kommuniceras de snarast med den som lämnat dem. "
        "Alla klagomål dokumenteras och diarieförs. "
        "Återkoppling ges alltid. "
        "Efter att klagomål och synpunkter har åtgärdats följer enhetschefen upp."
    )
    picked = best_sentences(passage, "klagomål synpunkter", procedure=True)
    # The first sentence naming the topic opens the routine; the next steps follow in order,
    # also "Återkoppling ges alltid." which does not repeat the topic.
    assert picked == [
        "Då enheten får in synpunkter och klagomål kommuniceras de snarast med den som lämnat dem.",
        "Alla klagomål dokumenteras och diarieförs.",
        "Återkoppling ges alltid.",
    ]
    # Without procedure the best sentence comes with its matching neighbours, and a quote with
    # room left reads on in its paragraph (`read_on`); a step in the next paragraph is left out.
    split = passage.replace("diarieförs. ", "diarieförs.\n\n")
    plain = best_sentences(split, "klagomål synpunkter")
    assert "Återkoppling ges alltid." not in plain
    assert all("klagomål" in p for p in plain)


# -- sentence selection mechanisms (hand-written passages; the shipped sentence model scores) --

TEAMS = (
    "Enheten har en mottagningsgrupp och tre team. Teamen består av följande:\n"
    "- Team 1 arbetar med arbetsföra klienter och samarbetar med Jobbtorg.\n"
    "- Team 2 arbetar med sjukskrivna klienter och samverkar med vården.\n"
    "- Team 3 arbetar med hemlöshet och vräkningsförebyggande arbete.\n\n"
    "Enhetschefen leder arbetet tillsammans med två biträdande enhetschefer."
)


def test_a_list_lead_is_quoted_with_all_its_items() -> None:
    picked = best_sentences(TEAMS, "team", question="vilka team finns och vad jobbar de med?")
    joined = "\n".join(picked)
    assert "Teamen består av följande:" in joined
    for team in ("Team 1", "Team 2", "Team 3"):
        assert team in joined
    assert "Enhetschefen leder" not in joined  # the list ends where prose starts again
    assert all(p in TEAMS for p in picked)


def test_a_best_item_brings_its_whole_list_when_several_things_are_asked() -> None:
    picked = best_sentences(
        TEAMS, "sjukskrivna klienter", question="vilka team jobbar med sjukskrivna klienter?"
    )
    assert any(p.startswith("- Team 2") for p in picked)
    assert any(p.startswith("- Team 1") for p in picked) and any(p.startswith("- Team 3") for p in picked)
    # Without a list cue the item is quoted without the rest of the list.
    single = best_sentences(TEAMS, "sjukskrivna klienter", question="samverkar team 2 med vården?", limit=1)
    assert single == ["- Team 2 arbetar med sjukskrivna klienter och samverkar med vården."]


def test_wrapped_items_are_read_as_the_rest_of_their_item() -> None:
    passage = (
        "Samordningsmöten är främst i form av:\n\n-SIP-möten för planering med vården,\n\n"
        "-Flerpartsmöten för planering med stadsdelens verksamheter där enheten för\n\n"
        "socialpsykiatri är den främsta samverkansparten.\n\n"
        "Utöver samordningsmöten träffar klienten socialsekreteraren enskilt."
    )
    picked = best_sentences(passage, "samordningsmöten", question="vilka samordningsmöten finns?")
    assert picked[0] == "Samordningsmöten är främst i form av:"
    assert picked[-1] == "socialpsykiatri är den främsta samverkansparten."
    assert not any(p.startswith("Utöver") for p in picked)


def test_a_list_cue_prefers_the_enumeration() -> None:
    passage = (
        "Metoderna följs upp på varje arbetsplatsträff och metodstödet hjälper till. "
        "Enheten arbetar enligt MI-andan, återhämtningsinriktat, med motiverande samtal och med "
        "lågaffektivt bemötande. Brukarrådet träffas fyra gånger per år."
    )
    picked = best_sentences(
        passage, "metoder arbetar enheten", question="vilka metoder arbetar enheten enligt?", limit=1
    )
    assert picked == [
        "Enheten arbetar enligt MI-andan, återhämtningsinriktat, med motiverande samtal och med "
        "lågaffektivt bemötande."
    ]


def test_a_count_question_prefers_the_sentence_with_the_number() -> None:
    passage = (
        "Enhetsdagarna är viktiga för gemenskapen och enhetsdagarna planeras av en arbetsgrupp. "
        "Enheten har två enhetsdagar per år. Lokalerna ligger i Liljeholmen."
    )
    picked = best_sentences(passage, "enhetsdagar", question="hur många enhetsdagar per år har vi?", limit=1)
    assert picked == ["Enheten har två enhetsdagar per år."]


def test_a_duration_question_prefers_the_sentence_with_the_duration() -> None:
    passage = (
        "Alla nyanställda socialsekreterare får en mentor på enheten. "
        "Mentorn ger stöd under de första sex månaderna av anställningen. "
        "Introduktionen följs upp av enhetschefen."
    )
    picked = best_sentences(passage, "stöd mentor", question="hur länge får jag stöd av en mentor?", limit=1)
    assert picked == ["Mentorn ger stöd under de första sex månaderna av anställningen."]


def test_a_sentence_that_refers_back_is_quoted_with_the_one_before() -> None:
    passage = (
        "Enheten arbetar enligt MI-andan, återhämtningsinriktat och med lågaffektivt bemötande. "
        "Alla tre är evidensbaserade metoder som leder till delaktighet. "
        "Lokalerna är nyrenoverade."
    )
    picked = best_sentences(passage, "evidensbaserade", question="vilka evidensbaserade metoder?", limit=1)
    assert picked[0].startswith("Enheten arbetar enligt MI-andan")
    assert picked[1].startswith("Alla tre är evidensbaserade")


def test_a_heading_is_quoted_with_its_first_sentence() -> None:
    passage = "Uppföljning\n\nEnhetschefen följer upp målen varje tertial. Resultaten redovisas på APT."
    picked = best_sentences(passage, "uppföljning", question="hur sker uppföljningen?")
    assert picked[:2] == ["Uppföljning", "Enhetschefen följer upp målen varje tertial."]


def test_quotes_stay_short_unless_they_are_a_list() -> None:
    sentence = "Klagomål om handläggningen hanteras av enheten enligt stadens riktlinjer och rutiner. "
    passage = sentence * 12
    picked = best_sentences(passage, "klagomål handläggningen", question="hur hanteras klagomål?")
    assert sum(len(p) for p in picked) <= MAX_QUOTE_CHARS
    items = "".join(
        f"- Verksamhet {i} med sina egna lokaler och sin egen personalgrupp.\n" for i in range(30)
    )
    listing = "Enheten består av följande verksamheter:\n" + items
    picked = best_sentences(listing, "verksamheter", question="vilka verksamheter ingår i enheten?")
    assert MAX_QUOTE_CHARS < sum(len(p) + 1 for p in picked) <= MAX_LIST_CHARS
    assert all(p in listing for p in picked)


def test_paragraphs_written_alike_are_quoted_as_a_list() -> None:
    passage = (
        "Enheten har tre team och en mottagning.\n\n"
        "Team 1 arbetar med unga vuxna och har nära samarbete med Jobbtorg.\n\n"
        "Team 2 arbetar med sjukskrivna klienter.\n\n"
        "Mottagningen tar emot nya ansökningar.\n\n"
        "Team 3 arbetar med hemlöshet."
    )
    picked = best_sentences(passage, "team jobbar", question="vilka team finns och vad jobbar de med?")
    assert [p.split()[1] for p in picked] == ["1", "2", "3"]
    # Asked about one team, one team is quoted.
    single = best_sentences(
        passage, "team 2 sjukskrivna", question="vad gör team 2 med sjukskrivna?", limit=1
    )
    assert single == ["Team 2 arbetar med sjukskrivna klienter."]


def test_the_sentence_holding_the_asked_type_is_quoted_with_the_topic_sentence() -> None:
    # "hur ofta": the topic sentence names the brukarråd but not how often; the next one does.
    passage = (
        "Brukarrådet på boendena är ett viktigt forum för brukarnas inflytande över boendet. "
        "Mötena hålls varje månad i det gemensamma vardagsrummet. "
        "Personalen bjuder på kaffe."
    )
    picked = best_sentences(passage, "brukarrådet boendena", question="hur ofta har boendena brukarråd?")
    assert "Mötena hålls varje månad i det gemensamma vardagsrummet." in picked
    assert "Personalen bjuder på kaffe." not in picked


def test_a_who_question_prefers_the_sentence_naming_a_role() -> None:
    passage = (
        "Introduktionen av nya medarbetare följer en fast plan på enheten. "
        "Planen tas fram av introduktionsansvarig tillsammans med närmaste chef. "
        "Nyanställda går bredvid erfarna kollegor de första veckorna."
    )
    picked = best_sentences(passage, "introduktion plan", question="vem gör introduktionsplanen?", limit=1)
    assert picked == ["Planen tas fram av introduktionsansvarig tillsammans med närmaste chef."]
