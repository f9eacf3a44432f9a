// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestCargoConfigCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTripWithOption();
    void roundTripWithEnvironment();
    void refusesForeignReplacementUnlessForced();
    void brokenFileIsLeftAlone();
    void usageErrors_data();
    void usageErrors();
    void statusNotesProjectOverride();
    void help();

private:
    Run stowaway(const QStringList &arguments, const QString &cargoHomeEnv = {},
                 const QString &workingDir = {});
    std::unique_ptr<QTemporaryDir> m_temp;
};

void TestCargoConfigCommand::init()
{
    m_temp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_temp->isValid());
}

Run TestCargoConfigCommand::stowaway(const QStringList &arguments, const QString &cargoHomeEnv,
                                     const QString &workingDir)
{
    Run run;
    const QString binary = qEnvironmentVariable("STOWAWAY_BIN");
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
        run.err = QStringLiteral("STOWAWAY_BIN does not name the stowaway binary; run via ctest");
        return run;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Never let a test reach the real ~/.cargo.
    env.insert(QStringLiteral("HOME"), m_temp->filePath(QStringLiteral("home")));
    env.remove(QStringLiteral("CARGO_HOME"));
    if (!cargoHomeEnv.isEmpty())
        env.insert(QStringLiteral("CARGO_HOME"), cargoHomeEnv);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workingDir.isEmpty() ? m_temp->path() : workingDir);
    process.start(binary, QStringList{QStringLiteral("cargo-config")} + arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("stowaway did not finish within 30 s");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestCargoConfigCommand::roundTripWithOption()
{
    const QString home = m_temp->filePath(QStringLiteral("cargo"));
    const QString file = home + QStringLiteral("/config.toml");
    const QByteArray original = "# mine\r\n[build]\r\njobs = 3";
    QVERIFY(writeAll(file, original));
    const QStringList where{QStringLiteral("--cargo-home"), home};

    Run run = stowaway(QStringList{QStringLiteral("enable")} + where);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QVERIFY2(run.out.startsWith(file + QStringLiteral(": cargo now uses the Stowaway mirror at "
                                                      "sparse+http://127.0.0.1:27428/index/\n")),
             qPrintable(run.out));
    const qsizetype at = run.out.indexOf(QLatin1String("backup: "));
    QVERIFY2(at > 0, qPrintable(run.out));
    const QString backup = run.out.mid(at + 8).trimmed();
    QVERIFY2(backup.startsWith(file + QStringLiteral(".stowaway-bak-")), qPrintable(backup));
    QCOMPARE(readAll(backup), original);
    QVERIFY(readAll(file).contains("registry = \"sparse+http://127.0.0.1:27428/index/\" # added "
                                   "by stowaway"));

    run = stowaway(QStringList{QStringLiteral("status")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QStringLiteral("cargo uses the Stowaway mirror at "
                                               "sparse+http://127.0.0.1:27428/index/ (") +
                                file + QStringLiteral(" line 6, added by stowaway)")),
             qPrintable(run.out));

    run = stowaway(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + where);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("enabled"));
    QCOMPARE(json.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("file")).toString(), file);

    run = stowaway(QStringList{QStringLiteral("enable")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("already uses the Stowaway mirror")),
             qPrintable(run.out));

    run = stowaway(QStringList{QStringLiteral("enable"), QStringLiteral("--url"),
                               QStringLiteral("http://[::1]:9000/")} +
                   where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("sparse+http://[::1]:9000/index/ (was "
                                            "sparse+http://127.0.0.1:27428/index/)")),
             qPrintable(run.out));
    run = stowaway(QStringList{QStringLiteral("status")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("not this mirror")), qPrintable(run.out));

    run = stowaway(QStringList{QStringLiteral("disable")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("cargo uses crates.io directly again")),
             qPrintable(run.out));
    QCOMPARE(readAll(file), original);

    run = stowaway(QStringList{QStringLiteral("status")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QLatin1String("cargo uses crates.io directly")),
             qPrintable(run.out));
    run = stowaway(QStringList{QStringLiteral("disable")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("not enabled")), qPrintable(run.out));
}

