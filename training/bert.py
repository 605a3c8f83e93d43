"""A BERT encoder in PyTorch whose weights are read from the float ONNX export shipped in LangChain4j's
embedding artifacts, plus the reading head PartnerBot fine-tunes on top of it.

Shapes: input ids and attention mask [batch, tokens] (int64); hidden states [batch, tokens, width];
the sentence embedding is pooled (mean over unmasked tokens for English MiniLM, the [CLS] token for
bge-small-zh, as the project's Java encoder does) and L2-normalised; the head gives one logit per class
(the eleven behaviours of behaviours.md, then "not about a client").
"""
import math

import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, width, heads, ffn):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width)
        self.value = nn.Linear(width, width)
        self.attn_out = nn.Linear(width, width)
        self.attn_norm = nn.LayerNorm(width, eps=1e-12)
        self.inter = nn.Linear(width, ffn)
        self.out = nn.Linear(ffn, width)
        self.out_norm = nn.LayerNorm(width, eps=1e-12)

    def forward(self, x, bias):
        b, t, w = x.shape
        d = w // self.heads

        def split(y):
            return y.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, w)
        x = self.attn_norm(x + self.attn_out(ctx))
        h = nn.functional.gelu(self.inter(x))
        return self.out_norm(x + self.out(h))


class Bert(nn.Module):
    def __init__(self, vocab, width, layers, heads, ffn, positions=512):
        super().__init__()
        self.word = nn.Embedding(vocab, width)
        self.position = nn.Embedding(positions, width)
        self.token_type = nn.Embedding(2, width)
        self.norm = nn.LayerNorm(width, eps=1e-12)
        self.layers = nn.ModuleList([Layer(width, heads, ffn) for _ in range(layers)])

    def forward(self, ids, mask):
        t = ids.shape[1]
        pos = torch.arange(t, device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.position(pos) + self.token_type.weight[0]
        x = self.norm(x)
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class Reader(nn.Module):
    """Encoder + pooling + linear multi-label head (+ an optional situation head over the advice cards).
    forward() gives (embedding, behaviour logits)."""

    def __init__(self, bert, pooling, classes, situations=0):
        super().__init__()
        self.bert = bert
        self.pooling = pooling
        width = bert.word.weight.shape[1]
        self.head = nn.Linear(width, classes)
        self.situation_head = nn.Linear(width, situations) if situations else None
        self.dropout = nn.Dropout(0.1)

    def situations(self, e):
        """Logits over the situation cards (trained only when situation messages are given)."""
        return self.situation_head(e * 8.0)

    def embed(self, ids, mask):
        h = self.bert(ids, mask)
        if self.pooling == "cls":
            v = h[:, 0]
        else:
            m = mask.unsqueeze(-1).to(h.dtype)
            v = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return v / v.norm(dim=-1, keepdim=True).clamp(min=1e-12)

    def forward(self, ids, mask):
        e = self.embed(ids, mask)
        # The head reads the unit-length embedding scaled up, so logits are not squeezed by the norm.
        return e, self.head(self.dropout(e) * 8.0)


class Exported(nn.Module):
    """What ships: ids and mask in, the sentence embedding and the class probabilities out."""

    def __init__(self, reader):
        super().__init__()
        self.reader = reader

    def forward(self, input_ids, attention_mask):
        e = self.reader.embed(input_ids, attention_mask)
        if self.reader.situation_head is not None:
            return e, torch.sigmoid(self.reader.head(e * 8.0)), torch.softmax(self.reader.situations(e), dim=-1)
        return e, torch.sigmoid(self.reader.head(e * 8.0))


def load_onnx_bert(path):
    """Rebuilds the BERT of a float ONNX export. MatMul weights are unnamed in these graphs: each is
    matched through the bias Add that follows it, whose initializer carries the layer's name."""
    model = onnx.load(path)
    g = model.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    named = dict(inits)
    for n in g.node:
        if n.op_type != "MatMul":
            continue
        w = [i for i in n.input if i in inits]
        if not w:
            continue
        for c in consumers.get(n.output[0], []):
            if c.op_type == "Add":
                b = [i for i in c.input if i in inits and i.endswith(".bias")]
                if b:
                    named[b[0][: -len(".bias")] + ".weight"] = inits[w[0]].T
    vocab, width = inits["embeddings.word_embeddings.weight"].shape
    layers = 1 + max(int(k.split(".")[2]) for k in inits if k.startswith("encoder.layer."))
    ffn = named["encoder.layer.0.intermediate.dense.weight"].shape[0]
    heads = {384: 12, 512: 8, 768: 12}[width]
    bert = Bert(vocab, width, layers, heads, ffn)

    def put(param, key):
        arr = named[key]
        assert tuple(param.shape) == arr.shape, (key, param.shape, arr.shape)
        param.data.copy_(torch.from_numpy(np.array(arr, dtype=np.float32)))

    put(bert.word.weight, "embeddings.word_embeddings.weight")
    put(bert.position.weight, "embeddings.position_embeddings.weight")
    put(bert.token_type.weight, "embeddings.token_type_embeddings.weight")
    put(bert.norm.weight, "embeddings.LayerNorm.weight")
    put(bert.norm.bias, "embeddings.LayerNorm.bias")
    for i, layer in enumerate(bert.layers):
        p = f"encoder.layer.{i}."
        for mod, key in ((layer.query, "attention.self.query"), (layer.key, "attention.self.key"),
                         (layer.value, "attention.self.value"), (layer.attn_out, "attention.output.dense"),
                         (layer.inter, "intermediate.dense"), (layer.out, "output.dense")):
            put(mod.weight, p + key + ".weight")
            put(mod.bias, p + key + ".bias")
        for mod, key in ((layer.attn_norm, "attention.output.LayerNorm"), (layer.out_norm, "output.LayerNorm")):
            put(mod.weight, p + key + ".weight")
            put(mod.bias, p + key + ".bias")
    return bert
