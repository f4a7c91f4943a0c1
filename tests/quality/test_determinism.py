"""The same question gets the same answer in every process, whatever Python's string hash seed.

Replicas and restarts must agree. Sets of strings iterate in an order set by the per-process
hash seed, and copies of one text score exactly alike, so a tie resolved by iteration order
shows up as a different answer. Copies are what make ties: this corpus is the samples and
three synthetic variants of each for other units and years (`bench.synthetic`, seed 2024),
where the first two questions below answered differently between seeds 1 and 2 before the
ties in the candidate pools were broken by position (`knowledge/store/ordering.py`); fewer
copies (one plan x4, the samples x2) showed no difference. Each run is a fresh process, so
the seed really differs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"

# Questions about the sample that name no unit, so every copy answers them alike (clarified
# lists of units, passages, follow-ups): the dev, staff-style and follow-up questions whose
# answers over the samples x4 changed with the tie-breaking (the first two also differed
# between seeds 1 and 2 there).
QUESTIONS: list[dict[str, object]] = [
    {"question": "när började aktiviteten om att ta emot fler praktikanter från jobbtorgen?"},
    {"question": "vad erbjuder Kravatten sina deltagare?"},
    {"question": "när ska översynen av sysselsättningsverksamheterna inom socialpsykiatrin vara färdig"},
    {"question": "hur många brukare har boendestödet i månaden"},
    {"question": "var ligger träfflokalen Tora?"},
    {"question": "var ligger hagergruppen"},
    {"question": "vad säljer droppen/bruket för grejer?"},
    {"question": "hur ofta har boendestödet MI-träffar?"},
    {"question": "hur många årsanställda har Tora?"},
    {"question": "ny på Kyrkogatans gruppboende, vilka måltider ingår för de boende?"},
    {"question": "hur ofta gör Hägergruppen utflykter?"},
    {"question": "vad står MALK för (LUM-projektet)?"},
    {
        "question": "när slutar den?",
        "context": [
            "vilken aktivitet handlar om lokalutnyttjande och bemanning för sysselsättningsverksamheterna?"
        ],
    },
    {"question": "och vad gör de där?", "context": ["var ligger Hägergruppen?"]},
    {"question": "kan man äta lunch där?", "context": ["vilka måltider ingår på Kyrkogatans gruppboende?"]},
    {"question": "och Tora då?", "context": ["var ligger Kravatten?"]},
]


@pytest.fixture(scope="module")
def copies_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the samples and three variants of each (ingested once for the module)."""
    from bench.synthetic import generate
    from tests.support.ingested import ingest_folder

    root = tmp_path_factory.mktemp("determinism")
    corpus = generate(sorted(SAMPLES.iterdir()), root / "corpus", 4).folder
    ingest_folder(root / "data", corpus)
    return root / "data"


def _answers(data_dir: Path, questions: Path, out: Path, seed: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed, TOKENIZERS_PARALLELISM="false")
    return subprocess.Popen(
        [sys.executable, "-m", "bench.answer_dump", str(out), str(data_dir), str(questions)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_answers_do_not_depend_on_the_hash_seed(copies_data_dir: Path, tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps({"id": f"d{i:02d}", "category": "determinism", **q}, ensure_ascii=False)
            for i, q in enumerate(QUESTIONS)
        ),
        encoding="utf-8",
    )
    outs = {seed: tmp_path / f"answers-{seed}.json" for seed in ("1", "2")}
    runs = [_answers(copies_data_dir, questions, out, seed) for seed, out in outs.items()]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err.decode(errors="replace")[-2000:]
    first, second = (json.loads(out.read_text(encoding="utf-8")) for out in outs.values())
    assert len(first) == len(QUESTIONS)
    differing = [key for key in first if first[key] != second.get(key)]
    assert not differing, [(key, first[key]["answer"], second[key]["answer"]) for key in differing]
