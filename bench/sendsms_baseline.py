#!/usr/bin/env python3
"""Kannel's own accept rate: N sendsms requests straight to smsbox, with the same
parameters cuakhau uses (UCS-2 Vietnamese, coding=2, charset, optional dlr-mask and
dlr-url), from `concurrency` threads. Prints messages per second."""
import argparse, concurrent.futures, http.client, threading, time, urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--url", default="http://127.0.0.1:13013/cgi-bin/sendsms")
p.add_argument("--password", default="kannel-test")
p.add_argument("--count", type=int, default=2000)
p.add_argument("--concurrency", type=int, default=8)
p.add_argument("--text", required=True)
p.add_argument("--dlr-url", default="")
a = p.parse_args()

local = threading.local()
target = urllib.parse.urlsplit(a.url)

def connection():
    # One kept-alive connection per thread, as an HTTP client pool would.
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    return local.conn

def send(i):
    q = {"username": "cuakhau", "password": a.password, "from": "cuakhau",
         "to": "+8491%07d" % (5000000 + i), "text": a.text, "charset": "UTF-8", "coding": "2"}
    if a.dlr_url:
        q["dlr-mask"] = "31"
        q["dlr-url"] = a.dlr_url + "&id=baseline-%d" % i
    conn = connection()
    conn.request("GET", target.path + "?" + urllib.parse.urlencode(q))
    r = conn.getresponse()
    body = r.read().decode()
    if r.getheader("Connection", "").lower() == "close":
        conn.close()
        del local.conn
    assert body.startswith("0:") or body.startswith("3:"), body

start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(a.concurrency) as pool:
    list(pool.map(send, range(a.count)))
print("%.1f" % (a.count / (time.monotonic() - start)))
