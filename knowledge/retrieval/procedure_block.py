"""A routine's step block: the steps of a procedure and its responsibility line, quoted whole.

Routines are written as a scope line, numbered steps ("1. …", "Steg 2: …") and a closing
"Ansvar: …" line. A question about the procedure ("hur hanterar vi synpunkter?", "vad gör vi
när en orosanmälan kommer in?") is answered by the steps in order; cutting them after three
sentences drops the later steps (the deadline in step 4, who is responsible), which are what
staff act on. When the best sentence lies in such a block, or opens it, the whole block is the
quote, up to the list length an answer may have.
"""

from __future__ import annotations

import re

from knowledge.retrieval.quote_features import is_item, is_lead

# "Steg 1:", "Steg 2 –": a numbered step written out (is_item covers "1." and bullets).
_STEP = re.compile(r"^\s*(?:steg|moment|fas)\s*\d{1,2}\s*[:.)–-]", re.IGNORECASE)
# "Ansvar: …", "Ansvarig: …": who owns the routine; closes the block.
_RESPONSIBLE = re.compile(r"^\s*ansvar(?:ig|iga)?\s*:", re.IGNORECASE)
# The fewest steps that make a block (one numbered line is a sentence, not a procedure).
MIN_STEPS = 2
# A scope line ("Rutinen gäller alla orosanmälningar …") is one short sentence, not a paragraph.
MAX_SCOPE_CHARS = 200


def is_step(sentence: str) -> bool:
    """The sentence is one step of a procedure: a numbered or bulleted line, or "Steg N: …"."""
    return bool(_STEP.match(sentence)) or is_item(sentence)


def is_responsibility(sentence: str) -> bool:
    """The sentence says who owns the routine ("Ansvar: Samordnaren …")."""
    return bool(_RESPONSIBLE.match(sentence))


def step_block(parts: list[str], best: int, whole: bool = False) -> list[int]:
    """The indexes of the step block that `best` lies in or opens, in order; [] when none.

    The block is the run of step lines, the line just before it when that line opens it (a
    lead ending in ":" or the routine's scope sentence, when it is the best one or the whole
    procedure is asked for), and the "Ansvar:" line after it with its wrapped rest.

    Args:
        parts: The chunk's sentences/lines (`extract.sentences`).
        best: Index of the best sentence.
        whole: The question asks for the whole procedure ("steg för steg"): a best line
            just before or after the block (its scope or "Ansvar:") takes the block too.
    """
    n = len(parts)
    if not 0 <= best < n:
        return []
    if is_step(parts[best]):
        first = best
    elif best + 1 < n and is_step(parts[best + 1]):
        first = best + 1
    elif whole and best > 0 and is_responsibility(parts[best]) and is_step(parts[best - 1]):
        first = best - 1
    else:
        return []
    while first > 0 and is_step(parts[first - 1]):
        first -= 1
    last = first
    while last + 1 < n and is_step(parts[last + 1]):
        last += 1
    if last - first + 1 < MIN_STEPS:
        return []
    block = list(range(first, last + 1))
    before = first - 1
    opens = before >= 0 and (
        is_lead(parts[before]) or before == best or (whole and len(parts[before]) <= MAX_SCOPE_CHARS)
    )
    if opens and not is_step(parts[before]):
        block.insert(0, before)
    after = last + 1
    if after < n and is_responsibility(parts[after]):
        block.append(after)
        if after + 1 < n and parts[after + 1][:1].islower():  # "… ansvarar för att skydds-" / "bedömningen …"
            block.append(after + 1)
    return block
