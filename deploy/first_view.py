"""A replica's first views, opened before it serves anyone.

A fresh Streamlit process imports the app (pandas, Altair, numba and the compiled loop: about a second) and builds
the first chart shapes on its first views, so the first student after a deploy would wait for all of it. Opening
each page once, as a browser does (a WebSocket to /_stcore/stream, Streamlit's own protobuf messages: a request to
run the page, then its answers until the run has finished), moves that wait to the deploy.
"""

import sys
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

PAGES = ("", "linear", "network", "backprop", "experiments")  # "" is the start page


def open_pages(port: int, pages=PAGES, timeout: float = 60.0) -> float:
    """Open each of `pages` once on the replica at 127.0.0.1:`port`, one after the other; the seconds it took.

    Raises TimeoutError when a page has not finished within `timeout` seconds, RuntimeError when it did not run.
    """
    started = time.monotonic()
    for page in pages:
        _open(port, page, started + timeout)
    return time.monotonic() - started


def _open(port: int, page: str, deadline: float) -> None:
    request = BackMsg()
    request.rerun_script.page_name = page
    request.rerun_script.query_string = ""
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                 open_timeout=max(0.1, deadline - time.monotonic())) as socket:
        socket.send(request.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if answer.WhichOneof("type") != "script_finished":
                continue
            if answer.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the page reran itself: wait on
                continue
            if answer.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"page {page or 'start'!r} did not run ({answer.script_finished})")
            return


if __name__ == "__main__":  # python -m deploy.first_view PORT
    print(f"first views of every page: {open_pages(int(sys.argv[1])):.2f} s")
