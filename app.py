"""Entry point of the dev server (``make run``); ``server`` is the WSGI application.

``server`` serves the current data and reloads it after an import (see
``erbm_map.reload``); bad data stops the start with one French line, exit status 2.
"""

from erbm_map.reload import load_or_exit, main

if __name__ == "__main__":
    main()
else:
    server = load_or_exit()
