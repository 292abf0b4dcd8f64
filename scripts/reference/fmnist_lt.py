#!/usr/bin/python3
"""The Fashion-MNIST-LT recipe in plain PyTorch: this project's reference for ABSGD.

A short, self-contained PyTorch program of the benchmark recipe (small-cnn, rho = 100, 30 epochs,
stage 2 from epoch 24) with ABSGD as its authors define it (Qi et al., "Attentional-Biased
Stochastic Gradient Descent", TMLR 2023), driven by torch.optim.SGD. absgd-djl is measured against
it for accuracy and, side by side on the same machine, for speed (scripts/bench-speed.sh,
scripts/profile-reference.py). It prints one JSON line: balanced test accuracy, per-class accuracy,
the mean accuracy of the 3 smallest classes (tail3), training images/s over the whole run
(augmentation included, evaluation excluded).

Usage: /usr/bin/python3 scripts/reference/fmnist_lt.py METHOD SEED [RHO] [PROFILE]
  METHOD   ce | ce-drw | focal | ldam-drw | absgd | absgd-drw | absgd-ldam-drw | logit-adjust
  RHO      imbalance ratio (100); PROFILE exp | step (exp)
  env      EPOCHS (30), STAGE2 (24: first epoch of stage 2 and of the x0.01 learning rate),
           LAMBDA (5; "none" or >= 200, the authors' sentinel, is plain ERM), TAU (1), THREADS (2)
Needs Debian's python3-torch and dataset-fashion-mnist (apt-get install -y python3-torch
dataset-fashion-mnist). A short run that reaches stage 2: EPOCHS=3 STAGE2=1 THREADS=1 ... absgd-drw 0.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
CLASSES, N_MAX, SUBSET_SEED = 10, 6000, 0
MEAN, STD = 0.2860, 0.3530
EPOCHS = int(os.environ.get("EPOCHS", "30"))
STAGE2 = int(os.environ.get("STAGE2", "24"))
WARMUP, BATCH, LR, LR_DROP, MOMENTUM, WEIGHT_DECAY = 2, 128, 0.1, 0.01, 0.9, 5e-4
_lam = os.environ.get("LAMBDA", "5")
LAMBDA = None if _lam.lower() == "none" else float(_lam)
GAMMA, ALPHA = 0.7, 0.5            # ABSGD: weight of the new batch in u; scale of u
BETA = 0.9999                      # DRW: effective-number class weights
FOCAL_GAMMA = 1.0
LDAM_MAX_MARGIN, LDAM_SCALE = 0.5, 30.0
TAU = float(os.environ.get("TAU", "1"))
METHODS = ("ce", "ce-drw", "focal", "ldam-drw", "absgd", "absgd-drw", "absgd-ldam-drw", "logit-adjust")


# ---------------------------------------------------------------- data

def read_idx(path):
    """An IDX file (gzip'd) as a numpy array."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * k:8 + 4 * k], "big") for k in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def long_tail_counts(rho, profile):
    """exp: n_i = floor(n_max * rho^(-i/(C-1))); step: n_max for the first half, n_max/rho after."""
    if profile == "exp":
        return [int(N_MAX * (1.0 / rho) ** (i / (CLASSES - 1))) for i in range(CLASSES)]
    return [N_MAX if i < CLASSES // 2 else int(N_MAX / rho) for i in range(CLASSES)]


def long_tail_subset(labels, counts):
    """Indices of the subset: for each class in turn, the first n_c of its indices shuffled by one
    RandomState(0). The subset belongs to the benchmark, not to the run: same for every seed."""
    rng = np.random.RandomState(SUBSET_SEED)
    chosen = []
    for c, n in enumerate(counts):
        members = np.flatnonzero(labels == c)
        rng.shuffle(members)
        chosen.append(members[:n])
    return np.concatenate(chosen)


def normalise(images):
    return (torch.tensor(images, dtype=torch.float32).unsqueeze(1) / 255.0 - MEAN) / STD


def augment(x, gen):
    """Pad 2 pixels with zeros (of the normalised input), take a random 28x28 crop, flip it
    horizontally with probability 0.5; one draw of each per image, from `gen`, in that order."""
    n = x.shape[0]
    padded = F.pad(x, (2, 2, 2, 2))[:, 0]
    left = torch.randint(0, 5, (n,), generator=gen)
    top = torch.randint(0, 5, (n,), generator=gen)
    flip = torch.rand(n, generator=gen) < 0.5
    k = torch.arange(28)
    rows = top[:, None] + k                                                   # n x 28
    cols = left[:, None] + torch.where(flip[:, None], 27 - k, k)              # n x 28, reversed if flipped
    return padded[torch.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]].unsqueeze(1)


# ---------------------------------------------------------------- model

class SmallCNN(nn.Module):
    """The recipe's small-cnn: [conv3x3 (no bias) - BatchNorm - ReLU] 1->32, maxpool 2, 32->64,
    maxpool 2, 64->128; global average pool; linear 128->10, or with normed=True the cosine
    classifier of LDAM (normalised features times normalised weight columns, no bias).
    PyTorch's default initialisation."""

    def __init__(self, normed=False):
        super().__init__()

        def conv_bn_relu(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]

        self.features = nn.Sequential(*conv_bn_relu(1, 32), nn.MaxPool2d(2),
                                      *conv_bn_relu(32, 64), nn.MaxPool2d(2),
                                      *conv_bn_relu(64, 128),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.normed = normed
        if normed:  # LDAM's NormedLinear initialisation: uniform, columns rescaled to norm 1
            self.weight = nn.Parameter(torch.empty(128, CLASSES).uniform_(-1, 1).renorm_(2, 1, 1e-5).mul_(1e5))
        else:
            self.fc = nn.Linear(128, CLASSES)

    def forward(self, x):
        h = self.features(x)
        if self.normed:
            return F.normalize(h, dim=1).mm(F.normalize(self.weight, dim=0))
        return self.fc(h)


# ---------------------------------------------------------------- losses

def effective_number_weights(counts):
    """DRW class weights (1 - beta) / (1 - beta^n_j), normalised to sum to C."""
    w = (1.0 - BETA) / (1.0 - np.power(BETA, counts))
    return torch.tensor(w / w.sum() * CLASSES, dtype=torch.float32)


def ldam_margins(counts):
    """m_j = max_margin * n_j^(-1/4) / max_k n_k^(-1/4)."""
    m = 1.0 / np.sqrt(np.sqrt(np.array(counts, dtype=np.float64)))
    return torch.tensor(m * (LDAM_MAX_MARGIN / m.max()), dtype=torch.float32)


def ldam_logits(logits, y, margins):
    """LDAM: the true class's logit lowered by its margin, all scaled; CE is taken on the result."""
    true_class = F.one_hot(y, CLASSES).bool()
    return LDAM_SCALE * torch.where(true_class, logits - margins[y][:, None], logits)


def ce_per_sample(logits, y, weight):
    """l_i = w_{y_i} * CE_i (w = None: all 1)."""
    return F.cross_entropy(logits, y, weight=weight, reduction="none")


class AttentionalLoss:
    """ABSGD's objective over per-sample base losses l_i (b of them):
        e_i = exp(l_i / lambda)
        u  <- (1 - gamma) * u + gamma * alpha * mean(e)      (u = 0 before the first weighted step)
        p_i = e_i / (u * b), detached;  objective = sum_i p_i * l_i
    lambda None (or >= 200, the authors' sentinel) is plain ERM: the mean of l_i, u untouched.
    u moves once per call, i.e. once per optimizer step.

    exp(l/lambda) is formed as is, as the authors do: it overflows for large l/lambda (e.g. LDAM's
    losses at small lambda). That is the reference semantics, kept on purpose; absgd-djl keeps
    log u instead and never forms the exponential alone."""

    def __init__(self, gamma, alpha, base=ce_per_sample):
        self.gamma, self.alpha, self.base, self.u = gamma, alpha, base, 0.0

    def __call__(self, logits, y, weight, lam):
        losses = self.base(logits, y, weight)
        if lam is None or lam >= 200:
            return losses.mean()
        with torch.no_grad():  # u and p carry no gradient
            e = torch.exp(losses / lam)
            self.u = (1 - self.gamma) * self.u + self.gamma * (self.alpha * e.mean())
            p = e / (self.u * len(losses))
        return torch.sum(p * losses)


# ---------------------------------------------------------------- training

def learning_rate(epoch):
    """Set at each epoch's start: linear warm-up (epoch 0: 0.05, epoch 1: 0.1), then 0.1, then
    x0.01 from stage 2 on. The warm-up wins if stage 2 starts inside it."""
    if epoch < WARMUP:
        return LR * (epoch + 1) / WARMUP
    return LR * LR_DROP if epoch >= STAGE2 else LR


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in METHODS:
        sys.exit(__doc__ if len(sys.argv) < 3 else f"unknown method {sys.argv[1]}; one of {', '.join(METHODS)}")
    method, seed = sys.argv[1], int(sys.argv[2])
    rho = float(sys.argv[3]) if len(sys.argv) > 3 else 100.0
    profile = sys.argv[4] if len(sys.argv) > 4 else "exp"
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    torch.manual_seed(seed)  # the model's initial weights
    gen = torch.Generator().manual_seed(seed)  # shuffling and augmentation

    train_labels = read_idx(f"{DATA}/train-labels-idx1-ubyte.gz").astype(np.int64)
    counts = long_tail_counts(rho, profile)
    keep = long_tail_subset(train_labels, counts)
    x_train = normalise(read_idx(f"{DATA}/train-images-idx3-ubyte.gz")[keep])
    y_train = torch.tensor(train_labels[keep])
    x_test = normalise(read_idx(f"{DATA}/t10k-images-idx3-ubyte.gz"))
    y_test = torch.tensor(read_idx(f"{DATA}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    n = len(y_train)

    model = SmallCNN(normed="ldam" in method)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    drw_weights = effective_number_weights(counts)
    margins = ldam_margins(counts)
    log_prior = torch.log(torch.tensor(counts, dtype=torch.float32) / n)
    ldam = lambda logits, y, w: F.cross_entropy(ldam_logits(logits, y, margins), y, weight=w, reduction="none")
    absgd = AttentionalLoss(GAMMA, ALPHA, base=ldam if method == "absgd-ldam-drw" else ce_per_sample)

    def objective(logits, y, stage2):
        w = drw_weights if stage2 and method.endswith("-drw") else None
        if method in ("ce", "ce-drw"):
            return F.cross_entropy(logits, y, weight=w)  # weighted: sum w_y l / sum w_y
        if method == "ldam-drw":  # PyTorch's weighted mean, written out: sum w_y l / sum w_y
            return ldam(logits, y, w).sum() / (w[y].sum() if w is not None else len(y))
        if method == "focal":
            ce = ce_per_sample(logits, y, None)
            return ((1 - torch.exp(-ce)) ** FOCAL_GAMMA * ce).mean()
        if method == "logit-adjust":  # tau = 1: also Balanced Softmax
            return F.cross_entropy(logits + TAU * log_prior, y)
        return absgd(logits, y, w, LAMBDA if stage2 else None)  # absgd, absgd-drw, absgd-ldam-drw

    start, seen = time.time(), 0
    for epoch in range(EPOCHS):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(epoch)
        model.train()
        order = torch.randperm(n, generator=gen)
        for first in range(0, n, BATCH):  # the last partial batch is kept
            batch = order[first:first + BATCH]
            x, y = augment(x_train[batch], gen), y_train[batch]
            loss = objective(model(x), y, epoch >= STAGE2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            seen += len(y)
    train_seconds = time.time() - start

    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x_test[s:s + 1000]).argmax(1) for s in range(0, len(y_test), 1000)])
    total = torch.bincount(y_test, minlength=CLASSES)
    correct = torch.bincount(y_test[pred == y_test], minlength=CLASSES)
    per_class = (correct / total).tolist()  # float32
    smallest3 = sorted(range(CLASSES), key=lambda c: counts[c])[:3]
    print(json.dumps({"peer": "reference-pytorch-recipe", "method": method, "seed": seed, "rho": rho,
                      "profile": profile, "lambda": LAMBDA, "train_images": n,
                      "balanced_acc": sum(per_class) / CLASSES, "tail3": sum(per_class[c] for c in smallest3) / 3,
                      "per_class": per_class, "train_seconds": round(train_seconds, 1),
                      "images_per_s": round(seen / train_seconds, 1),
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
