"""Fit the sentence model of `knowledge.retrieval.quote_features` (which sentence of a chunk answers).

`python -m bench.sentence_fit --data-dir D [--today 2023-06-15]` rebuilds
`knowledge/retrieval/sentence_model.json` from two sources, both read through
`quote_features.feature_rows` exactly as answering reads them:

- questions generated from the stored documents' prose: a sentence's own words, a few of them,
  put in a question whose cue fits the sentence's shape (mostly the answer type of a filler it
  holds: "hur ofta …" for "varje månad", "vem …" for a role, "varför …" for "för att …";
  "vilka …" for a list lead or an enumeration, "vad gäller …" otherwise; the topic words leave
  the filler out and now and then come from the sentence before), styled like
  staff write (no å/ä/ö, a typo, a chatty prefix); that sentence is the answer, the chunk's
  other sentences are not;
- the `tune` split of the evaluation question files (never the holdout): the sentences of the
  evidence's chunk that hold the evidence are the answers.

The fit is a scikit-learn logistic regression with balanced classes; the tune questions weigh
as much as generated ones (5-fold cross-validation on the tune questions chose the mix).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.evaluation import DEV_SET_TODAY, load_questions, normalise
from bench.quotes import cases, load_snapshot
from bench.splits import SplitChoice, select
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import group_coverage, sentences
from knowledge.retrieval.fillers import filler_strengths, without_fillers
from knowledge.retrieval.quote_features import (
    FEATURES,
    SentenceModel,
    feature_rows,
    is_enumeration,
    is_item,
    is_lead,
)
from knowledge.retrieval.training import ASCII, PREFIXES, STOP, SUFFIXES
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, query_groups
from knowledge.understand.answer_types import AnswerType
from knowledge.understand.compounds import split_compound
from knowledge.understand.reading import read_question

QUESTION_FILES = (
    Path("tests/quality/staff_style_questions.jsonl"),
    Path("tests/quality/dev_questions.jsonl"),
    # The helpers' sets (chat, follow-ups, lists, routines, years): more varied phrasing.
    *sorted(Path("tests/quality/more").glob("*.jsonl")),
)
TUNE_WEIGHT = 1.0
CV_FOLDS = 5
SEED = 11
REGULARISATION = 1.0
COMPOUND_SHARE = 0.3  # of a generated question's words, written as one part of the compound
INFLECTION_SHARE = 0.2  # … or with another inflection ending
TYPE_SHARE = 0.7  # of the sentences holding an exact filler, how many get a question asking for its type
CONTEXT_SHARE = 0.25  # … whose topic words come from the sentence before (the topic named there)
GENERATED_SHARE = 0.5  # of the prose sentences, how many get a generated question
# Answering scores the sentences of a document's best chunks together (retrieval/joint_quote.py):
# each question is also an example over its chunk and this many rivals of the same document,
# the ones its words cover best (what retrieval would offer beside the right chunk).
JOINT_RIVALS = 3


@dataclass(frozen=True)
class Example:
    """One chunk's feature rows for one question, and which sentences answer it."""

    rows: list[list[float]]
    labels: list[int]
    weight: float


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[\wåäöÅÄÖéÉ-]+", text)
    return [w for w in words if len(w) > 3 and w.lower() not in STOP and not w[:1].isdigit()]


def _style(rng: random.Random, question: str) -> str:
    if rng.random() < 0.25:
        question = question.translate(ASCII)
    if rng.random() < 0.3:
        question = question.lower()
    return rng.choice(PREFIXES) + question + rng.choice(SUFFIXES)


_INFLECTIONS = ("en", "ar", "er", "na", "n")


def _staff_word(rng: random.Random, word: str) -> str:
    """The word as staff may write it: a part of the compound, or another inflection."""
    roll = rng.random()
    if roll < COMPOUND_SHARE:
        parts = split_compound(word)
        if len(parts) > 1:
            return rng.choice(parts)
    elif roll < COMPOUND_SHARE + INFLECTION_SHARE and len(word) > 5:
        stem = word[:-1] if word[-1] in "aeoun" else word
        return stem + rng.choice(_INFLECTIONS)
    return word


