"""Polish and English through Qt's translation system, switchable while the desk runs.

Source strings are English; `resources/translations/hezo_desk_pl.ts` (compiled to `.qm`)
holds the Polish. Qt's own dialogs (file and print dialogs, buttons) use Qt's translations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hezo_desk.resources import translations_dir

CATALOGUE = "hezo_desk"


class Translations:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Switch to `language` ('pl' or 'en'); False if its catalogue is missing."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(
            QLocale(QLocale.Language.Polish if language == "pl" else QLocale.Language.English)
        )
        if language == "en":
            return True
        ours = QTranslator(self._app)
        found = ours.load(f"{CATALOGUE}_{language}", str(translations_dir()))
        if found:
            self._app.installTranslator(ours)
            self._installed.append(ours)
        qt = QTranslator(self._app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", qt_dir):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return found
