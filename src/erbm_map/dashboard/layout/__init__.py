"""Pure layout factories of the dashboard (page, cards, legend, table, sheet)."""
