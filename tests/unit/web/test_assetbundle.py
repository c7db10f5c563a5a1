"""Our scripts and styles go out as one file each, in Dash's order, versioned by content."""

from __future__ import annotations

import re

import pytest

from erbm_map.app import create_app
from erbm_map.core.paths import ROOT
from erbm_map.web import assetbundle


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_the_files_are_joined_in_name_order_each_under_its_name(tmp_path):
    (tmp_path / "20-b.js").write_text("b()", encoding="utf-8")
    (tmp_path / "10-a.js").write_text("a()", encoding="utf-8")
    (tmp_path / "10-a.css").write_text(".a {}", encoding="utf-8")
    assert assetbundle.join_files(tmp_path, ".js") == "/* 10-a.js */\na()\n;\n/* 20-b.js */\nb()"
    assert assetbundle.join_files(tmp_path, ".css") == "/* 10-a.css */\n.a {}"


def test_a_subfolder_s_files_come_after_the_folder_s_as_dash_links_them(tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "00-lib.js").write_text("lib()", encoding="utf-8")
    (tmp_path / "90-z.js").write_text("z()", encoding="utf-8")
    assert assetbundle.join_files(tmp_path, ".js") == "/* 90-z.js */\nz()\n;\n/* vendor/00-lib.js */\nlib()"


def test_the_page_links_the_bundles_not_the_files_and_they_hold_every_file(client):
    page = client.get("/").get_data(as_text=True)
    assert "/assets/" not in re.sub(r'<link rel="icon"[^>]*>', "", page), "no single asset file is linked"
    scripts, styles = assetbundle.asset_bundles()
    assert f'src="{scripts.url}"' in page and f'href="{styles.url}"' in page
    folder = ROOT / "assets"
    names = [str(path.relative_to(folder)) for path in assetbundle.linked_files(folder, ".js")]
    assert "vendor/regenerator-runtime.js" in names
    served = client.get(scripts.url).get_data(as_text=True)
    assert re.findall(r"^/\* (\S+\.js) \*/$", served, re.M) == names


def test_a_bundle_is_kept_a_year_under_its_own_hash_only(client):
    scripts, _styles = assetbundle.asset_bundles()
    kept = client.get(scripts.url)
    assert kept.status_code == 200 and "immutable" in kept.headers["Cache-Control"]
    other = client.get(f"{scripts.path}?v=0000")
    assert other.status_code == 200 and "no-store" in other.headers["Cache-Control"]


def test_debug_mode_leaves_the_files_to_dash(monkeypatch):
    monkeypatch.setenv("ERBM_DEBUG", "1")
    options = assetbundle.page_resources()
    assert "assets_ignore" not in options and len(options["external_scripts"]) == 1
