"""Reference data and the case company's seeded datasets (each figure with its source next to it)."""
