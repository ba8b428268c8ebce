#!/usr/bin/env python3
"""Splits a sendsms client's cycle into Kannel's part and the client's, from a capture of
the loopback traffic on smsbox's port (`tcpdump -i lo -nn -tt -l 'tcp port 13013'`).

Per connection, a request is a segment with a payload to the port and its answer the next
one back. "Kannel" is request → answer; "client" is answer → the next request on the same
connection (how long the client takes to send again). At N requests in flight the rate is
about N / (Kannel + client), so two captures show which side a gap between rates is on.

    bench/wire.py LABEL CAPTURE [PORT]
prints one line: the rate, then mean / p50 / p90 / p99 of each part in ms."""
import re
import statistics
import sys

label, path = sys.argv[1], sys.argv[2]
port = sys.argv[3] if len(sys.argv) > 3 else "13013"
line_re = re.compile(r"^(\d+\.\d+) IP [\d.]+\.(\d+) > [\d.]+\.(\d+): .*length (\d+)")

asked = {}      # client port -> when its request went out
answered = {}   # client port -> when its last answer came back
kannel, client = [], []
first = last = None
for line in open(path, errors="replace"):
    m = line_re.match(line)
    if not m or m[4] == "0":
        continue  # bare ACKs carry no request or answer
    t, src, dst = float(m[1]), m[2], m[3]
    if dst == port:
        if src in answered:
            client.append(t - answered.pop(src))
        asked.setdefault(src, t)  # a request in several segments counts from its first
        first = first if first is not None else t
        last = t
    elif src == port and dst in asked:
        kannel.append(t - asked.pop(dst))
        answered[dst] = t


def summary(v):
    if not v:
        return "none"
    v = sorted(v)
    at = lambda q: v[min(len(v) - 1, int(len(v) * q))] * 1e3
    return "%.2f / %.2f / %.2f / %.2f" % (statistics.mean(v) * 1e3, at(0.5), at(0.9), at(0.99))


span = (last - first) if first is not None and last > first else float("nan")
print("| %s | %.0f | %s | %s |" % (label, len(kannel) / span, summary(kannel), summary(client)))
