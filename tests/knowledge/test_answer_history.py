"""An answer depends only on the question, its conversation and the stored documents.

A server answers many users in one process; nothing one user asked may change what another is
told. The module-level memos of the answer code (stems, derived sentences, usage, lexicons) are
filled by whoever asks first, so the check runs in a fresh interpreter: the first answer there is
computed on empty memos, the later ones after other questions (and conversations) filled them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from config import Settings
from ingest.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
PLAN = """Verksamhetsplan 2024 för {unit}

Till
{district} stadsdelsnämnd

Inledning
{unit} arbetar med {work}.

Arbetssätt
{routine}

Medarbetare
På enheten arbetar {staff}.

Uppföljning
{followup}
"""
PLANS = {
    "vuxen.txt": PLAN.format(
        unit="Vuxenenheten",
        district="Skarpnäck",
        work="stöd till vuxna med missbruk",
        routine="Nya ärenden fördelas gemensamt i respektive team varje måndag.",
        staff="en enhetschef, två samordnare och tolv socialsekreterare",
        followup=(
            "Kostnaderna för placeringar följs upp varje månad av enhetschef tillsammans med controller."
        ),
    ),
    "familj.txt": PLAN.format(
        unit="Familjeenheten",
        district="Bromma",
        work="familjebehandling och föräldraskapsstöd",
        routine="Nya ärenden fördelas av gruppledaren på ärendedragningen varje tisdag.",
        staff="en enhetschef och åtta familjebehandlare",
        followup="Alla familjer får en enkät via sms när behandlingen är avslutad.",
    ),
}
# The question is asked fresh, after other conversations (with follow-ups), and once more at the end.
QUESTION = "hur delas nya ärenden ut numera?"
OTHERS = [
    ["hur många socialsekreterare har vuxenenheten?"],
    ["vem följer upp vad placeringarna kostar?", "hur ofta?"],
    ["hur frågar familjeenheten familjerna vad de tyckte?"],
    ["hur delas nya ärenden ut på familjeenheten?", "och på vuxenenheten?"],
    ["vad arbetar enheterna med?"],
]
SCRIPT = """
import json, sys
from pathlib import Path
from config import Settings
from knowledge.service import KnowledgeService

data, question, others = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
service = KnowledgeService(Settings(data_dir=Path(data)))
service.warm_up()

def ask(turns):
    context, reply = None, None
    for turn in turns:
        reply = service.answer(turn, context)
        context = reply.context
    return [reply.kind, reply.answer, [[c.source, c.quote] for c in reply.citations]]

answers = [ask([question])]
for conversation in others:
    ask(conversation)
    answers.append(ask([question]))
print(json.dumps(answers, ensure_ascii=False))
"""


def test_an_answer_does_not_depend_on_earlier_questions(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PLANS.items():
        (docs / name).write_text(text, "utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dirs=[docs])
    pipeline = Pipeline(settings)
    try:
        pipeline.ingest([docs])
    finally:
        pipeline.close()
    env = dict(os.environ, PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(settings.data_dir), QUESTION, json.dumps(OTHERS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    fresh = answers[0]
    assert fresh[1], "the fresh service gave no answer text"
    for later in answers[1:]:
        assert later == fresh
