"""A class without browsers: N students drive the app over Streamlit's agent API; latency, CPU and cross-talk.

    python bench/class_load.py [--students 40] [--duration 60] [--pages linear,network,backprop,experiments]
    python bench/class_load.py --students 100 --deploy-replicas 2      # through deploy/run's HAProxy
    python bench/class_load.py --url http://127.0.0.1:8501 [--server-pids 1234]   # a server already running

Each student is a plain HTTP client of POST /_stcore/agent/interact (Streamlit 1.67's agent API, turned on only
in the servers this bench starts, by command-line flag). It opens its page (a call without session_id creates
an agent session), then every 2 to 4 s (seeded) sets the page's widget by key (linear, network: `lr`, its own
values; backprop: `step_epoch`; experiments: `epochs`; floor: `k`) and reads the finished page from the answer.
Students arrive over 10 s and change until --duration s after the last arrival. Every answer is checked against
what that student sent (cross-talk): the widget's value, and the engine's prediction for its learning rate, the
epoch's heading with the engine's y-hat, or the sweep's epochs.

Attribution: by default each page is a phase on a fresh server process, the floor (bench/floor_app.py: one
number_input, one 100-point Altair line) first, so a server's CPU time (/proc/<pid>/stat) is one page's and no
page's cache helps another. Each fresh server's first view is timed apart. CPU per interaction: the phase's CPU
over its views and changes; per change: the CPU after the last view was answered over the changes answered
after it. Agent sessions cost the server more than a browser's (elements describe themselves, answers are
JSON: 5-16% of a rerun's samples, the floor's 11%). --deploy-replicas and --mixed run one phase, the students
spread over the pages. Bounded: requests per phase capped, every wait capped, loopback only. The students'
threads run at nice 10; the CPU the rest of the machine used meanwhile is printed ("others": well above 0, the
figures are not this app's alone).

Through HAProxy, an agent session (named by the session_id in the body, which HAProxy does not read) sticks by the
cookie HAProxy sets on the first answer, which each student sends back (without it: `unknown_session`).
"""

import argparse
import functools
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import engine  # noqa: E402
from deploy import cluster, proxy  # noqa: E402

ARRIVAL, TIMEOUT = 10.0, 45.0  # arrival window; a request's cap (the server answers 202 after its 30 s)


@functools.cache
def prediction(page: str, lr: float) -> str:
    """The markdown line the linear or network page shows for learning rate `lr` and its other defaults."""
    model, points, x = (engine.Linear(), 4, 7) if page == "linear" else (engine.MLP(), 5, 9)
    value = engine.train(model, engine.make_dataset("line", points), lr, 100).predict(x)
    return f"### Prediction at x = {x}: {value:.4f}"


@functools.cache
def sample_heading(epoch: int) -> str:
    """The start of the backprop page's heading for sample 0 of `epoch` (the seed net, lr 0.01, sgd), with its ŷ."""
    model = engine.train(engine.MLP(), engine.make_dataset("line", 5), 0.01, epoch) if epoch else engine.MLP()
    return f"#### Sample 0 of epoch {epoch}: x = 1, y = 2, ŷ = {model.predict(1):.6g}"


def own_rate(i: int, j: int, old, rng) -> float:
    """Student i's j-th learning rate: no two students ever send the same one."""
    return round(0.002 + 0.00005 * i + 4e-7 * (j % 120 + 1), 9)


def new_int(lo: int, hi: int):
    """A random whole number in [lo, hi] other than the widget's current value."""
    return lambda i, j, old, rng: next(v for v in iter(lambda: rng.randint(lo, hi), None) if v != old)


# page -> (widget key, its default, a student's next value (i, j, old, rng), what the answer must start a line with)
PAGES = {
    "floor": ("k", 50, new_int(1, 1000), lambda v: None),
    "linear": ("lr", 0.01, own_rate, functools.partial(prediction, "linear")),
    "network": ("lr", 0.01, own_rate, functools.partial(prediction, "network")),
    "backprop": ("step_epoch", 0, new_int(1, 300), sample_heading),
    "experiments": ("epochs", 100, new_int(50, 200), lambda v: f"Each dot is one run of {v} epochs"),
}


