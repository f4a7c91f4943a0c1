"""`planbot sync` is the ingest job: two started together on a fresh data dir both succeed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUTINE = "Rutin för hembesök\n\nHembesök görs alltid av två socialsekreterare tillsammans.\n"


def test_two_sync_jobs_on_a_fresh_volume_queue_instead_of_failing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rutin.txt").write_text(ROUTINE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_")}
    env.update(
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PLANBOT_DATA_DIR=str(tmp_path / "data"),
        PLANBOT_CORPUS_DIRS=json.dumps([str(docs)]),
    )
    command = [sys.executable, "-m", "cli.main", "sync", "--json", "--wait", "300"]
    jobs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(job.wait(timeout=600), job.communicate()) for job in jobs]
    assert [code for code, _ in results] == [0, 0], [err for _, (_, err) in results]
    statuses = sorted(json.loads(out)["documents"][0]["status"] for _, (out, _) in results)
    assert statuses == ["new", "unchanged"]  # the second waited for the first, then found nothing to do
    # Removing the folder's file and syncing again removes the document (sync prunes).
    (docs / "rutin.txt").unlink()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"][0]["status"] == "removed"
