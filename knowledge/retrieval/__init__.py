"""Which documents, rows and passages: the embedder, hybrid search and scoring."""
