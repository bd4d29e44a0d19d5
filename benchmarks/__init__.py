"""Benchmarks and the synthetic inputs they run on; kept out of the shipped package."""
