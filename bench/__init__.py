"""Benchmarks: the naive RAG baseline and the synthetic corpus generator used by `planbot bench`."""
