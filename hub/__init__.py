"""The course on a JupyterHub for a cohort: configuration, accounts script, and the hub used by tests and benchmarks."""
