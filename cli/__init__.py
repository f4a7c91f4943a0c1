"""The `planbot` command: the composition root that wires settings, ingest, knowledge and bot."""
