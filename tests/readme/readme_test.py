#!/usr/bin/env python3
"""Runs the README's commands as a new user types them, and checks what they promise.

Each ```sh block is read from README.md by scripts/readme_block.sh (the same reader scripts/test.sh
uses for "Building by hand"), so a command changed in the README is the command tested.

  readme_test.py <case> <source dir> <build dir>

cases:
  setup      "Set-up": `bash scripts/demo.sh` builds, writes the demo logdir and serves it (the
             demo's runs are served, the page loads); `bash scripts/test.sh` is what .ci/run runs
  install    "Install", first block: install into ~/.local of a fresh HOME; `tbx --version`; the
             installed tbx serves the dashboards from another directory; the notebook module
             imports from where it was installed
  deb        "Install", second block, first line: the .deb builds, lists bin/tbx and declares
             its library dependencies
  deb_install  the second line, `apt install ./build/tbx_*.deb`, then `tbx --version` (root only)
  usage      "Usage": every `tbx` line starts a server that answers at the URL it prints
  perf       "Performance": every command in the table names a program or script that exists

Exits 77 (ctest's skip code) with a message when a case cannot run here.
"""
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77


def block(src, section, n=1):
    out = subprocess.run(["bash", os.path.join(src, "scripts/readme_block.sh"), section, str(n)],
                         check=True, capture_output=True, text=True).stdout
    lines = [line.split("  #")[0].strip() for line in out.splitlines()]
    if not lines:
        fail(f'README.md has no ```sh block {n} under "{section}"')
    return lines


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def skip(message):
    print(f"SKIP: {message}")
    sys.exit(SKIP)


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


class Server:
    """A command that starts tbx; waits for the URL it prints, stops it with SIGINT."""

    def __init__(self, command, cwd, env, timeout=300):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        self.url = None
        while time.monotonic() < deadline:
            text = self.output()
            match = re.search(r"at (http://\S+/) \(Press CTRL\+C", text)
            if match:
                # With --bind_all tbx names the machine, which need not resolve here.
                self.url = re.sub(r"^http://[^/:]+|^http://\[[^]]+\]", "http://127.0.0.1",
                                  match.group(1))
                break
            if self.proc.poll() is not None:
                fail(f"`{command}` exited ({self.proc.returncode}) before serving:\n{text}")
            time.sleep(0.2)
        if not self.url:
            self.stop()
            fail(f"`{command}` printed no URL within {timeout} s:\n{self.output()}")

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                fail("tbx did not stop within 20 s of SIGINT")
        return self.proc.returncode


