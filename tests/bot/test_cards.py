"""Rendering answers for Teams: citation entity JSON, cards, suggested actions."""

from __future__ import annotations

import json

from botframework.connector import models as connector_models
from msrest import Serializer

from bot.cards import DIFF_TITLE_MAX, answer_activity, button_titles, indicator_card, without_tables
from bot.citations_entity import AIMessageEntity, citation_name, shorten, source_url
from knowledge.answer import Answer, Citation, ConversationContext, Fact
from tests.bot.conftest import PUBLIC_URL
from tests.bot.fakes import QUOTE_1, SOURCE, FakeService


def wire_json(activity: object) -> dict:
    """Serialise exactly as botframework-connector does before POSTing to Teams."""
    classes = {k: v for k, v in vars(connector_models).items() if isinstance(v, type)}
    return json.loads(json.dumps(Serializer(classes).body(activity, "Activity")))


def test_entity_serialises_every_json_ld_field() -> None:
    cited = Citation(n=1, source="a b.txt", title="Plan", section="Plan › Mål", quote="Citat.")
    entity = AIMessageEntity.from_citations([cited], "https://x.se/")
    assert entity.serialize() == {
        "type": "https://schema.org/Message",
        "@type": "Message",
        "@context": "https://schema.org",
        "@id": "",
        "additionalType": ["AIGeneratedContent"],
        "citation": [
            {
                "@type": "Claim",
                "position": 1,
                "appearance": {
                    "@type": "DigitalDocument",
                    "name": "Plan – Mål",
                    "abstract": "Citat.",
                    "url": "https://x.se/sources/a%20b.txt?q=Citat.&n=1#c1",
                },
            }
        ],
    }


def test_answer_activity_on_the_wire() -> None:
    answer = FakeService().answer("Vilka mål har enheten?")
    wire = wire_json(answer_activity(answer, PUBLIC_URL))
    assert wire["type"] == "message"
    assert wire["textFormat"] == "markdown"
    assert "[1]" in wire["text"] and "[2]" in wire["text"]
    assert "|" not in wire["text"], "Teams drops citations inside Markdown tables"
    assert wire["channelData"] == {"feedbackLoopEnabled": True}
    (entity,) = wire["entities"]
    assert entity["type"] == "https://schema.org/Message"
    assert entity["@type"] == "Message"
    assert entity["@context"] == "https://schema.org"
    assert entity["@id"] == ""
    assert entity["additionalType"] == ["AIGeneratedContent"]
    assert [c["position"] for c in entity["citation"]] == [1, 2]
    for claim in entity["citation"]:
        appearance = claim["appearance"]
        assert claim["@type"] == "Claim"
        assert appearance["@type"] == "DigitalDocument"
        assert len(appearance["name"]) <= 80
        assert len(appearance["abstract"]) <= 160
        assert appearance["url"].startswith(f"{PUBLIC_URL}/sources/{SOURCE}?q=")
        assert appearance["url"].endswith(f"#c{claim['position']}")
    assert "attachments" not in wire
    actions = wire["suggestedActions"]["actions"]
    assert [a["type"] for a in actions] == ["imBack", "imBack"]
    assert actions[0]["value"] == "Vilka indikatorer har enheten?"


def test_long_names_and_quotes_are_cut() -> None:
    cited = Citation(n=3, source="s.txt", title="T" * 200, section="x › " + "S" * 50, quote="ord " * 90)
    claim = (AIMessageEntity.from_citations([cited], PUBLIC_URL).citation or [])[0]
    assert len(claim["appearance"]["name"]) == 80 and claim["appearance"]["name"].endswith("…")
    abstract = claim["appearance"]["abstract"]
    assert 140 <= len(abstract) <= 160 and abstract.endswith("ord…")  # cut between words
    assert citation_name(cited).startswith("TTT")
    assert shorten("a\n\n b  c", 10) == "a b c"
    assert shorten("Vilka aktiviteter planerar Enheten för ekonomiskt bistånd", 40) == (
        "Vilka aktiviteter planerar Enheten för…"
    )


