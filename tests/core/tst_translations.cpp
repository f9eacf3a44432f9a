// SPDX-License-Identifier: GPL-3.0-or-later
#include "listenaddress.h"
#include "lockfile.h"
#include "mirrorconfig.h"
#include "semverreq.h"
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Stowaway;

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QString translation; // plain messages
    QStringList forms;   // numerus messages
};

QList<Message> readTs(const QString &path, QString *language, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            Message message;
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
            while (xml.readNextStartElement()) {
                if (xml.name() == u"source") {
                    message.source = xml.readElementText();
                } else if (xml.name() == u"translation") {
                    const auto type = xml.attributes().value(QLatin1String("type"));
                    message.unfinished =
                        type == u"unfinished" || type == u"vanished" || type == u"obsolete";
                    if (message.numerus) {
                        while (xml.readNextStartElement()) {
                            if (xml.name() == u"numerusform")
                                message.forms.append(xml.readElementText());
                            else
                                xml.skipCurrentElement();
                        }
                    } else {
                        message.translation =
                            xml.readElementText(QXmlStreamReader::IncludeChildElements);
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?[1-9n]"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

QString tsPath(const QString &file)
{
    return QDir(qEnvironmentVariable("STOWAWAY_SOURCE_DIR"))
        .filePath(QStringLiteral("translations/") + file);
}

QStringList pluralSources(const QString &file)
{
    QString language;
    QString error;
    QStringList sources;
    for (const Message &message : readTs(tsPath(file), &language, &error)) {
        if (message.numerus)
            sources.append(message.context + QLatin1Char('|') + message.source);
    }
    sources.sort();
    return sources;
}

void removeTranslators()
{
    const auto translators = qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void tsFilesComplete_data();
    void tsFilesComplete();
    void englishHasEveryPlural();
    void loaderPicksLanguage_data();
    void loaderPicksLanguage();
    void installTranslatesQtToo();
    void systemLocaleFollowsEnvironment_data();
    void systemLocaleFollowsEnvironment();
    void coreMessagesTranslated_data();
    void coreMessagesTranslated();
    void commandLineSpeaksSystemLanguage_data();
    void commandLineSpeaksSystemLanguage();
};

void TestTranslations::cleanup()
{
    removeTranslators();
}

void TestTranslations::tsFilesComplete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("pluralForms");
    QTest::addColumn<bool>("pluralOnly");
    QTest::newRow("de") << QStringLiteral("stowaway_de.ts") << QStringLiteral("de") << 2 << false;
    QTest::newRow("zh_CN") << QStringLiteral("stowaway_zh_CN.ts") << QStringLiteral("zh_CN") << 1
                           << false;
    QTest::newRow("en") << QStringLiteral("stowaway_en.ts") << QStringLiteral("en") << 2 << true;
}

void TestTranslations::tsFilesComplete()
{
    QFETCH(QString, file);
    QFETCH(QString, language);
    QFETCH(int, pluralForms);
    QFETCH(bool, pluralOnly);
    QString error;
    QString tsLanguage;
    const QList<Message> messages = readTs(tsPath(file), &tsLanguage, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(tsLanguage, language);
    // lupdate finds well over 500 texts in ui/, app/ and core/, over 20 of them with plurals;
    // fewer means a broken scan.
    QVERIFY2(messages.size() > (pluralOnly ? 20 : 500),
             qPrintable(QString::number(messages.size())));
    // Every source folder is scanned: a window class, a command and a core parser.
    QSet<QString> contexts;
    for (const Message &message : messages)
        contexts.insert(message.context);
    if (!pluralOnly) {
        for (const char *context :
             {"Stowaway::MainWindow", "Stowaway::SyncCommand", "Stowaway::Cli",
              "Stowaway::MirrorConfig", "Stowaway::CargoConfigFile", "Stowaway::SemverReq"})
            QVERIFY2(contexts.contains(QLatin1String(context)), context);
    }
    for (const Message &message : messages) {
        const QString where = message.context + QStringLiteral(": ") + message.source;
        QVERIFY2(message.numerus || !pluralOnly,
                 qPrintable(QStringLiteral("not plural: ") + where));
        QVERIFY2(!message.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
        const QStringList wanted = placeholders(message.source);
        if (message.numerus) {
            QVERIFY2(
                message.forms.size() == pluralForms,
                qPrintable(QStringLiteral("%1 forms: %2").arg(message.forms.size()).arg(where)));
            for (const QString &form : message.forms) {
                QVERIFY2(!form.trimmed().isEmpty(),
                         qPrintable(QStringLiteral("empty form: ") + where));
                // German singular may spell the one out ("Das beliebteste"); every other
                // placeholder must stay.
                QStringList got = placeholders(form);
                QStringList need = wanted;
                if (pluralForms > 1 && &form == &message.forms.constFirst()) {
                    need.removeAll(QStringLiteral("%n"));
                    got.removeAll(QStringLiteral("%n"));
                }
                QVERIFY2(got == need, qPrintable(QStringLiteral("placeholders %1 vs %2: %3")
                                                     .arg(got.join(u' '), need.join(u' '), where)));
            }
            QVERIFY2(placeholders(message.forms.constLast()) == wanted,
                     qPrintable(QStringLiteral("plural placeholders: ") + where));
        } else {
            QVERIFY2(!message.translation.trimmed().isEmpty(),
                     qPrintable(QStringLiteral("empty: ") + where));
            QVERIFY2(placeholders(message.translation) == wanted,
                     qPrintable(QStringLiteral("placeholders: ") + where));
        }
    }
}

void TestTranslations::englishHasEveryPlural()
{
    const QStringList german = pluralSources(QStringLiteral("stowaway_de.ts"));
    QVERIFY(!german.isEmpty());
    QCOMPARE(pluralSources(QStringLiteral("stowaway_en.ts")), german);
    QCOMPARE(pluralSources(QStringLiteral("stowaway_zh_CN.ts")), german);
}

void TestTranslations::loaderPicksLanguage_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("quit");
    QTest::addColumn<QString>("twoHours");
    QTest::newRow("de_DE") << QLocale(QStringLiteral("de_DE")) << QStringLiteral("de")
                           << QStringLiteral("Beenden") << QStringLiteral("vor 2 Stunden");
    QTest::newRow("de_AT") << QLocale(QStringLiteral("de_AT")) << QStringLiteral("de")
                           << QStringLiteral("Beenden") << QStringLiteral("vor 2 Stunden");
    QTest::newRow("zh_CN") << QLocale(QStringLiteral("zh_CN")) << QStringLiteral("zh_CN")
                           << QStringLiteral("退出") << QStringLiteral("2 小时前");
    QTest::newRow("fr_FR") << QLocale(QStringLiteral("fr_FR")) << QString()
                           << QStringLiteral("Quit") << QStringLiteral("2 hours ago");
    QTest::newRow("en_US") << QLocale(QStringLiteral("en_US")) << QString()
                           << QStringLiteral("Quit") << QStringLiteral("2 hours ago");
}

void TestTranslations::loaderPicksLanguage()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, language);
    QFETCH(QString, quit);
    QFETCH(QString, twoHours);
    QCOMPARE(Translations::languageFor(locale), language);
    QCOMPARE(
        QCoreApplication::translate("Stowaway::MirrorSummaryWidget", "%n hour(s) ago", nullptr, 2),
        QStringLiteral("2 hour(s) ago"));
    QCOMPARE(Translations::install(*qApp, locale), language);
    QCOMPARE(QCoreApplication::translate("Stowaway::TrayController", "Quit"), quit);
    QCOMPARE(
        QCoreApplication::translate("Stowaway::MirrorSummaryWidget", "%n hour(s) ago", nullptr, 2),
        twoHours);
}

void TestTranslations::installTranslatesQtToo()
{
    QCOMPARE(Translations::install(*qApp, QLocale(QStringLiteral("de_DE"))), QStringLiteral("de"));
    const QString qtCatalog = QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                                  .filePath(QStringLiteral("qtbase_de.qm"));
    // Debian's qt6-translations-l10n (a test package) provides it; without it Qt stays English.
    const QString expected =
        QFile::exists(qtCatalog) ? QStringLiteral("Abbrechen") : QStringLiteral("Cancel");
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), expected);
}

