#!/usr/bin/env python3
"""A bounded mutation run over the fixtures (`make fuzz`; not in CI).

Each round takes a fixture (PDF or web page) or a hostile file, damages it (bit flips,
random bytes inserted or overwritten, truncation, a chunk duplicated or deleted) and runs
`cls ingest` on it under a 1 GiB address-space limit and a 20 s timeout. It reports every
abort (a signal), hang, exit code other than 0/1, multi-line refusal and memory spike, and
keeps the inputs that caused them in target/fuzz/ so that they can be replayed.

usage: tools/fuzz/fuzz.py [--seconds 180] [--seed 1] [--cls target/release/cls]
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import time

LIMIT = 1 << 30
TIMEOUT = 20


def mutate(data, rnd):
    data = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        kind = rnd.randrange(6)
        n = len(data)
        if n == 0:
            break
        at = rnd.randrange(n)
        if kind == 0:  # bit flips
            for _ in range(rnd.randint(1, 16)):
                i = rnd.randrange(n)
                data[i] ^= 1 << rnd.randrange(8)
        elif kind == 1:  # insert random bytes
            data[at:at] = rnd.randbytes(rnd.randint(1, 64))
        elif kind == 2:  # overwrite a run
            k = rnd.randint(1, 512)
            data[at : at + k] = rnd.randbytes(min(k, n - at))
        elif kind == 3:  # truncate
            del data[rnd.randint(n // 8, n) :]
        elif kind == 4:  # duplicate a chunk
            k = rnd.randint(1, 4096)
            data[at:at] = data[at : at + k]
        else:  # delete a chunk
            del data[at : at + rnd.randint(1, 4096)]
    return bytes(data)


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cls", default="target/release/cls")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    seeds = []
    for d in ["fixtures/pdf", "fixtures/html", "tests/data/hostile"]:
        for name in sorted(os.listdir(d)):
            if name.endswith((".pdf", ".html")):
                with open(os.path.join(d, name), "rb") as f:
                    seeds.append((name, f.read()))
    os.makedirs("target/fuzz", exist_ok=True)
    work = "target/fuzz/input"
    stats = {"runs": 0, "exit0": 0, "exit1": 0, "signal": 0, "hang": 0, "other": 0, "multiline": 0}
    worst_rss, worst_time, kept = 0, 0.0, []
    end = time.time() + args.seconds
    while time.time() < end:
        name, data = rnd.choice(seeds)
        ext = ".pdf" if name.endswith(".pdf") else ".html"
        sample = mutate(data, rnd)
        path = work + ext
        with open(path, "wb") as f:
            f.write(sample)
        start = time.time()
        p = subprocess.Popen(
            [args.cls, "ingest", path],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=limit,
        )
        problem = None
        try:
            _, err = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
            problem = "hang"
        took = time.time() - start
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        worst_rss = max(worst_rss, rss)
        worst_time = max(worst_time, took)
        stats["runs"] += 1
        if problem is None:
            if p.returncode < 0:
                problem = "signal"
            elif p.returncode == 0:
                stats["exit0"] += 1
            elif p.returncode == 1:
                stats["exit1"] += 1
                if len(err.decode("utf-8", "replace").strip().splitlines()) != 1:
                    problem = "multiline"
            else:
                problem = "other"
        if problem:
            stats[problem] += 1
            keep = f"target/fuzz/{problem}-{stats['runs']}-{name}"
            with open(keep, "wb") as f:
                f.write(sample)
            kept.append(keep)
            print(f"{problem}: {keep} (exit {p.returncode}, {took:.1f} s)", file=sys.stderr)
    print(
        "fuzz: {runs} runs, exit 0: {exit0}, exit 1: {exit1}, signals: {signal}, hangs: {hang}, "
        "other exits: {other}, multi-line refusals: {multiline}".format(**stats)
    )
    print(f"fuzz: slowest run {worst_time:.1f} s, peak RSS of one run {worst_rss / (1 << 20):.0f} MiB")
    bad = stats["signal"] + stats["hang"] + stats["other"] + stats["multiline"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
