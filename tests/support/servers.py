"""Throw-away PostgreSQL and Chroma servers for tests (the bench starts the same ones)."""

from bench.services import ChromaServer, PostgresServer, chroma_server, free_port, postgres_server

__all__ = ["ChromaServer", "PostgresServer", "chroma_server", "free_port", "postgres_server"]
