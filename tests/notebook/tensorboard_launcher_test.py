"""Starts tbx the way TensorBoard's `%tensorboard` launcher does, with
TENSORBOARD_BINARY pointing at tbx.

TensorBoard's own notebook module cannot be installed on the build machines
(Debian does not package TensorBoard), so this test carries a stand-in
launcher written from the protocol as observed (tests/conformance API.md
section 6, "Notebook launcher"), rule for rule:

  * the line is split with shlex.split(line, comments=True, posix=True) and
    run as [$TENSORBOARD_BINARY] + args with stdout and stderr sent to
    temporary files, in the launcher's process group (no new session);
  * the cache key is base64 of json.dumps({"arguments", "configure_kwargs":
    {}, "working_directory": os.getcwd()}, sort_keys, separators (",", ":"));
  * instance files are <tempdir>/.tensorboard-info/*.info (the launcher
    creates the folder, mode 0777, when missing); a file counts only
    when it is a JSON object with every field of the exact type (isinstance),
    unknown keys ignored, anything else skipped;
  * an existing file with the same cache key (lowest port first, liveness not
    checked) means "reused"; otherwise every 0.5 s for 60 s: the child exited
    -> "failed" with its exit code and output; a file with the cache key ->
    "launched" (its pid is not compared with the child's);
  * the iframe's URL is new URL("/", page) with the port replaced, so tbx
    must serve its index at "/".

What this does not prove: that TensorBoard's current release still follows
these rules (that needs TensorBoard installed; see the README).

Run by ctest (notebook.tensorboard_launcher) with TBX_BINARY and
TBX_LOGDIR_TOOL; standard library only.
"""

import base64
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.request

FIELDS = {"version": str, "start_time": int, "pid": int, "port": int,
          "path_prefix": str, "logdir": str, "db": str, "cache_key": str}


def cache_key(arguments):
    datum = {"working_directory": os.getcwd(), "arguments": arguments,
             "configure_kwargs": {}}
    return base64.b64encode(json.dumps(
        datum, sort_keys=True, separators=(",", ":")).encode()).decode()


def instances():
    directory = os.path.join(tempfile.gettempdir(), ".tensorboard-info")
    if not os.path.isdir(directory):  # the launcher creates it too
        os.makedirs(directory)
        os.chmod(directory, 0o777)
    found = []
    for name in os.listdir(directory):
        try:
            with open(os.path.join(directory, name)) as f:
                value = json.loads(f.read())
        except (OSError, ValueError):
            continue
        if isinstance(value, dict) and all(
                isinstance(value.get(k), t) for k, t in FIELDS.items()):
            found.append(value)
    return found


def matching(key):
    candidates = sorted((i for i in instances() if i["cache_key"] == key),
                        key=lambda i: i["port"])
    return candidates[0] if candidates else None


def launch(line, timeout=60.0):
    """("reused"|"launched", info) or ("failed", (code, stdout, stderr))."""
    arguments = shlex.split(line, comments=True, posix=True)
    key = cache_key(arguments)
    found = matching(key)
    if found is not None:
        return "reused", found
    out_fd, out_path = tempfile.mkstemp(prefix=".tensorboard-stdout-")
    err_fd, err_path = tempfile.mkstemp(prefix=".tensorboard-stderr-")
    try:
        child = subprocess.Popen(
            [os.environ["TENSORBOARD_BINARY"]] + arguments,
            stdout=out_fd, stderr=err_fd)
    finally:
        os.close(out_fd)
        os.close(err_fd)
    end = time.time() + timeout
    while time.time() < end:
        time.sleep(0.5)
        code = child.poll()
        if code is not None:
            with open(out_path) as o, open(err_path) as e:
                return "failed", (code, o.read(), e.read())
        found = matching(key)
        if found is not None:
            return "launched", found
    return "timed out", child.pid


class TensorBoardLauncherTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tbx-tb-launcher-")
        self.logdir = os.path.join(self.tmp, "logs dir")
        subprocess.check_call([os.environ["TBX_LOGDIR_TOOL"], "fixture",
                               self.logdir])
        self.saved = dict(os.environ)
        os.environ["TMPDIR"] = self.tmp
        os.environ["TENSORBOARD_BINARY"] = os.environ["TBX_BINARY"]
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again
        self.cwd = os.getcwd()
        os.chdir(self.tmp)

    def tearDown(self):
        for info in instances():
            try:
                os.kill(info["pid"], signal.SIGTERM)
            except OSError:
                pass
        os.chdir(self.cwd)
        os.environ.clear()
        os.environ.update(self.saved)
        tempfile.tempdir = None
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_launch_reuse_display_and_stop(self):
        line = "--logdir '%s' --port 0  # the notebook's comment" % self.logdir
        outcome, info = launch(line)
        self.assertEqual(outcome, "launched", info)
        self.assertEqual(info["logdir"], self.logdir)
        outcome, again = launch(line)
        self.assertEqual(outcome, "reused")
        self.assertEqual(again["pid"], info["pid"])
        # The iframe: "/" on the page's host with the port replaced.
        with urllib.request.urlopen("http://localhost:%d/" % info["port"],
                                    timeout=10) as response:
            self.assertIn(b"<html", response.read().lower())
        with urllib.request.urlopen(
                "http://localhost:%d/data/logdir" % info["port"]) as response:
            self.assertEqual(json.load(response), {"logdir": self.logdir})
        # A kernel interrupt reaches the server (same process group as the
        # launcher), which stops and removes its file as TensorBoard does.
        os.kill(info["pid"], signal.SIGINT)
        deadline = time.time() + 20
        while instances() and time.time() < deadline:
            time.sleep(0.1)
        self.assertEqual(instances(), [])

    def test_failed_start_is_reported_with_tbx_output(self):
        outcome, (code, stdout, stderr) = launch("--logdir x --no_such_flag")
        self.assertEqual(outcome, "failed")
        self.assertNotEqual(code, 0)
        self.assertEqual(stdout, "")
        self.assertIn("--no_such_flag", stderr)
        self.assertEqual(stderr.count("\n"), 1, stderr)


if __name__ == "__main__":
    unittest.main()
