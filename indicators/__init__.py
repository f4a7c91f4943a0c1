"""Indicators: models, SQLite store, name matching and status against targets."""
