"""Canonical entities: curated alias tables, name normalization, metonymy and merge rules.

``canonical_key`` gives the stable cross-article identity the store keys entities by.
"""

from claimscope.resolve.keys import canonical_key

__all__ = ["canonical_key"]