void TestTranslations::systemLocaleFollowsEnvironment_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("language");
    QTest::newRow("LANGUAGE=de") << QStringLiteral("LANGUAGE") << QStringLiteral("de")
                                 << QStringLiteral("de");
    QTest::newRow("LANGUAGE=fr:zh_CN")
        << QStringLiteral("LANGUAGE") << QStringLiteral("fr:zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("LC_ALL=zh_CN.UTF-8")
        << QStringLiteral("LC_ALL") << QStringLiteral("zh_CN.UTF-8") << QStringLiteral("zh_CN");
    QTest::newRow("LANG=de_DE.UTF-8")
        << QStringLiteral("LANG") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("de");
    QTest::newRow("LANG=fr_FR.UTF-8")
        << QStringLiteral("LANG") << QStringLiteral("fr_FR.UTF-8") << QString();
}

void TestTranslations::systemLocaleFollowsEnvironment()
{
    // QLocale::system() is read once per process: a child (this test binary, this function
    // only) checks it under the environment of each row.
    if (qEnvironmentVariableIsSet("STOWAWAY_EXPECT_LANGUAGE")) {
        QCOMPARE(Translations::languageFor(QLocale::system()),
                 qEnvironmentVariable("STOWAWAY_EXPECT_LANGUAGE"));
        return;
    }
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, language);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
        env.remove(QString::fromLatin1(name));
    env.insert(variable, value);
    env.insert(QStringLiteral("STOWAWAY_EXPECT_LANGUAGE"), language);
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("systemLocaleFollowsEnvironment:") +
                 QString::fromUtf8(QTest::currentDataTag())});
    QVERIFY(child.waitForFinished(30000));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             child.readAll().constData());
}

