// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigswitch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {

const QString Url = QStringLiteral("http://127.0.0.1:27428");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QStringList backups(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.stowaway-bak-*")}, QDir::Files, QDir::Name);
}

} // namespace

class TestCargoConfigSwitch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsAndRemovesFile();
    void editsExistingFileWithBackup();
    void keepsBoundedBackups();
    void prefersConfigWithoutExtension();
    void writesThroughSymlinkAndKeepsPermissions();
    void refusesAndLeavesFileAlone();
    void statusStates();
    void statusReportsProjectOverrides();
    void previewShowsTheExactChange();
};

void TestCargoConfigSwitch::createsAndRemovesFile()
{
    QTemporaryDir temp;
    const QString home = temp.filePath(QStringLiteral("not/yet/there"));
    const CargoConfigSwitch cargo(home);
    const CargoConfigResult on = cargo.enable(Url, false);
    QVERIFY2(on.ok && on.changed, qPrintable(on.message));
    QCOMPARE(on.file, home + QStringLiteral("/config.toml"));
    QVERIFY(on.backupFile.isEmpty()); // nothing existed to back up
    QVERIFY(readAll(on.file).contains("replace-with = \"stowaway\" # added by stowaway"));
    QCOMPARE(cargo.status(Url, temp.path()).state, CargoConfigStatus::Enabled);

    const CargoConfigResult off = cargo.disable();
    QVERIFY2(off.ok && off.changed, qPrintable(off.message));
    QVERIFY(!QFileInfo::exists(on.file));
    QVERIFY2(off.message.contains(QLatin1String("removed")), qPrintable(off.message));
    QCOMPARE(backups(home).size(), 1);

    const CargoConfigResult again = cargo.disable();
    QVERIFY(again.ok && !again.changed);
    QVERIFY2(again.message.contains(QLatin1String("nothing changed")), qPrintable(again.message));
}

void TestCargoConfigSwitch::editsExistingFileWithBackup()
{
    QTemporaryDir temp;
    const QByteArray original = "[build]\r\njobs = 2\r\n";
    writeAll(temp.filePath(QStringLiteral("config.toml")), original);
    const CargoConfigSwitch cargo(temp.path());
    const CargoConfigResult on = cargo.enable(Url, false);
    QVERIFY2(on.ok && on.changed, qPrintable(on.message));
    QVERIFY(on.backupFile.startsWith(temp.filePath(QStringLiteral("config.toml.stowaway-bak-"))));
    QCOMPARE(readAll(on.backupFile), original);
    const CargoConfigResult same = cargo.enable(Url, false);
    QVERIFY(same.ok && !same.changed);
    QVERIFY2(same.message.contains(QLatin1String("already")), qPrintable(same.message));
    QCOMPARE(backups(temp.path()).size(), 1); // no change, no backup
    const CargoConfigResult off = cargo.disable();
    QVERIFY2(off.ok && off.changed, qPrintable(off.message));
    QCOMPARE(readAll(on.file), original);
    QVERIFY(off.backupFile != on.backupFile);
    QVERIFY(readAll(off.backupFile).contains("# added by stowaway"));
    // No temp files left behind.
    QCOMPARE(QDir(temp.path()).entryList(QDir::Files).size(), 3);
}

void TestCargoConfigSwitch::keepsBoundedBackups()
{
    QTemporaryDir temp;
    writeAll(temp.filePath(QStringLiteral("config.toml")), "# mine\n");
    const CargoConfigSwitch cargo(temp.path());
    for (int i = 0; i < 8; ++i) {
        QVERIFY(cargo.enable(QStringLiteral("http://127.0.0.1:%1").arg(2000 + i), false).changed);
        QVERIFY(backups(temp.path()).size() <= CargoConfigSwitch::KeptBackups);
    }
    QCOMPARE(backups(temp.path()).size(), CargoConfigSwitch::KeptBackups);
    // The newest backup holds the state just before the last change.
    QVERIFY(readAll(temp.filePath(backups(temp.path()).constLast())).contains(":2006/index/"));
}

void TestCargoConfigSwitch::prefersConfigWithoutExtension()
{
    QTemporaryDir temp;
    writeAll(temp.filePath(QStringLiteral("config")), "[net]\nretry = 2\n");
    writeAll(temp.filePath(QStringLiteral("config.toml")), "[net]\nretry = 9\n");
    const CargoConfigSwitch cargo(temp.path());
    QCOMPARE(cargo.configFile(), temp.filePath(QStringLiteral("config")));
    QVERIFY(cargo.enable(Url, false).changed);
    QVERIFY(readAll(temp.filePath(QStringLiteral("config"))).contains("stowaway"));
    QCOMPARE(readAll(temp.filePath(QStringLiteral("config.toml"))),
             QByteArray("[net]\nretry = 9\n"));
    QVERIFY(backups(temp.path()).constFirst().startsWith(QLatin1String("config.stowaway-bak-")));
}

