"""Committed state, written by ingest and read as one Snapshot: catalog, snapshot and indexes."""