void TestTranslations::coreMessagesTranslated_data()
{
    // Errors made for real by core classes, in the language installed. English is the
    // source text (with the English plural forms installed).
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    const QLocale de(QStringLiteral("de_DE"));
    const QLocale zh(QStringLiteral("zh_CN"));
    const QLocale en(QStringLiteral("en_US"));
    QTest::newRow("mirror.toml de")
        << de << QStringLiteral("config")
        << QStringLiteral("mirror.toml Zeile 2: server.listen muss ADRESSE:PORT sein, etwa "
                          "127.0.0.1:27428");
    QTest::newRow("mirror.toml zh_CN")
        << zh << QStringLiteral("config")
        << QStringLiteral("mirror.toml 第 2 行：server.listen 必须是 地址:端口 的形式，例如 "
                          "127.0.0.1:27428");
    QTest::newRow("mirror.toml en")
        << en << QStringLiteral("config")
        << QStringLiteral("mirror.toml line 2: server.listen must be ADDRESS:PORT, like "
                          "127.0.0.1:27428");
    QTest::newRow("requirement de")
        << de << QStringLiteral("semver") << QStringLiteral("„1.2.3.4“ hat mehr als drei Zahlen");
    QTest::newRow("requirement zh_CN")
        << zh << QStringLiteral("semver") << QStringLiteral("“1.2.3.4”包含三个以上的数字");
    QTest::newRow("requirement en") << en << QStringLiteral("semver")
                                    << QStringLiteral("'1.2.3.4' has more than three numbers");
    QTest::newRow("listen de") << de << QStringLiteral("listen")
                               << QStringLiteral("„127.0.0.1:99999“ ist keine Adresse zum "
                                                 "Lauschen: der Port muss eine Zahl von 0 bis "
                                                 "65535 sein. Schreiben Sie ADRESSE:PORT, etwa "
                                                 "127.0.0.1:27428 oder [::1]:27428");
    QTest::newRow("listen zh_CN") << zh << QStringLiteral("listen")
                                  << QStringLiteral("“127.0.0.1:99999”不是可监听的地址：端口必须"
                                                    "是 0 到 65535 之间的数字。请写成 地址:端口 "
                                                    "的形式，例如 127.0.0.1:27428 或 [::1]:27428");
    QTest::newRow("lockfile de")
        << de << QStringLiteral("lockfile")
        << QStringLiteral("Cargo.lock: Lockfile-Formatversion 9 wird nicht unterstützt (1 bis 4 "
                          "schon); ein neueres cargo hat sie geschrieben");
    QTest::newRow("lockfile zh_CN")
        << zh << QStringLiteral("lockfile")
        << QStringLiteral("Cargo.lock：不支持 lockfile 格式版本 9（支持 1 到 4）；它由更新版本"
                          "的 cargo 写入");
}

