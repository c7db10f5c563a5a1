"""The one-page sheet of a commune and of an EPCI: Chromium prints it on one A4 page.

Chromium makes the PDF (``page.pdf``, as « Imprimer » would), Debian's poppler-utils read it
(``pdfinfo`` for the page count, ``pdftotext`` for the words). ``make test`` installs them.
Pages are rendered to PNG under ``tests/screenshots/`` so a developer can look at them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_accessibility import axe_page, violations
from tests.support.harness import SCREENSHOTS, make_page, wait_idle

pytestmark = pytest.mark.e2e

SHEETS = {
    "commune": ("?commune=62427", "Hénin-Beaumont"),
    "epci": ("?epci=246200364", "CA de Lens - Liévin"),
}
#: The sheet's date, in French words (« Fiche éditée le 7 décembre 2026 »), never « 07/12/2026 ».
DATE = re.compile(r"Fiche éditée le (1er|\d{1,2}) [a-zéû]+ \d{4}")
#: The map's title block: « ARS Hauts-de-France — données au 7 décembre 2026 ».
DATA_DATE = re.compile(r"données au (1er|\d{1,2}) [a-zéû]+ \d{4}")


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils (make test does it)")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(pdf)), re.M).group(1))


def squeezed(text: str) -> str:
    """Text without any whitespace: a long link wraps in the PDF, and pdftotext keeps the breaks."""
    return re.sub(r"\s+", "", text)


def look_at(pdf: Path, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    poppler("pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(SCREENSHOTS / name))


def check_sheet(pdf: Path, name: str, link: str) -> None:
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pages(pdf) == 1
    text = poppler("pdftotext", "-raw", str(pdf), "-")
    assert name in text
    assert "Sources et dates des données" in text
    assert "zonage médecins généralistes de l'ARS Hauts-de-France, état 2025" in " ".join(text.split())
    assert DATE.search(" ".join(text.split())), "the sheet prints its date in words"
    assert squeezed(link) in squeezed(text), f"the permalink {link} is printed in full"


@pytest.mark.parametrize("kind", SHEETS)
def test_print_sheet_is_one_a4_page(browser, server, tmp_path, kind):
    query, name = SHEETS[kind]
    page, watch = make_page(browser, 1440, 900)
    try:
        page.goto(server.url + "/fiche" + query)
        page.wait_for_function(
            "() => { const i = document.querySelector('.sheet-map img'); return i && i.complete"
            " && i.naturalWidth > 0; }"
        )
        assert page.locator("h1").inner_text().endswith(name)
        assert page.locator(".qr svg").count() == 1
        link = page.locator(".permalink a").inner_text()
        assert (
            link == f"{server.url}/{query}&edition=2024&vintage=2025&layers=zonage,epci,perimetre,sanitaire"
        )
        pdf = tmp_path / f"fiche-{kind}.pdf"
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
        check_sheet(pdf, name, link)
        look_at(pdf, f"fiche-{kind}-chromium")
        assert not watch.errors and not watch.external
    finally:
        page.context.close()


@pytest.mark.parametrize("kind", SHEETS)
def test_pdf_download_is_the_same_one_page_sheet(server, tmp_path, kind):
    query, name = SHEETS[kind]
    with urllib.request.urlopen(server.url + "/fiche.pdf" + query, timeout=60) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert "attachment" in response.headers["Content-Disposition"]
        pdf = tmp_path / f"fiche-{kind}.pdf"
        pdf.write_bytes(response.read())
    link = f"{server.url}/{query}&edition=2024&vintage=2025&layers=zonage,epci,perimetre,sanitaire"
    check_sheet(pdf, name, link)
    look_at(pdf, f"fiche-{kind}-download")


def enabled(page) -> None:
    page.wait_for_function(
        "() => { const b = document.getElementById('print-card'); return b && !b.disabled; }"
    )


def test_print_button_is_disabled_until_a_place_is_chosen_then_opens_its_sheet(browser, server):
    page, watch = make_page(browser, 1440, 900)
    try:
        button = page.locator("#print-card")
        page.goto(server.url + "/")
        button.wait_for()
        wait_idle(page)
        assert button.is_disabled()
        page.goto(server.url + "/?epci=246200364")
        enabled(page)
        page.goto(server.url + "/?commune=62427&edition=2019")
        enabled(page)
        with page.expect_popup() as popup_info:
            button.focus()
            page.keyboard.press("Enter")
        sheet = popup_info.value
        sheet.wait_for_load_state()
        assert sheet.url.startswith(server.url + "/fiche?commune=62427&edition=2019")
        assert sheet.locator("h1").inner_text().endswith("Hénin-Beaumont")
        assert page.url.startswith(server.url + "/?commune=62427"), "the dashboard keeps its view"
        assert not watch.errors and not watch.external
    finally:
        page.context.close()


def test_map_pdf_export_is_titled_text_on_one_a4_landscape_page(server, tmp_path):
    query = "?commune=62427&edition=2019&layers=zonage,cls,epci,perimetre,sanitaire"
    pdf = tmp_path / "carte.pdf"
    with urllib.request.urlopen(server.url + "/export/carte.pdf" + query, timeout=60) as response:
        pdf.write_bytes(response.read())
    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert "841.68 x 595.44 pts" in info, "A4 landscape"
    text = " ".join(poppler("pdftotext", "-raw", str(pdf), "-").split())
    for words in [
        "Santé dans le bassin minier",
        "édition 2019, zonage en vigueur en 2025",
        "Hénin-Beaumont, dans CA d'Hénin-Carvin",
        "Contrats locaux de santé (CLS) en 2019",
        "Sources :",
        "km",
        "ARS Hauts-de-France — données au",
        "Situation dans le bassin minier",
    ]:
        assert words in text, words
    assert DATA_DATE.search(text), "the title block dates the data in French words"
    look_at(pdf, "carte-62427-2019")


def test_the_lens_pdf_sheet_keeps_the_aids_units_and_their_date(server, tmp_path):
    """Lens is in a ZAR: its downloaded sheet says « par mois », « par an » and « 1er janvier 2020 »."""
    pdf = tmp_path / "fiche-lens.pdf"
    with urllib.request.urlopen(server.url + "/fiche.pdf?commune=62498", timeout=60) as response:
        pdf.write_bytes(response.read())
    assert pages(pdf) == 1
    text = " ".join(poppler("pdftotext", "-raw", str(pdf), "-").split())
    for words in (
        "brut par mois pendant 2 ans",
        "par an pendant 3 ans",
        "1er janvier 2020",
        "auprès de l'ARS",
    ):
        assert words in text, words
    assert "2020-01-01" not in text
    look_at(pdf, "fiche-lens-download")


def test_the_lievin_sheet_of_2019_lists_only_what_2019_cites(browser, server):
    """The 2024 bilan's three Liévin places are not on its 2019 sheet, whose nearest hospital is CH Lens."""
    page, watch = make_page(browser, 1440, 900)
    try:
        page.goto(server.url + "/fiche?commune=62510&edition=2019")
        page.locator("#sheet").wait_for()
        places = page.locator(".block-establishments").inner_text()
        for name in ("Denise Delaby", "Terril Vert", "Riaumont"):
            assert name not in page.locator("#sheet").inner_text(), name
        assert "2019" in places
        nearest = page.locator(".block-nearest").inner_text()
        assert "Centre hospitalier Dr Schaffner de Lens (Lens)" in nearest
        page.goto(server.url + "/fiche?commune=62510&edition=2024")
        assert "Riaumont" in page.locator(".block-nearest").inner_text()
        assert not watch.errors and not watch.external
    finally:
        page.context.close()


def test_the_sheet_has_no_serious_axe_violation(browser, server):
    """The footer now carries the link and its QR code: its heading and code stay accessible."""
    page, watch = axe_page(browser)
    try:
        page.goto(server.url + "/fiche" + SHEETS["epci"][0])
        page.locator(".sheet-map img").wait_for()
        assert violations(page) == ""
        assert not watch.errors
    finally:
        page.context.close()
