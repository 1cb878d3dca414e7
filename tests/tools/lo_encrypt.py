"""Save a spreadsheet with a password through LibreOffice, as an office would (UNO).

Run with the Python that has LibreOffice's ``uno`` module (the system python3, not the venv):

    python3 tests/tools/lo_encrypt.py IN OUT "MS Excel 97" PASSWORD

LibreOffice 7.4 cannot write an encrypted .xlsx (it writes it in the clear), so only the .xls
filter is used by the tests; the encrypted .xlsx comes from msoffcrypto-tool.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(pipe: str):  # a UNO component context
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def main(source: str, target: str, filter_name: str, password: str) -> None:
    pipe = f"iku{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            context = connect(pipe)
            desktop = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context)
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                (prop("Hidden", True),))
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                                (prop("FilterName", filter_name), prop("Password", password)))
            document.close(True)
            with contextlib.suppress(Exception):  # the bridge closes as it quits
                desktop.terminate()
        finally:
            try:
                office.wait(30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
