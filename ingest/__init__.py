"""Ingest: readers per format, the structure parser, the chunker and the pipeline (the only writer)."""
