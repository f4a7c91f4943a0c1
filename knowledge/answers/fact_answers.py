"""Budget and administrative questions answered from their stored rows.

'Vem är enhetschef på X?', 'Vilken adress har X?', 'Hur många medarbetare har X?', 'Vilken
målgrupp har X?', 'Vad är budgeten för personalkostnader 2020?', 'Hur stora är intäkterna?',
'Hur har budgeten förändrats över åren?'. Each row shown is cited.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.budget_scope import asks_budget_rows
from knowledge.answers.cite import Citations
from knowledge.answers.list_filters import read_list_question
from knowledge.answers.lists import Row, as_clarify, render, unnamed_units
from knowledge.answers.phrasing import doc_label
from knowledge.models import AdminKey, ChunkKind, DocFact, FactKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

_ADMIN_CUES: list[tuple[AdminKey, re.Pattern[str]]] = [
    (
        AdminKey.EMPLOYEES,
        re.compile(
            # "hur många är vi som jobbar här?", "hur många är ni?": the staff count too.
            r"\bhur manga (?:ar (?:vi|ni) (?:som )?)?(?:anstallda|medarbetare|personal|jobbar|arbetar)"
            r"|\bhur manga ar (?:vi|ni)\b"
            r"|\bantal(?:et)? (?:anstallda|medarbetare)|\bpersonalstyrka"
        ),
    ),
    (AdminKey.EMAIL, re.compile(r"\b(?:e-?post\w*|mejl\w*|mail\w*|epost\w*)\b")),
    (AdminKey.PHONE, re.compile(r"\b(?:telefon\w*|ringa|ringer|tel\.?|telnr)\b")),
    (AdminKey.ADDRESS, re.compile(r"\b(?:\w*adress\w*|var ligger|hitta till|besoka (?:er|dem|enheten))\b")),
    (
        AdminKey.MANAGER,
        re.compile(
            r"\b(?:vem leder (?:enheten|verksamheten)|vilken chef|enhetschef(?:en)?|chefen|min chef|"
            r"vem ar (?:enhets)?chef|vem ar var chef|chef for (?:enheten|verksamheten))\b"
        ),
    ),
    (AdminKey.TARGET_GROUP, re.compile(r"\b(?:malgrupp\w*|vilka (?:vander|riktar) (?:sig|ni|enheten))\b")),
]
_BUDGET_CUE = re.compile(
    r"\b(?:budget\w*|\w*kostnad\w*|\w*intakt\w*|netto|tkr|mnkr|kronor|resursanvandning)\b"
)
_ACROSS_YEARS = re.compile(
    r"\b(?:over (?:tid|aren)|mellan aren|forandrats|andrats|utvecklats|ar for ar|jamfor\w*)\b"
)
_NOT_BUDGET = re.compile(r"\b(?:arsmal\w*|indikator\w*|malvarde\w*|utfall\w*|resultat\w*|mal|malet)\b")
_STOP = {
    "vad",
    "ar",
    "hur",
    "stor",
    "stora",
    "mycket",
    "for",
    "pa",
    "i",
    "av",
    "har",
    "den",
    "det",
    "budget",
    "budgeten",
    "budgeterat",
    "budgeterade",
    "enheten",
    "tkr",
    "kronor",
    "vilken",
    "vilka",
    "och",
}


def without_names(reading: QuestionReading) -> str:
    """The folded question without the unit and district names it mentions ('… ekonomiskt bistånd')."""
    folded = fold(reading.text)
    for name in [*reading.units, *reading.districts]:
        folded = folded.replace(fold(name), " ")
    return folded


_ASKS_NUMBER = re.compile(r"\bhur (?:manga|mycket)\b|\bantal(?:et)?\b")


# Questions that ask for a time, a frequency, a reason or a way of working: no stored
# administrative value (a name, an address, a number, a group) answers them.
_ASKS_OTHER = re.compile(r"\b(?:hur ofta|nar|hur lange|varfor|hur gor|vad gor|vilken tid)\b")
# Word parts that belong to each field: a question word containing one asks for the field.
_FIELD_PARTS: dict[AdminKey, tuple[str, ...]] = {
    AdminKey.EMPLOYEES: ("anstall", "medarbetare", "personal", "jobbar", "arbetar"),
    AdminKey.EMAIL: ("post", "mejl", "mail"),
    AdminKey.PHONE: ("telefon", "ringa", "ringer", "tel", "nummer", "numret"),
    AdminKey.ADDRESS: ("adress", "ligger", "hitta", "besok"),
    AdminKey.MANAGER: ("chef", "leder"),
    AdminKey.TARGET_GROUP: ("malgrupp", "vander", "riktar"),
}
# Words that do not change which value is asked for: the value's form ('heter'), the
# unit itself, pronouns for it, qualifiers and times ('primära', 'i maj').
_FORM_WORDS = frozenset(
    re.findall(
        r"\w+",
        """heter namn namnet hade haft enheten enheterna verksamheten verksamheterna hon han hen
    nu idag just egentligen primara huvudsakliga viktigaste totalt ungefar sammanlagt
    januari februari mars april maj juni juli augusti september oktober november december""",
    )
)
_CLAUSE_BREAK = re.compile(r"[,;:!?.\u2013\u2014]|\s-\s")


def uncovered_words(reading: QuestionReading, key: AdminKey) -> list[str]:
    """Content words of the question's clause that asks for `key` which the field does not cover.

    'vem är enhetschef?' leaves none; 'hur ofta följer bitr enhetschef upp klientens
    stegförflyttning?' leaves 'följer bitr klientens stegförflyttning': the manager is named
    in a question about something else, which the passages answer. A clause before a comma or
    a dash is context ('har börjat som behandlare – vilka målgrupper har beroendedelen?'), and
    words carried from an earlier question are not the asker's own.
    """
    cue = dict(_ADMIN_CUES)[key]
    clauses = _CLAUSE_BREAK.split(without_names(reading))
    clause = next((c for c in clauses if cue.search(c)), " ".join(clauses))
    said = set(re.findall(r"\w+", clause))
    parts = _FIELD_PARTS[key]
    return [
        word
        for word in (fold(w) for w in reading.topic.split())
        if word in said
        and len(word) > 2
        and not word.isdigit()
        and word not in _FORM_WORDS
        and not any(part in word for part in parts)
    ]


def admin_key(reading: QuestionReading) -> AdminKey | None:
    """The administrative field a question asks for (manager, staff count, phone, …), or None."""
    folded = without_names(reading)
    if _BUDGET_CUE.search(folded) and not re.search(r"\bhur manga (?:anstallda|medarbetare)", folded):
        return None
    key = next((key for key, cue in _ADMIN_CUES if cue.search(folded)), None)
    if key is not None and key is not AdminKey.EMPLOYEES and _ASKS_NUMBER.search(folded):
        # "hur många direkt underställda har enhetschefen?" asks for a number; the manager's
        # name (or a phone number, an address) answers another question.
        return None
    if key is not None and (_ASKS_OTHER.search(folded) or uncovered_words(reading, key)):
        # The field is named, but the question asks for something else about it.
        return None
    return key


def _facts(snap: Snapshot, source: str, kind: FactKind) -> list[tuple[int, DocFact]]:
    return [(i, f) for i, f in enumerate(snap.parsed[source].facts) if f.kind is kind]


def _row(snap: Snapshot, source: str, i: int, fact: DocFact, cells: list[str], line: str) -> Row:
    section = " › ".join([*fact.heading_path[-1:], fact.group or fact.label])
    return Row(source, ChunkKind.FACT, i, cells, line, fact.quote, fact.page, section)


_PART = re.compile(
    r"\b(?!mal)[\w-]*(?:teamet|team|gruppen|gruppboendet|boendet|lokalen|traffpunkten|mottagningen|boendestodet)\b"
)


def names_a_part(reading: QuestionReading) -> bool:
    """Whether the question is about a team, place or person inside the unit ('NP-teamet', 'Kravatten').

    The stored facts are the unit's own; a question about a part of it is left to the passages.
    """
    if _PART.search(without_names(reading)):
        return True
    known = " ".join(fold(name) for name in [*reading.units, *reading.districts])
    capitals = re.findall(r"(?<=\s)[A-ZÅÄÖ][\wÅÄÖåäö-]{2,}", reading.text)
    return any(fold(word) not in known and not word.isupper() for word in capitals)


# "på Kravatten", "i Hägergruppen", "hos NP-teamet": the object of a place preposition.
_PLACE_OBJECT = re.compile(r"\b(?:pa|i|hos|vid|inom)\s+(?P<word>[a-z][\w-]{3,})")
# Capitalised words inside a sentence (after a lower-case word or a comma), bold or not:
# the documents' proper names ("Träfflokalen **Kravatten**", "ligger i Telefonplan").
_PROPER_NAME = re.compile(r"[a-zåäö,] \**([A-ZÅÄÖ][\wåäöÅÄÖ-]{3,})")
_names_memo: dict[tuple[str, str | None], frozenset[str]] = {}


def _proper_names(snap: Snapshot, source: str) -> frozenset[str]:
    """Folded proper names written inside the sentences of one document (memoised per version)."""
    key = (source, snap.version(source))
    if key not in _names_memo:
        text = "\n".join(c.text for c in snap.chunks_of(source))
        _names_memo[key] = frozenset(fold(word) for word in _PROPER_NAME.findall(text))
    return _names_memo[key]


def names_a_place(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> bool:
    """Whether the question asks about a named place inside the unit, typed in lower case.

    "hur många jobbar på kravatten?" is about a meeting place of Stöd- och aktivitetsenheten,
    not about the unit: the word after "på" is a proper name in the documents and no part of
    any unit's or district's name.
    """
    objects = {m.group("word") for m in _PLACE_OBJECT.finditer(without_names(reading))}
    if not objects:
        return False
    names = {w for m in snap.metas for w in re.findall(r"\w+", fold(f"{m.unit or ''} {m.district or ''}"))}
    places = objects - names - {"enheten", "verksamheten", "stadsdelen", "staden", "forvaltningen"}
    return any(word in _proper_names(snap, source) for source in sources for word in places)


def admin_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """The administrative fact the question asks for, per unit among the chosen documents."""
    key = admin_key(reading)
    if key is None or names_a_part(reading) or names_a_place(snap, reading, sources):
        return None
    rows: list[Row] = []
    for source in sources:
        for i, fact in _facts(snap, source, FactKind.ADMIN):
            if fact.key == key.value:
                who = doc_label(snap, source)
                line = f"{fact.value}" + (f" ({who})" if len(sources) > 1 else "")
                rows.append(_row(snap, source, i, fact, [fact.label, fact.value, who], line))
    if not rows:
        return None
    return admin_rows_answer(snap, reading, rows, lambda label, where: f"{label} för {where}")


def admin_rows_answer(
    snap: Snapshot, reading: QuestionReading, rows: list[Row], lead: Callable[[str, str], str]
) -> Answer:
    """Administrative rows (cells: label, value, document) as one bold line or a table.

    Args:
        snap: The snapshot the rows cite.
        reading: The question; several units' rows it names none of are a clarification.
        rows: At least one row.
        lead: Words before a single value, from the row's label and its document's name
            ("Enhetschef för X", "X – Fastställd av").
    """
    label = rows[0].cells[0]
    if len(rows) == 1:
        answer = render(snap, rows, ["Uppgift", "Värde", "Dokument"], "", "admin")
        marker = answer.answer.rsplit(" ", 1)[-1]
        where = doc_label(snap, rows[0].source)
        answer.answer = f"{lead(label, where)}: **{rows[0].cells[1]}** {marker}"
        answer.table = None
        return answer
    answer = render(snap, rows, ["Uppgift", "Värde", "Dokument"], f"{label}:", "admin")
    units = unnamed_units(snap, reading, rows)
    return as_clarify(answer, reading, units) if units else answer


def _label_score(question_words: set[str], fact: DocFact) -> float:
    words = set(re.findall(r"\w+", fold(f"{fact.label} {fact.group or ''}")))
    # Five letters: 'lokaler' meets 'Lokalkostnader', 'personal' meets 'Personalkostnader'.
    stems = {w[:5] for w in words}
    hits = sum(1 for w in question_words if w[:5] in stems)
    return hits / max(1, len(question_words))


def budget_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Budget rows the question names (or the sums), from the chosen plans or the unit's other years."""
    folded = without_names(reading)
    if not _BUDGET_CUE.search(folded) or admin_key(reading) is not None:
        return None
    if read_list_question(reading.text, reading.goal_number) is not None:
        return None  # 'vilka aktiviteter finns för budget i balans?' lists activities, not budget rows
    if _NOT_BUDGET.search(folded) and "budget" not in folded:
        return None  # 'årsmålet för kostnader för tillfälligt boende' is an indicator question
    chosen = list(sources)
    across = bool(_ACROSS_YEARS.search(folded))
    if across or not any(_facts(snap, s, FactKind.BUDGET) for s in chosen):
        units = {(snap.meta(s).unit, snap.meta(s).district) for s in sources}
        chosen = [
            m.source
            for m in sorted(snap.metas, key=lambda m: m.year or 0)
            if (m.unit, m.district) in units and (across or reading.year in (None, m.year))
        ]
    candidates = [(s, i, f) for s in chosen for i, f in _facts(snap, s, FactKind.BUDGET)]
    if not candidates:
        return None
    labels = {f"{f.label} {f.group or ''}" for _, _, f in candidates}
    if not asks_budget_rows(reading.text, reading.topic, labels, [*reading.units, *reading.districts]):
        return None  # money words around a question about the plan's prose (answers/budget_scope.py)
    words = {w for w in re.findall(r"\w+", folded) if w not in _STOP and len(w) > 2 and not w.isdigit()}
    unit_words = {w for s in chosen for w in re.findall(r"\w+", fold(snap.meta(s).unit or ""))}
    words -= unit_words
    scored = [(_label_score(words, f), s, i, f) for s, i, f in candidates] if words else []
    best = max((score for score, *_ in scored), default=0.0)
    if best > 0:
        picked = [(s, i, f) for score, s, i, f in scored if score >= best - 1e-9]
    else:
        picked = [(s, i, f) for s, i, f in candidates if fold(f.label).startswith("summa")] or candidates
    rows = []
    for source, i, fact in picked:
        cells = ", ".join(f"{c} {v}" for c, v in fact.columns.items()) or fact.value
        unit = f" {fact.measure}" if fact.measure else ""
        year = f" {fact.year}" if fact.year else ""
        who = doc_label(snap, source)
        line = f"{fact.label}{year}: {cells}{unit}" + (f" ({who})" if len(chosen) > 1 else "")
        rows.append(
            _row(
                snap,
                source,
                i,
                fact,
                [fact.label, str(fact.year or ""), cells, fact.measure or "", who],
                line,
            )
        )
    shown = {r.source for r in rows}
    # The document the rows come from, not the first one searched (it may have no budget table).
    where = doc_label(snap, rows[0].source) if len(shown) == 1 else "planerna"
    intro = f"Budget enligt {where}:"
    answer = render(snap, rows, ["Rad", "År", "Belopp", "Enhet", "Dokument"], intro, "budget")
    named = unnamed_units(snap, reading, rows)
    return as_clarify(answer, reading, named) if named else answer


