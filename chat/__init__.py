"""Stage 3: retrieve passages for a question and answer with exact, cited quotes (CLI and web)."""