# Question cues per answer type, as staff ask them; the answer is a sentence holding a filler
# of that type (`knowledge.retrieval.fillers`).
TYPE_CUES: dict[AnswerType, tuple[str, ...]] = {
    AnswerType.FREQUENCY: (
        "hur ofta {n}?",
        "hur många gånger {n}?",
        "hur regelbundet {n}?",
        "{n}, hur ofta?",
    ),
    AnswerType.TIME: ("när {n}?", "vilken månad {n}?", "från när {n}?", "{n} – när då?"),
    AnswerType.DURATION: ("hur länge {n}?", "hur snabbt {n}?", "inom hur lång tid {n}?"),
    AnswerType.AMOUNT: ("vad kostar {n}?", "hur mycket kostar {n}?", "vad betalar man för {n}?"),
    AnswerType.COUNT: ("hur många {n}?", "antal {n}?"),
    AnswerType.AGE: ("hur gamla är {n}?", "vilken åldersgrupp {n}?", "vilken ålder {n}?"),
    AnswerType.PERSON: ("vem {n}?", "vem ansvarar för {n}?", "vilka är med på {n}?", "vem har hand om {n}?"),
    AnswerType.PLACE: ("var ligger {n}?", "vart {n}?", "var finns {n}?", "var {n}?"),
    AnswerType.REASON: ("varför {n}?", "vad är syftet med {n}?", "varför har vi {n}?"),
    AnswerType.METHOD: ("hur gör vi med {n}?", "hur går det till med {n}?", "hur jobbar vi med {n}?"),
}


def _topic_words(sentence: str) -> list[str]:
    """The sentence's content words without its fillers ("månadsvis", "gånger", "kronor"):
    a question names the topic, not the answer."""
    return _content_words(without_fillers(sentence))


def _topic(rng: random.Random, words: list[str]) -> str:
    size = min(rng.choice((1, 2, 2, 3)), len(words))
    start = rng.randrange(0, len(words) - size + 1)
    return " ".join(_staff_word(rng, w) for w in words[start : start + size]).lower()


def generated_question(rng: random.Random, sentence: str, context: str = "") -> str | None:
    """A question a staff member might ask whose answer is `sentence` (None when too few words).

    When the sentence holds an exact filler of an answer type ("varje månad", "i Skärholmen",
    "för att …"), the question mostly asks for that type; its topic words come from the
    sentence or, when `context` is given, from that neighbouring sentence (the topic named
    there, the asked-for thing here).
    """
    words = _content_words(sentence)
    if len(words) < 4:
        return None
    strong = sorted(t for t, v in filler_strengths(sentence).items() if v >= 1.0)
    if strong and rng.random() < TYPE_SHARE:
        topic_words = _topic_words(context) if context else _topic_words(sentence)
        if len(topic_words) < 2:
            return None
        template = rng.choice(TYPE_CUES[rng.choice(strong)])
        return _style(rng, template.format(n=_topic(rng, topic_words)))
    topic = _topic(rng, words)
    if is_lead(sentence) or is_enumeration(sentence) or is_item(sentence):
        template = rng.choice(("vilka {n} finns?", "vad ingår i {n}?", "lista {n}", "vilka {n}?"))
    else:
        template = rng.choice(
            ("vad gäller för {n}?", "vad står det om {n}?", "{n}?", "hur arbetar ni med {n}?")
        )
    return _style(rng, template.format(n=topic))


def _examples(
    snap: Snapshot,
    chunk: Chunk,
    parts: list[str],
    labels: list[int],
    question: str,
    today: dt.date,
    weight: float,
) -> list[Example]:
    """The question over its own chunk, and over that chunk with its rivals (`JOINT_RIVALS`)."""
    reading = read_question(question, snap.metas, today)
    query = expand_query(reading.topic or reading.text)
    out = [Example(feature_rows(parts, query, reading.text), labels, weight)]
    rivals = _rivals(snap, chunk, query)
    if rivals:
        union, groups, union_labels = list(parts), [0] * len(parts), list(labels)
        for g, rival in enumerate(rivals, start=1):
            own = sentences(rival.text)
            union += own
            groups += [g] * len(own)
            union_labels += [0] * len(own)
        out.append(Example(feature_rows(union, query, reading.text, groups), union_labels, weight))
    return out


def _rivals(snap: Snapshot, chunk: Chunk, query: str) -> list[Chunk]:
    """The other prose chunks of the chunk's document that cover the question's words best."""
    groups = query_groups(query)
    scored = []
    for other in snap.chunks_of(chunk.source):
        if other.kind is not ChunkKind.SECTION or other.id == chunk.id:
            continue
        cov = group_coverage(groups, other.breadcrumb + " " + other.text, snap.lexical.idf)
        if cov > 0:
            scored.append((cov, other.id, other))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [c for _, _, c in scored[:JOINT_RIVALS]]


