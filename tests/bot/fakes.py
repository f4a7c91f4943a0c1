"""A small in-memory stand-in for KnowledgeService, and a fake Bot Connector service."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from knowledge.answer import Answer, Citation, ConversationContext, Fact


class FakeDocument(BaseModel):
    source: str
    title: str
    type: str = "verksamhetsplan"
    unit: str | None
    district: str | None
    year: int | None
    goals: int = 3
    indicators: int = 2
    activities: int = 4
    outcomes: int = 1
    chunks: int = 12


class FakeSection(BaseModel):
    heading_path: list[str]
    breadcrumb: str
    text: str
    page: int | None


class FakeView(BaseModel):
    source: str
    title: str
    unit: str | None
    district: str | None
    year: int | None
    type: str
    sections: list[FakeSection]


SOURCE = "001_stod.txt"
TITLE = "Verksamhetsplan 2020 för Stöd- och aktivitetsenheten"
UNIT = "Stöd- och aktivitetsenheten"
QUOTE_1 = (
    "Stöd- och aktivitetsenheten har som mål att med ett gott bemötande stödja brukaren i att vara delaktig"
)
QUOTE_2 = "Brukarundersökningen genomförs varje år under hösten."
SECTIONS = [
    FakeSection(
        heading_path=["Inledning"],
        breadcrumb=f"{TITLE} › Inledning",
        text=(
            "I verksamhetsplanen beskrivs fokus och satsningar för 2020.\n\n"
            "Enheten arbetar <script>x</script>."
        ),
        page=3,
    ),
    FakeSection(
        heading_path=["Inledning", "Verksamhetside och värdegrund"],
        breadcrumb=f"{TITLE} › Inledning › Verksamhetside och värdegrund",
        text=(
            "Stöd- och aktivitetsenheten har som mål att med ett gott\nbemötande stödja brukaren i att "
            "vara delaktig i sin insats så att den upplevs som meningsfull."
        ),
        page=3,
    ),
    FakeSection(
        heading_path=["1.4 Stöd i tid", "Uppföljning"],
        breadcrumb=f"{TITLE} › 1.4 Stöd i tid › Uppföljning",
        text="Brukarundersökningen genomförs varje år under hösten. Resultatet redovisas i VB.",
        page=12,
    ),
] + [
    FakeSection(
        heading_path=[f"Avsnitt {i}"],
        breadcrumb=f"{TITLE} › Avsnitt {i}",
        text="Utfyllnadstext så att sidan blir lång nog att behöva rullas. " * 12,
        page=14 + i,
    )
    for i in range(12)
]


def citation(n: int, quote: str, section: str, page: int) -> Citation:
    return Citation(
        n=n,
        source=SOURCE,
        title=TITLE,
        unit=UNIT,
        district="Spånga-Tensta",
        year=2020,
        section=f"{TITLE} › {section}",
        page=page,
        quote=quote,
    )


class FakeService:
    """Implements KnowledgeService's four methods with canned, deterministic answers."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls: list[tuple[str, ConversationContext | None]] = []
        self.default_units: list[str | None] = []
        self.documents_list = [
            FakeDocument(source=SOURCE, title=TITLE, unit=UNIT, district="Spånga-Tensta", year=2020),
            FakeDocument(
                source="000_eb.txt",
                title="Verksamhetsplan 2023",
                unit="Enheten för ekonomiskt bistånd och beroende",
                district="Hägersten-Älvsjö",
                year=2023,
            ),
            FakeDocument(
                source="002_eb.txt",
                title="Verksamhetsplan 2020 för Ekonomiskt bistånd",
                unit="Ekonomiskt bistånd",
                district=None,
                year=2020,
            ),
        ]

    def warm_up(self) -> None:
        if self.gate is not None:
            assert self.gate.wait(30), "test never opened the warm-up gate"

    def answer(
        self, question: str, context: ConversationContext | None = None, default_unit: str | None = None
    ) -> Answer:
        self.calls.append((question, context))
        self.default_units.append(default_unit)
        lowered = question.lower()
        if "krasch" in lowered:
            raise RuntimeError(f"Traceback: internt fel om {question}")
        if "indikator" in lowered:
            return Answer(
                answer="Indikatorn **Andel nöjda brukare** har årsmålet 85 % [1].",
                kind="indicator",
                citations=[citation(1, QUOTE_2, "1.4 Stöd i tid › Uppföljning", 12)],
                suggestions=["Vilka aktiviteter hör till målet?"],
                facts=[
                    Fact(title="Årsmål", value="85 %"),
                    Fact(title="KF:s årsmål", value="80 %"),
                    Fact(title="Periodicitet", value="Tertial"),
                    Fact(title="Senaste utfall", value="83 % (T2 2020)"),
                    Fact(title="Status", value="Delvis uppfyllt"),
                ],
                context=ConversationContext(
                    unit=UNIT, year=2020, indicator="Andel nöjda brukare", source=SOURCE
                ),
            )
        if "vilken enhet" in lowered:
            return Answer(
                answer="Vilken enhet menar du?",
                kind="clarify",
                suggestions=[f"Vilka mål har {UNIT}?", "Vilka mål har Ekonomiskt bistånd?"],
            )
        unit = context.unit if context and context.unit else default_unit or UNIT
        assumed = f"Jag utgår från din enhet {unit}.\n\n" if unit == default_unit else ""
        return Answer(
            answer=(
                f"{assumed}**{unit}** har som mål att stödja brukaren [1].\n\n"
                "- *Gott bemötande* [1]\n- Brukarundersökning varje höst [2]\n\n"
                "| Mål | Status |\n|---|---|\n| Delaktighet | Pågår [2] |"
            ),
            kind="passages",
            citations=[
                citation(1, QUOTE_1, "Inledning › Verksamhetside och värdegrund", 3),
                citation(2, QUOTE_2, "1.4 Stöd i tid › Uppföljning", 12),
            ],
            suggestions=["Vilka indikatorer har enheten?", "Vilka aktiviteter planeras?"],
            context=ConversationContext(unit=unit, year=2020, source=SOURCE, topic=question[:40]),
        )

    def documents(self) -> list[FakeDocument]:
        return list(self.documents_list)

    def source_view(self, source: str) -> FakeView | None:
        if source != SOURCE:
            return None
        return FakeView(
            source=SOURCE,
            title=TITLE,
            unit=UNIT,
            district="Spånga-Tensta",
            year=2020,
            type="verksamhetsplan",
            sections=SECTIONS,
        )


@dataclass
class FakeConnector:
    """Plays the Bot Connector service: records every activity the bot posts."""

    received: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._reply)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._reply)
        return app

    async def _reply(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        self.paths.append(request.path)
        return web.json_response({"id": f"reply-{len(self.received)}"})

    def messages(self) -> list[dict[str, Any]]:
        return [a for a in self.received if a.get("type") == "message"]