def post(base: str, body: dict, cookies: dict) -> tuple[int, dict]:
    """POST `body` to the agent API at `base`, sending and keeping `cookies` (HAProxy's stickiness)."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=TIMEOUT)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection.request("POST", "/_stcore/agent/interact", json.dumps(body),
                           {"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})})
        response = connection.getresponse()
        cookies.update(header.split(";", 1)[0].strip().split("=", 1)  # name=value; attributes...
                       for header in response.headers.get_all("Set-Cookie") or [])
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def shown(node: dict) -> list[str]:
    """Every markdown and caption text in a snapshot's tree."""
    texts = [node["props"]["body"]] if node.get("type") in ("markdown", "caption") else []
    return texts + [text for child in node.get("children", []) for text in shown(child)]


def value_of(node: dict, key: str):
    """The value of the widget with `key` in a snapshot's tree, or None."""
    if node.get("key") == key:
        return node.get("value")
    return next((v for c in node.get("children", []) if (v := value_of(c, key)) is not None), None)


class Phase:
    """One load phase: its students' timings and failures per page, and the server CPU it used."""

    def __init__(self, base: str, pages: list[str], arguments, pids: list[int]):
        self.base, self.pages, self.pids, self.students = base, pages, pids, arguments.students
        self.duration, self.seed, self.lock = arguments.duration, arguments.seed, threading.Lock()
        self.views, self.changes = {p: [] for p in pages}, {p: [] for p in pages}
        self.failures, self.problems, self.replicas = {p: Counter() for p in pages}, [], Counter()
        self.cap, self.sent, self.viewed = self.students * int(self.duration / 2 + 6), 0, 0

    def cpu(self) -> tuple[float, float]:
        """CPU seconds so far of the server processes (nan without pids) and of the machine (all but idle, iowait)."""
        ticks = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
        machine = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
        return (sum(map(cluster.cpu_seconds, self.pids)) if self.pids else float("nan")), machine

    def ask(self, page: str, body: dict, cookies: dict, want: tuple, timings: list, deadline: float):
        """One interaction, timed and its answer checked; returns the session id, or None after a failure."""
        with self.lock:
            self.sent += 1
            if self.sent > self.cap:
                return None
        start, failures = time.perf_counter(), self.failures[page]
        try:
            status, answer = post(self.base, body, cookies)
            while status == 202 and time.monotonic() < deadline:  # wait_timed_out: collect the same run
                failures["timeout"] += 1
                status, answer = post(self.base, {"session_id": answer["session_id"]}, cookies)
        except (OSError, ValueError, http.client.HTTPException) as problem:  # a TimeoutError is an OSError
            failures["timeout" if isinstance(problem, TimeoutError) else "http"] += 1
            self.problems.append(f"{page}: {type(problem).__name__}: {problem}")
            return None
        if status != 200:
            failures[f"agent {answer.get('error', {}).get('code', status)}"] += 1
            return None
        timings.append(time.perf_counter() - start)
        (key, value, expected), texts = want, shown(answer["tree"])
        if answer.get("status") != "ready":
            failures["app error"] += 1
        elif value_of(answer["tree"], key) != value or (expected and not any(t.startswith(expected) for t in texts)):
            failures["cross-talk"] += 1
            self.problems.append(f"{page}: sent {key}={value}, page has {key}={value_of(answer['tree'], key)}, "
                                 f"wanted {expected!r}; shows {[t for t in texts if t[:6] == (expected or '')[:6]]}")
        return answer["session_id"]

    def student(self, i: int, page: str, start_at: float, stop_at: float, deadline: float) -> None:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # this thread only (Linux)
        rng, cookies, (key, value, plan, expect) = random.Random(self.seed * 100_003 + i), {}, PAGES[page]
        time.sleep(max(0.0, start_at - time.monotonic()))
        session = self.ask(page, {} if page == "floor" else {"page": page}, cookies, (key, value, expect(value)),
                           self.views[page], deadline)
        with self.lock:
            self.viewed += 1
            self.replicas[cookies.get(proxy.COOKIE, "-")] += 1
        j, moment = 0, time.monotonic()
        while session and (moment := moment + rng.uniform(2.0, 4.0)) < stop_at:
            time.sleep(max(0.0, moment - time.monotonic()))
            value, j = plan(i, j, value, rng), j + 1
            session = self.ask(page, {"session_id": session, "widget_state": {key: value}}, cookies,
                               (key, value, expect(value)), self.changes[page], deadline)

    def run(self) -> "Phase":
        """Run the class: students arrive over ARRIVAL s and change until --duration s after the last arrival."""
        rng, begin = random.Random(self.seed), time.monotonic() + 0.2
        stop_at, deadline = begin + ARRIVAL + self.duration, begin + ARRIVAL + self.duration + 2 * TIMEOUT
        arrivals = sorted(begin + rng.uniform(0, ARRIVAL) for _ in range(self.students))
        threads = [threading.Thread(target=self.student, daemon=True,
                                    args=(i, self.pages[i % len(self.pages)], at, stop_at, deadline))
                   for i, at in enumerate(arrivals)]
        (cpu0, machine0), client0, wall0 = self.cpu(), time.process_time(), time.monotonic()
        for thread in threads:
            thread.start()
        while self.viewed < self.students and time.monotonic() < begin + ARRIVAL + TIMEOUT:
            time.sleep(0.05)  # until every student's view is answered (or failed)
        (cpu1, _), changes1 = self.cpu(), sum(map(len, self.changes.values()))
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        (cpu2, machine2), changes2 = self.cpu(), sum(map(len, self.changes.values()))
        self.cpu_interaction = (cpu2 - cpu0) / max(1, sum(map(len, self.views.values())) + changes2)
        self.cpu_change, self.client_cpu = (cpu2 - cpu1) / max(1, changes2 - changes1), time.process_time() - client0
        self.others = (machine2 - machine0 - (cpu2 - cpu0) - self.client_cpu) / (  # nan without the servers' pids
            time.monotonic() - wall0)  # cores used by everything else on the machine (HAProxy, other work)
        return self


