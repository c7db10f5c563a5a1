"""erbm-map: the ARS Hauts-de-France's health action in the bassin minier, on a map."""

__version__ = "0.1.0"
