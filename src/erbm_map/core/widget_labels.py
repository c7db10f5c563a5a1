"""The French wording of the libraries' own widgets: the grid's filters and pages, the dropdowns.

Beside ``core/labels.py`` (the interface's own words): these keys are the libraries', so
they change with the libraries, not with the interface.
"""

#: French wording of the table grid's own controls (AG Grid locale keys: filters, pagination).
GRID_LOCALE_TEXT = {
    "page": "Page",
    "of": "sur",
    "to": "à",
    "more": "plus",
    "next": "Suivante",
    "previous": "Précédente",
    "first": "Première",
    "last": "Dernière",
    "filterOoo": "Filtrer…",
    "contains": "Contient",
    "notContains": "Ne contient pas",
    "equals": "Égal à",
    "notEqual": "Différent de",
    "startsWith": "Commence par",
    "endsWith": "Finit par",
    "blank": "Vide",
    "notBlank": "Non vide",
    "lessThan": "Inférieur à",
    "greaterThan": "Supérieur à",
    "inRange": "Entre",
    "andCondition": "ET",
    "orCondition": "OU",
    "noRowsToShow": "Aucune commune",
    "loadingOoo": "Chargement…",
    "pageSizeSelectorLabel": "Lignes par page :",
}

#: French wording of every dropdown's own controls (dcc.Dropdown's ``labels`` prop, Dash 4).
DROPDOWN_LABELS = {
    "select_all": "Tout sélectionner",
    "deselect_all": "Tout désélectionner",
    "selected_count": "{num_selected} sélectionné(s)",
    "search": "Rechercher…",
    "clear_search": "Effacer la recherche",
    "clear_selection": "Effacer la sélection",
    "no_options_found": "Aucun résultat",
}
