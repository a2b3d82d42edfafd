#!/usr/bin/env python3
"""Summarises a JFR recording of a benchmark fork: where the CPU time and the allocations go.

    java -jar bench/target/benchmarks.jar ScreeningBenchmark -f 1 -wi 5 -w 2s -i 5 -r 2s \
      -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
                      -XX:StartFlightRecording=filename=/tmp/screen.jfr,settings=profile"
    python3 bench/jfr-hotspots.py /tmp/screen.jfr [--only screen] [--top 30]

CPU: share of jdk.ExecutionSample stacks whose top frame is a method (self) or that contain it
(inclusive). Allocation: jdk.ObjectAllocationSample weight by innermost io.dualuse.screening frame.
Needs the JDK's `jfr` tool on the PATH. One fork per recording: with several benchmarks in one run,
each fork overwrites the file, so record one benchmark at a time (or use --only to filter by a frame).
"""
import argparse
import collections
import json
import subprocess

NOISE = ("jmh_generated", "NativeMethodAccessorImpl", "DelegatingMethodAccessorImpl", "Method.invoke",
         "FutureTask", "Executors$", "ThreadPoolExecutor", "Thread.run", "BenchmarkHandler")


def events(path, kind):
    out = subprocess.run(["jfr", "print", "--stack-depth", "128", "--json", "--events", kind, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    st = event["values"].get("stackTrace") or {}
    return [(f["method"]["type"]["name"], f["method"]["name"]) for f in st.get("frames", [])]


def short(frame):
    return frame[0].split("/")[-1] + "." + frame[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording")
    p.add_argument("--only", help="keep only stacks containing a frame with this text (e.g. a benchmark method)")
    p.add_argument("--top", type=int, default=30)
    a = p.parse_args()

    selfc, incl, n = collections.Counter(), collections.Counter(), 0
    for e in events(a.recording, "jdk.ExecutionSample"):
        fs = [short(f) for f in frames(e)]
        if not fs or (a.only and not any(a.only in f for f in fs)):
            continue
        n += 1
        selfc[fs[0]] += 1
        for f in set(fs):
            incl[f] += 1
    print(f"CPU samples: {n}")
    print("-- self time")
    for k, v in selfc.most_common(a.top):
        print(f"{100 * v / n:6.1f}%  {k}")
    print("-- inclusive time")
    for k, v in [kv for kv in incl.most_common(a.top * 3) if not any(x in kv[0] for x in NOISE)][:a.top * 2]:
        print(f"{100 * v / n:6.1f}%  {k}")

    total, inner = 0, collections.Counter()
    for e in events(a.recording, "jdk.ObjectAllocationSample"):
        fs = frames(e)
        if a.only and not any(a.only in short(f) for f in fs):
            continue
        w = e["values"]["weight"]
        total += w
        app = [short(f) for f in fs if f[0].startswith("io/dualuse/screening/") and "/bench/" not in f[0]]
        inner[app[0] if app else "(outside io.dualuse.screening)"] += w
    if total:
        print("-- allocation, by innermost io.dualuse.screening method")
        for k, v in inner.most_common(a.top):
            print(f"{100 * v / total:6.1f}%  {k}")


if __name__ == "__main__":
    main()
