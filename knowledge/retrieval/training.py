"""Training questions for the ranker, generated from the stored structure.

Each indicator, activity, goal, outcome, glossary term and section sentence yields several
questions phrased the way staff write: partial names, no å/ä/ö, a typo, a chatty prefix,
with or without the unit and year. Unanswerable questions come from topics the documents
do not cover and from items asked about in a unit that does not have them. Nothing here
reads the CI-gating questions; the dev set's `tune` split is read by `tune_examples` only.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta
from knowledge.retrieval.ranker import EvalQuestionLike, item_name
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.vocab import ASCII  # the question reader's å/ä/ö -> a/a/o table

PREFIXES = (
    "",
    "",
    "",
    "Hej! ",
    "Snabbfråga: ",
    "Jag är ny här och undrar ",
    "Hej, en fråga – ",
    "Kan du hjälpa mig? ",
    "Jag har precis börjat, ",
)
SUFFIXES = ("", "", "", " tack!", " (till APT:n)", " det står överallt i planen")

TEMPLATES: dict[ChunkKind, tuple[str, ...]] = {
    ChunkKind.INDICATOR: (
        "vad är årsmålet för {n}{m}?",
        "vad är målet för {n}{m}",
        "hur ofta följs {n} upp{m}?",
        "vad har KF för årsmål för {n}{m}?",
        "{n} årsmål{m}",
        "vad ska {n} ligga på{m}?",
    ),
    ChunkKind.ACTIVITY: (
        "när slutar {n}{m}?",
        "när startar aktiviteten {n}{m}?",
        "när ska {n} vara klart{m}?",
        "vilket slutdatum har aktiviteten om {n}{m}",
    ),
    ChunkKind.GOAL: (
        "vad är förväntat resultat för målet om {n}{m}?",
        "vilket mål handlar om {n}{m}?",
        "vad säger målet {n}{m}?",
        "finns det ett mål om {n}{m}?",
    ),
    ChunkKind.OUTCOME: (
        "hur gick det med {n}{m}?",
        "vad blev resultatet för {n}{m}?",
        "vad blev utfallet för {n}{m}",
    ),
    ChunkKind.GLOSSARY: ("vad betyder {n}?", "vad står {n} för?", "{n}, vad är det{m}?"),
    ChunkKind.FACT: ("vad är {n}{m}?", "hur mycket är {n}{m}?", "vilken {n} har enheten{m}?", "{n}{m}?"),
    ChunkKind.SECTION: (
        "vad står det om {n}{m}?",
        "hur gör vi med {n}{m}?",
        "{n}{m}?",
        "vad gäller för {n}{m}",
    ),
}

# Topics the sample documents do not cover (written for this generator, not taken from any
# question set): questions about them must be declined.
OFF_TOPICS = (
    "snöröjning på gatorna",
    "bibliotekets öppettider",
    "bygglov för altaner",
    "hundrastgårdar",
    "simhallens priser",
    "skolskjuts",
    "sophämtning i villaområden",
    "influensavaccination för personal",
    "tjänstecyklar",
    "cykelbanor i centrum",
    "kyrkogårdarnas skötsel",
    "tandvård för barn",
    "turistinformation",
    "vigslar i stadshuset",
    "elsparkcyklar",
    "museets samlingar",
    "idrottsföreningars lokalbidrag",
    "trädfällning i parker",
    "nattbussar",
    "flaggdagar",
    "fritidsgårdarnas öppettider",
    "badplatsernas vattenkvalitet",
    "valsedlar",
    "lantmäteriets förrättningar",
    "brandskydd i skolkök",
    "matsedeln i förskolan",
    "kommunens pensionsfond",
    "julbelysning",
    "livräddningskurser",
    "koloniträdgårdar",
    # Social-services topics the samples do not cover (kept only when the corpus lacks
    # their main word, see `_absent`).
    "färdtjänst",
    "god man-ansökningar",
    "dödsboanmälningar",
    "tolkbeställningar",
    "familjehemsrekrytering",
    "bostadsanpassningsbidrag",
    "äldreboendenas köer",
    "demensvård",
    "trygghetslarm",
    "ledsagarservice",
    "adoptionsutredningar",
    "faderskapsbekräftelser",
    "vårdnadstvister",
    "umgängesstöd",
    "särskilt boende för äldre",
    "korttidsvistelse för barn",
    "dagverksamhet för dementa",
    "anhörigbidrag",
    "synpunkter på maten i hemtjänsten",
    "läkemedelsgenomgångar",
    "fallprevention",
    "ensamkommande barns boenden",
    "vigselförrättare",
    "arbetskläder för personalen",
    "friskvårdstimmen",
    "tjänstetelefoner",
    "lönesättning",
    "semesterplanering",
    "bilpool",
    "kontorets öppettider",
)
OFF_TEMPLATES = (
    "vad är årsmålet för {n}?",
    "när startar arbetet med {n}?",
    "vad säger planen om {n}?",
    "vilka mål finns för {n}",
    "hur gick det med {n} förra året?",
    "vad gäller för {n}?",
)
# Nouns for near-miss questions: a real item's name with one word swapped for one of these
# asks about something no document holds.
SWAP_NOUNS = (
    "snöskottning",
    "solpaneler",
    "hissar",
    "kaffemaskiner",
    "golfbanor",
    "båtplatser",
    "skidspår",
    "lekplatser",
    "teaterbiljetter",
    "glasögon",
    "pianolektioner",
    "frimärken",
    "brandlarm",
    "regnkläder",
    "gatlyktor",
)
FAKE_TERMS = ("XQV", "BRTS", "KLMN", "PQR", "ZVT", "GHJ", "WYX", "TVQ")

STOP = {
    "andel",
    "antal",
    "som",
    "och",
    "med",
    "för",
    "att",
    "av",
    "till",
    "i",
    "på",
    "den",
    "det",
    "de",
    "en",
    "ett",
    "har",
    "ska",
    "sker",
    "inom",
    "från",
    "om",
    "vid",
    "är",
    "efter",
    "kunna",
    "samt",
    "eller",
}


@dataclass(frozen=True)
class TrainingExample:
    """A question and the item that answers it (source None: nothing answers it).

    Attributes:
        question: The question text.
        source: The document holding the answer, None for an unanswerable question.
        kind: Chunk kind of the answering item.
        ref: Index of the item in its document's list of that kind (None for sections).
        chunk_id: The answering chunk (sections, and dev questions matched by evidence).
        group: Items sharing a group are kept in one split (phrasings of one item).
        names_unit: Whether the question names the unit, district or year.
        also: Other chunks that hold the same evidence (a table row and the section that
            quotes it): each is a right answer too.
    """

    question: str
    source: str | None
    kind: str | None = None
    ref: int | None = None
    chunk_id: str | None = None
    group: str = ""
    names_unit: bool = False
    also: tuple[str, ...] = ()


# The dev format calls a question with no answer "unanswerable", the staff format "negative"
# (bench/evaluation.py reads both); reading only the first left every staff-format negative out.
UNANSWERABLE_CATEGORIES = frozenset({"unanswerable", "negative"})


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[\wåäöÅÄÖéÉ-]+", text)
    return [w for w in words if len(w) > 2 and w.lower() not in STOP and not w.isdigit()]


def _partial(rng: random.Random, name: str, low: float = 0.5) -> str:
    """A contiguous run of the name's content words (staff name items loosely)."""
    words = _content_words(name)
    if len(words) <= 2:
        return " ".join(words) or name
    size = max(2, round(len(words) * rng.uniform(low, 1.0)))
    size = min(size, 7)
    start = rng.randrange(0, len(words) - size + 1)
    return " ".join(words[start : start + size]).lower()


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
    return " ".join(words)


