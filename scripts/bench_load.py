#!/usr/bin/env python3
"""Load for scripts/bench.sh: pages under wrk beside the same bytes as a static file (with
and without a writer saving a status every 100 ms), many concurrent writers saving statuses
through the status form, writes through the JSON API (wrk and scripts/bench_write.lua),
and a save's way from one instance to another on the same database.

  bench_load.py URL USER PASSWORD pages --static-dir DIR --connections 64,200 PATH...
  bench_load.py URL USER PASSWORD writers --writers 20 --seconds 30
  bench_load.py URL USER PASSWORD api-writes --kind status --work-dir D --database URL
  bench_load.py URL USER PASSWORD propagation --other URL2
  bench_load.py URL USER PASSWORD cookie

Prints Markdown table rows; nothing but the standard library and wrk.
"""
import argparse
import html
import json
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


def page_kept(url, path, cookie):
    """How the server answered one request for `path` (`x-plantrack-kept`), and its bytes."""
    req = urllib.request.Request(url + path, headers={"Cookie": cookie, "Accept": "text/html"})
    with urllib.request.urlopen(req, timeout=60) as res:
        return res.headers.get("x-plantrack-kept", "-"), res.read()


def pages(args):
    """For each path: its HTML served as a static file (the same bytes, by the same
    server) and the page itself under wrk at each connection count, then the page with a
    writer saving a status every 100 ms."""
    reader = Browser(args.url, args.user, args.password)
    cookie = reader.cookie_header()
    writer_number = strategies(reader, 1)[0]
    print("| page | KB | conns | static req/s | static p99 ms | page req/s | % of static "
          "| page p99 ms | p99 × static | with writer req/s | with writer p99 ms "
          "| p99 × without | errors | saves/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for i, path in enumerate(args.paths):
        page_kept(args.url, path, cookie)
        how, body = page_kept(args.url, path, cookie)
        name = f"bench-{i}.html"
        with open(os.path.join(args.static_dir, name), "wb") as f:
            f.write(body)
        static = f"{args.static_url}/{name}"
        for connections in [int(c) for c in args.connections.split(",")]:
            settle(args.server_pid)
            s_rate, _, s_p99, s_err = wrk(args.url, static, cookie, connections, args.seconds)
            settle(args.server_pid)
            rate, _, p99, errors = wrk(args.url, path, cookie, connections, args.seconds)
            settle(args.server_pid)
            writer = Writer(args.url, args.writer_user, args.password, writer_number, 0.1)
            writer.start()
            w_rate, _, w_p99, w_err = wrk(args.url, path, cookie, connections, args.seconds)
            writer.stop.set()
            writer.join()
            saves = sum(1 for s in writer.statuses if s in (302, 303)) / args.seconds
            print(f"| `{path}` ({how}) | {len(body) / 1024:.0f} | {connections} | {s_rate:.0f} "
                  f"| {s_p99:.1f} | {rate:.0f} | {100 * rate / max(s_rate, 1):.0f} % "
                  f"| {p99:.1f} | {p99 / max(s_p99, 0.001):.1f} | {w_rate:.0f} | {w_p99:.1f} "
                  f"| {w_p99 / max(p99, 0.001):.1f} | {s_err + errors + w_err} | {saves:.1f} |",
                  flush=True)


def new_token(browser):
    """A read-and-write access token of the signed-in person, made through the tokens page."""
    _, page = browser.get("/account/tokens")
    action = re.search(r'action="(/api/create_token[^"]*)"', page).group(1)
    browser.post(html.unescape(action), {"name": f"Benchmark {time.time():.0f}",
                                         "scope": "write", "days": "7"})
    _, page = browser.get("/account/tokens")
    return re.search(r"plt_[0-9a-f]{40}", page).group(0)


def api_get(url, path, token):
    """A JSON API answer."""
    req = urllib.request.Request(url + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=60) as res:
        return json.loads(res.read())


def sql(database, query):
    """Rows of `query` (tab-separated columns) on the benchmark's database."""
    if database.startswith("sqlite:"):
        import sqlite3
        with sqlite3.connect(database.removeprefix("sqlite://")) as db:
            return [[str(c) for c in row] for row in db.execute(query)]
    out = subprocess.run(["psql", database, "-AtF", "\t", "-c", query],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def write_items(args, browser, token):
    """(quarter, items) for `args.kind`: each strategy's status, or each measure's actual,
    in the quarter the status form writes (the reporting quarter), at its version now."""
    numbers = [s["number"] for g in api_get(args.url, "/api/v1/plan", token)["goals"]
               for o in g["objectives"] for s in o["strategies"]]
    quarter = read_form(browser, numbers[0])[1]["quarter"]
    year, q = int(quarter[:4]), int(quarter[-1])
    if args.kind == "status":
        versions = {s["strategy"]: s["version"]
                    for s in api_get(args.url, f"/api/v1/status?quarter={quarter}", token)}
        body = ('{"quarter":"%s","status":"on_track","percent":50,'
                '"accomplishments":"Benchmark update.","base_version":%%d}' % quarter)
        return quarter, [(f"/api/v1/strategies/{n}/status", body, versions.get(n, 0))
                         for n in numbers]
    measures = api_get(args.url, f"/api/v1/measures?fy={year}", token)
    versions = dict(
        (int(m), int(v)) for m, v in sql(args.database, (
            "SELECT measure_id, MAX(version) FROM actuals "
            f"WHERE fiscal_year = {year} AND quarter = {q} GROUP BY measure_id")))
    body = '{"quarter":"%s","value":1,"note":"Benchmark.","base_version":%%d}' % quarter
    return quarter, [(f"/api/v1/measures/{m['id']}/actuals", body, versions.get(m["id"], 0))
                     for m in measures if m["kind"] != "milestone"]


def api_writes(args):
    """wrk with scripts/bench_write.lua: status updates or actuals through the JSON API."""
    settle(args.server_pid)
    browser = Browser(args.url, args.writer_user, args.password)
    token = new_token(browser)
    quarter, items = write_items(args, browser, token)
    threads = 2
    lua_items = os.path.join(args.work_dir, f"bench-{args.kind}.lua")
    with open(lua_items, "w") as f:
        f.write("return { token = %s, threads = %d, items = {\n" % (json.dumps(token), threads))
        for path, body, version in items:
            f.write("{%s, %s, %d},\n" % (json.dumps(path), json.dumps(body), version))
        f.write("} }\n")
    audit = f"SELECT COUNT(*) FROM audit_log"
    before = int(sql(args.database, audit)[0][0])
    run = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(args.connections), "-d", f"{args.seconds}s",
         "--latency", "--timeout", "10s", "-s", args.lua, args.url + "/"],
        capture_output=True, text=True, check=True, env=dict(os.environ, BENCH_ITEMS=lua_items),
    )
    out = run.stdout
    # The script's first refusals (status and body), for the log.
    sys.stderr.write("".join(l + "\n" for l in run.stderr.splitlines() if l.startswith("bench_write:")))
    written = int(sql(args.database, audit)[0][0]) - before
    rate = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    lat = {p: re.search(rf"^\s*{p}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M) for p in (50, 99)}
    ms = {p: (float(m.group(1)) / 1000 if m.group(2) == "us" else float(m.group(1)) * 1000
              if m.group(2) == "s" else float(m.group(1))) if m else float("nan")
          for p, m in lat.items()}
    what = "status updates" if args.kind == "status" else "actuals"
    print(f"| {what} ({len(items)} items, {quarter}) | {args.connections} | {args.seconds} "
          f"| {total.group(1) if total else 0} | {float(rate.group(1)) if rate else 0:.0f} "
          f"| {ms[50]:.1f} | {ms[99]:.1f} | {int(bad.group(1)) if bad else 0} | {written} |")


def propagation(args):
    """Two instances on one database: a writer saves through the first every 100 ms while
    wrk reads a strategy page from the second; how long each save takes to show there."""
    reader = Browser(args.other, args.user, args.password)
    writer = Browser(args.url, args.writer_user, args.password)
    number = strategies(reader, 1)[0]
    cookie = reader.cookie_header()
    form = read_form(writer, number)
    load = subprocess.Popen(
        ["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "--latency",
         "--timeout", "10s", "-H", f"Cookie: {cookie}", "-H", "Accept: text/html",
         args.other + f"/strategies/{number}"],
        stdout=subprocess.PIPE, text=True)
    delays, errors = [], 0
    deadline = time.time() + args.seconds - 1
    while time.time() < deadline:
        mark = f"Propagation mark {time.time():.6f}"
        fields = dict(form[1], percent="40", accomplishments=mark)
        status, _ = writer.post(form[0], fields)
        saved = time.perf_counter()
        if status not in (302, 303):
            errors += 1
            form = read_form(writer, number)
            continue
        form[1].update(base_version=str(int(fields["base_version"]) + 1))
        while time.perf_counter() - saved < 5:
            _, body = page_kept(args.other, f"/strategies/{number}", cookie)
            if mark.encode() in body:
                break
            time.sleep(0.01)
        delays.append(time.perf_counter() - saved)
        time.sleep(0.1)
    out = load.communicate()[0]
    rate = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    print("| saves | save shown on the other instance: p50 ms | max ms | reader req/s "
          "| reader errors | writer errors |")
    print("|---|---|---|---|---|---|")
    print(f"| {len(delays)} | {statistics.median(delays) * 1000:.0f} | {max(delays) * 1000:.0f} "
          f"| {float(rate.group(1)) if rate else 0:.0f} | {int(bad.group(1)) if bad else 0} "
          f"| {errors} |")


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
    p.add_argument("--connections", default="64,200")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--static-dir", required=True, help="where the server's /pkg files are")
    p.add_argument("--static-url", default="/pkg")
    p.add_argument("paths", nargs="+")
    a = sub.add_parser("api-writes")
    a.add_argument("--kind", choices=["status", "actual"], required=True)
    a.add_argument("--connections", type=int, default=64)
    a.add_argument("--seconds", type=int, default=10)
    a.add_argument("--lua", default="scripts/bench_write.lua")
    a.add_argument("--work-dir", required=True)
    a.add_argument("--database", required=True, help="the server's DATABASE_URL")
    t = sub.add_parser("propagation")
    t.add_argument("--other", required=True, help="the second instance's address")
    t.add_argument("--connections", type=int, default=64)
    t.add_argument("--seconds", type=int, default=10)
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
    elif args.command == "api-writes":
        api_writes(args)
    elif args.command == "propagation":
        propagation(args)
    else:
        print(Browser(args.url, args.user, args.password).cookie_header())


if __name__ == "__main__":
    main()
