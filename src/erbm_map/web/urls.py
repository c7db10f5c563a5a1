"""The server's URL paths that pages link to, apart from the routes that serve them.

A page's link and the route behind it are built by different surfaces (the dashboard
links to the map export the printouts serve); both name the path from here.
"""

#: Where the server-rendered map of a view is served (``.png`` or ``.pdf``, the view's query string).
MAP_EXPORT = "/export/carte"
#: The one-page sheet of the commune or EPCI a query string names (HTML; ``.pdf`` for the PDF).
SHEET = "/fiche"


def map_export(extension: str, search: str) -> str:
    """The server-drawn map of the view a query string names, as ``png`` or ``pdf``."""
    return f"{MAP_EXPORT}.{extension}{search}"
