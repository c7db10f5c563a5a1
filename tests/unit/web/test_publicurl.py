"""Issue 18, defect 10: the request's Host never reaches a printed link, and Dash's
hot-reload route (which lists the installed packages) is closed outside debug."""

from __future__ import annotations

import html

import pytest

from erbm_map.app import create_app
from erbm_map.printouts.sheet_html import qr_svg
from erbm_map.web.publicurl import FALLBACK_URL, PublicUrlError, allowed_hosts, link_base, public_url

SHEET = "/fiche?commune=59002"


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def sheet_link(client, host: str) -> tuple[str, str]:
    """The sheet's permalink as printed (its text), and the page."""
    page = client.get(SHEET, headers={"Host": host}).get_data(as_text=True)
    start = page.index('<p class="permalink"><a href="') + len('<p class="permalink"><a href="')
    return html.unescape(page[start : page.index('"', start)]), page


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8050", "localhost.evil.example", "[::2]"])
def test_an_unknown_host_is_not_printed_on_the_sheet(client, host):
    link, page = sheet_link(client, host)
    assert link.startswith(FALLBACK_URL + "/?")
    assert "evil" not in page and qr_svg(link) in page, "the QR code encodes the same safe link"


def test_the_pdf_sheet_does_not_carry_an_unknown_host(client):
    """The PDF's text is compressed: compare it with the sheet of an allowed host instead."""

    def pdf(host: str) -> bytes:
        response = client.get(SHEET.replace("/fiche", "/fiche.pdf"), headers={"Host": host})
        assert response.status_code == 200
        return response.data

    fallback = FALLBACK_URL.removeprefix("http://")
    assert pdf("evil.example") == pdf(fallback), "an unknown host prints the fallback link"
    assert pdf("127.0.0.1:8050") != pdf(fallback), "the link is in the PDF: this test can fail"


@pytest.mark.parametrize("host", ["localhost:8050", "127.0.0.1:9000", "localhost"])
def test_a_local_host_is_kept(client, host):
    link, _ = sheet_link(client, host)
    assert link.startswith(f"http://{host}/?")


def test_the_public_url_names_every_link(monkeypatch):
    monkeypatch.setenv("ERBM_PUBLIC_URL", "https://carte.example.fr/")
    client = create_app().server.test_client()
    for host in ("evil.example", "localhost:8050"):
        link, page = sheet_link(client, host)
        assert link.startswith("https://carte.example.fr/?commune=59002") and qr_svg(link) in page


def test_allowed_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("ERBM_ALLOWED_HOSTS", raising=False)
    assert allowed_hosts("https://carte.example.fr") == {"localhost", "127.0.0.1", "::1", "carte.example.fr"}
    monkeypatch.setenv("ERBM_ALLOWED_HOSTS", "intranet.ars, Carte.Local")
    allowed = allowed_hosts(None)
    assert allowed == {"intranet.ars", "carte.local"}
    assert (
        link_base("http://carte.local:8050/", "carte.local:8050", None, allowed) == "http://carte.local:8050"
    )
    assert link_base("http://localhost/", "localhost", None, allowed) == FALLBACK_URL


@pytest.mark.parametrize(
    "value", ["carte.example.fr", "javascript:alert(1)", "https://", "https://x.fr/?a=1"]
)
def test_a_malformed_public_url_is_refused_in_french(monkeypatch, value):
    monkeypatch.setenv("ERBM_PUBLIC_URL", value)
    with pytest.raises(PublicUrlError, match=r"ERBM_PUBLIC_URL=.* invalide : adresse http"):
        public_url()


@pytest.mark.parametrize("path", ["/_reload-hash", "/presentation/_reload-hash"])
def test_the_reload_hash_route_is_closed_outside_debug(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"dash_leaflet" not in response.data and b"packages" not in response.data