def _mention(rng: random.Random, meta: DocumentMeta) -> str:
    """' på <unit> 2023', ' i <district>', ' i vår VP' … (empty about half the time)."""
    roll = rng.random()
    year = meta.year
    if meta.type is DocType.KVALITETSUTMARKELSE and year:
        year = year - 1  # an application reports the year before its own
    if roll < 0.45:
        return ""
    if roll < 0.65 and meta.unit:
        return f" på {meta.unit.lower()}" + (f" {year}" if year and rng.random() < 0.5 else "")
    if roll < 0.8 and meta.district:
        return f" i {meta.district}" + (f" {year}" if year and rng.random() < 0.4 else "")
    if year:
        return f" {year}"
    return ""


def _style(rng: random.Random, question: str) -> str:
    if rng.random() < 0.25:
        question = question.translate(ASCII)
    if rng.random() < 0.2:
        question = _typo(rng, question)
    if rng.random() < 0.3:
        question = question.lower()
    return rng.choice(PREFIXES) + question + rng.choice(SUFFIXES)


def _items(snap: Snapshot, sources: set[str]) -> Iterator[tuple[ChunkKind, str, int | None, str, str]]:
    """(kind, source, ref, chunk id, name) for every askable item of the given documents."""
    for chunk in snap.chunks:
        if chunk.source not in sources:
            continue
        parsed = snap.parsed[chunk.source]
        if chunk.kind is ChunkKind.SECTION:
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", chunk.text) if len(s.split()) >= 8]
            if sentences:
                yield chunk.kind, chunk.source, None, chunk.id, sentences[0]
            continue
        if chunk.ref is None:
            continue
        if chunk.kind is ChunkKind.GLOSSARY:
            if chunk.ref < len(parsed.glossary):
                yield chunk.kind, chunk.source, chunk.ref, chunk.id, parsed.glossary[chunk.ref].term
            continue
        yield chunk.kind, chunk.source, chunk.ref, chunk.id, item_name(snap, chunk)


