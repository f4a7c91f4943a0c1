"""Which document answers: the evidence of its few best candidates together, not its single best.

The candidate pool ranks passages, rows and goals of every document by the fitted model. A
question in everyday words ("apt är ju jättestort, hur gör vi så att alla kommer till tals?")
often shares a word or two with one passage of an unrelated document (an introduction that
mentions APT) while the document that answers it holds several passages on the topic, each
a little less probable than that one stray hit. Staff ask about one document's way of working;
the document that speaks of it in several places is the better evidence of which one they
mean, much as a reader skims a plan and not a single sentence.

So the winner's document is the one whose `TOP` most probable candidates sum highest, and the
winner is that document's most probable candidate. When the best candidate's document also
leads on the sum (most questions), nothing changes. On the tune splits of the routine, how-to,
paraphrase, detail and staff-style sets (228 answerable questions, 2026-11-30) the summed
choice named the right document for 188 against 182 for the single best, and it never lost
one the single best had (2 and 5 candidates gave 186 and 189: the choice is not sensitive).
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.retrieval.ranker import Ranked

# How many of a document's most probable candidates count as its evidence.
TOP = 3


def winner_index(sources: Sequence[str], probs: Sequence[float]) -> int:
    """Index of the winning candidate: the best of the document with the most summed evidence.

    Args:
        sources: Each candidate's document (aligned with `probs`).
        probs: Each candidate's calibrated probability.

    Returns:
        The index of the most probable candidate of the document whose `TOP` most probable
        candidates sum highest (ties keep the document of the overall best candidate).
    """
    if not probs:
        raise ValueError("no candidates")
    per: dict[str, list[float]] = {}
    best_of: dict[str, int] = {}
    for i, (source, p) in enumerate(zip(sources, probs, strict=True)):
        per.setdefault(source, []).append(float(p))
        if source not in best_of or p > probs[best_of[source]]:
            best_of[source] = i
    overall = max(range(len(probs)), key=lambda i: probs[i])

    def evidence(source: str) -> float:
        return sum(sorted(per[source], reverse=True)[:TOP])

    top = max(evidence(s) for s in per)
    if evidence(sources[overall]) >= top:
        return overall
    chosen = max(per, key=evidence)
    return best_of[chosen]


def winner_first(items: list[Ranked]) -> list[Ranked]:
    """Ranked candidates (most probable first) with the winner (`winner_index`) moved to the front."""
    if not items:
        return items
    i = winner_index([r.candidate.source for r in items], [r.probability for r in items])
    return [items[i], *items[:i], *items[i + 1 :]]