def test_indicator_answer_gets_a_factset_card() -> None:
    answer = FakeService().answer("Hur går det med indikatorn?")
    wire = wire_json(answer_activity(answer, PUBLIC_URL))
    (attachment,) = wire["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert card["body"][0]["text"] == "Andel nöjda brukare"
    facts = card["body"][1]
    assert facts["type"] == "FactSet"
    assert [f["title"] for f in facts["facts"]] == [
        "Årsmål",
        "KF:s årsmål",
        "Periodicitet",
        "Senaste utfall",
        "Status",
    ]
    assert card["actions"][0]["type"] == "Action.OpenUrl"
    assert card["actions"][0]["url"].endswith("#c1")
    assert wire["entities"][0]["citation"][0]["position"] == 1


def test_facts_alone_trigger_the_card() -> None:
    answer = Answer(answer="Svar [1].", kind="passages", facts=[Fact(title="Status", value="Uppfyllt")])
    card = indicator_card(answer, PUBLIC_URL)
    assert card["body"][1]["facts"] == [{"title": "Status", "value": "Uppfyllt"}]
    assert answer_activity(answer, PUBLIC_URL).attachments


def test_clarify_answer_offers_its_options_as_buttons() -> None:
    answer = FakeService().answer("Vilka mål har vilken enhet?")
    wire = wire_json(answer_activity(answer, PUBLIC_URL))
    actions = wire["suggestedActions"]["actions"]
    # The title names what differs; the value stays the whole question.
    assert [a["title"] for a in actions] == ["Stöd- och aktivitetsenheten", "Ekonomiskt bistånd"]
    assert [a["value"] for a in actions] == answer.suggestions
    assert "citation" not in wire["entities"][0]
    assert wire["entities"][0]["additionalType"] == ["AIGeneratedContent"]


def test_tables_become_bullets() -> None:
    text = "Intro [1]\n\n| Mål | Status |\n| --- | :---: |\n| A | Klar [2] |\n"
    assert without_tables(text) == "Intro [1]\n\n- Mål · Status\n- A · Klar [2]"


def test_quote_in_source_url_is_encoded() -> None:
    cited = Citation(n=2, source="Plan & rutin.pdf", title="P", section="P", quote=QUOTE_1)
    url = source_url(PUBLIC_URL, cited)
    assert url.startswith(f"{PUBLIC_URL}/sources/Plan%20%26%20rutin.pdf?q=St%C3%B6d-")
    assert " " not in url


def test_indicator_card_links_to_the_chart() -> None:
    answer = FakeService().answer("Hur går det med indikatorn?")
    answer.context.source = SOURCE
    answer.context.indicator = "Andel nöjda brukare"
    card = indicator_card(answer, PUBLIC_URL)
    chart = [a for a in card["actions"] if a["title"] == "Visa diagram"]
    assert chart and chart[0]["url"].startswith(PUBLIC_URL.rstrip("/") + "/charts/indicator?")
    assert "name=Andel+n%C3%B6jda+brukare" in chart[0]["url"]


def test_button_titles_lead_with_what_differs() -> None:
    stem = "Vilka aktiviteter planerar Ekonomiskt bistånd dag 1-14"
    titles = button_titles(
        [
            f"{stem} för Enheten för ekonomiskt bistånd och beroende?",
            f"{stem} för Ekonomiskt bistånd i Spånga-Tensta 2020?",
            f"{stem} för Ekonomiskt bistånd i Hägersten-Älvsjö 2023?",
        ]
    )
    assert titles == [
        "Enheten för ekonomiskt bistånd och…",
        "Ekonomiskt bistånd i Spånga-Tensta 2020",
        "Ekonomiskt bistånd i Hägersten-Älvsjö…",
    ]
    assert all(len(t) <= DIFF_TITLE_MAX for t in titles)
    # Unrelated follow-ups keep their own text.
    assert button_titles(["Vilka indikatorer har enheten?", "Vilka aktiviteter planeras?"]) == [
        "Vilka indikatorer har enheten?",
        "Vilka aktiviteter planeras?",
    ]


def test_no_chart_link_without_outcomes() -> None:
    answer = Answer(
        answer="Indikatorn har årsmålet 85 % [1].",
        kind="indicator",
        facts=[Fact(title="Årsmål", value="85 %")],
        context=ConversationContext(source=SOURCE, indicator="Andel nöjda brukare"),
    )
    card = indicator_card(answer, PUBLIC_URL)
    assert not [a for a in card.get("actions", []) if a["title"] == "Visa diagram"]


def test_at_most_ten_citations_reach_teams() -> None:
    many = [
        Citation(n=n, source="s.txt", title="T", section="T", quote=f"citat {n}") for n in range(12, 0, -1)
    ]
    claims = AIMessageEntity.from_citations(many, PUBLIC_URL).citation or []
    assert [c["position"] for c in claims] == list(range(1, 11))


def test_list_answers_send_teams_only_the_cited_rows_and_ocr_repairs_stay_marked() -> None:
    """Issue 11: rows beyond the 12 listed are cited for the web chat's table, not sent to Teams."""
    from bot.cards import answer_activity
    from knowledge.answer import Answer, Citation

    cites = [
        Citation(n=n, source="a.txt", title="A", section="A › Rad", quote=f"rad {n}", page=n)
        for n in range(1, 15)
    ]
    cites[0] = cites[0].model_copy(
        update={"quote": "ekonomiskt bistdnd", "repaired_quote": "ekonomiskt bistånd"}
    )
    text = "Rader:\n\n" + "\n".join(f"{n}. rad {n} [{n}]" for n in range(1, 13)) + "\n… och 2 till."
    activity = answer_activity(Answer(answer=text, kind="list", citations=cites), "http://127.0.0.1:3978")
    claims = activity.entities[0].citation
    # Teams takes at most 10 citations (the Agents Playground rejects an 11th).
    assert [c["position"] for c in claims] == list(range(1, 11))
    abstract = claims[0]["appearance"]["abstract"]
    assert "bistdnd" in abstract and "Läsbart (OCR-rättat): ekonomiskt bistånd" in abstract
    assert len(abstract) <= 160


def test_markers_beyond_ten_become_links_to_the_source() -> None:
    cites = [Citation(n=n, source="a.txt", title="A", section="A", quote=f"rad {n}") for n in range(1, 13)]
    text = "\n".join(f"- rad {n} [{n}]" for n in range(1, 13))
    activity = answer_activity(Answer(answer=text, kind="list", citations=cites), PUBLIC_URL)
    assert "rad 10 [10]" in activity.text
    assert f"rad 11 [källa 11]({PUBLIC_URL}/sources/a.txt?q=rad%2011&n=11#c11)" in activity.text


def test_a_reply_to_two_questions_cites_both_answers_in_teams() -> None:
    from knowledge.answer import AnswerKind
    from knowledge.answers.several import join_answers

    def one(text: str, quote: str, kind: AnswerKind) -> Answer:
        cited = Citation(n=1, source=SOURCE, title="Plan", section="Plan › Mål", quote=quote)
        return Answer(answer=text, kind=kind, citations=[cited])

    target = one("Årsmålet är **7,5 %** [1].", "Sjukfrånvaro 7,5 %", AnswerKind.INDICATOR)
    visits = one("Hembesök görs av två [1].", "Hembesök görs av två.", AnswerKind.ROUTINE)
    reply = join_answers(target, [("vad är målet?", target), ("och hur görs hembesök?", visits)])
    wire = wire_json(answer_activity(reply, PUBLIC_URL))
    assert "**och hur görs hembesök?**" in wire["text"] and "[2]" in wire["text"]
    claims = wire["entities"][0]["citation"]
    assert [c["position"] for c in claims] == [1, 2]
    assert claims[1]["appearance"]["abstract"] == "Hembesök görs av två."
