"""Engines that run the pipeline somewhere other than this process's worker pool (Ray)."""
