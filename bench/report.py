"""Turns bench/run's results (JSON lines) into bench/results.md and bench/results.json,
each figure next to its goal."""
import json
import sys

src, md_path, json_path = sys.argv[1:4]
rows = [json.loads(line) for line in open(src) if line.strip()]
json.dump(rows, open(json_path, "w"), indent=2, ensure_ascii=False)


def verdict(ok):
    return "met" if ok else "**missed**"


lines = [
    "# Benchmark results",
    "",
    "Written by `bench/run`; HTTP throughput as a ratio to the hello-world baseline measured",
    "in the same run. Load: wrk, 2 threads, 8 connections, after a 2 s warm-up.",
    "",
    "| benchmark | backend | figure | goal | |",
    "|---|---|---|---|---|",
]
for r in rows:
    n, b = r["name"], r.get("backend", "")
    if n == "baseline":
        lines.append(f"| baseline | – | {r['rps']:.0f} req/s, p99 {r['p99_ms']} ms | – | |")
    elif n == "status":
        ok = r["ratio"] >= 0.6 and r["p99_ms"] < 10
        lines.append(f"| status | {b} | 10k workers, cached: {r['rps']:.0f} req/s = {r['ratio']:.2f} × baseline, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms; each a first ask: {r['cold_rps']:.0f} req/s = {r['cold_ratio']:.2f} ×, p99 {r['cold_p99_ms']} ms | ≥ 0.60, p99 < 10 ms | {verdict(ok)} |")
    elif n == "soak":
        growth = (r["rss_end_mib"] - r["rss_start_mib"]) / r["rss_start_mib"]
        ok = r["errors"] == 0 and r["socket"] == "Socket errors: none" and growth < 0.10
        lines.append(f"| soak | sqlite | {r['seconds']} s at {r['rps']:.0f} req/s ({r['share']:.2f} of the {r['max_rps']:.0f} measured before), p99 {r['p99_ms']} ms; {r['errors']} non-2xx, {r['socket']}; RSS {r['rss_start_mib']} → {r['rss_end_mib']} MiB ({growth:+.1%}){'; every 30 s: ' + ' '.join(map(str, r['rss_every_30s_mib'])) if r.get('rss_every_30s_mib') else ''} | 0 errors, RSS growth < 10 % | {verdict(ok)} |")
    elif n == "ussd":
        ok = r["ratio"] >= 0.5 and r["p99_ms"] < 10
        paired = f" (median of rounds {r['rounds']}, each against a baseline of its own; baseline median {r['base_rps']:.0f} req/s)" if r.get("rounds") else ""
        lines.append(f"| ussd (3-step sessions) | {b} | {r['rps']:.0f} req/s ({r['sessions_per_s']} sessions/s) = {r['ratio']:.2f} × baseline{paired}, p99 {r['p99_ms']} ms | ≥ 0.50, p99 < 10 ms | {verdict(ok)} |")
    elif n == "memory":
        ok = r["idle_mib"] < 64 and r["loaded_mib"] < 256
        lines.append(f"| memory | {b} | RSS idle {r['idle_mib']} MiB, under status load {r['loaded_mib']} MiB | < 64 / < 256 MiB | {verdict(ok)} |")
    elif n == "startup":
        lines.append(f"| startup | {b} | {r['ms']} ms to /health/ready | < 1000 ms | {verdict(r['ms'] < 1000)} |")
    elif n == "plan":
        ok = r["daily_s"] < 3 and r["growth"] < 2
        lines.append(f"| plan | {b} | {r['papers']} papers: daily pass {r['daily_s']} s (×{r['growth']} of the smaller set), cold {r['cold_s']} s | < 3 s, growth < 2× | {verdict(ok)} |")
    elif n == "match":
        lines.append(f"| match | {b} | top 10 of {r['vacancies']} open: p99 {r['p99_one_ms']} ms on one connection; p50 {r['p50_ms']} / p99 {r['p99_ms']} ms at {r['rps']:.0f} req/s on 4 | p99 < 20 ms | {verdict(r['p99_one_ms'] < 20)} (one connection) |")
    elif n == "dispatch":
        lines.append(f"| dispatch | Kannel, DLR {r['dlr']} | {r['cuakhau_rps']:.0f} msg/s vs Kannel's {r['kannel_rps']:.0f} = {r['ratio']:.2f} (median of the rounds' ratios; the ratios, then the ranges of Kannel's and cuakhau's msg/s: {r.get('rounds', '–')}) | ≥ 0.80 | {verdict(r['ratio'] >= 0.8)} |")
open(md_path, "w").write("\n".join(lines) + "\n")
