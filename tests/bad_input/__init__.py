"""Generators of hostile and broken inputs for the bad-input suite, written at test time."""
