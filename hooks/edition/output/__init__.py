"""Stage 5: output (PDF, redirects, 404, per-language search, robots.txt)."""
