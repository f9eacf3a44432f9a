// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace Stowaway {

namespace {

std::unique_ptr<QTranslator> loadOwn(const QLocale &locale)
{
    auto translator = std::make_unique<QTranslator>();
    // Tries every entry of locale.uiLanguages() in turn: de_AT -> de, zh_Hans_CN -> zh_CN.
    if (!translator->load(locale, QStringLiteral("stowaway"), QStringLiteral("_"),
                          Translations::resourceFolder()))
        return nullptr;
    return translator;
}

} // namespace

QString Translations::resourceFolder()
{
    return QStringLiteral(":/i18n");
}

QString Translations::languageFor(const QLocale &locale)
{
    const auto translator = loadOwn(locale);
    return translator ? translator->language() : QString();
}

QString Translations::install(QCoreApplication &app, const QLocale &locale)
{
    auto own = loadOwn(locale);
    if (!own)
        return {}; // English: the source texts are the interface.
    const QString language = own->language();
    // Qt's own texts (standard buttons, file dialogs, context menus of line edits) in the
    // same language, when the system has them; without them those stay English.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qt.release()->setParent(&app);
    }
    QCoreApplication::installTranslator(own.get());
    own.release()->setParent(&app);
    return language;
}

} // namespace Stowaway
