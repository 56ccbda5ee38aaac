"""Stage 1: inputs, each read once and checked (languages and their words, environment, CITATION.cff, references.bib, headings, content markers)."""
