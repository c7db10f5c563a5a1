"""Entry point: build the dashboard through the factory and serve it."""

import os

from erbm_map.app import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8050")),
        debug=os.environ.get("ERBM_DEBUG") == "1",
    )
