"""The HAProxy deployment (deploy/): two replicas behind the proxy, started through deploy's Python API.

Shows that the app answers through the proxy over HTTP and WebSocket, that new sessions spread over both
replicas and every request of a session (page, assets, its WebSocket and so every rerun) reaches the replica
holding it, and that with one replica stopped new sessions go to the other and a reopened link restores its
view from the URL. Which replica served what is read from HAProxy's own log (one line per request, with the
server that answered and the browser's User-Agent, which each context sets to its own marker) and from its
runtime API. The command itself (`deploy/run`, `--status`, `--stop`) is checked to leave no process behind.
Without haproxy or a browser the tests skip with the reason, unless E2E_REQUIRED=1 (set by .ci/run after it
installs both): then they fail (the browser comes from tests/e2e/conftest.py). Bounded: every wait is capped;
processes are always stopped.
"""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import engine
from deploy import cluster, proxy
from tests.e2e.conftest import _unavailable
from tests.e2e.live import free_port

RUN = [sys.executable, str(Path(cluster.ROOT, "deploy", "run"))]
# a request in HAProxy's log: "... playground replicas/r1 ... {<User-Agent>} "GET /path HTTP/1.1""
LINE = re.compile(r" playground \S+/(?P<server>\S+) .* \{(?P<agent>[^}]*)\} \"\S+ (?P<path>\S+)")


def two_replicas(run_dir):
    """Two replicas behind HAProxy on a free loopback port (a context manager: everything stops on exit)."""
    if not proxy.haproxy_binary():
        _unavailable("haproxy is not installed (Debian: apt-get install haproxy)")
    return cluster.Deployment(replicas=2, port=free_port(), address="127.0.0.1", run_dir=run_dir)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    with two_replicas(tmp_path_factory.mktemp("deploy")) as running:
        yield running


@pytest.fixture
def own_deployment(tmp_path):
    """A deployment of its own, for a test that stops replicas."""
    with two_replicas(tmp_path) as running:
        yield running


def prediction(lr: float) -> str:
    """The linear page's prediction line for learning rate `lr` and the page's other defaults."""
    value = engine.train(engine.Linear(), engine.make_dataset("line", 4), lr, 100).predict(7)
    return f"Prediction at x = 7: {value:.4f}"


def open_session(browser, base: str, marker: str, lr: float, cookie: str | None = None):
    """A new browser context (a session of its own, User-Agent `marker`) on /linear?lr=`lr`, its prediction
    checked. cookie: a stickiness cookie the context already holds (a user who was on that replica)."""
    context = browser.new_context(user_agent=f"{marker} Mozilla/5.0 (X11; Linux x86_64) Chrome/120")
    if cookie:
        context.add_cookies([{"name": proxy.COOKIE, "value": cookie, "url": base}])
    tab = context.new_page()
    tab.goto(f"{base}/linear?lr={lr}", timeout=30_000)
    tab.get_by_text(prediction(lr)).wait_for(timeout=30_000)
    return context, tab


def replica_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == proxy.COOKIE)


