"""Plotly charts, pure builders: tables in, figure and its sentence out."""
