"""Give the exported tagger graph a batch of chunks: a symbolic batch size and per-chunk lengths.

``torch.onnx.export`` writes the BiLSTM (one LSTM node per layer) for one chunk at a time (batch
1). Run time tags all the chunks of an article in one call instead, padded to the longest: this
rewrites the graph so that its inputs take any batch size and a third input, ``lengths`` (int32,
one per chunk), feeds every LSTM node's ``sequence_lens``, so that each chunk's backward pass
starts at its own last token and padding never reaches the real tokens. The weights are
untouched.

    python training/onnx_lengths.py src/claimscope/tagger/data/attribution-tagger.onnx
"""

from __future__ import annotations

import argparse
from pathlib import Path

import onnx
from onnx import TensorProto, helper

SEQUENCE_LENS = 4  # the LSTM operator's input slot for per-sequence lengths


def add_sequence_lengths(path: Path) -> None:
    """Rewrite the ONNX file at ``path`` in place (a file already rewritten is left as it is)."""
    model = onnx.load(str(path))
    graph = model.graph
    if any(i.name == "lengths" for i in graph.input):
        return
    for value in [*graph.input, *graph.output]:
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    graph.input.append(helper.make_tensor_value_info("lengths", TensorProto.INT32, ["batch"]))
    lstms = [n for n in graph.node if n.op_type == "LSTM"]
    if not lstms:
        raise ValueError(f"{path}: the graph has no LSTM node")
    for lstm in lstms:  # one node per stacked layer
        inputs = list(lstm.input)
        inputs += [""] * (SEQUENCE_LENS + 1 - len(inputs))
        inputs[SEQUENCE_LENS] = "lengths"
        del lstm.input[:]
        lstm.input.extend(inputs)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="ONNX file written by train_attribution_tagger")
    add_sequence_lengths(parser.parse_args().model)


if __name__ == "__main__":
    main()
