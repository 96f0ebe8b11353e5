#!/usr/bin/env python3
"""The scipy baseline for `scalinglab bench fit`.

Fits the Chinchilla Approach-3 law L(N, D) = E + A/N^alpha + B/D^beta to a CSV of runs the way the
published replication did (Besiroglu et al. 2024, arXiv:2404.10102, following Hoffmann et al. 2022,
Section 3.3): minimise the SUM over runs of Huber(delta) of (LSE(a - alpha log N, b - beta log D, e)
- log L) with scipy.optimize.minimize(method="L-BFGS-B") from every start of the grid
alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25} (4,500 starts),
with the analytic gradient and vectorised numpy. Prints one JSON object on stdout.

Usage: approach3_scipy.py RUNS.csv [--delta 1e-3] [--starts-limit K]
The CSV needs the columns 'Model Size' (N), 'Training FLOP' (C) and 'loss'; D = C / (6 N).
"""
import argparse
import csv
import json
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import huber, logsumexp


def read_runs(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    return np.log(n), np.log(c / (6.0 * n)), np.log(loss)


def start_grid():
    """The 4,500 starts in the same order as Java's StartGrid.hoffmann(): a, b, e, alpha, beta."""
    alphas = np.arange(0.0, 2.0 + 1e-9, 0.5)
    betas = np.arange(0.0, 2.0 + 1e-9, 0.5)
    es = np.arange(-1.0, 1.0 + 1e-9, 0.5)
    as_ = np.arange(0.0, 25.0 + 1e-9, 5.0)
    bs = np.arange(0.0, 25.0 + 1e-9, 5.0)
    return [np.array([a, b, e, al, be]) for a in as_ for b in bs for e in es for al in alphas for be in betas]


def make_objective(log_n, log_d, log_l, delta):
    def value_and_grad(p):
        a, b, e, alpha, beta = p
        terms = np.stack([a - alpha * log_n, b - beta * log_d, np.full_like(log_n, e)])
        lse = logsumexp(terms, axis=0)
        r = lse - log_l
        value = huber(delta, r).sum()
        dh = np.clip(r, -delta, delta)  # derivative of the Huber loss
        w = np.exp(terms - lse)  # softmax weights of the three terms
        g = np.array([
            (dh * w[0]).sum(),
            (dh * w[1]).sum(),
            (dh * w[2]).sum(),
            -(dh * w[0] * log_n).sum(),
            -(dh * w[1] * log_d).sum(),
        ])
        return value, g
    return value_and_grad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--delta", type=float, default=1e-3)
    ap.add_argument("--starts-limit", type=int, default=0, help="use only the first K starts (0 = all)")
    args = ap.parse_args()
    log_n, log_d, log_l = read_runs(args.csv)
    f = make_objective(log_n, log_d, log_l, args.delta)
    starts = start_grid()
    if args.starts_limit > 0:
        starts = starts[: args.starts_limit]
    t0 = time.perf_counter()
    c0 = time.process_time()
    best = None
    values = []
    nfev = 0
    nit = 0
    for x0 in starts:
        res = minimize(f, x0, method="L-BFGS-B", jac=True)
        values.append(res.fun)
        nfev += res.nfev
        nit += res.nit
        if best is None or res.fun < best.fun:
            best = res
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    a, b, e, alpha, beta = best.x
    within = int(sum(1 for v in values if v - best.fun <= 1e-6 * abs(best.fun)))
    print(json.dumps({
        "seconds": seconds, "cpuSeconds": cpu_seconds, "starts": len(starts), "objective": float(best.fun),
        "converged": bool(best.success), "startsNearBest": within, "evaluations": int(nfev), "iterations": int(nit),
        "E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)),
        "alpha": float(alpha), "beta": float(beta),
        "scipy": scipy.__version__, "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
