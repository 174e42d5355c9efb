#!/usr/bin/env python3
"""Re-records a conformance scenario's answers from a running server (TensorBoard itself).

Sends every request of an existing index.json (method, URL, JSON/form body, request headers) to
the server and writes each answer's body, plus a new index.json with the observed status, content
type, encoding, size, time and headers, into the output folder: the layout that check.py reads.
Python 3 standard library only.

  tensorboard --logdir corpus/torch_scalars --load_fast=false --port 6006 &
  python3 tests/conformance/record.py --url http://127.0.0.1:6006 \\
      --requests golden/torch_scalars/index.json --out golden-new/torch_scalars
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request


def body_of(rec):
    """The request body and its content type, as the original request sent it."""
    if "body_json" in rec:
        return json.dumps(rec["body_json"]).encode(), "application/json"
    if "body_raw" in rec:
        return rec["body_raw"].encode(), "application/x-www-form-urlencoded"
    return None, None


def file_name(rec, used):
    """A file name for the answer, from the method and URL, unique within the scenario."""
    if rec.get("file"):
        return rec["file"]
    stem = re.sub(r"[^A-Za-z0-9]+", "_", rec["url"]).strip("_") or "root"
    name, n = f"{rec['method'].lower()}_{stem}", 1
    while name in used:
        n += 1
        name = f"{rec['method'].lower()}_{stem}_{n}"
    return name


def record(url, rec):
    body, ctype = body_of(rec)
    headers = dict(rec.get("request_headers", {}))
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url + rec["url"], data=body, headers=headers,
                                 method=rec["method"])
    begin = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            status, got_headers, data = r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        status, got_headers, data = e.code, dict(e.headers), e.read()
    ms = round((time.monotonic() - begin) * 1000, 1)
    return status, got_headers, data, ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL of the running server")
    parser.add_argument("--requests", required=True, help="an index.json whose requests to send")
    parser.add_argument("--out", required=True, help="folder for the answers and index.json")
    args = parser.parse_args()

    index = json.load(open(args.requests))
    os.makedirs(args.out, exist_ok=True)
    used, out = set(), []
    for rec in index["requests"]:
        status, headers, data, ms = record(args.url.rstrip("/"), rec)
        entry = {k: rec[k] for k in ("method", "url", "body_json", "body_form", "body_raw",
                                     "request_headers") if k in rec}
        entry.update(status=status, content_type=headers.get("Content-Type"),
                     content_encoding=headers.get("Content-Encoding"), bytes=len(data), ms=ms,
                     response_headers=headers)
        if data:
            entry["file"] = file_name(rec, used)
            used.add(entry["file"])
            with open(os.path.join(args.out, entry["file"]), "wb") as f:
                f.write(data)
        out.append(entry)
        print(f"{status} {rec['method']} {rec['url']} ({len(data)} bytes, {ms} ms)")
    index["requests"] = out
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(f"{len(out)} answers written to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
