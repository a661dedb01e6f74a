"""A classroom at once: N browser sessions on one server, each with its own share link and settings.

    python bench/load_test.py [--sessions 20] [--changes 4] [--browser-nice 19]

Starts `streamlit run app.py` on a free loopback port and one headless Chromium with N contexts (each a
separate session: its own cookies and websocket). Every session opens the linear page from its own link
(its own learning rate and epochs), checks the prediction shown is the one engine.train gives for ITS
settings (no cross-talk), then types a new learning rate `--changes` times. Each change is timed twice:
- from the browser sending the new value until the server's message that the rerun finished (every
  chart's new data sent), both as the browser's network layer saw them, and
- until the page is updated: the new prediction shown, and no element still marked stale by the rerun
  (every chart has its new data).
Prints the median and 95th percentile of both, and the server's CPU per page view or change. On one
machine the browsers share the server's cores and take most of them: the first time is the server's,
the second adds the browsers' own work. `--browser-nice 19` starts the browsers (and this script) at the
lowest CPU priority, so the server is served first, as it would be with each student on their own
machine. A session that fails reports why (failed requests, console errors). Bounded: a fixed number of
sessions and changes, each wait capped, the whole run capped at --deadline seconds.
"""

import argparse
import asyncio
import base64
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

import engine  # noqa: E402
from tests.e2e.live import CHROMIUM_ARGS, chromium_path, running_app  # noqa: E402

DATA = engine.make_dataset("line", 4)


def expected(lr: float, epochs: int) -> str:
    """The prediction text the linear page shows for these settings (x = 7, the seed's data)."""
    return f"Prediction at x = 7: {engine.train(engine.Linear(), DATA, lr, epochs).predict(7):.4f}"


UPDATED = """() => !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')"""


async def websocket_log(context, page) -> dict[str, list[float]]:
    """Lists that fill with the browser's network timestamps of the page's websocket traffic: "sent" for each
    request to rerun (a widget's new value), "finished" for each 'script finished' message from the server.
    Taken where the frames pass through the browser's network layer, so a busy page (rendering charts) does
    not delay them."""
    log = {"sent": [], "finished": []}
    cdp = await context.new_cdp_session(page)

    def received(event) -> None:
        response = event["response"]
        if response.get("opcode") == 2:  # binary: a ForwardMsg
            message = ForwardMsg.FromString(base64.b64decode(response["payloadData"]))
            if message.HasField("script_finished"):
                log["finished"].append(event["timestamp"])

    def sent(event) -> None:
        request = event["response"]
        if request.get("opcode") == 2 and BackMsg.FromString(base64.b64decode(request["payloadData"])).HasField(
                "rerun_script"):
            log["sent"].append(event["timestamp"])

    cdp.on("Network.webSocketFrameSent", sent)
    cdp.on("Network.webSocketFrameReceived", received)
    await cdp.send("Network.enable")
    return log


async def session(browser, base: str, index: int, changes: int, timings: dict, problems: list):
    lr, epochs = round(0.001 + 0.0005 * index, 6), 50 + 5 * index
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    websocket = await websocket_log(context, page)
    trouble = []  # what the browser saw go wrong, reported if the session fails
    page.on("requestfailed", lambda request: trouble.append(f"request failed: {request.url} {request.failure}"))
    page.on("response", lambda response: trouble.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 and "/linear/_stcore/" not in response.url else None)  # (probes its base path)
    try:
        await page.goto(f"{base}/linear?lr={lr}&epochs={epochs}", timeout=60_000)
        await page.get_by_text(expected(lr, epochs)).wait_for(timeout=60_000)
        await page.wait_for_function(UPDATED, timeout=60_000)
        for change in range(changes):
            lr = round(lr + 0.0001 * (change + 1), 6)
            field = page.get_by_label("Learning rate", exact=True)
            await field.fill(str(lr), timeout=120_000)  # a starved browser can take a minute to load widget code
            start, sent_before = time.perf_counter(), len(websocket["sent"])
            await field.press("Enter")
            await page.get_by_text(expected(lr, epochs)).wait_for(timeout=60_000)
            await page.wait_for_function(UPDATED, timeout=60_000)
            timings["page"].append(time.perf_counter() - start)
            request = websocket["sent"][sent_before:][:1]  # the rerun the new value asked for
            answers = [moment for moment in websocket["finished"] if request and moment > request[0]]
            if answers:
                timings["server"].append(answers[0] - request[0])
        # still its own settings after everyone else's changes
        if await page.get_by_label("Epochs", exact=True).input_value() != str(epochs):
            problems.append(f"session {index}: epochs changed under it")
    except Exception as problem:  # noqa: BLE001 - report every session's failure, keep the others going
        problems.append(f"session {index}: {type(problem).__name__}: {str(problem).splitlines()[0]}"
                        + "".join(f"\n      {line}" for line in trouble[:5]))
    finally:
        await context.close()


def server_cpu_seconds(port: str) -> float:
    """CPU time (user + system) used so far by the streamlit process serving `port`, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"streamlit" in stat.read_bytes() and port.encode() in stat.read_bytes():
                fields = (stat.parent / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            continue
    return float("nan")


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered) * 1e3:.0f} ms, 95th percentile {p95 * 1e3:.0f} ms"


async def main(sessions: int, changes: int, deadline: float, browser_nice: int) -> int:
    timings, problems = {"server": [], "page": []}, []
    with running_app() as base:
        port = base.rsplit(":", 1)[1]
        os.nice(browser_nice)  # after the server started: only this script and the browsers it starts
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                                       args=CHROMIUM_ARGS)
            started, cpu_before = time.perf_counter(), server_cpu_seconds(port)
            await asyncio.wait_for(
                asyncio.gather(*(session(browser, base, i, changes, timings, problems) for i in range(sessions))),
                timeout=deadline,
            )
            wall, server_cpu = time.perf_counter() - started, server_cpu_seconds(port) - cpu_before
            await browser.close()
    print(f"{sessions} concurrent sessions x {changes} learning-rate changes on one server ({wall:.1f} s wall; "
          f"browsers at nice {browser_nice})")
    if timings["server"]:
        print(f"new value sent -> server's rerun finished:  {percentiles(timings['server'])}, "
              f"over {len(timings['server'])} changes")
    if timings["page"]:
        print(f"key press -> page updated in the browser:   {percentiles(timings['page'])}, "
              f"over {len(timings['page'])} changes")
    views = len(timings["page"]) + sessions
    print(f"server CPU: {server_cpu:.1f} s over the run = {server_cpu / max(1, views) * 1e3:.0f} ms per page view or "
          f"change; the {sessions} browsers share the same {os.cpu_count()} cores and take the rest")
    print(f"sessions with wrong or missing numbers: {len(problems)}")
    for problem in problems:
        print("  ", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=4)
    parser.add_argument("--deadline", type=float, default=600.0)
    parser.add_argument("--browser-nice", type=int, default=0, choices=range(20),
                        help="CPU priority of the browsers below the server's (0 = the same, 19 = lowest)")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.sessions, arguments.changes, arguments.deadline, arguments.browser_nice)))
