"""tbx in Jupyter and IPython: the ``%tbx`` line magic and ``display()``.

Usage in a notebook::

    %load_ext tbx_notebook
    %tbx --logdir runs            # starts tbx, or reuses one started alike
    %tbx --list                   # the tbx servers of this user
    %tbx --stop 6006              # stops the one on port 6006
    tbx_notebook.display(6006, height=600)

tbx is found as ``$TBX_BINARY``, else ``tbx`` on ``PATH``. A running server
is found through the instance files that tbx (like TensorBoard) writes to
``<tempdir>/.tensorboard-info/pid-<pid>.info``; one is reused when it was
started with the same arguments from the same working directory, its process
is alive and its port answers. Files of other users are ignored.

The dashboards are shown in an iframe whose URL is built in the browser: the
notebook page's host with tbx's port, or ``$TBX_PROXY_URL`` /
``$TENSORBOARD_PROXY_URL`` (``%PORT%`` replaced by the port, resolved against
the notebook page's URL) for jupyter-server-proxy and JupyterHub. When tbx
needs a token (``--token``, ``--token_file`` or ``$TBX_TOKEN``), the iframe's
URL carries it as ``?token=``: tbx then sets its cookie and redirects the
iframe to the URL without it. The token is then part of the cell's output (in
the saved notebook too), as Jupyter's own login URLs are.

Standard library and IPython only. Everything here runs on the kernel's main
thread.
"""

import base64
import html
import json
import os
import random
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

__all__ = ["display", "list_instances", "start", "stop",
           "load_ipython_extension"]
__version__ = "0.1.0"

# How long %tbx waits for a new server to listen.
START_TIMEOUT_SECONDS = 60.0
DEFAULT_HEIGHT = 800

_INFO_FIELDS = {
    "version": str,
    "start_time": int,
    "pid": int,
    "port": int,
    "path_prefix": str,
    "logdir": str,
    "db": str,
    "cache_key": str,
}


def _info_dir():
    return os.path.join(tempfile.gettempdir(), ".tensorboard-info")


