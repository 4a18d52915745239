"""Gold-data loaders and scorers behind `claimscope eval`."""
