"""Stage 2: embed chunks and quote units, store them in FAISS with a verified manifest."""
