"""Debian's headless Chromium: the inbox screenshots in docs/screenshots/, and the
settings and sign-in step the browser tests share (tests/e2e/*_browser.py).

``python -m scripts.demo screenshots`` runs ``screenshots``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from scripts.demo import seed_demo
from scripts.launch import free_port, start_inbox, stop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def screenshots(out_dir: Path) -> list[Path]:
    """Seed a temporary clinic, start the inbox, save queue.png and ticket.png."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = seed_demo(Path(tmp))
        port = free_port()
        proc = start_inbox(Path(tmp), port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                sign_in(page, base, "sam.jones", seeded["users"]["sam.jones"])
                page.wait_for_selector("#live:not([hidden])")
                paths = [out_dir / "queue.png", out_dir / "ticket.png"]
                page.screenshot(path=str(paths[0]))
                page.goto(f"{base}/tickets/{seeded['tickets'][1]}")
                page.set_viewport_size({"width": 1400, "height": 1000})
                page.screenshot(path=str(paths[1]))
                browser.close()
        finally:
            stop(proc)
    return paths