void TestCargoConfigSwitch::writesThroughSymlinkAndKeepsPermissions()
{
    QTemporaryDir temp;
    const QString real = temp.filePath(QStringLiteral("dotfiles/cargo.toml"));
    writeAll(real, "[build]\njobs = 1\n");
    QVERIFY(QFile::setPermissions(real, QFile::ReadOwner | QFile::WriteOwner));
    QDir().mkpath(temp.filePath(QStringLiteral("home")));
    QVERIFY(QFile::link(real, temp.filePath(QStringLiteral("home/config.toml"))));
    const CargoConfigSwitch cargo(temp.filePath(QStringLiteral("home")));
    QVERIFY(cargo.enable(Url, false).changed);
    QVERIFY(QFileInfo(temp.filePath(QStringLiteral("home/config.toml"))).isSymLink());
    QVERIFY(readAll(real).contains("stowaway"));
    const QFile::Permissions permissions = QFile::permissions(real);
    QVERIFY(permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(!(permissions & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther)));
    const QString backup = temp.filePath(
        QStringLiteral("home/") + backups(temp.filePath(QStringLiteral("home"))).constFirst());
    QCOMPARE(QFile::permissions(backup), permissions); // may hold tokens: same as original
    QVERIFY(cargo.disable().changed);
    QCOMPARE(readAll(real), QByteArray("[build]\njobs = 1\n"));
}

void TestCargoConfigSwitch::refusesAndLeavesFileAlone()
{
    QTemporaryDir temp;
    const QByteArray vendored = "[source.crates-io]\nreplace-with = \"vendored\"\n\n"
                                "[source.vendored]\ndirectory = \"vendor\"\n";
    writeAll(temp.filePath(QStringLiteral("config.toml")), vendored);
    const CargoConfigSwitch cargo(temp.path());
    const CargoConfigResult refused = cargo.enable(Url, false);
    QVERIFY(!refused.ok && !refused.changed);
    QCOMPARE(refused.message,
             QDir::toNativeSeparators(temp.filePath(QStringLiteral("config.toml"))) +
                 QStringLiteral(" line 2: [source.crates-io] already has replace-with = "
                                "\"vendored\"; remove it, or run again with --force to point it "
                                "at Stowaway instead"));
    QCOMPARE(readAll(temp.filePath(QStringLiteral("config.toml"))), vendored);
    QVERIFY(backups(temp.path()).isEmpty());

    const CargoConfigResult forced = cargo.enable(Url, true);
    QVERIFY2(forced.ok && forced.changed, qPrintable(forced.message));
    QVERIFY2(forced.message.contains(QLatin1String("instead of \"vendored\"")),
             qPrintable(forced.message));
    QVERIFY(cargo.disable().changed);
    QCOMPARE(readAll(temp.filePath(QStringLiteral("config.toml"))), vendored);

    writeAll(temp.filePath(QStringLiteral("config.toml")), "[build\n");
    const CargoConfigResult broken = cargo.enable(Url, true);
    QVERIFY(!broken.ok);
    QVERIFY2(broken.message.contains(QLatin1String("line 1: does not parse as TOML")),
             qPrintable(broken.message));
    QCOMPARE(readAll(temp.filePath(QStringLiteral("config.toml"))), QByteArray("[build\n"));
}