def generate(
    snap: Snapshot, exclude_sources: set[str] | frozenset[str] = frozenset(), seed: int = 7, per_item: int = 3
) -> list[TrainingExample]:
    """Questions about every item of the stored documents (except `exclude_sources`)."""
    rng = random.Random(seed)
    sources = {m.source for m in snap.metas} - set(exclude_sources)
    out: list[TrainingExample] = []
    for kind, source, ref, chunk_id, name in _items(snap, sources):
        if kind is ChunkKind.SECTION:
            continue  # asked sentence by sentence (_sentence_questions)
        meta = snap.meta(source)
        group = f"{source}:{kind.value}:{ref if ref is not None else chunk_id}"
        templates = TEMPLATES.get(kind, TEMPLATES[ChunkKind.SECTION])
        for _ in range(per_item if kind is not ChunkKind.SECTION else 1):
            mention = _mention(rng, meta)
            words = name if kind is ChunkKind.GLOSSARY else _partial(rng, name)
            question = _style(rng, rng.choice(templates).format(n=words, m=mention))
            out.append(
                TrainingExample(question, source, kind.value, ref, chunk_id, group, names_unit=bool(mention))
            )
    out += _sentence_questions(snap, sources, rng)
    for i, topic in enumerate(t for t in OFF_TOPICS if _absent(snap, t)):
        for template in rng.sample(OFF_TEMPLATES, 3):
            mention = _mention(rng, rng.choice(snap.metas)) if snap.metas else ""
            text = template.format(n=topic).rstrip("?") + mention + "?"
            out.append(TrainingExample(_style(rng, text), None, group=f"off:{i}"))
    out += _near_misses(snap, sources, rng)
    for term in FAKE_TERMS:
        out.append(TrainingExample(f"vad betyder {term}?", None, group=f"off:{term}"))
    out += _other_unit_questions(snap, sources, rng)
    return out


# Prose is asked about by what a sentence says, in the shape its content suggests: a number
# is asked with "hur många", a frequency with "hur ofta", a date or month with "när".
SENTENCE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "count": ("hur många {n}{m}?", "hur mycket {n}{m}?", "antal {n}{m}?"),
    "often": ("hur ofta {n}{m}?", "hur ofta sker {n}{m}?"),
    "when": ("när {n}{m}?", "när sker {n}{m}?"),
    "any": (
        "vad gäller för {n}{m}?",
        "hur gör vi med {n}{m}?",
        "vad står det om {n}{m}?",
        "{n}{m}?",
        "vilka {n}{m}?",
        "hur fungerar {n}{m}?",
        "berätta om {n}{m}",
        "vad gör {n}{m}?",
        "vem {n}{m}?",
    ),
}
_OFTEN = re.compile(
    r"\b(varje|varannan|gång|gånger|dagligen|veckovis|månadsvis|årligen|per (dag|vecka|månad|år))\b", re.I
)
_WHEN = re.compile(
    r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
    r"|vår(en)?|höst(en)?|\d{4}-\d{2}-\d{2})\b",
    re.I,
)
SENTENCES_PER_CHUNK = 3


