"""French text for the command line: argparse's own messages and the system's errors.

Planners read these messages; Python gives them in English ("the following arguments
are required", "No space left on device"). argparse looks every message up through
its module-level ``gettext`` functions, so installing a French catalogue there
translates usage lines, help titles and errors at once, without a parser subclass per
message. The operating system's errors are translated by ``errno``, which is stable,
rather than by their English text.
"""

from __future__ import annotations

import argparse
import errno

#: argparse's messages (Python 3.11 to 3.13), English msgid -> French.
ARGPARSE_FR: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "argument(s) obligatoire(s) manquant(s) : %s",
    "unrecognized arguments: %s": "argument(s) non reconnu(s) : %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (possibles : %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur %r ignorée",
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue %(parser_name)r (possibles : %(choices)s)"
    ),
}
ARGPARSE_PLURAL_FR: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s valeur attendue", "%s valeurs attendues"),
}

#: What the system's errors mean for a planner, by errno.
OS_ERRORS_FR: dict[int, str] = {
    errno.ENOSPC: "plus d'espace sur le disque",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EIO: "erreur matérielle d'entrée/sortie",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EBUSY: "fichier ou périphérique occupé",
    errno.EFBIG: "fichier trop gros",
    errno.EXDEV: "déplacement entre deux systèmes de fichiers impossible",
}


def os_error_fr(exc: OSError) -> str:
    """A French sentence for an ``OSError`` (the errno's meaning, else its code)."""
    if exc.errno in OS_ERRORS_FR:
        return OS_ERRORS_FR[exc.errno]
    if exc.errno:
        return f"erreur système {errno.errorcode.get(exc.errno, exc.errno)}"
    return f"erreur système ({exc.__class__.__name__})"


def _gettext(message: str) -> str:
    return ARGPARSE_FR.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    forms = ARGPARSE_PLURAL_FR.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[0] if count == 1 else forms[1]


def install_french_argparse() -> None:
    """Make argparse speak French in this process (the ``erbm-map`` command only)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
