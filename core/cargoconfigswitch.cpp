// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigswitch.h"
#include "homepath.h"

#include "cargoconfigfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTemporaryFile>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Stowaway {

Q_LOGGING_CATEGORY(lcCargoConfig, "stowaway.cargoconfig", QtInfoMsg)

namespace {

bool readFile(const QString &path, QByteArray &bytes, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = CargoConfigSwitch::tr("cannot read %1 (%2); check its permissions")
                    .arg(HomePath::display(path), file.errorString());
        return false;
    }
    bytes = file.readAll();
    return true;
}

void syncDirectory([[maybe_unused]] const QString &dir)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#endif
}

/// Temp file in the same folder, fsync, rename. Symlinks are written through.
bool writeFile(const QString &path, const QByteArray &bytes, QString &error)
{
    QString target = path;
    const QFileInfo info(path);
    if (info.isSymLink())
        target = info.symLinkTarget();
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        error = CargoConfigSwitch::tr("cannot write %1 (%2); nothing was changed")
                    .arg(HomePath::display(path), file.errorString());
        return false;
    }
    syncDirectory(QFileInfo(target).absolutePath());
    return true;
}

/// Copies the current bytes to a new timestamped backup and prunes old ones.
bool writeBackup(const QString &path, const QByteArray &bytes, QString &backup, QString &error)
{
    const QFileInfo info(path);
    const QString prefix = info.fileName() + QStringLiteral(".stowaway-bak-");
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QDir dir = info.absoluteDir();
    // Several changes within one second get -02, -03, … so names keep sorting by age.
    int next = 0;
    const QStringList sameSecond =
        dir.entryList({prefix + stamp + QLatin1Char('*')}, QDir::Files | QDir::Hidden);
    for (const QString &name : sameSecond)
        next = std::max(next, name.section(QLatin1Char('-'), -1).toInt() + 1);
    backup = dir.filePath(prefix + stamp);
    if (!sameSecond.isEmpty())
        backup += QStringLiteral("-%1").arg(std::max(next, 2), 2, 10, QLatin1Char('0'));
    // The backup gets the original's permissions before it has a name: a config file
    // may hold registry tokens.
    QTemporaryFile temp(backup + QStringLiteral(".XXXXXX"));
    bool written = temp.open() && temp.write(bytes) == bytes.size() && temp.flush();
#ifdef Q_OS_UNIX
    written = written && ::fsync(temp.handle()) == 0;
#endif
    written = written && temp.setPermissions(QFile::permissions(path)) && temp.rename(backup);
    if (!written) {
        error = CargoConfigSwitch::tr("cannot write the backup %1 (%2); nothing was changed")
                    .arg(HomePath::display(backup), temp.errorString());
        return false;
    }
    temp.setAutoRemove(false);
    QStringList old =
        dir.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden, QDir::Name);
    while (old.size() > CargoConfigSwitch::KeptBackups) {
        qCDebug(lcCargoConfig) << "removing old backup" << old.first();
        dir.remove(old.takeFirst());
    }
    return true;
}

CargoConfigResult failure(const QString &file, const QString &message)
{
    return {false, false, file, {}, message};
}

QString located(const QString &file, int line, const QString &message)
{
    return line > 0 ? CargoConfigSwitch::tr("%1 line %2: %3")
                          .arg(HomePath::display(file), QString::number(line), message)
                    : CargoConfigSwitch::tr("%1: %2").arg(HomePath::display(file), message);
}

} // namespace

CargoConfigSwitch::CargoConfigSwitch(QString cargoHome) : m_cargoHome(std::move(cargoHome)) {}

QString CargoConfigSwitch::defaultCargoHome()
{
    const QString env = qEnvironmentVariable("CARGO_HOME");
    if (!env.isEmpty())
        return env;
    return QDir::home().filePath(QStringLiteral(".cargo"));
}

QString CargoConfigSwitch::configFile() const
{
    return CargoConfigFile::locate(m_cargoHome);
}

CargoConfigResult CargoConfigSwitch::enable(const QString &url, bool force) const
{
    const QString path = configFile();
    QString error;
    const QString registry = CargoConfigFile::registryValue(url, &error);
    if (registry.isEmpty())
        return failure(path, error);
    const bool exists = QFileInfo::exists(path);
    QByteArray bytes;
    if (exists && !readFile(path, bytes, error))
        return failure(path, error);
    const CargoConfigFile::Edit edit = CargoConfigFile::enable(bytes, registry, force, !exists);
    if (edit.outcome == CargoConfigFile::Outcome::Unchanged)
        return {true, false, path, {}, located(path, edit.line, edit.message)};
    if (edit.outcome != CargoConfigFile::Outcome::Changed)
        return failure(path, located(path, edit.line, edit.message));
    CargoConfigResult result{true, true, path, {}, located(path, 0, edit.message)};
    if (!QDir().mkpath(m_cargoHome))
        return failure(path,
                       CargoConfigSwitch::tr("cannot create the folder %1; check its permissions")
                           .arg(HomePath::display(m_cargoHome)));
    if (exists && !writeBackup(path, bytes, result.backupFile, error))
        return failure(path, error);
    if (!writeFile(path, edit.text, error))
        return failure(path, error);
    qCDebug(lcCargoConfig) << "enabled" << registry << "in" << path;
    return result;
}

