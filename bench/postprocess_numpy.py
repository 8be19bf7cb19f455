"""The lifting post-processing of src/domain/lifting/pipeline.ts written with NumPy, for the
benchmark in postprocess.ts: validity, the 4-neighbour relative-discontinuity test, the
neighbour-step outlier statistic (mean + k*sigma and 2*median), RANSAC support plane with the
same sample sizes and iterations plus total-least-squares refinement, and unprojection to the
gravity-aligned world frame (colour gathering is timed apart in both). Vectorised the ordinary NumPy way.
Usage: python3 postprocess_numpy.py DIR   (DIR holds depth.f32, rgba.u8, meta.json)"""
import json
import sys
import time

import numpy as np


def lift(depth, rgba, W, H, fx, fy, cx, cy, rtol=0.04, k=3.0, rng=None):
    d = depth.reshape(H, W)
    valid = (d > 0) & np.isfinite(d)
    MISSING = 1e6
    pad = np.pad(np.where(valid, d, 0.0), 1)
    z = pad[1:-1, 1:-1]
    steps = []
    for nb in (pad[1:-1, :-2], pad[1:-1, 2:], pad[:-2, 1:-1], pad[2:, 1:-1]):
        steps.append(np.where(nb > 0, np.abs(z - nb), MISSING))
    a, b, c, e = steps
    t = rtol * z
    edge = valid & (((a > t) & (a < MISSING)) | ((b > t) & (b < MISSING)) | ((c > t) & (c < MISSING)) | ((e > t) & (e < MISSING)))
    h = np.where(a < MISSING, a, b) + np.where(b < MISSING, b, a)
    w = np.where(c < MISSING, c, e) + np.where(e < MISSING, e, c)
    with np.errstate(divide='ignore', invalid='ignore'):
        s = np.minimum(h, w) / (2 * z)
        cand = valid & ~edge
        speckle = cand & (s * z >= MISSING / 2)
    good = cand & ~speckle
    sv = s[good]
    limit = max(sv.mean() + k * sv.std(), 2 * np.median(sv[:: max(1, sv.size // 65536)]))
    keep = good & (s <= limit)

    # support plane: RANSAC on a 65k subsample, 4096 scored points, 250 hypotheses
    vs, us = np.nonzero(keep)
    stride = max(1, us.size // 65536)
    su, sv_, sz = us[::stride], vs[::stride], d[vs[::stride], us[::stride]]
    P = np.stack([(su - cx) / fx * sz, (sv_ - cy) / fy * sz, sz], 1)
    m = min(len(P), 4096)
    S = P[rng.integers(0, len(P), m)]
    tau = max(0.01, 0.012 * np.median(np.linalg.norm(S, axis=1)))
    idx = rng.integers(0, m, (250, 3))
    p0, p1, p2 = S[idx[:, 0]], S[idx[:, 1]], S[idx[:, 2]]
    n = np.cross(p1 - p0, p2 - p0)
    n /= np.linalg.norm(n, axis=1, keepdims=True) + 1e-12
    up = np.array([0.0, -1.0, 0.0])
    n *= np.sign(n @ up)[:, None]
    dd = -(n * p0).sum(1)
    ok = (n @ up > np.cos(np.radians(50))) & (dd > 0)
    scores = (np.abs(S @ n.T + dd) < tau).sum(0) * ok
    nb_, db_ = n[scores.argmax()], dd[scores.argmax()]
    for _ in range(2):
        inl = P[np.abs(P @ nb_ + db_) < tau]
        cen = inl.mean(0)
        _, vecs = np.linalg.eigh(np.cov((inl - cen).T))
        nb_ = vecs[:, 0] * np.sign(vecs[:, 0] @ up)
        db_ = -nb_ @ cen
    # gravity frame from the plane normal (rows of R: world axes in camera coordinates)
    zw = nb_
    yw = np.array([0, 0, 1.0]) - zw[2] * zw
    yw /= np.linalg.norm(yw)
    xw = np.cross(yw, zw)
    R = np.stack([xw, yw, zw])
    T = np.array([0, 0, db_])

    zk = d[vs, us]
    cam = np.stack([(us - cx) / fx * zk, (vs - cy) / fy * zk, zk], 1)
    world = (cam @ R.T + T).astype(np.float32)
    return world, (vs, us)


def main():
    folder = sys.argv[1]
    meta = json.load(open(f"{folder}/meta.json"))
    W, H = meta['width'], meta['height']
    depth = np.fromfile(f"{folder}/depth.f32", dtype=np.float32)
    rgba = np.fromfile(f"{folder}/rgba.u8", dtype=np.uint8)
    args = (W, H, meta['fx'], meta['fy'], meta['cx'], meta['cy'])
    for _ in range(meta.get('warmup', 3)):
        lift(depth, rgba, *args, rng=np.random.default_rng(1))
    times = []
    for _ in range(meta.get('runs', 10)):
        t0 = time.perf_counter()
        world, _ = lift(depth, rgba, *args, rng=np.random.default_rng(1))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(json.dumps({'median_ms': times[len(times) // 2], 'points': int(len(world))}))


if __name__ == '__main__':
    main()
