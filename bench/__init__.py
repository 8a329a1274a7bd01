"""Benchmarks (`make bench`): not tests; each module measures one concern against its peers."""
