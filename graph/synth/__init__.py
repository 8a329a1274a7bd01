"""Seeded synthetic data for tests and benchmarks: graphs built through the real builder, and short articles."""
