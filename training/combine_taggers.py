"""Combine attribution taggers trained with different seeds into one ONNX model that averages them.

Each folder must hold a tagger written by ``train_attribution_tagger.py`` from the same prepared
data (the same vocabulary, word vectors and features). The combined graph feeds the inputs
(``cats``, ``dense``, ``lengths``) to every member and outputs the log of the mean of their
probabilities as ``logprobs``, so the package runs it exactly as it runs one tagger, in one call.
Writes the model, the shared vocabulary and word vectors, and a ``tagger.json`` listing each
member's settings and scores into ``--out`` (the package's ``claimscope/tagger/data`` by default).

    python training/combine_taggers.py runs/seed13 runs/seed14
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import onnx
from onnx import compose, helper

from claimscope.tagger.model import DATA
from claimscope.tagger.word_vectors import VECTORS_FILE

MODEL = "attribution-tagger.onnx"
INPUTS = ("cats", "dense", "lengths")
SHARED = ("vocabulary.json", VECTORS_FILE.name)
# what every member must have the same, and the combined tagger.json keeps once
COMMON = ("spacy_pipeline", "dense_width", "features", "sizes")
# layer widths every member must share: onnxruntime plans one buffer for the LSTM state of all
# members, and a graph whose members differ in width fails when it runs
SHAPE = ("project", "hidden", "layers")


def combined_graph(members: list[onnx.ModelProto]) -> onnx.ModelProto:
    """One graph running every member on the same inputs and averaging their probabilities."""
    first = members[0]
    nodes, initializers, infos, outputs = [], [], [], []
    for k, member in enumerate(members):
        prefix = f"m{k}_"
        named = compose.add_prefix(member, prefix)
        nodes += [helper.make_node("Identity", [name], [prefix + name]) for name in INPUTS]
        nodes += list(named.graph.node)
        initializers += list(named.graph.initializer)
        infos += list(named.graph.value_info)
        (output,) = named.graph.output
        nodes.append(helper.make_node("Exp", [output.name], [f"{prefix}probs"]))
        outputs.append(f"{prefix}probs")
    nodes += [
        helper.make_node("Mean", outputs, ["mean_probs"]),
        helper.make_node("Log", ["mean_probs"], ["logprobs"]),
    ]
    graph = helper.make_graph(
        nodes,
        "combined_attribution_tagger",
        list(first.graph.input),
        list(first.graph.output),
        initializer=initializers,
        value_info=infos,
    )
    model = helper.make_model(graph, opset_imports=list(first.opset_import))
    model.ir_version = first.ir_version
    onnx.checker.check_model(model)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("members", type=Path, nargs="+", help="folders of trained taggers")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    metas = [json.loads((m / "tagger.json").read_text(encoding="utf-8")) for m in args.members]
    for folder, meta in zip(args.members[1:], metas[1:], strict=True):
        for key in COMMON:
            if meta[key] != metas[0][key]:
                raise SystemExit(f"{folder}: {key} differs from {args.members[0]}")
        for key in SHAPE:
            if meta["settings"][key] != metas[0]["settings"][key]:
                raise SystemExit(f"{folder}: its {key} setting differs from {args.members[0]}")
        for name in SHARED:
            if (folder / name).read_bytes() != (args.members[0] / name).read_bytes():
                raise SystemExit(f"{folder}: {name} differs from {args.members[0]}")
    model = combined_graph([onnx.load(str(m / MODEL)) for m in args.members])
    args.out.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(args.out / MODEL))
    for name in SHARED:
        if (args.out / name).resolve() != (args.members[0] / name).resolve():
            shutil.copy(args.members[0] / name, args.out / name)
    combined = {key: metas[0][key] for key in COMMON}
    combined["members"] = [
        {key: value for key, value in meta.items() if key not in COMMON} for meta in metas
    ]
    (args.out / "tagger.json").write_text(json.dumps(combined, indent=1) + "\n")
    print(f"{len(metas)} taggers → {args.out / MODEL}")


if __name__ == "__main__":
    main()
