"""Dump every answer of question sets (text, kind, cited sources and quotes) for determinism checks.

Answers must not depend on the process (Python's per-process string hash seed decides the
iteration order of sets of strings). Run this twice with different `PYTHONHASHSEED` values and
compare the two files with `python -m bench.answer_dump --diff A B`.

usage:
    python -m bench.answer_dump OUT.json DATA_DIR FILE [FILE ...] [--split tune|holdout|all]
    python -m bench.answer_dump --diff A.json B.json

The dev set (`dev_questions.jsonl`) is answered with today = 2023-06-15 as in its tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from bench.evaluation import load_questions
from knowledge.answer import Answer
from knowledge.service import KnowledgeService

DEV_TODAY = dt.date(2023, 6, 15)


def answer_record(reply: Answer) -> dict[str, object]:
    """Return what staff see of one answer, in a form that compares exactly.

    Args:
        reply: The answer.

    Returns:
        The answer text, kind, suggestions and each citation's source, section, page and quote.
    """
    return {
        "kind": str(reply.kind),
        "answer": reply.answer,
        "suggestions": list(reply.suggestions),
        "citations": [[c.source, c.section, c.page, c.quote] for c in reply.citations],
    }


def dump(data_dir: str, files: list[str], split: str) -> dict[str, dict[str, object]]:
    """Answer every question of `files` on `data_dir` (one service, dev set with its date).

    Args:
        data_dir: The data directory to answer from.
        files: Question files.
        split: `tune`, `holdout` or `all`.

    Returns:
        `"<file stem>/<id>"` to its answer record.
    """
    from config.settings import Settings

    settings = Settings(data_dir=Path(data_dir))
    plain: KnowledgeService | None = None
    dev: KnowledgeService | None = None
    out: dict[str, dict[str, object]] = {}
    for name in files:
        stem = Path(name).stem
        if stem == "dev_questions":
            dev = dev or KnowledgeService(settings, today=lambda: DEV_TODAY)
            svc = dev
        else:
            plain = plain or KnowledgeService(settings)
            svc = plain
        for q in load_questions(Path(name)):
            if split != "all" and q.split is not None and q.split != split:
                continue
            context = None
            for earlier in q.context:
                context = svc.answer(earlier, context).context
            out[f"{stem}/{q.id}"] = answer_record(svc.answer(q.question, context))
    return out


def diff(a: dict[str, dict[str, object]], b: dict[str, dict[str, object]]) -> list[str]:
    """Return the keys whose records differ (or are missing on one side), sorted.

    Args:
        a: One dump.
        b: The other.

    Returns:
        The differing keys.
    """
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def main(argv: list[str] | None = None) -> int:
    """Command line: dump, or diff two dumps (exit 1 when they differ)."""
    parser = argparse.ArgumentParser(prog="python -m bench.answer_dump")
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--split", default="all", choices=["tune", "holdout", "all"])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    if args.diff:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.paths[:2])
        keys = diff(a, b)
        for key in keys:
            print(key, a.get(key, {}).get("kind"), b.get(key, {}).get("kind"))
        print(f"{len(keys)} of {len(set(a) | set(b))} differ", file=sys.stderr)
        return 1 if keys else 0
    out, data_dir, *files = args.paths
    records = dump(data_dir, files, args.split)
    Path(out).write_text(json.dumps(records, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(records)} answers, PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
