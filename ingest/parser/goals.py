"""Words of the goal chain: level labels, goal sub-headings and closing headings.

Stockholm's plans use one template: "KF:s inriktningsmål" → "KF:s mål för
verksamhetsområdet" → "Nämndmål" → "Enhetsmål", each goal followed by the sub-headings
Beskrivning, Förväntat resultat, Arbetssätt, Resursanvändning, Uppföljning and Utveckling.
Labels appear on the title's own line ("Nämndmål: Invånarna …") or alone with the title on
the next line; all matching is on folded text so OCR and missing å/ä/ö do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from indicators.models import GoalLevel
from ingest.parser.text import fold

LEVEL_RANK = {
    GoalLevel.KF_INRIKTNINGSMAL: 0,
    GoalLevel.KF_MAL: 1,
    GoalLevel.NAMNDMAL: 2,
    GoalLevel.ENHETSMAL: 3,
}
# A number right after the label is the goal's own when a colon or the line's end follows it
# ("Nämndmål 2:", "Nämndmål 1.3.1: …"); otherwise it starts a numbered title ("KF:s
# inriktningsmål 1. Ett Stockholm …" keeps "1." for split_number).
# Templates name the KF levels in several ways: "KF:s inriktningsmål", "Kommunfullmäktiges
# inriktningsmål", "Inriktningsmål (KF)"; "KF:s mål för verksamhetsområdet", "Verksamhetsområdesmål
# (KF)", "KF:s verksamhetsområdesmål".
_KF = r"(?:kf:?s?|kommunfullmaktiges)"
_BY_KF = r"(?:\s*\(kf\))?"
_LABELS = tuple(
    (level, re.compile(rf"^{pattern}(?!\w)(?:\s+(\d{{1,2}}(?:\.\d{{1,2}})*)(?=\s*(?::|$)))?\s*(:)?\s*"))
    for level, pattern in (
        # Only KF sets inriktningsmål, so the bare label ("Inriktningsmål 1: Ett Stockholm …") is KF's.
        (GoalLevel.KF_INRIKTNINGSMAL, rf"(?:{_KF}\s+inriktningsmal|inriktningsmal(?:\s*\(kf\))?)"),
        (
            GoalLevel.KF_MAL,
            rf"(?:{_KF}\s+mal\s+for\s+verksamhetsomradet{_BY_KF}|(?:{_KF}\s+)?verksamhetsomradesmal{_BY_KF}"
            r"|mal\s+for\s+verksamhetsomradet\s*\(kf\))",
        ),
        (GoalLevel.NAMNDMAL, r"namndmal"),
        # Templates of the city's planning system (ILS) name the unit level its "åtagande".
        (GoalLevel.ENHETSMAL, r"(?:enhetsmal|(?:enhetens\s+)?atagande)"),
        # Units' own templates say just "Kommunfullmäktiges mål"; the goal's number tells which KF
        # level it is (see `kf_level`). Last, so the precise labels above win.
        (GoalLevel.KF_INRIKTNINGSMAL, rf"{_KF}\s+mal(?!\s+for\b)"),
    )
)
_BARE_KF = _LABELS[-1][1]
_LABEL_STARTS = (
    "kf",
    "kommunfullmaktige",
    "inriktningsmal",
    "verksamhetsomrade",
    "mal for verksamhetsomradet",
    "namnd",
    "enhet",
    "atagande",
)
# The document's own heading number in front of a label ("2.1 KF:s inriktningsmål …", "2.1.1 Nämndmål").
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-Za-zÅÄÖåäö])")
_KF_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")

FIELDS = {
    "beskrivning": "Beskrivning",
    "forvantat_resultat": "Förväntat resultat",
    "arbetssatt": "Arbetssätt",
    "resursanvandning": "Resursanvändning",
    "uppfoljning": "Uppföljning",
    "utveckling": "Utveckling",
}
_SUBHEADINGS = {
    "beskrivning": "beskrivning",
    "forvantat resultat": "forvantat_resultat",
    "forvantade resultat": "forvantat_resultat",
    "arbetssatt": "arbetssatt",
    "arbetsatt": "arbetssatt",
    # Units' own templates head the working method in plain words.
    "sa har gor vi": "arbetssatt",
    "sa har arbetar vi": "arbetssatt",
    "resursanvandning": "resursanvandning",
    "resurser": "resursanvandning",
    "uppfoljning": "uppfoljning",
    "utveckling": "utveckling",
}
_GLUED = re.compile(
    r"^(?P<title>.*[a-zåäö.)])(?P<sub>Beskrivning|Förväntat resultat|Arbetss?ätt|Resursanvändning|Uppföljning"
    r"|Utveckling)$"
)
# Headings that end the goal part of a plan ("budget" counts only with its year: "Budget 2023").
_TOP_HEADINGS = (
    "inledning",
    "bilagor",
    "bilaga",
    "redovisning av ekonomi",
    "uppfoljning av ekonomi",
    "ekonomi",
    "budget#",
    "ovrigt",
)
# The template areas of a quality-award application (top-level there, ordinary words elsewhere).
_AWARD_AREAS = (
    "administrativa uppgifter",
    "inledning",
    "brukare/kunder",
    "chef och ledarskap",
    "medarbetare",
    "resultat och analys",
    "fran mal till uppfoljning",
    "resurser",
    "utveckling",
    # The award's criteria as later templates name them ("Kriterium 2. Brukarfokus").
    "resultat",
    "brukarfokus",
    "invanarfokus",
    "ledarskap",
    "medarbetarskap",
    "utveckling och forbattring",
    "lardomar",
    "utvecklingsomraden",
)
# "Kriterium 2." / "Område 3:" before an award area's name.
_CRITERION = re.compile(r"^(?:kriteri(?:um|et)|omrade)\s*\d*\s*[.:]?\s*")
# The template numbers its questions: "1. Beskriv …", "2.3 Redovisa …", "4) Analysera …".
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+")
_TOP_SQUASHED = {re.sub(r"[^a-z/#]", "", heading) for heading in _TOP_HEADINGS}
_AREAS_SQUASHED = {re.sub(r"[^a-z/]", "", heading) for heading in _AWARD_AREAS}
_PROMPT = re.compile(r"^(?:beskriv|redovisa|redogor|analysera)\s+\w+")


@dataclass(frozen=True)
class Label:
    """A goal label found on a line: its level and the title text after it ('' when on the next line)."""

    level: GoalLevel
    rest: str
    bare_kf: bool = False  # "Kommunfullmäktiges mål" without saying which KF level


def match_label(text: str) -> Label | None:
    """Recognise a goal-chain label at the start of a line.

    Prose that merely starts with the word ("Nämndmålet handlar om …") is not a label: the
    label must stand alone, end in a colon, or (KF levels) be followed by the goal number.
    """
    stripped = _SECTION_NUMBER.sub("", text.strip().strip("*_ ")).strip("*_ ")
    folded = fold(stripped)
    if not folded.startswith(_LABEL_STARTS):
        return None
    for level, pattern in _LABELS:
        match = pattern.match(folded)
        if not match:
            continue
        rest = stripped[match.end() :].strip().strip("*_ ")
        kf = level in (GoalLevel.KF_INRIKTNINGSMAL, GoalLevel.KF_MAL)
        if match.group(2) is None and rest:
            numbered = _KF_NUMBER.match(rest)
            if not kf or not numbered:
                return None
        if kf and match.group(1) and rest and not _KF_NUMBER.match(rest):
            # "Inriktningsmål (KF) 1: Ett Stockholm …": the number is the KF goal's own.
            rest = f"{match.group(1)} {rest}"
        bare = pattern is _BARE_KF
        return Label(level=kf_level(rest) if bare else level, rest=rest, bare_kf=bare)
    return None


def kf_level(title: str) -> GoalLevel:
    """Which KF level a goal under a bare "KF:s mål" label is, by its number.

    KF numbers its inriktningsmål 1, 2, 3 and the goals for the areas under them 1.1, 1.2 …,
    so a number with a dot is a verksamhetsområdesmål; without a number it is an inriktningsmål.
    """
    match = _KF_NUMBER.match(title.strip().strip("*_ "))
    return GoalLevel.KF_MAL if match and "." in match.group(1) else GoalLevel.KF_INRIKTNINGSMAL


def split_number(level: GoalLevel, title: str) -> tuple[str | None, str]:
    """Split KF goals' number from their title: '1.4. I Stockholm …' -> ('1.4', 'I Stockholm …')."""
    title = title.strip().strip("*_ ")
    if level in (GoalLevel.KF_INRIKTNINGSMAL, GoalLevel.KF_MAL):
        match = _KF_NUMBER.match(title)
        if match:
            return match.group(1), match.group(2).strip()
    return None, title


