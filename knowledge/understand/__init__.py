"""Question reading: a staff question -> `QuestionReading`; pure, never sees a Snapshot.

- `reading`: `read_question` (units, districts, years, type, intent, topic, follow-up, own unit)
  and `apply_context` (the one place where follow-ups are resolved).
- `asks`: every cue of a question (`Cue`) and the one `SubIntent` reading, by one precedence list.
- `intent`, `outcome_intent`: the cue classifiers `asks` settles between.
- `mentions`: fuzzy unit and district mentions; `vocab`: cue words and patterns.
- `thesaurus` (+ `thesaurus.tsv`): staff words -> the plans' wording, for query expansion.
- `chatter` (+ `chatter.tsv`): greetings and framing left out of intent and topic.
- `compounds` (+ `lexicon_sv.txt`): Swedish compound splitting for the lexical index.
"""
