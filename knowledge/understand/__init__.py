"""Question reading: a staff question -> `QuestionReading`; pure, never sees a Snapshot.

- `reading`: `read_question` (units, districts, years, type, intent, topic, follow-up, own unit)
  and `apply_context` (the one place where follow-ups are resolved).
- `asks`: every cue of a question (`Cue`) and the one `SubIntent` reading, by one precedence list.
- `intent`, `outcome_intent`: the cue classifiers `asks` settles between.
- `mentions`: fuzzy unit and district mentions; `vocab`: cue words and patterns.
- `thesaurus` (+ `thesaurus.tsv`): staff words -> the plans' wording, for query expansion.
- `chatter` (+ `chatter.tsv`): greetings and framing left out of intent and topic.
- `clauses`: clauses of a chat message that only tell about the asker ("jag sitter med en rapport
  och behöver veta …"), left out of intent and topic when another clause asks.
- `side_words`: everyday Swedish words in the clauses around the question, left out of its topic
  (whether a word is everyday comes from the caller's usage object, over the lexical index).
- `workplace`: "jag är ny på X", "jobbar på X": the asker's unit from a self-introduction.
- `type_words` (+ `type_words.tsv`): words that only restate the kind of detail asked ("ligga" in
  "var ska den ligga?"), not required of the sentence that answers a follow-up.
- `general_swedish` (+ `general_sv.tsv`): general Swedish frequency of a stem (from wordfreq).
- `spelling`: misspelt content words read as the nearest corpus stem (given the lexical index's
  chunk counts by the answerer; the only module here that looks at corpus data).
- `compounds` (+ `lexicon_sv.txt`): Swedish compound splitting for the lexical index.
- `vowel_drop` (+ `vowel_drop.tsv`): one stem for the forms of a word whose unstressed e drops
  ("regler" -> regel, "skattemedlen" -> skattemedel); applied by `textnorm.stem_tokens`, so to
  the index and the questions alike (from wordfreq).
"""
