"""Links, navigation and user text in real Chromium: moving between pages carries nothing along, Back and Forward
restore each page's settings, the address reproduces the view in a fresh session, and text from a link or a
file shows as its characters, never as Markdown, LaTeX, HTML, a link or an image."""

import re
from urllib.parse import quote

import pytest

import engine
from tests.e2e.test_browser import assert_clean, open_page, prediction, wait_until_idle
from tests.e2e.test_hostile_browser import upload

LINEAR_DEFAULT = "Prediction at x = 7: 13.7864"
NETWORK_DEFAULT = "Prediction at x = 9: 17.9969"
# what a value can smuggle into Markdown: headings, links, images, emphasis, LaTeX, HTML, Streamlit's directives
INJECTIONS = [
    "\n\n# [Log in again](https://ev.il)",
    "\n\n![x](https://example.com/a.png)",
    "\r\r**bold** _it_ $x^2$ $$\\int$$",
    ":red-background[alert] :material/warning: :smile:",
    "<img src=x onerror=alert(1)><b>html</b>",
    "`` `code` `` \n\n```\nblock\n```",
    "\u2028\u2029# after separators \u202eevil",
    "<https://autolink.example> [ref][1]\n\n[1]: https://ev.il",
]
STRUCTURE = "h1, h2, h3, h4, h5, h6, a[href], img, strong, em, .katex, pre, table, b, [style*='background']"


def sidebar_link(page, title: str):
    page.locator("[data-testid='stSidebarNav']").get_by_text(title, exact=True).click()
    page.wait_for_selector("h1", timeout=30_000)
    wait_until_idle(page)


def expected_linear(lr: float) -> str:
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), lr, 100)
    return f"Prediction at x = 7: {run.predict(7):.4f}"


@pytest.mark.parametrize(("first", "then", "expected"), [("network?b=0,1", "Linear fit", LINEAR_DEFAULT),
                                                         ("linear?w=0.5&lr=0.5", "Network", NETWORK_DEFAULT)])
def test_moving_between_pages_carries_no_value_along(page, app_url, first, then, expected):
    open_page(page, app_url, first)
    sidebar_link(page, "Start here")
    sidebar_link(page, then)
    page.get_by_text(expected).wait_for(timeout=15_000)
    assert "?" not in page.url
    assert_clean(page)


def test_back_and_forward_restore_each_pages_settings(page, app_url):
    """Every change of a setting is a step in the browser's history (Streamlit pushes the new address), and a
    page reached by Back or Forward shows exactly the settings of that step."""
    open_page(page, app_url, "linear?lr=0.02")
    assert prediction(page) == expected_linear(0.02)
    sidebar_link(page, "Network")
    field = page.get_by_label("Learning rate", exact=True)
    field.fill("0.05")
    field.press("Enter")
    wait_until_idle(page)
    assert "lr=0.05" in page.url
    changed = prediction(page)
    steps = [("go_back", NETWORK_DEFAULT, "/network"), ("go_back", expected_linear(0.02), "/linear?lr=0.02"),
             ("go_forward", NETWORK_DEFAULT, "/network"), ("go_forward", changed, "/network?lr=0.05")]
    for move, shown, address in steps:
        getattr(page, move)()
        page.get_by_text(shown).wait_for(timeout=15_000)
        wait_until_idle(page)
        assert page.url.endswith(address), (move, page.url)
        assert page.get_by_label("Learning rate", exact=True).input_value() == ("0.05" if "0.05" in address else
                                                                              "0.02" if "0.02" in address else "0.01")
    assert_clean(page)


def test_a_fresh_session_on_the_address_shows_the_same_numbers(page, app_url, browser):
    open_page(page, app_url, "linear")
    for label, value in (("Learning rate", "0.03"), ("Epochs", "40"), ("Points n", "6")):
        field = page.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Enter")
        wait_until_idle(page)
    shown, address = prediction(page), page.url
    assert re.search(r"lr=0\.03", address) and "epochs=40" in address and "n=6" in address
    other = browser.new_context().new_page()
    open_page(other, app_url, address.split("/", 3)[3])
    assert prediction(other) == shown
    other.context.close()


@pytest.mark.parametrize("value", INJECTIONS)
def test_text_in_a_link_shows_as_characters(page, app_url, value):
    open_page(page, app_url, f"linear?lr={quote(value)}&mode={quote(value)}")
    alerts = page.locator("[data-testid='stAlert']")
    assert alerts.count() == 2  # one warning each for lr and mode
    assert alerts.locator(STRUCTURE).count() == 0
    assert alerts.locator("code").count() == 2  # each value inside one code span, whole
    assert page.locator("img").count() == 0
    assert prediction(page) == LINEAR_DEFAULT
    assert_clean(page)


def test_text_in_a_csv_shows_as_characters_and_huge_x_is_a_result(page, app_url):
    open_page(page, app_url, "linear?data=csv")
    for header in INJECTIONS[:5]:
        body = f'"{header}",y\n1,2\n'.encode()
        upload(page, "hostile.csv", body)
        error = page.locator("[data-testid='stAlert']").filter(has_text="cannot be used")
        error.first.wait_for(timeout=15_000)
        assert error.locator(STRUCTURE).count() == 0
    upload(page, "huge.csv", b"x,y\n1e150,1\n2e150,2\n3e150,3\n")
    page.get_by_text("no learning rate the field allows is stable").first.wait_for(timeout=15_000)
    assert_clean(page)


def test_a_link_too_long_for_streamlit_to_read_says_so(page, app_url):
    """Streamlit drops every parameter of a link with more than 1,000 of them; the page then says so."""
    open_page(page, app_url, "linear?" + "&".join(f"lr={i}" for i in range(1001)))
    message = page.frame_locator("iframe").first.locator("#m")
    message.wait_for(timeout=15_000)
    assert "1,001 settings" in message.inner_text() and "none of them were used" in message.inner_text()
    assert prediction(page) == LINEAR_DEFAULT
