#!/usr/bin/env python3
"""Reads `wrk --latency` outputs and prints one compact side-by-side table (issue 13).

Each input file holds a few `key=value` lines written by the bench, then wrk's own output:
    page=Fiche d’une personne (CPIP) /personnes/42
    server=parcours            (or nginx)
    connections=64
    Running 10s test @ …
Rows are grouped by page and connection count; columns are the servers, in the order first
seen, with requests/s, p50 and p99, then errors (timeouts, socket errors, non-2xx/3xx answers)
and the first server's rate as a share of the second's.

    wrk_table.py [--json OUT] FILE…
Standard library only.
"""

import argparse
import json
import re
import sys

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def seconds(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"unknown duration {text!r}")
    return float(m.group(1)) * UNITS[m.group(2)]


def parse(path):
    meta, run = {}, {"errors": 0, "non2xx": 0}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.fullmatch(r"(page|server|connections)=(.*)", line)
            if m:
                meta[m.group(1)] = m.group(2)
                continue
            m = re.match(r"\s+(50|75|90|99)%\s+(\S+)", line)
            if m:
                run[f"p{m.group(1)}"] = seconds(m.group(2))
                continue
            m = re.match(r"\s+(\d+) requests in ([\d.]+\w+)", line)
            if m:
                run["requests"] = int(m.group(1))
                run["duration_s"] = seconds(m.group(2))
                continue
            m = re.match(r"\s+Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                         line)
            if m:
                run["errors"] = sum(int(x) for x in m.groups())
                run["timeouts"] = int(m.group(4))
                continue
            m = re.match(r"\s+Non-2xx or 3xx responses: (\d+)", line)
            if m:
                run["non2xx"] = int(m.group(1))
                continue
            m = re.match(r"Requests/sec:\s+([\d.]+)", line)
            if m:
                run["rps"] = float(m.group(1))
    run.update(meta)
    run["connections"] = int(meta.get("connections", 0))
    run["file"] = path
    return run


def fr_int(x):
    return f"{round(x):,}".replace(",", "\u202f")


def fr_rate(x):
    if x is None:
        return "—"
    return fr_int(x) if x >= 100 else f"{x:.1f}".replace(".", ",")


def fr_time(x):
    if x is None:
        return "—"
    if x < 1e-3:
        return f"{x * 1e6:.0f}\u00a0µs"
    if x < 1:
        v = x * 1e3
        return (f"{v:.2f}" if v < 10 else f"{v:.0f}").replace(".", ",") + "\u00a0ms"
    return f"{x:.2f}".replace(".", ",") + "\u00a0s"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--json")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    runs = [parse(f) for f in args.files]
    servers, rows = [], {}
    for r in runs:
        if r.get("server") not in servers:
            servers.append(r.get("server"))
        rows.setdefault((r.get("page", "?"), r["connections"]), {})[r.get("server")] = r
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(runs, f, ensure_ascii=False, indent=1)

    head = ["page", "connexions"]
    for s in servers:
        head += [f"{s} : req/s", "p50", "p99", "erreurs"]
    if len(servers) == 2:
        head.append(f"{servers[0]} / {servers[1]}")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for (page, conns), by_server in rows.items():
        cells = [page, str(conns)]
        for s in servers:
            r = by_server.get(s, {})
            errors = r.get("errors", 0) + r.get("non2xx", 0) if r else None
            cells += [fr_rate(r.get("rps")), fr_time(r.get("p50")), fr_time(r.get("p99")),
                      "—" if errors is None else fr_int(errors)]
        if len(servers) == 2:
            a, b = (by_server.get(s, {}).get("rps") for s in servers)
            share = a / b * 100 if a is not None and b else None
            cells.append("—" if share is None else
                         (f"{share:.1f}" if share < 10 else f"{share:.0f}").replace(".", ",")
                         + "\u00a0%")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