void TestCargoConfigSwitch::statusStates()
{
    QTemporaryDir temp;
    const QString file = temp.filePath(QStringLiteral("config.toml"));
    const CargoConfigSwitch cargo(temp.path());
    CargoConfigStatus status = cargo.status(Url, temp.path());
    QCOMPARE(status.state, CargoConfigStatus::NotEnabled);
    QVERIFY(!status.fileExists);

    QVERIFY(cargo.enable(QStringLiteral("http://10.1.1.1:80"), false).changed);
    status = cargo.status(Url, temp.path());
    QCOMPARE(status.state, CargoConfigStatus::OtherMirror);
    QCOMPARE(status.registry, QStringLiteral("sparse+http://10.1.1.1:80/index/"));

    writeAll(file, "[source.crates-io]\nreplace-with = \"stowaway\"\n[source.stowaway]\n"
                   "registry = \"sparse+http://127.0.0.1:27428/index/\"\n");
    status = cargo.status(Url, temp.path());
    QCOMPARE(status.state, CargoConfigStatus::Enabled);
    QCOMPARE(status.line, 2);
    QVERIFY(!status.addedByStowaway);
    QVERIFY2(status.message.contains(QLatin1String("set by hand")), qPrintable(status.message));

    writeAll(file, "[source.crates-io]\nreplace-with = \"vendored\"\n");
    status = cargo.status(Url, temp.path());
    QCOMPARE(status.state, CargoConfigStatus::OtherSource);
    QCOMPARE(status.replaceWith, QStringLiteral("vendored"));

    writeAll(file, "x = \n");
    status = cargo.status(Url, temp.path());
    QCOMPARE(status.state, CargoConfigStatus::Unreadable);
    QCOMPARE(status.line, 1);
}

void TestCargoConfigSwitch::statusReportsProjectOverrides()
{
    QTemporaryDir temp;
    const QString home = temp.filePath(QStringLiteral("cargo-home"));
    const CargoConfigSwitch cargo(home);
    QVERIFY(cargo.enable(Url, false).changed);
    writeAll(temp.filePath(QStringLiteral("proj/.cargo/config.toml")),
             "[source.crates-io]\nreplace-with = \"vendored\"\n");
    writeAll(temp.filePath(QStringLiteral("proj/sub/.cargo/config")), "[build]\njobs = 1\n");
    QDir().mkpath(temp.filePath(QStringLiteral("proj/sub/deeper")));
    const CargoConfigStatus status =
        cargo.status(Url, temp.filePath(QStringLiteral("proj/sub/deeper")));
    QCOMPARE(status.state, CargoConfigStatus::Enabled);
    QCOMPARE(status.overrides.size(), 1);
    QCOMPARE(status.overrides.first().replaceWith, QStringLiteral("vendored"));
    QCOMPARE(status.notes,
             QStringList{QStringLiteral("note: %1 also replaces crates-io (with \"vendored\") and "
                                        "wins inside %2")
                             .arg(temp.filePath(QStringLiteral("proj/.cargo/config.toml")),
                                  temp.filePath(QStringLiteral("proj")))});
}

void TestCargoConfigSwitch::previewShowsTheExactChange()
{
    QTemporaryDir temp;
    const QString file = temp.filePath(QStringLiteral("config.toml"));
    writeAll(file, "[build]\njobs = 2\n");
    const CargoConfigSwitch cargo(temp.path());
    const CargoConfigPreview on = cargo.preview(true, Url);
    QVERIFY2(on.ok && on.changes, qPrintable(on.message));
    QVERIFY(on.removed.isEmpty());
    QCOMPARE(readAll(file), QByteArray("[build]\njobs = 2\n")); // a preview writes nothing
    // The added lines are exactly the lines enable() then writes.
    QVERIFY(cargo.enable(Url, false).changed);
    QStringList written = QString::fromUtf8(readAll(file)).split(QLatin1Char('\n'));
    written.removeLast();
    QCOMPARE(written.mid(2), on.added);
    QVERIFY(on.diff.startsWith(QLatin1String("  [build]\n  jobs = 2\n+ ")));
    QVERIFY(on.diff.contains(QLatin1String(
        "+ registry = \"sparse+http://127.0.0.1:27428/index/\" # added by stowaway")));

    const CargoConfigPreview same = cargo.preview(true, Url);
    QVERIFY(same.ok && !same.changes);
    const CargoConfigPreview off = cargo.preview(false, Url);
    QVERIFY(off.ok && off.changes);
    QCOMPARE(off.removed, on.added);
    QVERIFY(off.added.isEmpty());
    QVERIFY(cargo.disable().changed);
    QVERIFY(!cargo.preview(false, Url).changes);

    writeAll(file, "[source.crates-io]\nreplace-with = \"vendored\"\n");
    const CargoConfigPreview refused = cargo.preview(true, Url);
    QVERIFY(!refused.ok && !refused.changes);
    QVERIFY2(refused.message.contains(QLatin1String("--force")), qPrintable(refused.message));
    const CargoConfigPreview forced = cargo.preview(true, Url, true);
    QVERIFY(forced.ok);
    QCOMPARE(forced.removed, QStringList{"replace-with = \"vendored\""});
}

QTEST_GUILESS_MAIN(TestCargoConfigSwitch)
#include "tst_cargoconfigswitch.moc"
