"""Knowledge: question reading (understand/), retrieval, answer building (answers/) and stores (store/)."""