def fresh_phase(pages: list[str], arguments) -> tuple[Phase, tuple[float, float]]:
    """A phase of `pages` on a fresh server with the agent API (the floor app for ["floor"]), and the first view
    of pages[0]: (server start -> first answered view, that view alone)."""
    port, app = arguments.port or cluster.free_port(), "bench/floor_app.py" if pages == ["floor"] else "app.py"
    command = [cluster.default_python(), "-m", "streamlit", "run", app, "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.enableAgentApi", "true", "--server.agentMaxSessions", str(arguments.students + 20)]
    started, base = time.perf_counter(), f"http://127.0.0.1:{port}"
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        cluster.wait_healthy(f"{base}/_stcore/health", process, time.monotonic() + 60)
        view_at = time.perf_counter()
        post(base, {} if pages == ["floor"] else {"page": pages[0]}, {})
        first = time.perf_counter()
        return Phase(base, pages, arguments, [process.pid]).run(), (first - started, first - view_at)
    finally:
        cluster.stop_process(process)


def deployed(arguments) -> Phase:
    """The class through `deploy/run` with --deploy-replicas replicas, the agent API on (for this bench only)."""
    run_dir, port = cluster.STATE / "class-load", arguments.port or cluster.free_port()  # its logs stay there
    command = [sys.executable, str(ROOT / "deploy" / "run"), "--replicas", str(arguments.deploy_replicas),
               "--port", str(port), "--address", "127.0.0.1", "--run-dir", str(run_dir),
               "--streamlit-arg=--server.enableAgentApi=true",
               f"--streamlit-arg=--server.agentMaxSessions={arguments.students + 20}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        cluster.wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process, time.monotonic() + 120)
        state = json.loads((run_dir / "state.json").read_text())  # written before HAProxy answers
        return Phase(state["url"], arguments.pages.split(","), arguments, [r["pid"] for r in state["replicas"]]).run()
    finally:
        cluster.stop_process(process, grace=30)  # deploy/run stops HAProxy and the replicas on SIGTERM


def percentiles(times: list[float]) -> str:
    ordered = sorted(times) or [float("nan")]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1e3:5.0f} {p95 * 1e3:5.0f} {ordered[-1] * 1e3:5.0f}"


