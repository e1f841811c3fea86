"""The course in JupyterLab through a real browser, as a learner meets it.

JupyterLab starts as `make lab` starts it (lab.py); Playwright drives the system Chromium.
Every learner notebook renders with the course's kernel and without browser console
errors; in notebook 00 a learner runs the cells with Shift+Enter, sees exercise 0.1's check
fail, writes the answer and sees it pass. JupyterLab virtualises long notebooks, so the
test works with the active cell and what is in view, never with cell positions on screen.
"""

import json

import pytest

from course_app.provision.waiting import NotReady, poll_until
from workbook.paths import REPO_ROOT

pytestmark = [pytest.mark.course, pytest.mark.slow]

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE_KERNEL = "Python 3 (course)"  # the display name scripts/python_env.sh installs
RUN_TIMEOUT_MS = 120_000
MAX_CELLS = 60
ANSWER = (
    "def order_total(items):\n"
    '    return round(sum(item["price"] * item["quantity"] for item in items), 2)\n'
)


def title_of(path) -> str:
    """The notebook's heading as JupyterLab renders it: "# 00 — Welcome..." -> "00 — Welcome..."."""
    source = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
    return "".join(source).splitlines()[0].lstrip("# ").strip()


@pytest.fixture(scope="module")
def lab_page(chromium, lab, screens):
    """One page on `make lab`'s first page (notebook 00), shared by this module's tests."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(lab.page(""))  # redirected to make lab's default_url: notebook 00
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
    yield page
    page.screenshot(path=screens / "jupyterlab-last.png")  # what the browser showed last
    context.close()


def open_notebook(page, path: str) -> None:
    """Open (or bring forward) a notebook as the file browser does (the widget stays in the page)."""
    page.evaluate(
        "async path => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }",
        path,
    )


def show(page, output) -> None:
    """Scroll so that an output's first line is in view, below the end of its cell's code."""
    output.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.mouse.move(700, 400)
    page.mouse.wheel(0, -160)
    page.wait_for_timeout(300)


def current_panel(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def test_every_learner_notebook_renders_with_the_course_kernel(lab_page, lab):
    page = lab_page
    for path in NOTEBOOKS:
        relative = path.relative_to(REPO_ROOT).as_posix()
        open_notebook(page, relative)
        panel = current_panel(page)
        panel.locator(".jp-MarkdownOutput h1").first.wait_for(timeout=30_000)
        assert (
            panel.locator(".jp-MarkdownOutput h1")
            .first.inner_text()
            .startswith(title_of(path)[:20])
        ), relative
        kernel = panel.locator(".jp-KernelName")
        kernel.filter(has_text=COURSE_KERNEL).wait_for(timeout=30_000)
        panel.locator(".jp-Cell").nth(1).wait_for(timeout=30_000)  # more than the heading renders
    assert not page.get_by_text("Jupyter news").count(), "the news prompt is shown"
    expected = {p.relative_to(REPO_ROOT).as_posix() for p in NOTEBOOKS}

    def sessions_settled() -> list[dict]:
        # A session JupyterLab has just made is named by a placeholder until its notebook's
        # path is set, a moment later.
        sessions = lab.api("sessions")
        assert {s["path"] for s in sessions} == expected
        return sessions

    try:
        sessions = poll_until(sessions_settled, 30, "JupyterLab sessions", interval=0.5)
    except NotReady:
        sessions_settled()  # the assertion's own message says what differs
    assert {s["kernel"]["name"] for s in sessions} == {"python3"}
    assert page.console_errors == []


def test_notebook_00_goes_from_red_to_green_with_shift_enter(lab_page, screens):
    page = lab_page
    open_notebook(page, "notebooks/00_welcome.ipynb")
    panel = current_panel(page)
    # Cells run only once the kernel is connected (before that, Shift+Enter only moves on)
    panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(timeout=60_000)
    panel.locator(".jp-Cell").first.click()  # select the first cell, command mode
    check = panel.locator(".jp-CodeCell").filter(has_text="def test_an_empty_order_costs_nothing")
    verdict = check.locator(".jp-OutputArea-output").first

    # Shift+Enter runs the active cell and selects the next: on to the check cell, run it too
    active = panel.locator(".jp-Cell.jp-mod-active")
    for _ in range(MAX_CELLS):
        at_check = active.filter(has_text="def test_an_empty_order_costs_nothing").count() > 0
        page.keyboard.press("Shift+Enter")
        if at_check:
            break
    else:
        pytest.fail(f"no check cell of exercise 0.1 within {MAX_CELLS} cells of notebook 00")
    verdict.filter(has_text="Exercise 0.1").wait_for(timeout=RUN_TIMEOUT_MS)
    assert verdict.inner_text().startswith("✗ Exercise 0.1: not started yet")
    assert check.get_by_text("CheckFailed").count()  # the cell failed, as nbval sees it
    show(page, verdict)
    page.screenshot(path=screens / "notebook00-check-fails.png")

    page.keyboard.press("Escape")
    page.keyboard.press("k")  # the active cell was the one after the check: up twice
    page.keyboard.press("k")
    assert "raise NotImplementedError" in active.inner_text()
    page.keyboard.press("Enter")  # edit mode
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(ANSWER)  # inserted as is: no auto-indent, no auto-close
    page.keyboard.press("Shift+Enter")  # runs the answer, moves to the check
    page.keyboard.press("Shift+Enter")  # runs the check
    verdict.filter(has_text="passed").wait_for(timeout=RUN_TIMEOUT_MS)
    assert verdict.inner_text().splitlines()[0] == "✓ Exercise 0.1 passed (3 checks)"
    assert not check.get_by_text("CheckFailed").count()
    show(page, verdict)
    page.screenshot(path=screens / "notebook00-check-passes.png")
    assert page.console_errors == []


KERNEL_CONNECTED = """() => {
    const kernel = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    return kernel?.connectionStatus === "connected" && kernel?.status === "idle";
}"""


def test_a_course_figure_is_readable_on_the_dark_theme(lab_page, screens, tmp_path_factory):
    """A figure from workbook.figures, drawn in JupyterLab's dark theme: its background must
    stay opaque white (black text on a transparent figure vanishes on the dark theme)."""
    from io import BytesIO

    import nbformat
    from PIL import Image

    folder = REPO_ROOT / "reports" / "browser"  # under the lab's root, git-ignored
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / "dark-theme-figure.ipynb"
    source = "from workbook.figures import system_diagram\nsystem_diagram();"
    course = nbformat.read(NOTEBOOKS[0], as_version=4)  # its kernel, so no kernel dialog
    figure_notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    figure_notebook.metadata = course.metadata
    nbformat.write(figure_notebook, notebook)
    page = lab_page
    try:
        page.evaluate(
            "async () => { await window.jupyterapp.commands.execute("
            "'apputils:change-theme', {theme: 'JupyterLab Dark'}); }"
        )
        open_notebook(page, notebook.relative_to(REPO_ROOT).as_posix())
        panel = current_panel(page)
        # With every notebook open, this one's kernel may connect last: run once it has.
        page.wait_for_function(KERNEL_CONNECTED, timeout=90_000)
        page.evaluate(
            "async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
        )
        figure = panel.locator(".jp-RenderedImage img").first
        figure.wait_for(timeout=RUN_TIMEOUT_MS)
        page.screenshot(path=screens / "dark-theme-figure.png")  # to look at
        page_colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
        corner = Image.open(BytesIO(figure.screenshot())).convert("L").getpixel((2, 2))
    finally:
        page.evaluate(
            "async () => { await window.jupyterapp.commands.execute("
            "'apputils:change-theme', {theme: 'JupyterLab Light'}); }"
        )
        notebook.unlink(missing_ok=True)
    red, green, blue = (int(part) for part in page_colour[4:-1].split(",")[:3])
    assert red + green + blue < 3 * 100, f"the dark theme did not apply: page is {page_colour}"
    assert corner > 240, f"the figure's background is not opaque white (grey level {corner})"