def log_lines(deployment, markers: list[str], timeout: float = 15.0) -> dict[str, list[dict]]:
    """HAProxy's log lines by User-Agent marker, once each marker's WebSocket (logged when it closes) is in."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [m.groupdict() for m in map(LINE.search, (deployment.run_dir / "haproxy.log").read_text().splitlines())
                 if m]
        by_marker = {marker: [line for line in lines if line["agent"].startswith(marker + " ")] for marker in markers}
        if all(any(line["path"] == "/_stcore/stream" for line in by_marker[m]) for m in markers):
            return by_marker
        if time.monotonic() > deadline:
            raise AssertionError(f"no WebSocket in HAProxy's log for some of {markers} after {timeout:.0f} s")
        time.sleep(0.25)


def test_app_answers_over_http_through_the_proxy(deployment):
    with urllib.request.urlopen(f"{deployment.url}/_stcore/health", timeout=10) as health:
        assert health.read() == b"ok"
        assert any(c.startswith(f"{proxy.COOKIE}=r") for c in health.headers.get_all("Set-Cookie"))
    with urllib.request.urlopen(f"{deployment.url}/linear?lr=0.02", timeout=10) as page:
        assert page.status == 200 and b'<div id="root">' in page.read()
    assert {row["status"] for row in deployment.status().values()} == {"UP"}


def test_every_replica_opened_each_page_before_serving(deployment):
    # a fresh process's imports and first chart shapes are the deploy's wait, not the first student's
    for i in range(deployment.replicas):
        log = (deployment.run_dir / f"replica-{i + 1}.log").read_text()
        assert "first views of every page:" in log, log[-2000:]


@pytest.mark.parametrize("length", [20_000, 100_000])
def test_an_overlong_link_gets_a_short_page_not_a_reset(deployment, length):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{deployment.url}/linear?lr=0.02&junk={'x' * length}", timeout=10)
    assert answer.value.code == 414
    assert b"This link is too long" in answer.value.read()


def test_sessions_spread_and_each_stays_on_its_replica(deployment, browser):
    markers, replicas = [f"deploy-test-{i}" for i in range(4)], {}
    for i, marker in enumerate(markers):
        lr, new_lr = round(0.011 + 0.001 * i, 4), round(0.0115 + 0.001 * i, 4)
        context, tab = open_session(browser, deployment.url, marker, lr)
        field = tab.get_by_label("Learning rate", exact=True)  # a rerun over this session's WebSocket
        field.fill(str(new_lr))
        field.press("Enter")
        tab.get_by_text(prediction(new_lr)).wait_for(timeout=30_000)
        replicas[marker] = replica_of(context)
        context.close()  # closes its WebSocket, which HAProxy logs then
    assert set(replicas.values()) == {"r1", "r2"}, f"new sessions did not spread: {replicas}"
    for marker, lines in log_lines(deployment, markers).items():
        served_by = {line["server"] for line in lines}
        assert served_by == {replicas[marker]}, f"{marker} (cookie {replicas[marker]}) was served by {served_by}"
        assert len(lines) > 3  # the page, its assets, host-config and health probes, and the WebSocket
    assert all(int(row["stot"]) > 0 for row in deployment.status().values())


def test_a_stopped_replica_new_sessions_go_to_the_other_and_links_restore_views(own_deployment, browser):
    deployment = own_deployment
    deployment.stop_replica(1)
    deployment.wait_status("r2", "DOWN", timeout=20)
    for i in range(2):  # new sessions: all on r1
        context, _ = open_session(browser, deployment.url, f"after-stop-{i}", 0.01)
        assert replica_of(context) == "r1"
        context.close()
    # a user whose session was on r2 reopens a link: sent to r1, the view comes back from the URL
    context, tab = open_session(browser, deployment.url, "was-on-r2", 0.02, cookie="r2")
    assert tab.get_by_text(prediction(0.02)).is_visible()
    assert replica_of(context) == "r1"
    context.close()
    deployment.stop_replica(0)  # nothing left: HAProxy's own short page instead of an error from nowhere
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{deployment.url}/linear", timeout=15)
    assert answer.value.code == 503 and b"starting or restarting" in answer.value.read()


def test_the_command_starts_reports_and_stops_everything(tmp_path):
    if not proxy.haproxy_binary():
        _unavailable("haproxy is not installed (Debian: apt-get install haproxy)")
    port, where = free_port(), ["--run-dir", str(tmp_path / "run")]
    with open(tmp_path / "output", "w") as output:
        supervisor = subprocess.Popen([*RUN, "--replicas", "1", "--port", str(port), "--address", "127.0.0.1", *where],
                                      stdout=output, stderr=subprocess.STDOUT)
    try:
        cluster.wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", supervisor, time.monotonic() + 60)
        state = json.loads((tmp_path / "run" / "state.json").read_text())
        status = subprocess.run([*RUN, "--status", *where], capture_output=True, text=True, timeout=30)
        assert re.search(r"^r1 +\d+ +\d+ +UP ", status.stdout, re.MULTILINE), status.stdout
        stop = subprocess.run([*RUN, "--stop", *where], capture_output=True, text=True, timeout=60)
        assert stop.returncode == 0 and "stopped" in stop.stdout
        assert supervisor.wait(30) == 0, (tmp_path / "output").read_text()
        for pid in [state["haproxy"], *(replica["pid"] for replica in state["replicas"])]:
            assert not Path(f"/proc/{pid}").exists(), f"process {pid} outlived deploy/run --stop"
        assert cluster.running(tmp_path / "run") is None
    finally:
        cluster.stop_recorded(tmp_path / "run")  # if the test failed half-way
        if supervisor.poll() is None:
            supervisor.kill()
