"""Knowledge: embedder, vector and lexical indexes, fusion, retrieval and the Answerer."""
