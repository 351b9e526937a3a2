"""chipmap benchmarks: speed and memory, measured here and never asserted in tests."""