def _sentence_shape(sentence: str) -> str:
    if _OFTEN.search(sentence):
        return "often"
    if _WHEN.search(sentence):
        return "when"
    if re.search(r"\d", sentence):
        return "count"
    return "any"


def _sentence_questions(snap: Snapshot, sources: set[str], rng: random.Random) -> list[TrainingExample]:
    """Questions about sentences of prose sections, worded from a few of their content words.

    Staff ask about what a passage says with two to four of its words ("datorer lampor
    hem", "system ekonomi uppföljning"), not with its heading, so the ranker must learn
    that a passage sharing a few rare words with the question answers it.
    """
    out = []
    for chunk in snap.chunks:
        if chunk.source not in sources or chunk.kind is not ChunkKind.SECTION:
            continue
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", chunk.text) if len(s.split()) >= 6]
        meta = snap.meta(chunk.source)
        for sentence in rng.sample(sentences, min(SENTENCES_PER_CHUNK, len(sentences))):
            words = _content_words(sentence)
            if len(words) < 3:
                continue
            picked = sorted(rng.sample(range(len(words)), rng.randint(2, min(4, len(words)))))
            phrase = " ".join(words[i] for i in picked).lower()
            mention = _mention(rng, meta)
            template = rng.choice(
                SENTENCE_TEMPLATES[_sentence_shape(sentence)] + SENTENCE_TEMPLATES["any"][:3]
            )
            out.append(
                TrainingExample(
                    _style(rng, template.format(n=phrase, m=mention)),
                    chunk.source,
                    ChunkKind.SECTION.value,
                    None,
                    chunk.id,
                    f"{chunk.source}:section:{chunk.id}",
                    names_unit=bool(mention),
                )
            )
    return out


def _absent(snap: Snapshot, topic: str) -> bool:
    """Whether the documents lack the topic's longest word (so questions on it are unanswerable)."""
    longest = max(topic.split(), key=len)
    return not any(snap.lexical.df(stem) for stem in stem_tokens(longest))


def _near_misses(snap: Snapshot, sources: set[str], rng: random.Random) -> list[TrainingExample]:
    """Real item names with their most telling word swapped for a noun no document uses."""
    out = []
    for kind, source, _ref, chunk_id, name in _items(snap, sources):
        if kind is ChunkKind.GLOSSARY or rng.random() > 0.3:
            continue
        words = _partial(rng, name, 0.6).split()
        long = [i for i, w in enumerate(words) if len(w) >= 5]
        if not long:
            continue
        words[max(long, key=lambda i: len(words[i]))] = rng.choice(SWAP_NOUNS)
        template = rng.choice(TEMPLATES.get(kind, TEMPLATES[ChunkKind.SECTION]))
        question = template.format(n=" ".join(words), m=_mention(rng, snap.meta(source)))
        out.append(TrainingExample(_style(rng, question), None, group=f"near:{chunk_id}"))
    return out


def _other_unit_questions(snap: Snapshot, sources: set[str], rng: random.Random) -> list[TrainingExample]:
    """An indicator of one unit asked about another unit that has no indicator like it."""
    out = []
    metas = [m for m in snap.metas if m.source in sources and m.unit]
    for meta in metas:
        others = [o for o in metas if o.unit != meta.unit and o.district != meta.district]
        if not others:
            continue
        parsed = snap.parsed[meta.source]
        for idx, indicator in enumerate(parsed.indicators):
            other = rng.choice(others)
            theirs = {fold(i.name) for i in snap.parsed[other.source].indicators}
            if fold(indicator.name) in theirs or rng.random() < 0.6:
                continue
            question = f"vad är årsmålet för {_partial(rng, indicator.name, 0.7)} på {other.unit or ''}?"
            out.append(TrainingExample(_style(rng, question), None, group=f"other:{meta.source}:{idx}"))
    return out


