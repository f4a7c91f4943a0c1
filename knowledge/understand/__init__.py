"""Question reading: a question (and its conversation) becomes a QuestionReading; never sees a Snapshot."""
