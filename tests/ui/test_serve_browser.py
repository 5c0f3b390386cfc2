"""`evaluator serve`: the app in a real browser (headless Chromium), and the address it listens on.

The browser tests start `evaluator serve` in a subprocess on the test's data folder, open the
page in Debian's Chromium, and drive it over the Chrome DevTools protocol. They read what the
page's own websocket receives: the app's screen, drawn by the app process that textual-serve
started. Chromium resolves no host name but 127.0.0.1, so nothing leaves the machine.

Chromium is required, never skipped: `.ci/run` installs it when it is missing.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from evaluator import paths, serve
from evaluator.__main__ import main
from evaluator.screens.home import HomeScreen

STARTUP = 20.0
"""Seconds allowed for the server or the browser to come up; every wait below is bounded."""
ANSWER = 20.0
"""Seconds allowed for the app to draw its screen in the browser, or to answer a key."""

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The page asks for a web font: fail it at once instead of reaching the internet.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1100,700",
]
ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def chromium() -> str:
    """Debian's Chromium. In CI (CI set, as .ci/run installs it) its absence fails the test; on a
    developer's machine without it the test is skipped, so `make test` works with only python3."""
    found = shutil.which("chromium")
    if found is None:
        message = (
            "Chromium is missing: install it with `apt-get update && apt-get install -y chromium` "
            "(.ci/run does this when it is missing)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen[Any]) -> None:
    """Ask a process started in its own session to end, then kill whatever is left of that session."""
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def screen_text(output: bytes) -> str:
    """What the app drew, without the terminal's escape codes."""
    return ESCAPES.sub("", output.decode("utf-8", "replace"))


@pytest.fixture
def served(examples: None, tmp_path: Path) -> Iterator[str]:
    """`evaluator serve` on a free port, on the test's data folder (the examples); yields the URL it printed."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "evaluator", "--data-dir", str(paths.data_dir()), "serve", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP
        while not (announced := re.search(r"served at (\S+)", log.read_text())):
            assert process.poll() is None, f"evaluator serve exited with {process.returncode}:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"evaluator serve printed no address:\n{log.read_text()}"
            time.sleep(0.05)
        yield announced.group(1)
    finally:
        stop(process)


class Page:
    """One Chromium tab, driven over the DevTools protocol; it records every event it is sent."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.events: list[dict[str, Any]] = []
        self.replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.numbers = itertools.count(1)
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data:
                self.replies.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.numbers)
        reply = self.replies[number] = asyncio.get_running_loop().create_future()
        await self.socket.send_json({"id": number, "method": method, "params": params})
        answer = await asyncio.wait_for(reply, ANSWER)
        assert "error" not in answer, f"{method}: {answer['error']}"
        return answer["result"]

    async def evaluate(self, expression: str) -> Any:
        return (await self.call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")

    def frames(self, kind: str, since: int = 0) -> list[dict[str, Any]]:
        """The page's websocket frames sent or received (`kind`), from event number `since` on."""
        method = f"Network.webSocketFrame{kind}"
        return [event["params"]["response"] for event in self.events[since:] if event["method"] == method]

    def app_output(self, since: int = 0) -> list[bytes]:
        """What the app process wrote to the page (its binary frames), from event number `since` on."""
        return [base64.b64decode(f["payloadData"]) for f in self.frames("Received", since) if f["opcode"] == 2]

    async def wait_for_output(self, text: str = "", since: int = 0) -> str:
        """The screen text the app sent since event number `since`, once there is some and it holds `text`."""
        deadline = time.monotonic() + ANSWER
        while True:
            output = self.app_output(since)
            shown = screen_text(b"".join(output))
            if output and text in shown:
                return shown
            sent = [f["payloadData"] for f in self.frames("Sent", since)]
            assert time.monotonic() < deadline, (
                f"the app never showed {text!r}; the page sent {sent}; it showed:\n{shown}"
            )
            await asyncio.sleep(0.05)

    async def press(self, key: str, key_code: int) -> None:
        """Press and release a key in the page, as a user's keyboard would."""
        await self.call("Input.dispatchKeyEvent", type="rawKeyDown", key=key, code=key, windowsVirtualKeyCode=key_code)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key, windowsVirtualKeyCode=key_code)


@contextlib.asynccontextmanager
async def headless_chromium(profile: Path) -> AsyncIterator[Page]:
    """Chromium on a blank tab, with the Network events of that tab switched on."""
    profile.mkdir()
    log = profile.parent / "chromium.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        active = profile / "DevToolsActivePort"  # Chromium writes its debugging port here
        deadline = time.monotonic() + STARTUP
        while not (active.exists() and active.read_text().strip()):
            assert process.poll() is None, f"chromium exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"chromium opened no debugging port:\n{log.read_text()[-3000:]}"
            await asyncio.sleep(0.05)
        devtools = f"http://127.0.0.1:{active.read_text().split()[0]}"
        timeout = aiohttp.ClientTimeout(total=STARTUP)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            while True:
                async with http.get(f"{devtools}/json/list") as response:
                    tabs = [t for t in await response.json() if t["type"] == "page"]
                if tabs:
                    break
                assert time.monotonic() < deadline, "chromium opened no tab"
                await asyncio.sleep(0.05)
            async with http.ws_connect(tabs[0]["webSocketDebuggerUrl"], max_msg_size=0) as connection:
                page = Page(connection)
                await page.call("Network.enable")
                await page.call("Page.enable")
                try:
                    yield page
                finally:
                    page.reader.cancel()
    finally:
        stop(process)


