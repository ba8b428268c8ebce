#!/usr/bin/env python3
"""Steady load that keeps every answer: bench/probe.py URL SECONDS [--threads N]
[--header 'K: V'] [--method M] [--body JSON] [--form]. Prints one JSON object: requests,
answers by status, connection failures, per-second status counts, and the seconds in
which anything but 2xx came back. For fault scripts (wrk counts, it does not classify)."""
import argparse, collections, http.client, json, threading, time, urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("url")
ap.add_argument("seconds", type=float)
ap.add_argument("--threads", type=int, default=4)
ap.add_argument("--header", action="append", default=[])
ap.add_argument("--method", default="GET")
ap.add_argument("--body")
ap.add_argument("--form", action="store_true")
a = ap.parse_args()
u = urllib.parse.urlsplit(a.url)
path = u.path + ("?" + u.query if u.query else "")
headers = dict(h.split(": ", 1) for h in a.header)
if a.body is not None:
    headers.setdefault("content-type", "application/x-www-form-urlencoded" if a.form else "application/json")
lock = threading.Lock()
by_status = collections.Counter()
per_second = collections.defaultdict(collections.Counter)
start = time.monotonic()
stop = start + a.seconds

def worker():
    conn = None
    while time.monotonic() < stop:
        second = int(time.monotonic() - start)
        try:
            if conn is None:
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            conn.request(a.method, path, body=a.body, headers=headers)
            r = conn.getresponse()
            r.read()
            key = str(r.status)
            if r.getheader("connection", "").lower() == "close":
                conn.close(); conn = None
        except Exception:
            key = "conn_error"
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)
        with lock:
            by_status[key] += 1
            per_second[second][key] += 1

threads = [threading.Thread(target=worker) for _ in range(a.threads)]
for t in threads: t.start()
for t in threads: t.join()
bad = sorted(s for s, c in per_second.items() if any(not k.startswith("2") for k in c))
print(json.dumps({
    "requests": sum(by_status.values()),
    "by_status": dict(by_status),
    "bad_seconds": bad,
    "per_second": {s: dict(c) for s, c in sorted(per_second.items())},
}))
