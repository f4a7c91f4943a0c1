"""What a question asks for: its intent and sub-intent, from cue words (`query_vocab`)."""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.textnorm import fold
from knowledge.understand import vocab as v


class Intent(StrEnum):
    """What a question asks for."""

    INDICATOR = "indicator"
    GOAL = "goal"
    ACTIVITY = "activity"
    ROUTINE = "routine"
    ABBREVIATION = "abbreviation"
    ORGANISATION = "organisation"
    OUTCOME = "outcome"
    GENERAL = "general"


def _abbreviation(text: str) -> str | None:
    """The term a 'vad betyder X' question asks about, in the whole text or in one of its clauses.

    The patterns are anchored at the end, so a question followed by chatter ("Vad betyder FUT?
    Står överallt i vår VP") is read clause by clause.
    """
    found = _abbreviation_in(text)
    if found:
        return found
    clauses = [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]
    for clause in clauses if len(clauses) > 1 else []:
        if found := _abbreviation_in(clause):
            return found
    return None


_CLAUSE = re.compile(r"(?<=[?!.;:])\s+|,\s+|\s[–—-]\s")


def _abbreviation_in(text: str) -> str | None:
    ascii_text = text.translate(v.ASCII)
    for pattern in v.ABBR:
        m = pattern.search(ascii_text)
        if not m:
            continue
        term = text[m.start("t") : m.end("t")].strip(" ?.!,")
        term = re.sub(r"(?i)(:s|:n|:en| för| for)$", "", term)
        if not term or fold(term) in v.STOP | v.PRONOUNS | v.CUES:
            continue
        return term.upper() if term.islower() and len(term) <= 5 and "-" not in term else term
    return None


def _goal_sub(f: str, goal_number: str | None) -> str | None:
    has_goal = bool(v.GOALW.search(f))
    for name, pattern in v.FIELDS:
        if pattern.search(f) and (has_goal or name in ("forvantat_resultat", "resursanvandning")):
            return f"field:{name}"
    if has_goal and v.FORVANTAS.search(f):
        return "field:forvantat_resultat"
    levels = [v.LEVELS[m.group(1).replace("kfs", "kf")] for m in v.LEVEL_WORD.finditer(f)]
    first = v.GOALW.search(f)
    asked = v.LEVEL_WORD.match(f, first.start()) if first else None
    asked_rank = v.LEVELS[asked.group(1).replace("kfs", "kf")] if asked else None
    named = [r for r in levels if r != asked_rank]
    if goal_number:
        named.append(1 if "." in goal_number else 0)
    if goal_number or len(levels) >= 2 or (has_goal and (v.PARENT.search(f) or v.CHILD.search(f))):
        if asked_rank is not None and named:
            return "parent" if asked_rank < named[0] else "children"
        if v.PARENT.search(f):
            return "parent"
        if goal_number or (levels and v.CHILD.search(f)):
            return "children"
    if has_goal and v.LIST.search(f) and not v.IND_STRONG.search(f):
        return "list"
    return None


def _indicator_sub(f: str) -> str:
    if v.KF.search(f) and re.search(r"(?<![\w])(arsmal|mal)", f):
        return "kf_target"
    if v.PERIOD.search(f):
        return "periodicity"
    if v.STATUS.search(f):
        return "status"
    if v.OUT_SUB.search(f):
        return "outcome"
    if _ALL_INDICATORS.search(f):
        return "list"  # "vilka indikatorer har de?": the unit's indicators, not one indicator's target
    return "target"


_ALL_INDICATORS = v.rx(r"(?:vilka|alla|lista\w*)(?: \w+)? indikator\w*")


def classify(f: str, text: str, goal_number: str | None) -> tuple[Intent, str | None, str | None]:
    """Classify by cue words, most specific first; `f` is the folded question minus mentions."""
    if abbreviation := _abbreviation(text):
        return Intent.ABBREVIATION, None, abbreviation
    if v.ACT.search(f) or (v.WHEN.search(f) and (v.END.search(f) or v.START.search(f))):
        sub = "end" if v.END.search(f) else "start" if v.START.search(f) else None
        return Intent.ACTIVITY, sub or ("list" if v.LIST.search(f) else None), None
    if goal_sub := _goal_sub(f, goal_number):
        return Intent.GOAL, goal_sub, None
    if v.KF_GOAL_FOR.search(f):
        return Intent.INDICATOR, "kf_target", None
    if v.OUTCOME.search(f):
        if v.IND_HEADS.search(f) and not v.OUTCOME_ONLY.search(f):
            return Intent.INDICATOR, "outcome", None
        return Intent.OUTCOME, None, None
    org = bool(v.ORG.search(f))
    if v.IND_STRONG.search(f) or (v.IND_WEAK.search(f) and (not org or re.search(r"\bska\b", f))):
        return Intent.INDICATOR, _indicator_sub(f), None
    if org:
        return Intent.ORGANISATION, None, None
    if v.ROUTINE.search(f):
        return Intent.ROUTINE, None, None
    if v.GOALW.search(f):
        return Intent.GOAL, "list" if v.LIST.search(f) else None, None
    return Intent.GENERAL, None, None