def report(rows: list[tuple[str, Phase, tuple | None]]) -> int:
    """Print the table; return 1 if any student saw a failure or someone else's result."""
    floor = next((phase.cpu_change for name, phase, _ in rows if name == "floor"), None)
    print(f"\n{'page':12} {'views':>5} {'chgs':>5} | view ms p50   p95   max | change ms p50  p95   max | CPU ms/int"
          "  /change x floor | first view s | others | failures")
    for _, phase, first in rows:
        alone = len(phase.pages) == 1  # CPU figures belong to one page only then
        for page in phase.pages:
            cpu = f"{phase.cpu_interaction * 1e3:10.0f} {phase.cpu_change * 1e3:8.0f}" if alone else f"{'-':>19}"
            ratio = f"{phase.cpu_change / floor:7.1f}" if floor and alone else f"{'-':>7}"
            print(f"{page:12} {len(phase.views[page]):5} {len(phase.changes[page]):5} | "
                  f"{percentiles(phase.views[page]):>23} | {percentiles(phase.changes[page]):>24} | {cpu} {ratio} | "
                  f"{f'{first[0]:.1f} ({first[1]:.2f})' if first else '-':>12} | {phase.others:6.2f} | "
                  f"{', '.join(f'{k} {v}' for k, v in phase.failures[page].items()) or 'none'}")
        if not alone:
            print(f"{'all pages':12} server CPU {phase.cpu_interaction * 1e3:.0f} ms per interaction, "
                  f"{phase.cpu_change * 1e3:.0f} ms per change"
                  + (f"; students per replica {dict(phase.replicas)}" if "-" not in phase.replicas else ""))
    print("first view s: server start -> first answered view (that view alone). CPU: the server processes' own. "
          "others: cores the rest of the machine used meanwhile.")
    for problem in [problem for _, phase, _ in rows for problem in phase.problems[:5]]:
        print("  ", problem)
    print(f"the students (this script) used {sum(phase.client_cpu for _, phase, _ in rows):.1f} s of CPU")
    return 1 if any(sum(f.values()) for _, phase, _ in rows for f in phase.failures.values()) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of changes after the last arrival")
    parser.add_argument("--pages", default="linear,network,backprop,experiments")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=0, help="port of the server or HAProxy it starts (default: free)")
    parser.add_argument("--mixed", action="store_true", help="one phase, the students spread over the pages")
    parser.add_argument("--url", help="drive this running server (its agent API on) instead of starting one")
    parser.add_argument("--server-pids", default="", help="with --url: pids whose CPU time to read, comma-separated")
    parser.add_argument("--deploy-replicas", type=int, default=0, help="start deploy/run with this many replicas")
    arguments = parser.parse_args()
    pages = [p for p in arguments.pages.split(",") if p]
    if unknown := set(pages) - set(PAGES):
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")
    print(f"{arguments.students} students arrive in {ARRIVAL:.0f} s, change for {arguments.duration:.0f} s", flush=True)
    if arguments.deploy_replicas:
        rows = [("class", deployed(arguments), None)]
    elif arguments.url:
        pids = [int(pid) for pid in arguments.server_pids.split(",") if pid]
        rows = [(group[0], Phase(arguments.url.rstrip("/"), group, arguments, pids).run(), None)
                for group in ([pages] if arguments.mixed else [[p] for p in pages])]
    else:
        rows = []
        for group in [pages] if arguments.mixed else [["floor"]] + [[p] for p in pages]:
            rows.append((group[0], *fresh_phase(group, arguments)))
            print(f"  {', '.join(group)}: done", flush=True)
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