async def test_the_app_answers_in_headless_chromium(served: str, tmp_path: Path) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", served), "by default it serves on this machine only"
    async with asyncio.timeout(90), headless_chromium(tmp_path / "chromium") as page:
        await page.call("Page.navigate", url=served)

        # The page's websocket brings the home screen, drawn by the app on the test's data folder.
        shown = await page.wait_for_output("Vallée Verte Wines")
        assert "Pulseband" in shown
        assert "Lumen & Bell PR" in shown
        assert "Profile: balanced" in shown
        assert "-first-byte" in await page.evaluate("document.body.className"), "the page revealed the terminal"

        # A key pressed in the page reaches the app, and the app's answer comes back: F1 opens
        # its help on the home screen's own text, above a table of keys and what they do.
        focus = "document.querySelector('.xterm-helper-textarea').focus(); document.activeElement.className"
        assert "xterm-helper-textarea" in await page.evaluate(focus), "the terminal takes the keys"
        before = len(page.events)
        await page.press("F1", 112)
        about = next(line for line in HomeScreen.HELP.splitlines() if line and not line.startswith("#"))
        shown = await page.wait_for_output(" ".join(about.split()[:4]), since=before)
        assert "Does" in shown
        sent = [json.loads(f["payloadData"]) for f in page.frames("Sent", before)]
        assert [m[1] for m in sent if m[0] == "stdin"] == ["\x1bOP"], "F1, as a terminal sends it"


async def test_pages_from_other_sites_cannot_open_the_app(served: str) -> None:
    websocket = served.replace("http://", "ws://") + "/ws"
    async with asyncio.timeout(30), aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(websocket, origin="http://evil.example")
        assert refused.value.status == 403
        async with http.ws_connect(websocket, origin=served) as own_page:
            await own_page.send_json(["resize", {"width": 80, "height": 24}])
            deadline = time.monotonic() + ANSWER
            drawn = b""
            while b"Pulseband" not in drawn:
                assert time.monotonic() < deadline, f"the app did not answer its own page: {screen_text(drawn)}"
                message = await own_page.receive(timeout=ANSWER)
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += message.data


# Without a browser: what `evaluator serve` would listen on, and what it runs.


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[serve.EvaluatorServer]:
    """Servers that `evaluator serve` built, kept instead of started."""
    servers: list[serve.EvaluatorServer] = []
    monkeypatch.setattr(serve.EvaluatorServer, "serve", lambda self, debug=False: servers.append(self))
    return servers


def test_serve_listens_on_loopback_by_default(recorded: list[serve.EvaluatorServer]) -> None:
    assert (serve.server(paths.data_dir()).host, serve.server(paths.data_dir()).port) == ("127.0.0.1", 8000)
    port = free_port()
    assert main(["serve", "--port", str(port)]) == 0
    (server,) = recorded
    assert (server.host, server.port) == ("127.0.0.1", port)
    assert server.public_url == f"http://127.0.0.1:{port}"
    assert server.command == shlex.join([sys.executable, "-m", "evaluator", "--data-dir", str(paths.data_dir())])


def test_serve_uses_the_host_and_data_folder_given(recorded: list[serve.EvaluatorServer], tmp_path: Path) -> None:
    port = free_port()
    elsewhere = tmp_path / "my data"
    assert main(["--data-dir", str(elsewhere), "serve", "--host", "0.0.0.0", "--port", str(port)]) == 0
    (server,) = recorded
    assert (server.host, server.port) == ("0.0.0.0", port)
    assert server.public_url == f"http://127.0.0.1:{port}", "a browser on this machine can open it"
    assert shlex.split(server.command)[-2:] == ["--data-dir", str(elsewhere.resolve())]


def test_serve_passes_the_public_url_to_the_page(recorded: list[serve.EvaluatorServer]) -> None:
    assert main(["serve", "--port", str(free_port()), "--public-url", "https://jobs.example.org/"]) == 0
    assert recorded[0].public_url == "https://jobs.example.org"
    assert "https://jobs.example.org" in recorded[0].allowed_origins()


def test_a_taken_port_is_refused_before_announcing(
    recorded: list[serve.EvaluatorServer], capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert f"cannot serve on 127.0.0.1 port {port}" in err
    assert out == ""
    assert recorded == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--port", "70000"], "port 70000 is not between 1 and 65535"),
        (["--port", "0"], "port 0 is not between 1 and 65535"),
        (["--public-url", "jobs.example.org"], "must start with http:// or https://"),
    ],
)
def test_serve_refuses_bad_addresses(
    recorded: list[serve.EvaluatorServer], capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(["serve", *arguments]) == 2
    assert message in capsys.readouterr().err
    assert recorded == []
