// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;
class QLocale;

namespace Stowaway {

/**
 * Installs the translations for a locale: Stowaway's own (the .qm files compiled into the
 * binary under :/i18n) and, when the system has them, Qt's (qtbase_*.qm from
 * QLibraryInfo::TranslationsPath, e.g. Debian's qt6-translations-l10n).
 *
 * The first of QLocale::uiLanguages() that Stowaway has a translation for wins, so "de_AT"
 * gets German and "fr_FR" (no translation) stays English; English then still gets a
 * catalogue with only its plural forms ("1 minute ago" instead of "1 minute(s) ago"). The
 * translators are children of the application and live as long as it does. Call on the
 * application's thread, before any output: the desktop app before building any widget, the
 * commands before parsing their arguments. Needs QtCore only, so the CLI loads it too; the
 * catalogues cover core/, app/ and ui/ and are linked into every executable using core.
 */
class Translations final
{
public:
    /// Resource folder that holds the compiled translations (stowaway_<lang>.qm).
    static QString resourceFolder();

    /// The translation Stowaway would use for @p locale ("de", "zh_CN"), or empty for English.
    static QString languageFor(const QLocale &locale);

    /**
     * Installs Stowaway's translation for @p locale into @p app, and Qt's for the same
     * language when present. Returns the language installed ("de", "zh_CN"), or an empty
     * string when the interface stays in English (with the English plural forms installed).
     */
    static QString install(QCoreApplication &app, const QLocale &locale);
};

} // namespace Stowaway
