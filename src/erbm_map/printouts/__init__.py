"""Printed outputs made by the server: the map as PNG/PDF and the one-page sheet."""
