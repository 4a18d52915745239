"""claimscope: who claims what, with which numbers, as of when, and who disputes it."""

__version__ = "0.1.0"
SCHEMA = "claimscope/1"
