"""Writes kernels.pt: a TorchScript archive of one method per (layer, precision) for LayerSpeed.java.

Why TorchScript: DJL 0.36 cannot make bf16 tensors itself (its native dtype switch aborts the JVM on
BFLOAT16) and its casts run without autograd. Inside a TorchScript method, torch.to(x, 15) (bf16) and
torch.to(y, 6) (fp32) are ordinary autograd ops, so the fp32 inputs DJL passes in get fp32 gradients.
The archive is a zip of the module's code as text plus two tiny pickles, so no PyTorch is needed here.

Every layer has an "<name>_f32" and an "<name>_bf16" method with the same code; both run channels-last
(memory_format=2), so fp32 and bf16 go through the same call path and differ only in the dtype.
Usage: python3 make_kernels.py OUT.pt
"""
import struct
import sys
import zipfile

# Layer kinds: argument names and body. {c(v)} casts an input (bf16 side only), {cl(v)} also makes
# it channels-last. Convolutions are 3x3, stride 1, padding 1, no bias; BatchNorm runs in training
# mode without running statistics (same work per step as with them, apart from a tiny update).
CONV = "torch.conv2d({}, {}, None, [1, 1], [1, 1], [1, 1], 1)"
BN = "torch.batch_norm({}, {}, {}, None, None, True, 0.1, 1e-05, True)"
POOL = "torch.max_pool2d({}, [2, 2], [2, 2], [0, 0], [1, 1], False)"

KINDS = {
    "conv": (["x", "w"], lambda c, cl: [
        f"h = {CONV.format(cl('x'), cl('w'))}",
    ]),
    "linear": (["x", "w", "b"], lambda c, cl: [
        f"h = torch.linear({c('x')}, {c('w')}, {c('b')})",
    ]),
    # small-cnn's feature stack: (conv-BN-ReLU-pool) x2, conv-BN-ReLU, global mean
    "smallcnn": (["x", "w1", "g1", "b1", "w2", "g2", "b2", "w3", "g3", "b3"], lambda c, cl: [
        f"h = {CONV.format(cl('x'), cl('w1'))}",
        f"h = torch.relu({POOL.format(BN.format('h', c('g1'), c('b1')))})",
        f"h = {CONV.format('h', cl('w2'))}",
        f"h = torch.relu({POOL.format(BN.format('h', c('g2'), c('b2')))})",
        f"h = {CONV.format('h', cl('w3'))}",
        f"h = torch.relu({BN.format('h', c('g3'), c('b3'))})",
        "h = torch.mean(h, [2, 3])",
    ]),
    # resnet32's BasicBlock with identity shortcut: conv-BN-ReLU-conv-BN, + x, ReLU
    "block": (["x", "w1", "g1", "b1", "w2", "g2", "b2"], lambda c, cl: [
        f"xi = {cl('x')}",
        f"h = {CONV.format('xi', cl('w1'))}",
        f"h = torch.relu({BN.format('h', c('g1'), c('b1'))})",
        f"h = {CONV.format('h', cl('w2'))}",
        f"h = {BN.format('h', c('g2'), c('b2'))}",
        "h = torch.relu(torch.add(h, xi))",
    ]),
}


def method(name, kind, bf16):
    args, body = KINDS[kind]
    c = (lambda v: f"torch.to({v}, 15)") if bf16 else (lambda v: v)
    cl = lambda v: f"torch.contiguous({c(v)}, memory_format=2)"
    params = "".join(f",\n    {a}: Tensor" for a in args)
    lines = body(c, cl) + ["return torch.to(h, 6)" if bf16 else "return h"]
    suffix = "_bf16" if bf16 else "_f32"
    return (f"  def {name}{suffix}(self: __torch__.Kernels{params}) -> Tensor:\n"
            + "".join(f"    {line}\n" for line in lines))


def archive(out, layers):
    code = "class Kernels(Module):\n  __parameters__ = []\n  __buffers__ = []\n  training : bool\n"
    for name, kind in layers:
        code += method(name, kind, False) + method(name, kind, True)

    def text(s):
        b = s.encode()
        return b"X" + struct.pack("<I", len(b)) + b

    # what torch's pickler writes for a parameter-less module object: Kernels(training=True)
    data = b"\x80\x02c__torch__\nKernels\n)\x81}(" + text("training") + b"\x88ub."
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("kernels/data.pkl", data)
        z.writestr("kernels/code/__torch__.py", code)
        z.writestr("kernels/constants.pkl", b"\x80\x02).")
        z.writestr("kernels/version", "3\n")
        z.writestr("kernels/.data/version", "3\n")


if __name__ == "__main__":
    # method names LayerSpeed.java calls; the shapes are LayerSpeed's
    archive(sys.argv[1], [("conv", "conv"), ("linear", "linear"),
                          ("smallcnn", "smallcnn"), ("block", "block")])
