"""One reading of what a question asks for: cues as features, and one precedence list.

Four classifiers used to decide the route on their own: `intent.classify` (intent and
sub-intent), `outcome_intent.classify` (which outcome answer), and the plan-diff and deadline
tests (formerly only in `answers/versions.py`). Here they are read together:

- `cues(...)` reports every cue the question holds, independently (TARGET "årsmål", WHEN "när",
  LIST "vilka", COUNT "hur många", DEFINE "betyder", OUTCOME "resultat", DIFF "ändrats",
  PERIOD "tertial" …): features for a ranker, not a route.
- `read_asks(...)` turns them into one `SubIntent` by the `PRECEDENCE` list below, the only
  place where the classifiers' disagreements are settled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.intent import Intent
from knowledge.understand.outcome_intent import OutcomeQuestion
from knowledge.understand.outcome_intent import kinds as outcome_kinds


class Cue(StrEnum):
    """A word or phrase in the question that says what kind of answer fits."""

    TARGET = "target"  # årsmål, målvärde, ska ligga på
    KF = "kf"  # KF:s, kommunfullmäktige
    WHEN = "when"  # när, till när, hur länge
    START = "start"  # började, startade
    END = "end"  # slutar, klar, deadline
    LIST = "list"  # vilka, lista, alla
    COUNT = "count"  # hur många, antal, hur mycket
    DEFINE = "define"  # betyder, står för, förkortning
    OUTCOME = "outcome"  # resultat, utfall, blev, hur gick det
    STATUS = "status"  # hur ligger vi till, når vi
    HISTORY = "history"  # över tid, per tertial, trend
    GENDER = "gender"  # kvinnor, män, kön
    COMPARE_UNITS = "compare_units"  # andra enheter, per enhet
    BELOW_TARGET = "below_target"  # når inte målet
    DIFF = "diff"  # ändrats sedan förra årets plan
    PERIOD = "period"  # tertial, månad, periodicitet, hur ofta
    DEADLINE = "deadline"  # slutar denna tertial, försenade
    INDICATOR = "indicator"  # indikator
    GOAL = "goal"  # mål, nämndmål, inriktningsmål
    ACTIVITY = "activity"  # aktivitet
    ROUTINE = "routine"  # rutin, hur gör vi
    ORGANISATION = "organisation"  # anställda, chef, team
    PARENT = "parent"  # hör till, ligger under
    FIELD = "field"  # förväntat resultat, arbetssätt, uppföljning
    QUESTION_WORD_WHO = "who"  # vem, vilka ansvarar


class SubIntent(StrEnum):
    """The one reading of what a question asks for (its intent is `SubIntent.intent`)."""

    PLAN_DIFF = "plan_diff"
    DEADLINE_TERTIAL = "deadline_tertial"
    DEADLINE_PASSED = "deadline_passed"
    DEFINITION = "definition"
    OUTCOME_BELOW_TARGET = "outcome_below_target"
    OUTCOME_UNITS = "outcome_units"
    OUTCOME_GENDER = "outcome_gender"
    OUTCOME_HISTORY = "outcome_history"
    OUTCOME_STATUS = "outcome_status"
    INDICATOR_KF_TARGET = "indicator_kf_target"
    INDICATOR_PERIODICITY = "indicator_periodicity"
    INDICATOR_STATUS = "indicator_status"
    INDICATOR_OUTCOME = "indicator_outcome"
    INDICATOR_LIST = "indicator_list"
    INDICATOR_TARGET = "indicator_target"
    GOAL_FIELD = "goal_field"
    GOAL_PARENT = "goal_parent"
    GOAL_CHILDREN = "goal_children"
    GOAL_LIST = "goal_list"
    GOAL = "goal"
    ACTIVITY_END = "activity_end"
    ACTIVITY_START = "activity_start"
    ACTIVITY_LIST = "activity_list"
    ACTIVITY = "activity"
    ROUTINE = "routine"
    ORGANISATION = "organisation"
    OUTCOME = "outcome"
    GENERAL = "general"

    @property
    def intent(self) -> Intent:
        """The coarse intent this reading belongs to."""
        return _INTENT_OF[self]


_INTENT_OF: dict[SubIntent, Intent] = {
    **{s: Intent.ACTIVITY for s in SubIntent if s.value.startswith(("activity", "deadline"))},
    **{s: Intent.INDICATOR for s in SubIntent if s.value.startswith("indicator")},
    **{s: Intent.GOAL for s in SubIntent if s.value.startswith("goal")},
    **{s: Intent.OUTCOME for s in SubIntent if s.value.startswith("outcome")},
    SubIntent.PLAN_DIFF: Intent.GENERAL,
    SubIntent.DEFINITION: Intent.ABBREVIATION,
    SubIntent.ROUTINE: Intent.ROUTINE,
    SubIntent.ORGANISATION: Intent.ORGANISATION,
    SubIntent.GENERAL: Intent.GENERAL,
}


class Deadline(StrEnum):
    """Which activity deadline a question asks about (same values as `answers.versions.Deadline`)."""

    THIS_TERTIAL = "tertial"
    PASSED = "passed"


# -- plan diffs and deadlines (moved here from answers/versions.py so all question reading is in one place)
_DIFF_TOPIC = re.compile(r"andr|skillnad|skiljer|\bnytt\b|\bnya\b|borttag|tagits bort|jamfor|forandr")
_DIFF_PLAN = re.compile(
    r"(forra|fjolarets|foregaende|tidigare|senaste|forra arets) ?(ars )?(plan|verksamhetsplan|ar)"
    r"|sedan (i )?fjol|mellan (planerna|aren|versionerna)|\bversion"
)
_TERTIAL = re.compile(r"(denna|den har|innevarande|nuvarande|aktuella|pagaende) tertial")
_PASSED = re.compile(
    r"passerat|gatt ut|forsenade|efter (sitt|sina) slutdatum|redan (borde ha )?slutat|ar forsenad"
)


def is_diff_question(question: str) -> bool:
    """True for 'Vad har ändrats sedan förra årets plan?' and its variants."""
    folded = fold(question)
    return bool(_DIFF_TOPIC.search(folded) and _DIFF_PLAN.search(folded))


def deadline_question(question: str) -> Deadline | None:
    """Which deadline an activity question asks about, if any."""
    folded = fold(question)
    if "aktivitet" not in folded and "slut" not in folded:
        return None
    if _PASSED.search(folded):
        return Deadline.PASSED
    if _TERTIAL.search(folded) and ("slut" in folded or "avslut" in folded or "klar" in folded):
        return Deadline.THIS_TERTIAL
    return None


# -- cues --------------------------------------------------------------------------------------------
_TARGET = v.rx(r"arsmal\w*|malvarde\w*|ska ligga pa|malniva\w*|ska vara|ska na|malet for")
_DEFINE = v.rx(r"betyder|star for|menas med|forkortning\w*|akronym\w*|definition\w*|innebar")
_OUTCOME_WORDS = v.rx(
    r"(?<!forvantat )(?<!forvantade )resultat\w*|utfall\w*|blev|hur gick det|uppnadde|uppnatt|landade|fick vi"
)
_PERIOD = v.rx(r"tertial\w*|manad\w*|manads\w*|kvartal\w*|arsvis|per ar|periodicitet|hur ofta|halvar\w*")
_INDICATOR = v.rx(r"indikator\w*|nyckeltal\w*")
_WHO = v.rx(r"vem|vilka ansvarar|vem ansvarar|ansvarig\w*")
_OUTCOME_CUES = {
    OutcomeQuestion.BELOW_TARGET: Cue.BELOW_TARGET,
    OutcomeQuestion.UNITS: Cue.COMPARE_UNITS,
    OutcomeQuestion.GENDER: Cue.GENDER,
    OutcomeQuestion.HISTORY: Cue.HISTORY,
    OutcomeQuestion.STATUS: Cue.STATUS,
}
_SIMPLE: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (Cue.TARGET, _TARGET),
    (Cue.KF, v.KF),
    (Cue.WHEN, v.WHEN),
    (Cue.START, v.START),
    (Cue.END, v.END),
    (Cue.LIST, v.LIST),
    (Cue.COUNT, v.COUNT),
    (Cue.DEFINE, _DEFINE),
    (Cue.OUTCOME, _OUTCOME_WORDS),
    (Cue.STATUS, v.STATUS),
    (Cue.PERIOD, _PERIOD),
    (Cue.INDICATOR, _INDICATOR),
    (Cue.GOAL, v.GOALW),
    (Cue.ACTIVITY, v.ACT),
    (Cue.ROUTINE, v.ROUTINE),
    (Cue.ORGANISATION, v.ORG),
    (Cue.PARENT, v.PARENT),
    (Cue.QUESTION_WORD_WHO, _WHO),
)


def cues(
    f: str, text: str, abbreviation: str | None = None, outcomes: list[OutcomeQuestion] | None = None
) -> set[Cue]:
    """Every cue of a question, each found on its own (features, not a route).

    Args:
        f: The folded question without unit/district mentions and chatter (as `read_question` builds it).
        text: The question as typed (the outcome, diff and deadline wordings are read on it).
        abbreviation: The term of a 'vad betyder X' question, when one was found.
        outcomes: The outcome wordings of the text, when the caller has them already.
    """
    found = {cue for cue, pattern in _SIMPLE if pattern.search(f)}
    if abbreviation:
        found.add(Cue.DEFINE)
    if any(pattern.search(f) for _, pattern in v.FIELDS):
        found.add(Cue.FIELD)
    if outcomes is None:
        outcomes = outcome_kinds(_without_expected_results(text))
    found |= {_OUTCOME_CUES[k] for k in outcomes}
    if is_diff_question(text):
        found.add(Cue.DIFF)
    if deadline_question(text):
        found.add(Cue.DEADLINE)
    return found


_EXPECTED_RESULT = re.compile(r"forvanta(?:t|de) resultat\w*")


def _without_expected_results(text: str) -> str:
    # "förväntat resultat" is a field of a goal, not an outcome: it must not read as "resultat".
    return _EXPECTED_RESULT.sub(" ", fold(text))


@dataclass(frozen=True)
class Asks:
    """The one reading of what a question asks for.

    Attributes:
        sub: The reading after the precedence list.
        cues: Every cue found (for rankers).
        outcome: Which outcome answer the wording asks for, if any.
        deadline: Which activity deadline, if any.
    """

    sub: SubIntent
    cues: frozenset[Cue]
    outcome: OutcomeQuestion | None
    deadline: Deadline | None


_LEGACY: dict[tuple[Intent, str | None], SubIntent] = {
    (Intent.ABBREVIATION, None): SubIntent.DEFINITION,
    (Intent.ACTIVITY, "end"): SubIntent.ACTIVITY_END,
    (Intent.ACTIVITY, "start"): SubIntent.ACTIVITY_START,
    (Intent.ACTIVITY, "list"): SubIntent.ACTIVITY_LIST,
    (Intent.ACTIVITY, None): SubIntent.ACTIVITY,
    (Intent.GOAL, "parent"): SubIntent.GOAL_PARENT,
    (Intent.GOAL, "children"): SubIntent.GOAL_CHILDREN,
    (Intent.GOAL, "list"): SubIntent.GOAL_LIST,
    (Intent.GOAL, "field"): SubIntent.GOAL_FIELD,
    (Intent.GOAL, None): SubIntent.GOAL,
    (Intent.INDICATOR, "kf_target"): SubIntent.INDICATOR_KF_TARGET,
    (Intent.INDICATOR, "periodicity"): SubIntent.INDICATOR_PERIODICITY,
    (Intent.INDICATOR, "status"): SubIntent.INDICATOR_STATUS,
    (Intent.INDICATOR, "outcome"): SubIntent.INDICATOR_OUTCOME,
    (Intent.INDICATOR, "list"): SubIntent.INDICATOR_LIST,
    (Intent.INDICATOR, "target"): SubIntent.INDICATOR_TARGET,
    (Intent.ROUTINE, None): SubIntent.ROUTINE,
    (Intent.ORGANISATION, None): SubIntent.ORGANISATION,
    (Intent.OUTCOME, None): SubIntent.OUTCOME,
    (Intent.GENERAL, None): SubIntent.GENERAL,
}
_OUTCOME_SUB = {
    OutcomeQuestion.BELOW_TARGET: SubIntent.OUTCOME_BELOW_TARGET,
    OutcomeQuestion.UNITS: SubIntent.OUTCOME_UNITS,
    OutcomeQuestion.GENDER: SubIntent.OUTCOME_GENDER,
    OutcomeQuestion.HISTORY: SubIntent.OUTCOME_HISTORY,
    OutcomeQuestion.STATUS: SubIntent.OUTCOME_STATUS,
}


@dataclass(frozen=True)
class _Facts:
    intent: Intent
    sub: str | None
    cues: frozenset[Cue]
    outcome: OutcomeQuestion | None
    deadline: Deadline | None


# The precedence list: the first rule that applies gives the reading. It follows the order in which
# the answer path has tried the classifiers (plan diff, deadline, definition, outcome wording for
# outcome and indicator questions, then the cue classifier `intent.classify`), with one settled
# disagreement: a periodicity question is not an outcome-history one.
PRECEDENCE: tuple[tuple[str, Callable[[_Facts], SubIntent | None]], ...] = (
    ("plan diff", lambda x: SubIntent.PLAN_DIFF if Cue.DIFF in x.cues else None),
    (
        "deadline",
        lambda x: (
            None
            if x.deadline is None
            else SubIntent.DEADLINE_PASSED
            if x.deadline is Deadline.PASSED
            else SubIntent.DEADLINE_TERTIAL
        ),
    ),
    ("definition", lambda x: SubIntent.DEFINITION if x.intent is Intent.ABBREVIATION else None),
    # "vilka indikatorer följs upp per tertial?" asks how often, although "per tertial" is also
    # the outcome-history wording.
    (
        "periodicity",
        lambda x: (
            SubIntent.INDICATOR_PERIODICITY
            if (x.intent, x.sub) == (Intent.INDICATOR, "periodicity")
            else None
        ),
    ),
    (
        "outcome wording",
        lambda x: (
            _OUTCOME_SUB[x.outcome]
            if x.outcome is not None and x.intent in (Intent.OUTCOME, Intent.INDICATOR)
            else None
        ),
    ),
    ("cue classifier", lambda x: _LEGACY.get((x.intent, _sub_key(x.sub)))),
    ("fallback", lambda x: SubIntent.GENERAL),
)


def _sub_key(sub: str | None) -> str | None:
    # All goal field questions ("field:arbetssatt" …) share one reading; the field stays in sub_intent.
    return "field" if sub and sub.startswith("field:") else sub


def asks_for_intent(intent: Intent) -> SubIntent:
    """The plain reading of a coarse intent (when a follow-up takes its intent from the context)."""
    default_sub = {Intent.INDICATOR: "target"}.get(intent)  # an indicator question asks its target
    return _LEGACY.get((intent, default_sub), SubIntent.GENERAL)


def read_asks(intent: Intent, sub: str | None, abbreviation: str | None, f: str, text: str) -> Asks:
    """Settle what the question asks for, from the cue classifier's result and every cue.

    Args:
        intent: `intent.classify`'s intent.
        sub: `intent.classify`'s sub-intent string.
        abbreviation: The term of a definition question, if any.
        f: The folded question without mentions and chatter.
        text: The question as typed.
    """
    outcomes = outcome_kinds(_without_expected_results(text))
    found = frozenset(cues(f, text, abbreviation, outcomes))
    outcome = outcomes[0] if outcomes else None  # the same first match as outcome_intent.classify
    deadline = deadline_question(text)
    facts = _Facts(intent, sub, found, outcome, deadline)
    for _, rule in PRECEDENCE:
        if (reading := rule(facts)) is not None:
            return Asks(reading, found, outcome, deadline)
    return Asks(SubIntent.GENERAL, found, outcome, deadline)  # unreachable: the fallback always applies
