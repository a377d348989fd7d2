#!/usr/bin/env python3
"""Load for scripts/bench.sh: pages under wrk (with and without a writer saving a status
every 100 ms), and many concurrent writers saving statuses through the status form.

  bench_load.py URL USER PASSWORD pages --connections 1,64,200 --seconds 10 PATH...
  bench_load.py URL USER PASSWORD writers --writers 20 --seconds 30
  bench_load.py URL USER PASSWORD cookie

Prints Markdown table rows; nothing but the standard library and wrk.
"""
import argparse
import html
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Answers a redirect as it is (a saved form answers 303 to the page)."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A signed-in session: its own cookie jar, no redirects followed."""

    def __init__(self, base, user, password):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        page = self.get("/login")[1]
        action = re.search(r'action="(/api/login[^"]*)"', page).group(1)
        status, _ = self.post(
            html.unescape(action), {"username": user, "password": password, "next": "/"}
        )
        if status not in (302, 303):
            sys.exit(f"sign-in as {user} answered {status}")

    def request(self, path, data=None):
        headers = {"Accept": "text/html", "Referer": self.base + "/", "Origin": self.base}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as res:
                return res.status, res.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def hidden(page, name):
    """The value of the form field `name` on a page."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag:
            found = re.search(r'value="([^"]*)"', tag)
            return html.unescape(found.group(1)) if found else ""
    return None


def save_status(browser, number, percent):
    """Reads the status form of strategy `number` and saves an update; returns
    (HTTP status of the save, seconds the read and the save took)."""
    started = time.perf_counter()
    status, page = browser.get(f"/strategies/{number}/status")
    action = re.search(r'action="(/api/save_status[^"]*)"', page)
    if status != 200 or not action:
        return status, time.perf_counter() - started
    fields = {
        "number": number,
        "quarter": hidden(page, "quarter") or "",
        "base_version": hidden(page, "base_version") or "0",
        "status": "on_track",
        "percent": str(percent),
        "accomplishments": f"Benchmark update at {time.time():.3f}.",
        "issues": "",
        "next_steps": "",
        "explanation": "",
        "corrective_action": "",
    }
    saved, _ = browser.post(html.unescape(action.group(1)), fields)
    return saved, time.perf_counter() - started


def strategies(browser, count):
    """The first `count` strategy numbers of the sample plan (g.o.s)."""
    _, page = browser.get("/quarters?goal=1")
    found = []
    for n in re.findall(r'href="/strategies/([0-9]+\.[0-9]+\.[0-9]+)"', page):
        if n not in found:
            found.append(n)
        if len(found) == count:
            break
    if len(found) < count:
        sys.exit(f"only {len(found)} strategies found on /quarters?goal=1")
    return found


def percentile(values, p):
    """The p-th percentile of `values` (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def save_only(browser, form, percent):
    """Posts the status form read earlier (`form`: action and fields) as the next version,
    without reading the page again; returns (HTTP status, seconds)."""
    action, fields = form
    fields = dict(fields, percent=str(percent),
                  accomplishments=f"Benchmark update at {time.time():.3f}.")
    started = time.perf_counter()
    saved, _ = browser.post(action, fields)
    if saved in (302, 303):
        fields["base_version"] = str(int(fields["base_version"]) + 1)
        form[1].update(base_version=fields["base_version"])
    return saved, time.perf_counter() - started


def read_form(browser, number):
    """The status form of strategy `number`: (action, fields)."""
    _, page = browser.get(f"/strategies/{number}/status")
    action = re.search(r'action="(/api/save_status[^"]*)"', page).group(1)
    fields = {"number": number, "quarter": hidden(page, "quarter") or "",
              "base_version": hidden(page, "base_version") or "0", "status": "on_track",
              "issues": "", "next_steps": "", "explanation": "", "corrective_action": ""}
    return html.unescape(action), fields


class Writer(threading.Thread):
    """Saves a status every `every` seconds until stopped (reading the form before each
    save, as a person does, or with `save_only` posting the next version straight away);
    keeps latencies and statuses."""

    def __init__(self, base, user, password, number, every, save_only=False):
        super().__init__(daemon=True)
        self.browser = Browser(base, user, password)
        self.number, self.every = number, every
        self.form = read_form(self.browser, number) if save_only else None
        self.stop = threading.Event()
        self.latencies, self.statuses = [], []

    def run(self):
        percent = 0
        while not self.stop.is_set():
            percent = (percent + 1) % 101
            if self.form:
                status, took = save_only(self.browser, self.form, percent)
            else:
                status, took = save_status(self.browser, self.number, percent)
            self.latencies.append(took)
            self.statuses.append(status)
            if self.every:
                self.stop.wait(max(0.0, self.every - took))


def settle(pid, quiet=0.05, most=60):
    """Waits until the server process `pid` is idle (under `quiet` CPU seconds in half a
    second, at most `most` seconds): requests a previous run abandoned are still being
    served, and must not be counted against the next."""
    if not pid:
        return

    def cpu():
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    deadline = time.time() + most
    while time.time() < deadline:
        before = cpu()
        time.sleep(0.5)
        if cpu() - before < quiet:
            return


def wrk(url, path, cookie, connections, seconds):
    """Runs wrk; returns (requests/s, p50 ms, p99 ms, non-2xx count)."""
    out = subprocess.run(
        ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s",
         "--latency", "--timeout", "10s", "-H", f"Cookie: {cookie}", "-H",
         "Accept: text/html", url + path],
        capture_output=True, text=True, check=True,
    ).stdout

    def ms(label):
        found = re.search(rf"^\s*{label}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*timeout (\d+)", out)
    return (
        float(rate.group(1)) if rate else 0.0,
        ms(50),
        ms(99),
        (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0),
    )


