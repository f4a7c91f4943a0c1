"""Administrative facts: address, manager, phone, e-mail, number of employees, target group.

Two shapes: form fields, where a prompt line ('Verksamhetens chefs namn', 'Postadress och
besöksadress', 'Antal anställda den …', 'Brukar-/kundgrupp') is followed by its value, and
statements in running text ('Enhetschef: X', 'Enheten har totalt 55 medarbetare', 'Enhetens
målgrupp är …'). Prompts are matched on folded text, so OCR'd forms ('besdksadress') count.
Form fields win over statements; one fact per key, except target groups (one per sentence).
"""

from __future__ import annotations

import re

from ingest.parser.sections import ProseBlock
from ingest.parser.text import fold, sentences, squash
from knowledge.models import ADMIN_LABELS, AdminKey, DocFact, FactKind

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+46\s?|0)\d{1,3}\s?[-–]?\s?\d{2,3}[\s-]?\d{2,3}[\s-]?\d{2,3}(?!\d)")
_NAME = r"[A-ZÅÄÖ][a-zåäöéü]+(?:[- ][A-ZÅÄÖ][a-zåäöéü]+){1,3}"
# Form prompts: the value is on the following line(s).
_PROMPTS: list[tuple[AdminKey, re.Pattern[str]]] = [
    (
        AdminKey.MANAGER,
        re.compile(
            r"^(?:verksamhetens\s+)?(?:chefs?\s+namn|namn\s+pa\s+(?:enhets)?chef|enhetschef)\s*:?$"
            r"|^verksamhetens\s+chef\s*:?$"
        ),
    ),
    (AdminKey.PHONE, re.compile(r"^(?:direkt)?telefon\w*(?:\s+till\b.*)?\s*:?$")),
    (AdminKey.EMAIL, re.compile(r"^e-?post\w*(?:\s+till\b.*)?\s*:?$")),
    (AdminKey.ADDRESS, re.compile(r"^(?:post|besok\w*)?adress\w*(?:\s+och\s+\w*adress\w*)?\s*:?$")),
    (AdminKey.EMPLOYEES, re.compile(r"^antal\s+(?:anst\w*|medarbetare)\b.{0,40}$")),
    (
        AdminKey.TARGET_GROUP,
        re.compile(r"^(?:brukar\w*[-/ ]*(?:och\s+)?(?:/\s*)?kund\w*grupp\w*|malgrupp\w*)\s*:?$"),
    ),
]
# Statements on one line or in a sentence.
_INLINE: list[tuple[AdminKey, re.Pattern[str]]] = [
    (AdminKey.MANAGER, re.compile(rf"(?i)^\s*(?:enhetschef|verksamhetschef|chef)\s*:\s*(?P<v>{_NAME})\s*$")),
    (
        AdminKey.PHONE,
        re.compile(r"(?i)^\s*(?:tel(?:efon)?(?:nummer)?|tfn)\s*[.:]?\s*(?P<v>[+\d][\d\s-]{6,})\s*$"),
    ),
    (AdminKey.ADDRESS, re.compile(r"(?i)^\s*(?:post|besöks|besoks)?adress\s*:\s*(?P<v>.{5,120})$")),
]
_MANAGER_SENTENCE = re.compile(
    rf"\b(?:enhetschef(?:en)?|enheten\s+leds\s+av\s+(?:enhetschef(?:en)?\s+)?)(?:\s+(?:ar|heter))?\s+(?P<v>{_NAME})"
)
_EMPLOYEES = re.compile(
    r"\b(?P<who>enheten|verksamheten|vi|enhet\w*|gruppen)\b[^.]{0,40}?\b(?:har|bestar\s+av|sysselsatter|ar)\s+"
    r"(?P<total>totalt\s+|sammanlagt\s+|cirka\s+|ca\s+|omkring\s+)?(?P<v>\d{1,4})\s+(?:medarbetare|anstallda)"
)
# Swedish puts the verb second: "I januari 2024 har enheten 34 medarbetare".
_EMPLOYEES_INVERTED = re.compile(
    r"\b(?:har|sysselsatter)\s+(?P<who>enheten|verksamheten|vi|gruppen)\s+"
    r"(?P<total>totalt\s+|sammanlagt\s+|cirka\s+|ca\s+|omkring\s+)?(?P<v>\d{1,4})\s+(?:medarbetare|anstallda)"
)
# "Enhetens (huvudsakliga) målgrupp är …" at the start of a sentence, not "arbeta med målgruppen".
_TARGET = re.compile(
    r"^(?:\w+\s+){0,3}?malgrupp(?:en|er|erna)?\s+(?:\w+\s+)?(?:ar|utgors\s+av|bestar\s+av|omfattar)\s+"
    r"(?P<v>[^.]{5,220})"
)


def _fact(key: AdminKey, value: str, quote: str, block: ProseBlock) -> DocFact:
    value = squash(value).strip(" .,;:")
    number = re.search(r"\d+", value) if key is AdminKey.EMPLOYEES else None
    return DocFact(
        kind=FactKind.ADMIN,
        key=key.value,
        label=ADMIN_LABELS[key],
        value=value,
        value_num=float(number.group(0)) if number else None,
        page=block.page,
        quote=squash(quote)[:400],
        heading_path=list(block.heading_path),
    )


