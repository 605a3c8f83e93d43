"""int8 quantization of an exported reader, with the onnx package only (ONNX Runtime's Python tools are
not available here):

- every MatMul with a constant weight W [K, N] becomes DynamicQuantizeLinear on the activations,
  MatMulInteger with W in int8 (one symmetric scale per output column), and a rescale to float;
- every large constant table read by Gather (the word embeddings) is stored in int8 with one scale per
  row, gathered, and rescaled.

Both run on ONNX Runtime's CPU kernels; the model shrinks about four times.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def quantize(src, dst):
    model = onnx.load(src)
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes = []
    drop = set()
    added = []
    for n in g.node:
        if n.op_type == "MatMul" and n.input[1] in inits and len(inits[n.input[1]].dims) == 2:
            w = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
            scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            base = n.output[0]
            added += [numpy_helper.from_array(wq, base + "_wq"),
                      numpy_helper.from_array(np.zeros(w.shape[1], dtype=np.int8), base + "_wzp"),
                      numpy_helper.from_array(scale.astype(np.float32), base + "_wscale")]
            drop.add(n.input[1])
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [n.input[0]], [base + "_aq", base + "_ascale", base + "_azp"]),
                helper.make_node("MatMulInteger", [base + "_aq", base + "_wq", base + "_azp", base + "_wzp"],
                                 [base + "_int"]),
                helper.make_node("Cast", [base + "_int"], [base + "_f"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [base + "_ascale", base + "_wscale"], [base + "_s"]),
                helper.make_node("Mul", [base + "_f", base + "_s"], [base]),
            ]
        elif (n.op_type == "Gather" and n.input[0] in inits and len(inits[n.input[0]].dims) == 2
              and inits[n.input[0]].dims[0] * inits[n.input[0]].dims[1] > 1_000_000):
            w = numpy_helper.to_array(inits[n.input[0]]).astype(np.float32)
            scale = (np.maximum(np.abs(w).max(axis=1), 1e-8) / 127.0).astype(np.float32)
            wq = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
            base = n.output[0]
            added += [numpy_helper.from_array(wq, base + "_tq"),
                      numpy_helper.from_array(scale[:, None], base + "_tscale")]
            drop.add(n.input[0])
            new_nodes += [
                helper.make_node("Gather", [base + "_tq", n.input[1]], [base + "_gq"], axis=0),
                helper.make_node("Gather", [base + "_tscale", n.input[1]], [base + "_gs"], axis=0),
                helper.make_node("Cast", [base + "_gq"], [base + "_gf"], to=TensorProto.FLOAT),
                helper.make_node("Mul", [base + "_gf", base + "_gs"], [base]),
            ]
        else:
            new_nodes.append(n)
    still_used = {i for n in new_nodes for i in n.input}
    keep = [i for i in g.initializer if i.name not in drop or i.name in still_used]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(keep + added)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