def wait_loaded(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = json.loads(get(url + "data/status")[1])
        if status.get("first_load_done"):
            return
        time.sleep(0.2)
    fail(f"{url} did not finish loading within {timeout} s")


def check_dashboards(url, want_runs):
    """The page is the dashboards app (not the "frontend not built" page) and the runs are served."""
    status, page = get(url)
    if status != 200 or b"<script" not in page or b"frontend was not built" in page.lower():
        fail(f"{url} does not serve the dashboards: {page[:300]!r}")
    wait_loaded(url)
    runs = json.loads(get(url + "data/runs")[1])
    missing = [r for r in want_runs if r not in runs]
    if missing:
        fail(f"{url}data/runs lacks {missing}: {runs}")
    listing = json.loads(get(url + "data/plugins_listing")[1])
    if not listing.get("scalars", {}).get("enabled"):
        fail(f"the scalars dashboard is not enabled: {listing}")


def demo_runs(logdir):
    return sorted(os.path.relpath(os.path.dirname(p), logdir)
                  for p in glob.glob(os.path.join(logdir, "**", "*tfevents*"), recursive=True))


def case_setup(src, build):
    demo, test = block(src, "Set-up (fresh Debian 12 machine)")
    if demo != "bash scripts/demo.sh" or test != "bash scripts/test.sh":
        fail(f"the set-up commands changed ({demo!r}, {test!r}): update this test")
    ci = open(os.path.join(src, ".ci/run")).read()
    if not re.search(r"^(exec )?bash scripts/test\.sh\s*$", ci, re.M):
        fail(".ci/run does not run the README's test command `bash scripts/test.sh`")
    server = Server(demo, cwd=src, env=dict(os.environ))
    try:
        runs = demo_runs(os.path.join(build, "demo_logdir"))
        if len(runs) < 2:
            fail(f"the demo logdir has runs {runs}")
        check_dashboards(server.url, runs)
        tags = json.loads(get(server.url + "data/plugin/scalars/tags")[1])
        if not any(tags.values()):
            fail(f"the demo has no scalar tags: {tags}")
    finally:
        code = server.stop()
    if code != 0:
        fail(f"the demo exited with {code} on SIGINT:\n{server.output()}")
    print(f"PASS: the demo served {len(runs)} runs at {server.url}")


def user_env(home, build):
    env = dict(os.environ, HOME=home)
    env["PATH"] = os.pathsep.join([os.path.join(home, ".local/bin"), env["PATH"]])
    env.pop("PYTHONPATH", None)
    return env


def case_install(src, build):
    commands = block(src, "Install")
    with tempfile.TemporaryDirectory() as home:
        env = user_env(home, build)
        for command in commands:
            done = subprocess.run(["bash", "-c", command], cwd=src, env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                fail(f"`{command}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
            print(f"ran `{command}`: {done.stdout.strip().splitlines()[-1:]}")
        tbx = os.path.join(home, ".local/bin/tbx")
        if shutil.which("tbx", path=env["PATH"]) != tbx:
            fail(f"`tbx` on PATH is {shutil.which('tbx', path=env['PATH'])}, not the installed {tbx}")
        # The installed binary serves the dashboards from another directory, with no source tree.
        logdir = os.path.join(build, "readme_install_logdir")
        subprocess.run([os.path.join(build, "tools/make_demo_logdir"), logdir], check=True,
                       capture_output=True)
        elsewhere = os.path.join(home, "elsewhere")
        os.makedirs(elsewhere)
        server = Server(f"tbx --logdir {logdir} --port 0", cwd=elsewhere, env=env, timeout=30)
        try:
            check_dashboards(server.url, demo_runs(logdir))
        finally:
            server.stop()
        if os.path.isdir(os.path.join(src, "notebook/tbx_notebook")):
            found = subprocess.run(
                ["/usr/bin/python3", "-c", "import tbx_notebook; print(tbx_notebook.__file__)"],
                cwd=elsewhere, env=env, capture_output=True, text=True)
            if found.returncode != 0 or not found.stdout.startswith(home):
                fail("the installed notebook module does not import from ~/.local: "
                     f"{found.stdout}{found.stderr}")
            print(f"tbx_notebook imports from {found.stdout.strip()}")
    print("PASS: installed into ~/.local; the installed tbx serves the dashboards")


def deb_file(build):
    debs = sorted(glob.glob(os.path.join(build, "tbx_*.deb")))
    if not debs:
        fail(f"no tbx_*.deb in {build}")
    return debs[-1]


def case_deb(src, build):
    command = block(src, "Install", 2)[0]
    for old in glob.glob(os.path.join(build, "tbx_*.deb")):
        os.remove(old)
    done = subprocess.run(["bash", "-c", command], cwd=src, capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"`{command}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    deb = deb_file(build)
    listing = subprocess.run(["dpkg-deb", "-c", deb], check=True, capture_output=True,
                             text=True).stdout
    if not re.search(r"\./usr/bin/tbx$", listing, re.M):
        fail(f"{deb} does not hold ./usr/bin/tbx:\n{listing}")
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], check=True,
                             capture_output=True, text=True).stdout
    for library in ("libprotobuf", "libzstd", "zlib1g", "libcmark-gfm", "libstdc++6"):
        if library not in depends:
            fail(f"{deb} does not declare {library}: Depends: {depends}")
    print(f"PASS: {os.path.basename(deb)} holds /usr/bin/tbx; Depends: {depends.strip()}")


def case_deb_install(src, build):
    if os.geteuid() != 0:
        skip("installing the .deb needs root (sudo would ask for a password here)")
    if not shutil.which("apt"):
        skip("apt is not installed")
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "tbx"],
                               capture_output=True, text=True).stdout
    if "install ok installed" in installed:
        skip("a tbx package is already installed on this machine; not replacing it")
    if not glob.glob(os.path.join(build, "tbx_*.deb")):
        case_deb(src, build)
    command = block(src, "Install", 2)[1]
    # Root needs no sudo (and a fresh Debian may not have it).
    as_root = re.sub(r"^sudo ", "", command)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        done = subprocess.run(["bash", "-c", as_root + " -y"], cwd=src, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"`{as_root}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
        version = subprocess.run(["/usr/bin/tbx", "--version"], capture_output=True, text=True)
        if version.returncode != 0 or not version.stdout.strip():
            fail(f"the packaged tbx --version failed: {version.stdout}{version.stderr}")
        print(f"PASS: `{as_root}` installed /usr/bin/tbx: {version.stdout.strip()}")
    finally:
        subprocess.run(["dpkg", "-r", "tbx"], capture_output=True)


def case_usage(src, build):
    commands = [c for c in block(src, "Usage") if c.startswith("tbx ")]
    if not commands:
        fail("the Usage block has no tbx commands")
    with tempfile.TemporaryDirectory() as home:
        env = user_env(home, build)
        env["PATH"] = os.pathsep.join([build, env["PATH"]])
        # Every directory the examples name, each with a run.
        make = os.path.join(build, "tools/make_demo_logdir")
        for logdir in ("experiments/mnist", "runs", "runs/base", "runs/big"):
            subprocess.run([make, os.path.join(home, logdir, "demo")], check=True,
                           capture_output=True)
        for command in commands:
            server = Server(command, cwd=home, env=env, timeout=30)
            try:
                status, _ = get(server.url)
                if status != 200:
                    fail(f"`{command}`: {server.url} answered {status}")
                wait_loaded(server.url)
                runs = json.loads(get(server.url + "data/runs")[1])
                if not runs:
                    fail(f"`{command}` serves no runs")
            finally:
                code = server.stop()
            if code != 0:
                fail(f"`{command}` exited {code} on SIGINT:\n{server.output()}")
            print(f"ran `{command}`: {len(runs)} runs at {server.url}")
    print(f"PASS: {len(commands)} usage commands served")


def case_perf(src, build):
    readme = open(os.path.join(src, "README.md")).read()
    section = readme.split("\n## Performance", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    checked = 0
    for row in rows:
        for command in re.findall(r"`([^`]+)`", row.rsplit("|", 2)[-2]):
            for word in command.split():
                if re.match(r"^(build|scripts|tests|tools|bench)/", word):
                    path = os.path.join(src, word)
                    target = os.path.join(build, word[len("build/"):]) if word.startswith("build/") else path
                    generated = "bench_data" in word or "screenshots" in word
                    if not generated and not os.path.exists(target):
                        fail(f"the performance table names {word}, which does not exist "
                             f"({target}):\n{row}")
                    checked += 1
    if checked == 0:
        fail("no commands found in the performance table")
    print(f"PASS: {checked} paths named by {len(rows)} performance rows exist")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    case, src, build = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if os.path.realpath(build) != os.path.realpath(os.path.join(src, "build")):
        skip(f"the README's commands name the build directory build/; this build is {build}")
    cases = {"setup": case_setup, "install": case_install, "deb": case_deb,
             "deb_install": case_deb_install, "usage": case_usage, "perf": case_perf}
    cases[case](src, build)
    return 0


if __name__ == "__main__":
    sys.exit(main())