void TestCargoConfigCommand::roundTripWithEnvironment()
{
    const QString home = m_temp->filePath(QStringLiteral("env-cargo"));
    QVERIFY(writeAll(home + QStringLiteral("/config"), "[net]\nretry = 2\n"));
    QVERIFY(writeAll(home + QStringLiteral("/config.toml"), "[net]\nretry = 9\n"));
    Run run = stowaway({QStringLiteral("enable")}, home);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(home + QStringLiteral("/config: ")), qPrintable(run.out));
    QVERIFY(readAll(home + QStringLiteral("/config")).contains("replace-with = \"stowaway\""));
    QCOMPARE(readAll(home + QStringLiteral("/config.toml")), QByteArray("[net]\nretry = 9\n"));
    run = stowaway({QStringLiteral("status")}, home);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(home + QStringLiteral("/config line")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("note: ") + home +
                              QStringLiteral("/config.toml is ignored: cargo reads ") + home +
                              QStringLiteral("/config when both exist\n")),
             qPrintable(run.out));
    run = stowaway({QStringLiteral("disable")}, home);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(home + QStringLiteral("/config")), QByteArray("[net]\nretry = 2\n"));
    QVERIFY(!QFileInfo::exists(m_temp->filePath(QStringLiteral("home/.cargo"))));

    // Without CARGO_HOME the default is ~/.cargo, created on enable.
    run = stowaway({QStringLiteral("enable")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(
        readAll(m_temp->filePath(QStringLiteral("home/.cargo/config.toml"))).contains("stowaway"));
    QVERIFY2(run.out.startsWith(QLatin1String("~/.cargo/config.toml: ")), qPrintable(run.out));
    QCOMPARE(stowaway({QStringLiteral("disable")}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(m_temp->filePath(QStringLiteral("home/.cargo/config.toml"))));
}

void TestCargoConfigCommand::refusesForeignReplacementUnlessForced()
{
    const QString home = m_temp->filePath(QStringLiteral("cargo"));
    const QString file = home + QStringLiteral("/config.toml");
    const QByteArray vendored = "[source.crates-io]\nreplace-with = \"vendored\"\n\n"
                                "[source.vendored]\ndirectory = \"vendor\"\n";
    QVERIFY(writeAll(file, vendored));
    const QStringList where{QStringLiteral("--cargo-home"), home};
    Run run = stowaway(QStringList{QStringLiteral("enable")} + where);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err, QStringLiteral("stowaway: ") + file +
                          QStringLiteral(" line 2: [source.crates-io] already has replace-with = "
                                         "\"vendored\"; remove it, or run again with --force to "
                                         "point it at Stowaway instead\n"));
    QCOMPARE(readAll(file), vendored);
    run = stowaway(QStringList{QStringLiteral("status")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("replaces crates.io with \"vendored\"")),
             qPrintable(run.out));

    run = stowaway(QStringList{QStringLiteral("enable"), QStringLiteral("--force")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(readAll(file).contains("#stowaway-disabled# replace-with = \"vendored\"\n"));
    run = stowaway(QStringList{QStringLiteral("disable")} + where);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("restored replace-with = \"vendored\"")),
             qPrintable(run.out));
    QCOMPARE(readAll(file), vendored);
}

void TestCargoConfigCommand::brokenFileIsLeftAlone()
{
    const QString home = m_temp->filePath(QStringLiteral("cargo"));
    const QString file = home + QStringLiteral("/config.toml");
    QVERIFY(writeAll(file, "[build]\njobs = \n"));
    const QStringList where{QStringLiteral("--cargo-home"), home};
    for (const QString &action :
         {QStringLiteral("enable"), QStringLiteral("disable"), QStringLiteral("status")}) {
        const Run run = stowaway(QStringList{action} + where);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString(run.err + run.out)
                     .contains(file + QStringLiteral(" line 2: does not parse as TOML")),
                 qPrintable(QString(run.err + run.out)));
    }
    QCOMPARE(readAll(file), QByteArray("[build]\njobs = \n"));
    QCOMPARE(QDir(home).entryList(QDir::Files).size(), 1);
}

void TestCargoConfigCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no action") << QStringList() << "say what to do";
    QTest::newRow("two actions") << words("enable disable") << "say what to do";
    QTest::newRow("unknown action") << words("toggle") << "unknown action 'toggle'";
    QTest::newRow("bad url") << words("enable --url ftp://x")
                             << "--url: 'ftp://x' is not an http or https URL";
    QTest::newRow("force with status")
        << words("status --force") << "--force only applies to enable";
    QTest::newRow("unknown option") << words("enable --frobnicate") << "frobnicate";
}

void TestCargoConfigCommand::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString home = m_temp->filePath(QStringLiteral("cargo"));
    const Run run = stowaway(arguments + QStringList{QStringLiteral("--cargo-home"), home});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(home));
}

void TestCargoConfigCommand::statusNotesProjectOverride()
{
    const QString home = m_temp->filePath(QStringLiteral("cargo"));
    const QString project = m_temp->filePath(QStringLiteral("proj"));
    QVERIFY(writeAll(project + QStringLiteral("/.cargo/config.toml"),
                     "[source.crates-io]\nreplace-with = \"vendored-sources\"\n"));
    QDir().mkpath(project + QStringLiteral("/src"));
    QCOMPARE(stowaway({QStringLiteral("enable")}, home).exitCode, 0);
    const Run run = stowaway({QStringLiteral("status")}, home, project + QStringLiteral("/src"));
    QCOMPARE(run.exitCode, 0);
    const Run json = stowaway({QStringLiteral("status"), QStringLiteral("--json")}, home,
                              project + QStringLiteral("/src"));
    const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(object.value(QStringLiteral("overrides")).toArray().size(), 1);
    QCOMPARE(object.value(QStringLiteral("notes")).toArray().size(), 1);
    QVERIFY2(run.out.contains(QStringLiteral("note: ") + project +
                              QStringLiteral("/.cargo/config.toml also replaces crates-io (with "
                                             "\"vendored-sources\") and wins inside ") +
                              project + QLatin1Char('\n')),
             qPrintable(run.out));
}

void TestCargoConfigCommand::help()
{
    const Run run = stowaway({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("Usage: stowaway cargo-config [options] "
                                            "enable|disable|status")),
             qPrintable(run.out));
    QVERIFY(run.out.contains(QLatin1String("--cargo-home <DIR>")));
    QVERIFY(run.out.contains(QLatin1String("--force")));
}

QTEST_GUILESS_MAIN(TestCargoConfigCommand)
#include "tst_cargoconfigcommand.moc"