def generated_examples(
    snap: Snapshot, today: dt.date, seed: int = SEED, share: float = GENERATED_SHARE
) -> list[Example]:
    """Examples from the documents' prose chunks (see module doc)."""
    rng = random.Random(seed)
    out = []
    for chunk in snap.chunks:
        if chunk.kind is not ChunkKind.SECTION:
            continue
        parts = sentences(chunk.text)
        if len(parts) < 3:
            continue
        for i, sentence in enumerate(parts):
            if rng.random() > share:
                continue
            context = parts[i - 1] if i > 0 and rng.random() < CONTEXT_SHARE else ""
            question = generated_question(rng, sentence, context)
            if question is None:
                continue
            out += _examples(
                snap, chunk, parts, [int(j == i) for j in range(len(parts))], question, today, 1.0
            )
    return out


def holds_evidence(sentence: str, evidence: str) -> bool:
    """Whether a sentence is (part of) the evidence text, or holds it."""
    s, ev = normalise(sentence), normalise(evidence)
    if not s or not ev:
        return False
    return s in ev or ev in s or ev[:40] in s


def tune_examples(
    snap: Snapshot, files: Sequence[Path], today: dt.date, weight: float = TUNE_WEIGHT
) -> list[Example]:
    """Examples from the tune split's questions whose evidence lies in a prose chunk."""
    out = []
    for path in files:
        for case in cases(snap, select(load_questions(path), SplitChoice.TUNE)):
            parts = sentences(case.chunk.text)
            labels = [int(holds_evidence(p, case.evidence)) for p in parts]
            if not any(labels) or all(labels):
                continue
            out += _examples(snap, case.chunk, parts, labels, case.question.question, today, weight)
    return out


def fit(examples: Sequence[Example], meta: dict[str, object], c: float = REGULARISATION) -> SentenceModel:
    """A logistic regression over every sentence row of the examples."""
    from sklearn.linear_model import LogisticRegression

    xs = [row for e in examples for row in e.rows]
    ys = [y for e in examples for y in e.labels]
    ws = [e.weight for e in examples for _ in e.rows]
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(xs, ys, sample_weight=ws)
    return SentenceModel(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), meta)


def top1(model: SentenceModel | None, examples: Sequence[Example]) -> float:
    """Share of examples whose best-scored sentence answers (the fallback score without a model)."""
    from knowledge.retrieval.extract import fallback_score

    hits = 0
    for e in examples:
        scores = [model.score(r) if model else fallback_score(r) for r in e.rows]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        hits += e.labels[best]
    return hits / len(examples) if examples else 0.0


def cross_validate(
    generated: Sequence[Example], tune: Sequence[Example], folds: int = 5, c: float = REGULARISATION
) -> float:
    """Top-1 accuracy on each fifth of the tune examples of a model fitted without it."""
    hits = 0.0
    for k in range(folds):
        held = [e for i, e in enumerate(tune) if i % folds == k]
        kept = [e for i, e in enumerate(tune) if i % folds != k]
        hits += top1(fit([*generated, *kept], {}, c), held) * len(held)
    return hits / len(tune) if tune else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    """Fit and write the sentence model; print what it was fitted on."""

    parser = argparse.ArgumentParser(prog="python -m bench.sentence_fit", description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=DEV_SET_TODAY)
    parser.add_argument("--generated-share", type=float, default=GENERATED_SHARE)
    parser.add_argument("--seed", type=int, default=SEED, help="of the generated questions")
    parser.add_argument("--tune-weight", type=float, default=TUNE_WEIGHT)
    parser.add_argument("--c", type=float, default=REGULARISATION, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=None, help="model file (default: the shipped one)")
    args = parser.parse_args(argv)
    snap = load_snapshot(args.data_dir)
    generated = generated_examples(snap, args.today, args.seed, args.generated_share)
    tune = tune_examples(snap, QUESTION_FILES, args.today, args.tune_weight)
    meta: dict[str, object] = {
        "fitted_by": "python -m bench.sentence_fit --data-dir D",
        "generated_questions": len(generated),
        "tune_questions": len(tune),
        "generated_share": args.generated_share,
        "seed": args.seed,
        "tune_weight": args.tune_weight,
        "C": args.c,
        "documents": sorted(m.source for m in snap.metas),
    }
    print(
        f"tune top-1: topic coverage alone {top1(None, tune):.3f}, "
        f"model in {CV_FOLDS}-fold cross-validation {cross_validate(generated, tune, CV_FOLDS, args.c):.3f}"
    )
    model = fit([*generated, *tune], meta, args.c)
    if args.out:
        model.save(args.out)
    else:
        model.save()
    print(f"fitted on {len(generated)} generated and {len(tune)} tune questions")
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:16} {weight:+.3f}")
    print(f"  {'intercept':16} {model.intercept:+.3f}")
    return 0


if __name__ == "__main__":  # pragma: no cover - a developer command
    raise SystemExit(main())