def _form_value(key: AdminKey, following: list[str]) -> str | None:
    """The value a form prompt is followed by, checked against what the field holds."""
    if not following:
        return None
    first = following[0].strip()
    if key is AdminKey.EMAIL:
        match = _EMAIL.search(first)
        return match.group(0) if match else None
    if key is AdminKey.PHONE:
        match = _PHONE.search(first)
        return match.group(0) if match else None
    if key is AdminKey.MANAGER:
        # "Karin Holmqvist, enhetschef": the title after the name is not part of it.
        name = first.split(",")[0].strip()
        return name if re.fullmatch(_NAME, name) else None
    if key is AdminKey.EMPLOYEES:
        return first if re.match(r"^(?:ca\s+|cirka\s+)?\d{1,4}\b", fold(first)) else None
    if key is AdminKey.ADDRESS:
        parts = [first] + [line.strip() for line in following[1:2] if re.search(r"\d{3}\s?\d{2}", line)]
        return ", ".join(parts) if re.search(r"\d", first) else None
    first_sentence = first.split(". ")[0]
    stated = _TARGET.match(fold(first_sentence))
    if stated:
        return first_sentence[stated.start("v") : stated.end("v")]
    return first_sentence if len(first_sentence) >= 5 else None


def find_admin(blocks: list[ProseBlock]) -> list[DocFact]:
    """Administrative facts of the document, form fields first.

    Args:
        blocks: Prose blocks in document order (headings included: award forms print prompts as headings).

    Returns:
        At most one fact per key, except one target group per stating sentence.
    """
    lines = [(line, block) for block in blocks for line in block.text.split("\n") if line.strip()]
    found: dict[str, DocFact] = {}
    groups: list[DocFact] = []
    for index, (line, block) in enumerate(lines):
        # A form laid out as a table row holds its prompt and value in two cells.
        prompt_text, tab, cell = line.strip().partition("\t")
        folded = fold(prompt_text.strip())
        for key, prompt in _PROMPTS:
            if key.value in found or not prompt.match(folded):
                continue
            following = [cell] if tab else [text for text, _ in lines[index + 1 : index + 3]]
            value = _form_value(key, following)
            if value:
                quote = line.strip() if tab else f"{line.strip()}\n{following[0].strip()}"
                fact = _fact(key, value, quote, block)
                (groups if key is AdminKey.TARGET_GROUP else []).append(fact)
                if key is not AdminKey.TARGET_GROUP:
                    found[key.value] = fact
    forms = set(found)
    for line, block in lines:
        for key, pattern in _INLINE:
            # A statement in one cell of a row ('Telefon 08-508 14 770<tab>2021-12-09') ends at the cell.
            match = next((m for cell in line.split("\t") if (m := pattern.match(cell))), None)
            if match and key.value not in found:
                found[key.value] = _fact(key, match.group("v"), line, block)
        email = _EMAIL.search(line)
        if email and AdminKey.EMAIL.value not in found:
            found[AdminKey.EMAIL.value] = _fact(AdminKey.EMAIL, email.group(0), line, block)
    for block in (block for block in blocks if not block.is_heading):
        flat = block.text.replace("\n", " ")
        for start, end in sentences(block.text):
            _sentence(flat[start:end], block, found, groups, forms)
    ordered = [
        found[key.value] for key in AdminKey if key.value in found and key is not AdminKey.TARGET_GROUP
    ]
    return ordered + groups[:3]


def _sentence(
    sentence: str, block: ProseBlock, found: dict[str, DocFact], groups: list[DocFact], forms: set[str]
) -> None:
    folded = fold(sentence)
    if AdminKey.MANAGER.value not in found:
        match = _MANAGER_SENTENCE.search(folded)
        if match:
            name = sentence[match.start("v") : match.end("v")]
            if re.fullmatch(_NAME, name):
                found[AdminKey.MANAGER.value] = _fact(AdminKey.MANAGER, name, sentence, block)
    employees = found.get(AdminKey.EMPLOYEES.value)
    match = _EMPLOYEES.search(folded) or _EMPLOYEES_INVERTED.search(folded)
    # A unit's total ('Enheten har totalt 55 medarbetare') wins over a team's ('Boendestödet består av 13').
    replaceable = employees is None or (
        AdminKey.EMPLOYEES.value not in forms and "totalt" not in fold(employees.quote)
    )
    unit_total = match is not None and (
        match.group("who") in ("enheten", "verksamheten", "vi") or match.group("total")
    )
    if match and replaceable and unit_total and (employees is None or match.group("total")):
        value = sentence[match.start("v") : match.end()]
        found[AdminKey.EMPLOYEES.value] = _fact(AdminKey.EMPLOYEES, value, sentence, block)
    match = _TARGET.match(folded.strip())
    if match:
        folded = folded.strip()
        sentence = sentence.strip()
    if match and not any(
        fold(fact.value) == fold(squash(sentence[match.start("v") : match.end("v")]).strip(" .,;:"))
        for fact in groups
    ):
        value = sentence[match.start("v") : match.end("v")]
        groups.append(_fact(AdminKey.TARGET_GROUP, value, sentence, block))
