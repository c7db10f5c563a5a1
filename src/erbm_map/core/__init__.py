"""The vocabulary and the small pure rules: domain, labels, ids, formats, view state, text."""