def match_subheading(text: str) -> tuple[str, str] | None:
    """Recognise a goal sub-heading ('Förväntat resultat', OCR 'Uppfdljning', 'Uppföljning: text').

    Returns:
        The goal field it opens and any text after a colon on the same line, or None.
    """
    stripped = text.strip().strip("*_ ")
    if not stripped or not stripped[0].isupper():
        return None
    head, colon, rest = stripped.partition(":")
    key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", "", fold(head))).strip()
    if not key or len(key) > 30 or (rest.strip() and not colon):
        return None
    if key in _SUBHEADINGS:
        return _SUBHEADINGS[key], rest.strip()
    if len(key) >= 8:
        best = max(_SUBHEADINGS, key=lambda candidate: fuzz.ratio(key, candidate))
        if fuzz.ratio(key, best) >= 86:
            return _SUBHEADINGS[best], rest.strip()
    return None


def split_glued(text: str) -> tuple[str, str] | None:
    """Split a title glued to its first sub-heading ('… hållbar ekonomiBeskrivning')."""
    match = _GLUED.match(text.strip())
    if match and match.group("title").strip():
        return match.group("title").strip(), match.group("sub")
    return None


def is_top_heading(text: str, award: bool = False) -> bool:
    """Whether a heading is one of the template's top-level parts (it ends the goal chain).

    Args:
        text: The heading.
        award: Whether the document is a quality-award application (its areas count too).
    """
    folded = fold(text.strip().strip("*_ :"))
    if award:
        folded = _CRITERION.sub("", folded)
    squashed = re.sub(r"[^a-z/#]", "", re.sub(r"\b(?:19|20)\d\d\b", "#", folded))
    tops = _TOP_SQUASHED | {top + "#" for top in _TOP_SQUASHED} | (_AREAS_SQUASHED if award else set())
    if squashed in tops:
        return True
    return len(squashed) >= 10 and any(fuzz.ratio(squashed, top) >= 90 for top in tops)


def is_prompt(text: str) -> bool:
    """Whether a line starts one of the quality-award template's questions ('Beskriv hur ni …')."""
    return bool(_PROMPT.match(_NUMBERING.sub("", fold(text.strip()))))
