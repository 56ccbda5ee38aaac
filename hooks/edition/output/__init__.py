"""Stage 5: output (generated files, PDF, redirects, 404, per-language search, robots.txt, the policy, archived versions)."""
