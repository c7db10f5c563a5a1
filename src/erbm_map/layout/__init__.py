"""Pure layout factories: data in, Dash components out."""
