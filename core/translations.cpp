// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace Stowaway {

namespace {

const QString English = QStringLiteral("en");

/// The first catalogue matching locale.uiLanguages() (de_AT -> de, zh_Hans_CN -> zh_CN), or
/// the English one (plural forms only) when none does.
std::unique_ptr<QTranslator> loadCatalogue(const QLocale &locale)
{
    auto translator = std::make_unique<QTranslator>();
    const QString folder = Translations::resourceFolder();
    if (translator->load(locale, QStringLiteral("stowaway"), QStringLiteral("_"), folder) ||
        translator->load(QStringLiteral("stowaway_") + English, folder))
        return translator;
    return nullptr;
}

} // namespace

QString Translations::resourceFolder()
{
    return QStringLiteral(":/i18n");
}

QString Translations::languageFor(const QLocale &locale)
{
    const auto translator = loadCatalogue(locale);
    const QString language = translator ? translator->language() : QString();
    return language == English ? QString() : language;
}

QString Translations::install(QCoreApplication &app, const QLocale &locale)
{
    auto own = loadCatalogue(locale);
    if (!own)
        return {};
    const QString language = own->language();
    if (language == English) {
        // The source texts are the interface; the catalogue only adds English plural forms.
        QCoreApplication::installTranslator(own.get());
        own.release()->setParent(&app);
        return {};
    }
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
