"""Stage 2: citations (APA style, one pandoc run, footnotes, the reference list)."""