def pages(args):
    """wrk on each path at each connection count, on an unchanged plan and with a writer."""
    reader = Browser(args.url, args.user, args.password)
    cookie = reader.cookie_header()
    writer_number = strategies(reader, 1)[0]
    print("| page | connections | writer | req/s | p50 ms | p99 ms | errors | writer saves/s | writer p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in args.paths:
        for connections in [int(c) for c in args.connections.split(",")]:
            for with_writer in (False, True):
                settle(args.server_pid)
                writer = None
                if with_writer:
                    writer = Writer(args.url, args.writer_user, args.password, writer_number, 0.1)
                    writer.start()
                rate, p50, p99, errors = wrk(args.url, path, cookie, connections, args.seconds)
                saves = p99w = ""
                if writer:
                    writer.stop.set()
                    writer.join()
                    ok = sum(1 for s in writer.statuses if s in (302, 303))
                    saves = f"{ok / args.seconds:.1f}"
                    p99w = f"{percentile(writer.latencies, 99) * 1000:.0f}"
                print(f"| `{path}` | {connections} | {'yes' if writer else 'no'} | {rate:.0f} "
                      f"| {p50:.1f} | {p99:.1f} | {errors} | {saves} | {p99w} |", flush=True)


def writers(args):
    """`--writers` threads, each saving its own strategy's status as fast as it can."""
    settle(args.server_pid)
    first = Browser(args.url, args.writer_user, args.password)
    numbers = strategies(first, args.writers)
    crew = [Writer(args.url, args.writer_user, args.password, n, 0, args.save_only)
            for n in numbers]
    started = time.perf_counter()
    for w in crew:
        w.start()
    time.sleep(args.seconds)
    for w in crew:
        w.stop.set()
    for w in crew:
        w.join()
    took = time.perf_counter() - started
    latencies = [t for w in crew for t in w.latencies]
    statuses = [s for w in crew for s in w.statuses]
    ok = sum(1 for s in statuses if s in (302, 303))
    print("| writers | what | seconds | saves | saves/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|---|")
    what = "save only" if args.save_only else "form read + save"
    print(f"| {args.writers} | {what} | {took:.0f} | {ok} | {ok / took:.0f} "
          f"| {statistics.median(latencies) * 1000:.0f} | {percentile(latencies, 99) * 1000:.0f} "
          f"| {len(statuses) - ok} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("user")
    parser.add_argument("password")
    parser.add_argument("--writer-user", default="writer")
    parser.add_argument("--server-pid", type=int, default=0,
                        help="wait for this process to be idle before each measurement")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pages")
    p.add_argument("--connections", default="1,64,200")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("paths", nargs="+")
    w = sub.add_parser("writers")
    w.add_argument("--writers", type=int, default=20)
    w.add_argument("--seconds", type=int, default=30)
    w.add_argument("--save-only", action="store_true",
                   help="post each next version without reading the form again")
    sub.add_parser("cookie")
    args = parser.parse_args()
    if args.command == "pages":
        pages(args)
    elif args.command == "writers":
        writers(args)
    else:
        print(Browser(args.url, args.user, args.password).cookie_header())


if __name__ == "__main__":
    main()