void TestTranslations::coreMessagesTranslated()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, what);
    QFETCH(QString, expected);
    Translations::install(*qApp, locale);
    QString error;
    if (what == u"config") {
        MirrorConfig config;
        QVERIFY(!config.parse("[server]\nlisten = \"nowhere\"\n", QStringLiteral("mirror.toml"),
                              &error));
    } else if (what == u"semver") {
        QVERIFY(!SemverReq::parse(u"1.2.3.4", &error));
    } else if (what == u"listen") {
        QVERIFY(!ListenAddress::parse(QStringLiteral("127.0.0.1:99999"), &error));
    } else if (what == u"lockfile") {
        QVERIFY(!LockFile::parse("version = 9\n", QStringLiteral("Cargo.lock"), &error));
    }
    QCOMPARE(error, expected);
}

void TestTranslations::commandLineSpeaksSystemLanguage_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("listenError");
    QTest::addColumn<QString>("helpLine");
    QTest::addColumn<QString>("syncSummary");
    QTest::newRow("LC_ALL=de_DE.UTF-8")
        << QStringLiteral("LC_ALL") << QStringLiteral("de_DE.UTF-8")
        << QStringLiteral("stowaway: „127.0.0.1:99999“ ist keine Adresse zum Lauschen: der Port "
                          "muss eine Zahl von 0 bis 65535 sein. Schreiben Sie ADRESSE:PORT, etwa "
                          "127.0.0.1:27428 oder [::1]:27428")
        << QStringLiteral("Globale Optionen:")
        << QStringLiteral("die ausgewählten Crates und alles, wovon sie abhängen, abrufen");
    QTest::newRow("LANGUAGE=zh_CN")
        << QStringLiteral("LANGUAGE") << QStringLiteral("zh_CN")
        << QStringLiteral("stowaway: “127.0.0.1:99999”不是可监听的地址：端口必须是 0 到 65535 "
                          "之间的数字。请写成 地址:端口 的形式，例如 127.0.0.1:27428 或 "
                          "[::1]:27428")
        << QStringLiteral("全局选项：") << QStringLiteral("获取所选 crate 及其全部依赖");
    QTest::newRow("LANG=fr_FR.UTF-8")
        << QStringLiteral("LANG") << QStringLiteral("fr_FR.UTF-8")
        << QStringLiteral("stowaway: '127.0.0.1:99999' is not an address to listen on: the port "
                          "must be a number from 0 to 65535. Write ADDRESS:PORT, like "
                          "127.0.0.1:27428 or [::1]:27428")
        << QStringLiteral("Global options:")
        << QStringLiteral("fetch the selected crates and everything they depend on");
}

void TestTranslations::commandLineSpeaksSystemLanguage()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, listenError);
    QFETCH(QString, helpLine);
    QFETCH(QString, syncSummary);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
        env.remove(QString::fromLatin1(name));
    env.insert(variable, value);
    const auto run = [&env](const QStringList &arguments, QString *out, QString *err) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(qEnvironmentVariable("STOWAWAY_BIN"), arguments);
        if (!process.waitForFinished(30000))
            return -1;
        *out = QString::fromUtf8(process.readAllStandardOutput());
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    };
    QString out;
    QString err;
    QCOMPARE(
        run({QStringLiteral("--mirror"), dir.filePath(QStringLiteral("m")), QStringLiteral("serve"),
             QStringLiteral("--listen"), QStringLiteral("127.0.0.1:99999")},
            &out, &err),
        2);
    QVERIFY2(err.startsWith(listenError + QLatin1Char('\n')), qPrintable(err));
    QCOMPARE(run({QStringLiteral("--help")}, &out, &err), 0);
    const QStringList lines = out.split(QLatin1Char('\n'));
    QVERIFY2(lines.contains(helpLine), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("  sync          ") + syncSummary + QLatin1Char('\n')),
             qPrintable(out));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
