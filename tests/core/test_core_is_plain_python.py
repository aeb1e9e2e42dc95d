"""The core is plain Python: importing it (and every module in it) loads no Django."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import sasaeai.core
for module in pkgutil.walk_packages(sasaeai.core.__path__, "sasaeai.core."):
    importlib.import_module(module.name)
print(json.dumps(sorted(name for name in sys.modules if name == "django" or name.startswith("django."))))
"""


def test_importing_the_core_loads_no_django_module():
    found = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    assert json.loads(found.stdout) == []


def test_the_probe_would_see_django_if_it_were_loaded():
    """The same probe after importing Django lists it, so the test above can fail."""
    probe = "import django.conf\n" + PROBE
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "django.conf" in json.loads(found.stdout)
