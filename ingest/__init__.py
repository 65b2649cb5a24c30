"""Stage 1: read a monograph, parse it into sections and sentences, and cut it into chunks."""