# A cover-page field: a line holding only a label ('**Handläggare**', 'Handläggare:') and the
# next line a person's name ('Marie Aggesund Karlsson'), as the city's templates print them.
_LABEL_LINE = re.compile(r"^\W*(?P<label>[A-Za-zÅÄÖåäö-]{4,})\W*$")
_NAME_LINE = re.compile(r"^\W*(?P<name>[A-ZÅÄÖ][\wåäöéÅÄÖ-]+(?: [A-ZÅÄÖ][\wåäöéÅÄÖ-]+){1,3})\W*$")


def _labelled_names(text: str) -> dict[str, tuple[str, str]]:
    """Folded label -> (label, name) for every label line directly followed by a name line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found: dict[str, tuple[str, str]] = {}
    for line, after in itertools.pairwise(lines):
        label, name = _LABEL_LINE.match(line), _NAME_LINE.match(after)
        if label and name and not _LABEL_LINE.match(after):
            found.setdefault(fold(label.group("label")), (label.group("label"), name.group("name")))
    return found


def labelled_field_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """'vem är handläggare för VP:n?': a person named under a label line of the document.

    Asked with 'vem' (or as a follow-up of such a question), about a short topic whose word is
    the label; each chosen document that names someone under that label answers, cited.
    """
    topic = [fold(w) for w in reading.topic.split()]
    asks_who = "vem" in re.findall(r"\w+", fold(reading.text)) or "topic" in reading.from_context
    if not asks_who or not topic or len(topic) > 3:
        return None
    cites = Citations(snap)
    lines: list[str] = []
    for source in sources:
        for chunk in snap.chunks_of(source):
            names = _labelled_names(chunk.text)
            label = next((w for w in topic if w in names), None)
            if label is not None:
                marker = cites.cite(chunk)
                who = doc_label(snap, source)
                shown, name = names[label]
                lines.append(f"{shown} för {who}: **{name}** {marker}")
                break
    if not lines:
        return None
    return Answer(answer="\n".join(lines), kind=AnswerKind.ADMIN, citations=cites.items)


def fact_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Administrative or budget answer, when the question asks for one and the rows exist."""
    from knowledge.answers.document_facts import document_fact_answer

    return (
        document_fact_answer(snap, reading, sources)
        or admin_answer(snap, reading, sources)
        or labelled_field_answer(snap, reading, sources)
        or budget_answer(snap, reading, sources)
    )
