"""Runs real notebooks with nbclient and Debian's ipykernel: %load_ext
tbx_notebook, %tbx starting and reusing tbx, %tbx --list and --stop, and the
instance file tbx writes for TensorBoard's launcher.

Run by ctest with /usr/bin/python3 (Debian's Jupyter lives there) and the
environment set in CMakeLists.txt: TBX_BINARY, TBX_NOTEBOOK_DIR (the folder
holding tbx_notebook), TBX_LOGDIR_TOOL. Exits 77 (skipped) when nbclient,
nbformat or ipykernel are missing.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

try:
    import nbclient
    import nbformat
    import ipykernel  # noqa: F401  (the kernel nbclient starts)
except ImportError as error:
    print("SKIP: Jupyter is not installed for %s (%s); install "
          "python3-nbclient and python3-ipykernel" % (sys.executable, error))
    sys.exit(77)

INFO_TYPES = {"version": str, "start_time": int, "pid": int, "port": int,
              "path_prefix": str, "logdir": str, "db": str, "cache_key": str}


def run_notebook(sources, workdir):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3",
        resources={"metadata": {"path": workdir}})
    client.execute()
    return notebook


def outputs_text(cell):
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("display_data", "execute_result"):
            parts.append(output.data.get("text/html", ""))
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append("\n".join(output.traceback))
    return "".join(parts)


class NotebookMagicTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tbx-notebook-test-")
        self.workdir = os.path.join(self.tmp, "work")
        self.logdir = os.path.join(self.tmp, "logs")
        os.makedirs(self.workdir)
        subprocess.check_call([os.environ["TBX_LOGDIR_TOOL"], "fixture",
                               self.logdir])
        self.info_dir = os.path.join(self.tmp, ".tensorboard-info")
        # The kernel inherits these: its tempdir (so the instance files of
        # this test are its own), tbx and the magic's package.
        self.saved_env = dict(os.environ)
        os.environ["TMPDIR"] = self.tmp
        os.environ["PYTHONPATH"] = os.environ["TBX_NOTEBOOK_DIR"]
        os.environ.pop("TBX_PROXY_URL", None)
        os.environ.pop("TENSORBOARD_PROXY_URL", None)

    def tearDown(self):
        # Stop any server a failed test left.
        for info in self.infos():
            try:
                os.kill(info["pid"], 15)
            except OSError:
                pass
        os.environ.clear()
        os.environ.update(self.saved_env)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def infos(self):
        if not os.path.isdir(self.info_dir):
            return []
        found = []
        for name in os.listdir(self.info_dir):
            with open(os.path.join(self.info_dir, name)) as handle:
                found.append(json.loads(handle.read()))
        return found

    def test_start_reuse_list_and_stop(self):
        tbx_line = "%%tbx --logdir %s --port 0" % self.logdir
        notebook = run_notebook([
            "%load_ext tbx_notebook",
            tbx_line,
            tbx_line,
            "%tbx --list",
            "import tbx_notebook, os\n"
            "print('PORT', tbx_notebook.list_instances()[0]['port'])\n"
            "print('CWD', os.getcwd())",
        ], self.workdir)
        first = notebook.cells[1]
        html = "".join(o.data.get("text/html", "") for o in first.outputs
                       if o.output_type == "display_data")
        self.assertRegex(html, r'<iframe id="tensorboard-frame-[0-9a-f]+"')
        self.assertIn('height="800"', html)
        self.assertIn("url.port = ", html)
        port = int(re.search(r"PORT (\d+)", outputs_text(
            notebook.cells[4])).group(1))
        cwd = re.search(r"CWD (.*)", outputs_text(notebook.cells[4])).group(1)
        self.assertIn("url.port = %d;" % port, html)
        self.assertIn("Reusing tbx on port %d" % port,
                      outputs_text(notebook.cells[2]))
        self.assertIn("port %d: --logdir %s" % (port, self.logdir),
                      outputs_text(notebook.cells[3]))

        # One server, answering, described by one instance file.
        infos = self.infos()
        self.assertEqual(len(infos), 1, infos)
        info = infos[0]
        for key, kind in INFO_TYPES.items():
            self.assertIs(type(info[key]), kind, key)
        self.assertEqual(info["port"], port)
        self.assertEqual(info["logdir"], self.logdir)
        self.assertEqual(info["path_prefix"], "")
        self.assertEqual(info["db"], "")
        self.assertEqual(json.loads(base64.b64decode(info["cache_key"])), {
            "arguments": ["--logdir", self.logdir, "--port", "0"],
            "configure_kwargs": {},
            "working_directory": cwd,
        })
        with open(os.path.join(self.info_dir, "pid-%d.info" % info["pid"]),
                  encoding="utf-8") as handle:
            self.assertEqual(handle.read(),
                             json.dumps(info, sort_keys=True, indent=4) + "\n")
        with urllib.request.urlopen(
                "http://127.0.0.1:%d/data/logdir" % port) as response:
            self.assertEqual(json.load(response), {"logdir": self.logdir})

        # A kernel interrupt or restart does not stop it; %tbx --stop does,
        # and the instance file goes with it.
        stopped = run_notebook(["%load_ext tbx_notebook",
                                "%%tbx --stop %d" % port], self.workdir)
        self.assertIn("Stopped tbx on port %d" % port,
                      outputs_text(stopped.cells[1]))
        self.assertEqual(self.infos(), [])
        with self.assertRaises(OSError):
            urllib.request.urlopen("http://127.0.0.1:%d/data/logdir" % port,
                                   timeout=5)

    def test_failed_start_shows_tbx_error(self):
        notebook = run_notebook([
            "%load_ext tbx_notebook",
            "%tbx --logdir x --no_such_flag",
        ], self.workdir)
        text = outputs_text(notebook.cells[1])
        self.assertIn("tbx did not start", text)
        self.assertIn("--no_such_flag", text)
        self.assertEqual(self.infos(), [])

    def test_proxy_url_is_used_when_set(self):
        os.environ["TBX_PROXY_URL"] = "/user/me/proxy/%PORT%/"
        notebook = run_notebook([
            "%load_ext tbx_notebook",
            "import tbx_notebook\ntbx_notebook.display(6123, height=300)",
        ], self.workdir)
        html = "".join(o.data.get("text/html", "")
                       for o in notebook.cells[1].outputs
                       if o.output_type == "display_data")
        self.assertIn('"/user/me/proxy/6123/"', html)
        self.assertIn('height="300"', html)


    def test_token_reaches_the_iframe_and_lets_it_in(self):
        token_file = os.path.join(self.tmp, "token")
        with open(token_file, "w", encoding="utf-8") as handle:
            handle.write("file-token-123\n")
        notebook = run_notebook([
            "%load_ext tbx_notebook",
            "%%tbx --logdir %s --port 0 --token_file %s" % (self.logdir,
                                                             token_file),
            "import tbx_notebook\n"
            "print('PORT', tbx_notebook.list_instances()[0]['port'])",
        ], self.workdir)
        html = "".join(o.data.get("text/html", "")
                       for o in notebook.cells[1].outputs
                       if o.output_type == "display_data")
        self.assertIn('const token = "file-token-123";', html)
        self.assertIn("url.searchParams.set('token', token)", html)
        port = int(re.search(r"PORT (\d+)", outputs_text(
            notebook.cells[2])).group(1))
        # The server does need it, and the URL the iframe opens (a browser
        # navigation with ?token=) gets the cookie and the redirect.
        base = "http://127.0.0.1:%d/" % port
        with self.assertRaises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(base + "data/logdir", timeout=10)
        self.assertEqual(denied.exception.code, 401)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(base + "?token=file-token-123",
                                         headers={"Accept": "text/html"})
        with self.assertRaises(urllib.error.HTTPError) as redirect:
            opener.open(request, timeout=10)
        self.assertEqual(redirect.exception.code, 302)
        self.assertEqual(redirect.exception.headers["Location"], "./")
        self.assertIn("HttpOnly", redirect.exception.headers["Set-Cookie"])

    def test_token_rules_match_tbx(self):
        sys.path.insert(0, os.environ["TBX_NOTEBOOK_DIR"])
        try:
            import tbx_notebook
        finally:
            sys.path.pop(0)
        token_file = os.path.join(self.tmp, "token")
        with open(token_file, "w", encoding="utf-8") as handle:
            handle.write("  from-file \nsecond line\n")
        os.environ["TBX_TOKEN"] = " from-env "
        token_for = tbx_notebook._token_for
        self.assertEqual(token_for(["--logdir", "x", "--token", "a"]), "a")
        self.assertEqual(token_for(["--token=b", "--token_file",
                                    token_file]), "b")
        self.assertEqual(token_for(["--token_file", token_file]), "from-file")
        self.assertEqual(token_for(["--token_file=" + token_file]),
                         "from-file")
        self.assertEqual(token_for(["--logdir", "x"]), "from-env")
        del os.environ["TBX_TOKEN"]
        self.assertIsNone(token_for(["--logdir", "x"]))
        # A token cannot end the <script> it is written into.
        html = tbx_notebook._frame_html(6006, 100, "", "</script><b>")
        self.assertNotIn("</script><b>", html)
        self.assertIn('"\\u003c/script>\\u003cb>"', html)


class PipInstallTest(unittest.TestCase):
    def test_installs_offline_and_imports(self):
        target = tempfile.mkdtemp(prefix="tbx-notebook-pip-")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--no-index",
                 "--no-deps", "--target", target,
                 os.environ["TBX_NOTEBOOK_DIR"]],
                capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            env = dict(os.environ, PYTHONPATH=target)
            imported = subprocess.run(
                [sys.executable, "-c",
                 "import tbx_notebook; print(tbx_notebook.__file__)"],
                capture_output=True, text=True, env=env, cwd=target)
            self.assertEqual(imported.returncode, 0, imported.stderr)
            self.assertTrue(imported.stdout.startswith(target))
        finally:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
