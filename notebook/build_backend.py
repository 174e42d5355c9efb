"""A PEP 517 build backend for tbx_notebook that needs nothing but Python.

pip builds packages in an isolated environment and would download setuptools
for it; this backend lets `pip install ./notebook` work offline. It builds a
pure-Python wheel of the tbx_notebook folder (and an sdist of this folder).
"""

import base64
import hashlib
import io
import os
import tarfile
import zipfile

NAME = "tbx_notebook"
DIST = "tbx_notebook"
VERSION = "0.1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
METADATA = """\
Metadata-Version: 2.1
Name: tbx-notebook
Version: %s
Summary: The %%tbx magic: tbx dashboards inside Jupyter notebooks
License: Apache-2.0
Requires-Python: >=3.8
""" % VERSION
WHEEL = """\
Wheel-Version: 1.0
Generator: tbx build_backend
Root-Is-Purelib: true
Tag: py3-none-any
"""


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def _package_files():
    root = os.path.join(HERE, NAME)
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(directory, name)
                yield path, os.path.relpath(path, HERE).replace(os.sep, "/")


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return "%s,sha256=%s,%d\n" % (name, digest.rstrip(b"=").decode(), len(data))


def _write_wheel(wheel_directory, extra_files=()):
    dist_info = "%s-%s.dist-info" % (DIST, VERSION)
    filename = "%s-%s-py3-none-any.whl" % (DIST, VERSION)
    record = ""
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w",
                         zipfile.ZIP_DEFLATED) as wheel:
        entries = []
        for path, arcname in _package_files():
            with open(path, "rb") as handle:
                entries.append((arcname, handle.read()))
        entries.extend(extra_files)
        entries.append((dist_info + "/METADATA", METADATA.encode()))
        entries.append((dist_info + "/WHEEL", WHEEL.encode()))
        for arcname, data in entries:
            wheel.writestr(arcname, data)
            record += _record_line(arcname, data)
        record += dist_info + "/RECORD,,\n"
        wheel.writestr(dist_info + "/RECORD", record)
    return filename


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    return _write_wheel(wheel_directory)


def build_editable(wheel_directory, config_settings=None,
                   metadata_directory=None):
    # A .pth file pointing at this folder instead of copies of the sources.
    dist_info = "%s-%s.dist-info" % (DIST, VERSION)
    filename = "%s-%s-py3-none-any.whl" % (DIST, VERSION)
    pth = (HERE + "\n").encode()
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as wheel:
        record = ""
        for arcname, data in ((DIST + ".pth", pth),
                              (dist_info + "/METADATA", METADATA.encode()),
                              (dist_info + "/WHEEL", WHEEL.encode())):
            wheel.writestr(arcname, data)
            record += _record_line(arcname, data)
        record += dist_info + "/RECORD,,\n"
        wheel.writestr(dist_info + "/RECORD", record)
    return filename


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (DIST, VERSION)
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as sdist:
        for name in ("pyproject.toml", "build_backend.py"):
            sdist.add(os.path.join(HERE, name), arcname=base + "/" + name)
        for path, arcname in _package_files():
            sdist.add(path, arcname=base + "/" + arcname)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = METADATA.encode()
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return filename
