"""The server's plumbing: routes for data and ids, headers, serving, public URL, gunicorn."""
