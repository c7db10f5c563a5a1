"""Pure figure builders: data and view state in, plotly figure or Patch out."""
