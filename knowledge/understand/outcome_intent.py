"""Which outcome answer a staff question asks for: status, history, units, gender split, below target."""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.textnorm import fold


class OutcomeQuestion(StrEnum):
    """Which outcome answer a question asks for."""

    STATUS = "status"
    HISTORY = "history"
    UNITS = "units"
    GENDER = "gender"
    BELOW_TARGET = "below_target"


# Checked in this order on the folded question (first match wins).
_WORDINGS: list[tuple[OutcomeQuestion, tuple[str, ...]]] = [
    (
        OutcomeQuestion.BELOW_TARGET,
        (
            r"(nar|uppnar|klarar|natt|uppnatt) (inte|ej) (upp till )?(malet|malen|sina mal|arsmal)",
            r"(inte|ej) (nar|natt|uppnar|uppnatt|klarar)\w* (malet|malen|arsmal)",
            r"under malet",
            r"ej uppnadda",
        ),
    ),
    (
        OutcomeQuestion.UNITS,
        (
            r"andra enheter",
            r"alla enheter",
            r"ovriga enheter",
            r"per enhet",
            r"varje enhet",
            r"mellan enheter",
            r"jamfor\w* (med )?(andra|ovriga)",
            r"andra stadsdel",
            r"olika enheter",
        ),
    ),
    (
        OutcomeQuestion.GENDER,
        (r"\bkvinnor\b", r"\bflickor\b", r"\bpojkar\b", r"\bkon(et|suppdel\w*)?\b", r"per kon"),
    ),
    (
        OutcomeQuestion.HISTORY,
        (
            r"historik",
            r"over tid",
            r"per (tertial|period|ar)\b",
            r"utveckl",
            r"tidigare (ar|utfall|perioder)",
            r"trend",
            r"senaste aren",
            r"har det gatt",
            r"alla (utfall|perioder)",
        ),
    ),
    (
        OutcomeQuestion.STATUS,
        (
            r"hur ligger",
            r"hur gar det",
            r"status",
            r"utfall",
            r"resultat",
            r"klarar (vi|enheten)",
            r"nar (vi|enheten|de|ni) (upp till )?malet",
        ),
    ),
]
_PATTERNS = [(kind, re.compile("|".join(words))) for kind, words in _WORDINGS]


def classify(question: str) -> OutcomeQuestion | None:
    """The outcome answer a question asks for, or None when it is not about outcomes."""
    folded = fold(question)
    return next((kind for kind, pattern in _PATTERNS if pattern.search(folded)), None)


def kinds(question: str) -> list[OutcomeQuestion]:
    """Every outcome wording the question holds, in precedence order (cues for a ranker)."""
    folded = fold(question)
    return [kind for kind, pattern in _PATTERNS if pattern.search(folded)]


class ResultCue(StrEnum):
    """What a question about a result in prose asks for."""

    CONCLUSION = "conclusion"  # "vad blev slutsatsen av …", "vad kom ni fram till"
    RESULT = "result"  # "vad blev resultatet av …", "hur gick det med …", "vad hände med …"


_RESULT_CUES: list[tuple[ResultCue, re.Pattern[str]]] = [
    (ResultCue.CONCLUSION, re.compile(r"\bslutsats\w*|\bkom (ni|vi|de|enheten) fram till\b")),
    (
        ResultCue.RESULT,
        re.compile(
            r"\bresultat\w*|\butfall\w*|\bhur (gick|gar) det\b|\bvad (hande|blev|visade)\b|\beffekt\w*"
            r"|\bledde\b|\blyckades\b"
        ),
    ),
]

# Words in a sentence that state a result or a conclusion (folded), per cue. A conclusion is
# also a result; a result sentence may be a conclusion.
RESULT_MARKERS: dict[ResultCue, re.Pattern[str]] = {
    ResultCue.CONCLUSION: re.compile(r"\bslutsats\w*|\bkom (vi |de )?fram till\b|\bvisade\b"),
    ResultCue.RESULT: re.compile(
        r"\bresultat\w*|\butfall\w*|\bblev\b|\bblivit\b|\bvisade\b|\blyckats\b|\blett till\b|\bledde\b"
        r"|\beffekt\w*|\bslutsats\w*|\bminskat\b|\bokat\b|\bforbattr\w*|\bforsamr\w*"
    ),
}

# Words that ask for a result rather than name its subject ("vad blev resultatet av …").
RESULT_WORDS = frozenset(
    {
        *("resultat", "resultatet", "resultaten", "utfall", "utfallet"),
        *("slutsats", "slutsatsen", "slutsatserna", "effekt", "effekten", "effekterna"),
        *("gick", "gar", "hande", "blev", "visade", "ledde", "lyckades"),
    }
)


def result_cue(question: str) -> ResultCue | None:
    """Whether a question asks what came of something (a result or a conclusion in prose)."""
    folded = fold(question)
    return next((cue for cue, pattern in _RESULT_CUES if pattern.search(folded)), None)
