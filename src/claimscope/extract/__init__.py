"""Extractors: each reads one parsed article (spaCy Doc + Article) and returns records."""
