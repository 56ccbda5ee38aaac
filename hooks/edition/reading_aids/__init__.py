"""Stage 4: reading aids (figures, data page, glossary, cross-references, print page)."""