def _cache_key(arguments):
    """The key under which a server started with `arguments` here is found."""
    text = json.dumps(
        {
            "arguments": list(arguments),
            "configure_kwargs": {},
            "working_directory": os.getcwd(),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def _parse_info(text):
    """An instance file's fields, or None when it is not one."""
    try:
        info = json.loads(text)
    except ValueError:
        return None
    if not isinstance(info, dict):
        return None
    for key, kind in _INFO_FIELDS.items():
        value = info.get(key)
        # bool is an int to Python; TensorBoard's files never hold one.
        if type(value) is not kind:
            return None
    return info


def _read_info(path):
    """The instance file at `path` if this user owns it, else None."""
    try:
        if os.stat(path).st_uid != os.getuid():
            return None
        with open(path, encoding="utf-8") as handle:
            return _parse_info(handle.read())
    except OSError:
        return None


def _all_infos():
    try:
        names = sorted(os.listdir(_info_dir()))
    except OSError:
        return []
    infos = []
    for name in names:
        if name.startswith("pid-") and name.endswith(".info"):
            info = _read_info(os.path.join(_info_dir(), name))
            if info is not None:
                infos.append(info)
    return infos


def _process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # another user's process: not ours to reuse
    return True


def _port_answers(port, path_prefix, timeout=2.0):
    """Whether an HTTP server answers on localhost:`port` (any status)."""
    request = ("GET %s/data/logdir HTTP/1.0\r\nHost: localhost:%d\r\n\r\n"
               % (path_prefix, port)).encode("ascii")
    for host in ("127.0.0.1", "::1"):
        try:
            with socket.create_connection((host, port), timeout=timeout) as s:
                s.sendall(request)
                return s.recv(5) == b"HTTP/"
        except OSError:
            continue
    return False


def _live(info):
    return _process_alive(info["pid"]) and _port_answers(
        info["port"], info["path_prefix"])


def list_instances():
    """The live tbx (or TensorBoard) servers of this user, by port."""
    return sorted((i for i in _all_infos() if _live(i)),
                  key=lambda i: i["port"])


def _find_reusable(cache_key):
    for info in sorted(_all_infos(), key=lambda i: i["port"]):
        if info["cache_key"] == cache_key and _live(info):
            return info
    return None


def _binary():
    binary = os.environ.get("TBX_BINARY") or shutil.which("tbx")
    if not binary:
        raise RuntimeError(
            "tbx was not found: put it on PATH or set TBX_BINARY")
    return binary


class StartError(RuntimeError):
    """tbx did not start; the message holds its exit code and output."""


def start(arguments, timeout=START_TIMEOUT_SECONDS):
    """Starts tbx with `arguments`, or reuses a live one started alike.

    Returns (info, reused): the instance file's fields and whether the server
    was already running. Raises StartError when tbx exits or does not listen
    within `timeout` seconds.
    """
    arguments = list(arguments)
    key = _cache_key(arguments)
    existing = _find_reusable(key)
    if existing is not None:
        return existing, True
    output = tempfile.TemporaryFile()
    # A session of its own: a kernel interrupt (SIGINT to the kernel's
    # process group) must not stop the server.
    child = subprocess.Popen(
        [_binary()] + arguments,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    info_path = os.path.join(_info_dir(), "pid-%d.info" % child.pid)
    deadline = time.monotonic() + timeout
    while True:
        code = child.poll()
        if code is not None:
            output.seek(0)
            text = output.read().decode("utf-8", "replace").strip()
            raise StartError("tbx exited with code %d: %s" % (code, text))
        info = _read_info(info_path)
        if info is not None and info["cache_key"] == key:
            return info, False
        if time.monotonic() > deadline:
            child.terminate()
            raise StartError("tbx did not start within %g seconds" % timeout)
        time.sleep(0.1)


def stop(port, timeout=10.0):
    """Stops this user's server on `port`; returns False when there is none."""
    for info in _all_infos():
        if info["port"] != port or not _process_alive(info["pid"]):
            continue
        os.kill(info["pid"], signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _process_alive(info["pid"]) and time.monotonic() < deadline:
            try:  # our own child: collect it
                os.waitpid(info["pid"], os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.05)
        return True
    return False


# The token of each server this kernel started or reused, by port, so that
# display(port) can pass it on.
_tokens = {}


def _token_for(arguments):
    """The token tbx started with `arguments` requires, or None.

    The same rules as tbx: --token, else the first line of --token_file, else
    $TBX_TOKEN (which the server inherits from the kernel).
    """
    token = token_file = None
    i = 0
    while i < len(arguments):
        argument = arguments[i]
        for flag in ("--token", "--token_file"):
            value = None
            if argument == flag and i + 1 < len(arguments):
                value = arguments[i + 1]
                i += 1
            elif argument.startswith(flag + "="):
                value = argument[len(flag) + 1:]
            if value is not None:
                if flag == "--token":
                    token = value
                else:
                    token_file = value
                break
        i += 1
    if token:
        return token
    if token_file:
        try:
            with open(token_file, encoding="utf-8") as f:
                return f.readline().strip() or None
        except OSError:
            return None
    return (os.environ.get("TBX_TOKEN") or "").strip() or None


def _proxy_url():
    return (os.environ.get("TBX_PROXY_URL")
            or os.environ.get("TENSORBOARD_PROXY_URL"))


def _frame_html(port, height, path_prefix="", token=None):
    """An iframe whose URL the notebook page computes from its own location."""
    frame_id = "tensorboard-frame-%016x" % random.getrandbits(64)
    proxy = _proxy_url()
    proxy_url = proxy.replace("%PORT%", str(port)) if proxy else None
    return """\
<iframe id="%(id)s" width="100%%" height="%(height)d" frameborder="0"
        title="tbx on port %(port)d"></iframe>
<script>
(function () {
  const frame = document.getElementById(%(id_js)s);
  const proxyUrl = %(proxy_js)s;
  let url;
  if (proxyUrl !== null) {
    url = new URL(proxyUrl, window.location);
  } else {
    url = new URL(%(path_js)s, window.location);
    url.port = %(port)d;
  }
  const token = %(token_js)s;
  if (token !== null) url.searchParams.set('token', token);
  frame.src = url.href;
})();
</script>""" % {
        "id": html.escape(frame_id),
        "id_js": json.dumps(frame_id),
        "height": int(height),
        "port": int(port),
        "proxy_js": json.dumps(proxy_url),
        "path_js": json.dumps(path_prefix + "/"),
        "token_js": json.dumps(token).replace("<", "\\u003c"),
    }


def _in_notebook():
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def display(port=None, height=None, token=None):
    """Shows the tbx on `port` (default: the newest of this user's) inline.

    `token`: the server's token, when it has one that this kernel did not
    start it with (otherwise the one it was started with is used).
    """
    infos = list_instances()
    if port is None:
        if not infos:
            print("No tbx is running; start one with %tbx --logdir DIR")
            return
        port = max(infos, key=lambda i: i["start_time"])["port"]
    prefix = next((i["path_prefix"] for i in infos if i["port"] == port), "")
    _show(port, DEFAULT_HEIGHT if height is None else height, prefix,
          token if token is not None else _tokens.get(port))


def _show(port, height, prefix, token=None):
    if not _in_notebook():
        print("tbx is at http://localhost:%d%s/" % (port, prefix))
        return
    from IPython.display import HTML, display as ipython_display
    ipython_display(HTML(_frame_html(port, height, prefix, token)))


def _describe(info):
    age = max(0, int(time.time()) - info["start_time"])
    return "port %d: --logdir %s (pid %d, started %d min ago)" % (
        info["port"], info["logdir"], info["pid"], age // 60)


def _tbx_magic(line):
    """%tbx --logdir DIR [tbx flags] | %tbx --list | %tbx --stop PORT"""
    arguments = shlex.split(line, comments=True, posix=True)
    if arguments == ["--list"]:
        infos = list_instances()
        if not infos:
            print("No tbx is running.")
        for info in infos:
            print(_describe(info))
        return
    if len(arguments) == 2 and arguments[0] == "--stop":
        try:
            port = int(arguments[1])
        except ValueError:
            print("usage: %tbx --stop PORT", file=sys.stderr)
            return
        if stop(port):
            print("Stopped tbx on port %d." % port)
        else:
            print("No tbx of yours is running on port %d." % port,
                  file=sys.stderr)
        return
    if not arguments:
        print(_tbx_magic.__doc__, file=sys.stderr)
        return
    try:
        info, reused = start(arguments)
    except (StartError, RuntimeError, OSError) as error:
        print("tbx did not start: %s" % error, file=sys.stderr)
        return
    if reused:
        print("Reusing tbx on port %d (pid %d); %%tbx --stop %d stops it."
              % (info["port"], info["pid"], info["port"]))
    token = _token_for(arguments)
    if token is not None:
        _tokens[info["port"]] = token
    _show(info["port"], DEFAULT_HEIGHT, info["path_prefix"], token)


def load_ipython_extension(ipython):
    """Called by %load_ext tbx_notebook: registers %tbx."""
    ipython.register_magic_function(_tbx_magic, magic_kind="line",
                                    magic_name="tbx")
