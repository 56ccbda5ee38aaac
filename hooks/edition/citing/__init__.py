"""Stage 3: metadata and citing (CITATION.cff, head tags, cite box, downloads, social card)."""
