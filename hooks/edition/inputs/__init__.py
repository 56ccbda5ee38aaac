"""Stage 1: inputs and checks (references.bib, headings, content markers)."""
