"""Hostile uploads through the real file uploader: a good CSV trains, a wrong file says what is wrong and the page
keeps the last valid data's results, a file over the 1 MB cap is refused by Streamlit itself."""

import re

import engine
from tests.e2e.test_browser import assert_clean, open_page, prediction, wait_until_idle
from tests.test_hostile_files import png_bytes

UPLOAD = "[data-testid='stFileUploaderDropzoneInput']"
GOOD = b"x,y\n1,3\n2,5\n3,7\n4,9\n"  # y = 2x + 1
DEFAULT_PREDICTION = "Prediction at x = 7: 13.7864"


def good_prediction() -> str:
    run = engine.train(engine.Linear(), engine.Dataset(x=[1, 2, 3, 4], y=[3, 5, 7, 9]), 0.01, 100)
    return f"Prediction at x = 7: {run.predict(7.0):.4f}"


def upload(page, name: str, content: bytes, mime: str = "text/csv"):
    page.locator(UPLOAD).set_input_files(files=[{"name": name, "mimeType": mime, "buffer": content}])
    wait_until_idle(page)


def test_a_good_csv_trains_then_bad_files_keep_its_results(page, app_url):
    open_page(page, app_url, "linear?data=csv")
    assert prediction(page) == DEFAULT_PREDICTION  # nothing uploaded yet: the last valid data
    page.get_by_text("Upload a CSV file with a header row").wait_for(timeout=15_000)

    upload(page, "points.csv", GOOD)
    page.get_by_text(good_prediction()).wait_for(timeout=15_000)

    bad_files = [
        ("latin1.csv", "x,y\n1,caf\u00e9\n".encode("latin-1"), "the file is not UTF-8 text (byte 0xe9"),
        ("picture.csv", png_bytes(), "the file is binary"),
        ("only_x.csv", b"x\n1\n2\n", "the table needs columns x and y; missing y"),
        ("words.csv", b"x,y\n1,2\n2,two\n", "row 2 has y ="),
        ("empty.csv", b"", "the file is empty"),
    ]
    for name, content, message in bad_files:
        upload(page, name, content)
        alert = page.locator("[data-testid='stAlertContentError']").filter(has_text=message)
        alert.wait_for(timeout=15_000)
        assert "The uploaded CSV file cannot be used" in alert.inner_text()
        assert "Training keeps the last valid data (4 points)" in alert.inner_text()
        assert prediction(page) == good_prediction(), name
    assert page.locator("[data-testid='stException']").count() == 0


def test_one_point_says_so_and_trains(page, app_url):
    open_page(page, app_url, "linear?data=csv")
    upload(page, "one.csv", b"x,y\n2,4\n")
    page.get_by_text("The file has one point").wait_for(timeout=15_000)
    run = engine.train(engine.Linear(), engine.Dataset(x=[2], y=[4]), 0.01, 100)
    page.get_by_text(f"Prediction at x = 7: {run.predict(7.0):.4f}").wait_for(timeout=15_000)
    assert_clean(page)


def test_a_file_over_the_upload_cap_is_refused_and_the_app_keeps_working(page, app_url):
    open_page(page, app_url, "linear?data=csv")
    upload(page, "points.csv", GOOD)
    page.get_by_text(good_prediction()).wait_for(timeout=15_000)
    big = b"x,y\n" + b"1.000000,2.000000\n" * 70_000  # 1.26 MB: over maxUploadSize = 1
    upload(page, "big.csv", big)
    page.get_by_text(re.compile(r"File must be 1(\.0)?\s?MB or smaller")).wait_for(timeout=15_000)
    assert prediction(page) == good_prediction()
    field = page.get_by_label("Learning rate", exact=True)  # the app still answers
    field.fill("0.02")
    field.press("Enter")
    run = engine.train(engine.Linear(), engine.Dataset(x=[1, 2, 3, 4], y=[3, 5, 7, 9]), 0.02, 100)
    page.get_by_text(f"Prediction at x = 7: {run.predict(7.0):.4f}").wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_hostile_link_values_warn_in_the_browser(page, app_url):
    open_page(page, app_url, "linear?lr=abc&epochs=inf&x=nan")
    for key in ("lr=abc", "epochs=inf", "x=nan"):
        page.get_by_text(key).first.wait_for(timeout=15_000)
    assert prediction(page) == DEFAULT_PREDICTION
    assert_clean(page)
