#!/usr/bin/env python3
"""Starvation test of issue 13 (`make bench`): hold many slow or idle connections open on a
server while a normal client measures it.

Holders (asyncio, one coroutine per connection):
  * slow-header connections from --slow-source (default 127.0.0.2): the request line, then one
    more header byte every --interval seconds, never finishing the head;
  * idle keep-alive connections from --idle-source (default 127.0.0.3): one complete request,
    its answer read, then silence.
A connection the server closes (or that fails) is opened again at once (after half a second if it
lasted less than a second), so the server always sees as many as asked. The whole 127.0.0.0/8 is loopback on Linux, so the source addresses
only need binding.

The normal client (a separate thread, blocking sockets, from --client-source, default
127.0.0.1) makes --samples requests to /healthz and to --page (with --cookie), each on a new
connection, with a --timeout per request: first before any connection is held (reference),
then while they are all held. It prints a table (French, like the rest of `make bench`) and,
with --json, writes the raw figures.

Standard library only.
"""

import argparse
import asyncio
import http.client
import json
import resource
import socket
import statistics
import sys
import threading
import time


def raise_nofile(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < needed:
        sys.exit(f"hold_connections: ulimit -n {hard} < {needed} descripteurs nécessaires")
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


class Stats:
    def __init__(self):
        self.open = 0  # connections currently established
        self.opened = 0  # successful connects, reopens included
        self.closed_by_server = 0  # EOF or reset seen on an established connection
        self.connect_failures = 0  # connect refused, reset or timed out
        self.answered = 0  # idle connections: answers read before going silent

    def as_dict(self):
        return dict(vars(self))


async def open_from(host, port, source, timeout):
    return await asyncio.wait_for(
        asyncio.open_connection(host, port, local_addr=(source, 0)), timeout)


async def read_answer(reader):
    """Reads one HTTP answer (head and Content-Length body); returns False on EOF."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return True


async def backoff(opened_at, stop):
    """A connection the server ended within a second (refused at once, e.g. 503 over a
    connection cap) is reopened after half a second: the holder keeps connections, it does not
    flood the server with new ones."""
    if not stop.is_set() and time.monotonic() - opened_at < 1.0:
        await asyncio.sleep(0.5)


async def slow_holder(args, stats, stop):
    request_line = f"GET /healthz HTTP/1.1\r\nHost: {args.host}\r\nX-Slow: ".encode()
    while not stop.is_set():
        try:
            reader, writer = await open_from(args.host, args.port, args.slow_source,
                                             args.connect_timeout)
        except (OSError, asyncio.TimeoutError):
            stats.connect_failures += 1
            await asyncio.sleep(0.2)
            continue
        stats.opened += 1
        stats.open += 1
        opened_at = time.monotonic()
        eof = asyncio.ensure_future(reader.read(65536))
        try:
            writer.write(request_line)
            await writer.drain()
            while not stop.is_set():
                done, _ = await asyncio.wait({eof}, timeout=args.interval)
                if done:  # the server answered (e.g. 408/503) or closed: start again
                    break
                writer.write(b"a")  # one more header byte, the head never ends
                await writer.drain()
            if not stop.is_set():
                stats.closed_by_server += 1
        except (OSError, asyncio.IncompleteReadError):
            stats.closed_by_server += 1
        finally:
            stats.open -= 1
            eof.cancel()
            writer.close()
        await backoff(opened_at, stop)


async def idle_holder(args, stats, stop):
    request = f"GET /healthz HTTP/1.1\r\nHost: {args.host}\r\n\r\n".encode()
    while not stop.is_set():
        try:
            reader, writer = await open_from(args.host, args.port, args.idle_source,
                                             args.connect_timeout)
        except (OSError, asyncio.TimeoutError):
            stats.connect_failures += 1
            await asyncio.sleep(0.2)
            continue
        stats.opened += 1
        stats.open += 1
        opened_at = time.monotonic()
        try:
            writer.write(request)
            await writer.drain()
            await read_answer(reader)
            stats.answered += 1
            # Silence: keep the connection until the server closes it (or the test ends).
            eof = asyncio.ensure_future(reader.read(65536))
            stop_wait = asyncio.ensure_future(stop.wait())
            await asyncio.wait({eof, stop_wait}, return_when=asyncio.FIRST_COMPLETED)
            stop_wait.cancel()
            eof.cancel()
            if not stop.is_set():
                stats.closed_by_server += 1
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            if not stop.is_set():
                stats.closed_by_server += 1
        finally:
            stats.open -= 1
            writer.close()
        await backoff(opened_at, stop)


def one_request(args, path, cookie):
    """One GET on a new connection: (seconds, status or error word)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(args.host, args.port, timeout=args.timeout,
                                      source_address=(args.client_source, 0))
    try:
        headers = {"Cookie": cookie} if cookie else {}
        conn.request("GET", path, headers=headers)
        res = conn.getresponse()
        res.read()
        return time.perf_counter() - start, res.status
    except socket.timeout:
        return time.perf_counter() - start, "délai"
    except ConnectionRefusedError:
        return time.perf_counter() - start, "refus"
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        return time.perf_counter() - start, "coupure"
    except OSError as e:
        return time.perf_counter() - start, f"erreur {e.errno}"
    finally:
        conn.close()


def measure(args, targets):
    """targets: [(label, path, cookie)] -> {label: [(seconds, status)]}"""
    results = {}
    for label, path, cookie in targets:
        results[label] = [one_request(args, path, cookie) for _ in range(args.samples)]
    return results


def summarize(samples):
    ok = [t for t, s in samples if s == 200]
    failed = [s for _, s in samples if s != 200]
    # A failed request counts as infinitely slow: the median says whether most were served.
    ordered = sorted(t if s == 200 else float("inf") for t, s in samples)
    return {
        "median_s": statistics.median(ordered) if ordered else None,
        "max_s": ordered[-1] if ordered else None,
        "ok": len(ok),
        "failed": len(failed),
        "failures": sorted({str(s) for s in failed}),
        "samples": [[round(t, 6), s] for t, s in samples],
    }


def fr(x):
    return f"{x:g}".replace(".", ",")


def fmt_s(x, timeout):
    if x is None:
        return "—"
    if x == float("inf"):
        return f"échec (> {fr(timeout)} s)"
    if x < 1:
        return f"{x * 1000:.1f} ms".replace(".", ",")
    return f"{x:.2f} s".replace(".", ",")


async def hold_and_measure(args, targets):
    stop = asyncio.Event()
    slow, idle = Stats(), Stats()
    tasks = []
    # Open in waves so the server's accept queue is not flooded by 2,000 SYNs at once.
    for i in range(max(args.slow, args.idle)):
        if i < args.slow:
            tasks.append(asyncio.ensure_future(slow_holder(args, slow, stop)))
        if i < args.idle:
            tasks.append(asyncio.ensure_future(idle_holder(args, idle, stop)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)
    deadline = time.monotonic() + args.ramp
    while time.monotonic() < deadline and (slow.open < args.slow or idle.open < args.idle):
        await asyncio.sleep(0.2)
    ramp_s = args.ramp - max(0.0, deadline - time.monotonic())
    await asyncio.sleep(args.settle)
    held_before = {"slow": slow.open, "idle": idle.open, "idle_answered": idle.answered}
    loop = asyncio.get_running_loop()
    measured = await loop.run_in_executor(None, measure, args, targets)
    held_after = {"slow": slow.open, "idle": idle.open}
    stop.set()
    await asyncio.sleep(0.1)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return measured, {
        "ramp_s": round(ramp_s, 2),
        "held_at_start": held_before,
        "held_at_end": held_after,
        "slow": slow.as_dict(),
        "idle": idle.as_dict(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--page", help="signed-in page to measure, e.g. /personnes/12")
    p.add_argument("--cookie", default="", help='e.g. "parcours_session=…"')
    p.add_argument("--slow", type=int, default=1000, help="slow-header connections")
    p.add_argument("--idle", type=int, default=1000, help="idle keep-alive connections")
    p.add_argument("--slow-source", default="127.0.0.2")
    p.add_argument("--idle-source", default="127.0.0.3")
    p.add_argument("--client-source", default="127.0.0.1")
    p.add_argument("--interval", type=float, default=3.0, help="seconds between header bytes")
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--timeout", type=float, default=5.0, help="per request of the client")
    p.add_argument("--connect-timeout", type=float, default=10.0)
    p.add_argument("--ramp", type=float, default=30.0,
                   help="at most this long to get every connection open")
    p.add_argument("--settle", type=float, default=4.0,
                   help="seconds of holding before the client measures")
    p.add_argument("--json", help="write the raw figures to this file")
    args = p.parse_args()

    raise_nofile(args.slow + args.idle + 256)
    targets = [("GET /healthz", "/healthz", "")]
    if args.page:
        targets.append((f"GET {args.page} (connecté)", args.page, args.cookie))

    reference = measure(args, targets)
    loaded, holders = asyncio.run(hold_and_measure(args, targets))

    report = {"args": vars(args), "holders": holders,
              "reference": {k: summarize(v) for k, v in reference.items()},
              "held": {k: summarize(v) for k, v in loaded.items()}}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)

    h = holders
    start = h["held_at_start"]
    print(f"Connexions tenues : {args.slow} à en-tête lent (un octet toutes les "
          f"{fr(args.interval)} s, depuis {args.slow_source}) et {args.idle} inactives après une "
          f"réponse (depuis {args.idle_source}).")
    print(f"Établies en {fr(h['ramp_s'])} s (au plus {fr(args.ramp)} s), mesure après "
          f"{fr(args.settle)} s de plus ; ouvertes au début de la mesure : {start['slow']} lentes"
          f" + {start['idle']} inactives ({start['idle_answered']} réponses reçues jusque-là par les"
          f" inactives), à la fin :"
          f" {h['held_at_end']['slow']} + {h['held_at_end']['idle']}.")
    print(f"Fermées par le serveur (rouvertes aussitôt) : {h['slow']['closed_by_server']} lentes, "
          f"{h['idle']['closed_by_server']} inactives ; connexions impossibles : "
          f"{h['slow']['connect_failures']} + {h['idle']['connect_failures']}.")
    print()
    print(f"| requête ({args.samples} par ligne, une connexion chacune, délai {fr(args.timeout)} s) "
          "| sans charge : médiane | max | avec les connexions tenues : médiane | max "
          "| refusées ou échouées |")
    print("|---|---|---|---|---|---|")
    for label in reference:
        r, l = report["reference"][label], report["held"][label]
        why = f" ({', '.join(l['failures'])})" if l["failed"] else ""
        print(f"| {label} | {fmt_s(r['median_s'], args.timeout)} | {fmt_s(r['max_s'], args.timeout)}"
              f" | {fmt_s(l['median_s'], args.timeout)} | {fmt_s(l['max_s'], args.timeout)}"
              f" | {l['failed']}/{args.samples}{why} |")


if __name__ == "__main__":
    main()