def examples_from_questions(
    snap: Snapshot,
    questions: Sequence[EvalQuestionLike],
    exclude_sources: frozenset[str] | set[str] = frozenset(),
) -> list[TrainingExample]:
    """Evaluation questions (already restricted to the tune split by the caller) as examples."""
    out = []
    for q in questions:
        if any(s in exclude_sources for s in q.sources):
            continue
        if q.category in UNANSWERABLE_CATEGORIES:
            out.append(TrainingExample(q.question, None, group=f"tune:{q.id}"))
            continue
        if len(q.sources) != 1 or not q.evidence_texts:
            continue
        example = _by_evidence(snap, q.id, q.question, q.sources[0], q.evidence_texts[0])
        if example is not None:
            out.append(example)
    return out


def _by_evidence(
    snap: Snapshot, qid: str, question: str, source: str, evidence: str
) -> TrainingExample | None:
    """The example whose answer is the chunk of `source` holding the evidence text."""
    if source not in snap.parsed:
        return None
    key = fold(evidence.strip())[:60]
    holding = [c for c in snap.chunks_of(source) if key and key in fold(c.text)]
    if not holding:
        return None
    # The evidence may sit in a row and in the section around it ("2018 129 133 +4"): the
    # shortest holder is the item itself, and every holder is a right answer (labelling only
    # the first one made the pool's right answer a "wrong" validation answer).
    chunk = min(holding, key=lambda c: len(c.text))
    return TrainingExample(
        question,
        source,
        chunk.kind.value,
        chunk.ref,
        chunk.id,
        group=f"tune:{qid}",
        names_unit=True,
        also=tuple(c.id for c in holding if c.id != chunk.id),
    )


def tune_examples(path: Path, snap: Snapshot) -> list[TrainingExample]:
    """Dev questions of the `tune` split (only those; holdout questions are never read here).

    An answerable question's item is found by its evidence text in its source document.
    """
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("split") != "tune" or "question" not in row:
            continue  # holdout rows are never read; follow-ups need their conversation
        if row.get("category") in UNANSWERABLE_CATEGORIES:
            out.append(TrainingExample(row["question"], None, group=f"tune:{row['id']}"))
            continue
        source, evidence = row.get("source"), row.get("evidence") or ""
        if isinstance(source, list):
            source = source[0] if len(source) == 1 else None
        if isinstance(evidence, list):
            evidence = evidence[0] if evidence else ""
        if source and evidence:
            example = _by_evidence(snap, row["id"], row["question"], source, evidence)
            if example is not None:
                out.append(example)
    return out


def in_validation(example: TrainingExample, share: float = 0.25) -> bool:
    """Whether an example's group belongs to the validation split (stable across runs)."""
    digest = hashlib.sha1(example.group.encode("utf-8")).digest()
    return digest[0] < 256 * share


def is_answer(snap: Snapshot, example: TrainingExample, chunk: Chunk) -> bool:
    """Whether a candidate chunk answers an example question.

    Twin rows count (the KF and nämnd rows of one indicator); when the question names no
    unit, the same item in another document counts too (plans repeat KF goals and rows).
    """
    if example.source is None:
        return False
    if example.chunk_id == chunk.id or chunk.id in example.also:
        return True
    if chunk.kind.value != example.kind:
        return False
    if chunk.source == example.source and chunk.ref is not None and chunk.ref == example.ref:
        return True
    if chunk.source != example.source and example.names_unit:
        return False
    target = (
        snap.structured.get((example.source, example.kind, example.ref)) if example.ref is not None else None
    )
    if example.kind == ChunkKind.SECTION.value and example.chunk_id:
        pos = snap.position.get(example.chunk_id)
        target = snap.chunks[pos] if pos is not None else None
    if target is None:
        return False
    return fold(item_name(snap, target)) == fold(item_name(snap, chunk))