CargoConfigPreview CargoConfigSwitch::preview(bool enable, const QString &url, bool force) const
{
    CargoConfigPreview preview;
    preview.file = configFile();
    QString error;
    const bool exists = QFileInfo::exists(preview.file);
    QByteArray bytes;
    if (exists && !readFile(preview.file, bytes, error)) {
        preview.message = error;
        return preview;
    }
    CargoConfigFile::Edit edit;
    if (enable) {
        const QString registry = CargoConfigFile::registryValue(url, &error);
        if (registry.isEmpty()) {
            preview.message = error;
            return preview;
        }
        edit = CargoConfigFile::enable(bytes, registry, force, !exists);
    } else if (exists) {
        edit = CargoConfigFile::disable(bytes);
    } else {
        edit.outcome = CargoConfigFile::Outcome::Unchanged;
        edit.message = CargoConfigSwitch::tr("no such file, so Stowaway is not enabled");
    }
    preview.message = located(preview.file, edit.line, edit.message);
    if (edit.outcome == CargoConfigFile::Outcome::Unchanged) {
        preview.ok = true;
        return preview;
    }
    if (edit.outcome != CargoConfigFile::Outcome::Changed)
        return preview;
    preview.ok = true;
    preview.changes = true;
    // The edit only inserts and removes lines: a common head, a changed middle, a common tail.
    const auto lines = [](const QByteArray &text) {
        QStringList result = QString::fromUtf8(text).split(QLatin1Char('\n'));
        if (!result.isEmpty() && result.constLast().isEmpty())
            result.removeLast();
        for (QString &line : result) {
            if (line.endsWith(QLatin1Char('\r')))
                line.chop(1);
        }
        return result;
    };
    const QStringList before = lines(bytes);
    const QStringList after = edit.removeFile ? QStringList() : lines(edit.text);
    qsizetype head = 0;
    while (head < before.size() && head < after.size() && before.at(head) == after.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < before.size() - head && tail < after.size() - head &&
           before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    preview.removed = before.mid(head, before.size() - head - tail);
    preview.added = after.mid(head, after.size() - head - tail);
    constexpr qsizetype Context = 2;
    QStringList rows;
    for (qsizetype i = std::max<qsizetype>(0, head - Context); i < head; ++i)
        rows << QStringLiteral("  ") + before.at(i);
    for (const QString &line : std::as_const(preview.removed))
        rows << QStringLiteral("- ") + line;
    for (const QString &line : std::as_const(preview.added))
        rows << QStringLiteral("+ ") + line;
    for (qsizetype i = before.size() - tail;
         i < before.size() && i < before.size() - tail + Context; ++i)
        rows << QStringLiteral("  ") + before.at(i);
    preview.diff = rows.join(QLatin1Char('\n'));
    return preview;
}

CargoConfigResult CargoConfigSwitch::disable() const
{
    const QString path = configFile();
    if (!QFileInfo::exists(path))
        return {true,
                false,
                path,
                {},
                located(path, 0,
                        CargoConfigSwitch::tr("no such file, so Stowaway is not enabled; "
                                              "nothing changed"))};
    QByteArray bytes;
    QString error;
    if (!readFile(path, bytes, error))
        return failure(path, error);
    const CargoConfigFile::Edit edit = CargoConfigFile::disable(bytes);
    if (edit.outcome == CargoConfigFile::Outcome::Unchanged)
        return {true, false, path, {}, located(path, edit.line, edit.message)};
    if (edit.outcome != CargoConfigFile::Outcome::Changed)
        return failure(path, located(path, edit.line, edit.message));
    CargoConfigResult result{true, true, path, {}, located(path, 0, edit.message)};
    if (!writeBackup(path, bytes, result.backupFile, error))
        return failure(path, error);
    if (edit.removeFile) {
        if (!QFile::remove(path))
            return failure(path, CargoConfigSwitch::tr("cannot remove %1; delete it by hand")
                                     .arg(HomePath::display(path)));
        result.message =
            located(path, 0,
                    CargoConfigSwitch::tr("removed (Stowaway had created it); cargo uses "
                                          "crates.io directly again"));
    } else if (!writeFile(path, edit.text, error)) {
        return failure(path, error);
    }
    qCDebug(lcCargoConfig) << "disabled in" << path;
    return result;
}

CargoConfigStatus CargoConfigSwitch::status(const QString &url, const QString &workingDir) const
{
    CargoConfigStatus status;
    status.file = configFile();
    status.fileExists = QFileInfo::exists(status.file);
    const QString expected = CargoConfigFile::registryValue(url);
    const QString where = HomePath::display(status.file);
    QByteArray bytes;
    QString error;
    if (status.fileExists && !readFile(status.file, bytes, error)) {
        status.state = CargoConfigStatus::Unreadable;
        status.message = error;
        return status;
    }
    const CargoConfigFile::State state = CargoConfigFile::inspect(bytes);
    status.registry = state.stowawayRegistry;
    status.replaceWith = state.replaceWith;
    status.addedByStowaway = state.tagged;
    status.line = state.parses ? state.replaceWithLine : state.errorLine;
    const QString at =
        status.line > 0 ? tr("%1 line %2").arg(where, QString::number(status.line)) : where;
    if (!state.parses) {
        status.state = CargoConfigStatus::Unreadable;
        status.message =
            CargoConfigSwitch::tr("%1: does not parse as TOML (%2), so cargo will refuse "
                                  "to run; fix it")
                .arg(at, state.error);
    } else if (state.replaceWith.isEmpty()) {
        status.state = CargoConfigStatus::NotEnabled;
        status.message =
            CargoConfigSwitch::tr("cargo uses crates.io directly (%1 does not replace it); "
                                  "run 'stowaway cargo-config enable' to use the mirror")
                .arg(where);
    } else if (state.replaceWith != QLatin1String(CargoConfigFile::SourceName)) {
        status.state = CargoConfigStatus::OtherSource;
        status.message =
            CargoConfigSwitch::tr("cargo replaces crates.io with \"%1\", not with Stowaway (%2)")
                .arg(state.replaceWith, at);
    } else if (state.stowawayRegistry == expected) {
        status.state = CargoConfigStatus::Enabled;
        status.message = (state.tagged ? tr("cargo uses the Stowaway mirror at %1 (%2, added by "
                                            "stowaway)")
                                       : tr("cargo uses the Stowaway mirror at %1 (%2, set by "
                                            "hand)"))
                             .arg(expected, at);
    } else {
        status.state = CargoConfigStatus::OtherMirror;
        status.message =
            CargoConfigSwitch::tr("cargo uses a Stowaway source at %1, not this mirror (%2) "
                                  "(%3); run 'stowaway cargo-config enable --url …' to "
                                  "switch")
                .arg(state.stowawayRegistry.isEmpty() ? tr("(no registry)")
                                                      : state.stowawayRegistry,
                     expected, at);
    }

    if (status.file.endsWith(QLatin1String("/config")) &&
        QFileInfo::exists(status.file + QStringLiteral(".toml")))
        status.notes.append(
            CargoConfigSwitch::tr("note: %1 is ignored: cargo reads %2 when both exist")
                .arg(HomePath::display(status.file + QStringLiteral(".toml")), where));

    // Project configs between the working folder and / win over CARGO_HOME.
    const QString homeFile = QFileInfo(status.file).canonicalFilePath();
    QDir dir(QFileInfo(workingDir).absoluteFilePath());
    for (int depth = 0; depth < 256; ++depth) {
        const QString candidate = CargoConfigFile::locate(dir.filePath(QStringLiteral(".cargo")));
        const QString canonical = QFileInfo(candidate).canonicalFilePath();
        QByteArray other;
        if (!canonical.isEmpty() && canonical != homeFile && readFile(candidate, other, error)) {
            const CargoConfigFile::State project = CargoConfigFile::inspect(other);
            if (!project.replaceWith.isEmpty()) {
                status.overrides.append({candidate, dir.absolutePath(), project.replaceWith});
                status.notes.append(
                    CargoConfigSwitch::tr("note: %1 also replaces crates-io (with \"%2\") "
                                          "and wins inside %3")
                        .arg(HomePath::display(candidate), project.replaceWith,
                             QDir::toNativeSeparators(dir.absolutePath())));
            } else if (!project.parses) {
                status.notes.append(
                    CargoConfigSwitch::tr("note: %1 does not parse as TOML (%2); cargo "
                                          "will refuse to run inside %3")
                        .arg(HomePath::display(candidate), project.error,
                             QDir::toNativeSeparators(dir.absolutePath())));
            }
        }
        if (!dir.cdUp())
            break;
    }
    return status;
}

} // namespace Stowaway
