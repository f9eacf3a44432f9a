// SPDX-License-Identifier: GPL-3.0-or-later
// The XDG autostart entry; compiled on Linux and other non-Apple Unixes only (core/CMakeLists.txt).
#include "atomicfile.h"
#include "desktopentry.h"
#include "homepath.h"
#include "xdgautostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <utility>

Q_LOGGING_CATEGORY(lcXdgAutostart, "stowaway.autostart")

namespace Stowaway {

namespace {

QString configRoot(const AutostartOptions &options)
{
    if (!options.configRoot.isEmpty())
        return options.configRoot;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
}

QStringList systemConfigDirs(const AutostartOptions &options)
{
    if (options.systemConfigDirs)
        return *options.systemConfigDirs;
    const QString fromEnv = qEnvironmentVariable("XDG_CONFIG_DIRS");
    if (fromEnv.isEmpty())
        return {QStringLiteral("/etc/xdg")};
    return fromEnv.split(QLatin1Char(':'), Qt::SkipEmptyParts);
}

bool samePath(const QString &a, const QString &b)
{
    const QString canonicalA = QFileInfo(a).canonicalFilePath();
    const QString canonicalB = QFileInfo(b).canonicalFilePath();
    if (!canonicalA.isEmpty() && !canonicalB.isEmpty())
        return canonicalA == canonicalB;
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) ==
           QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}

} // namespace

std::unique_ptr<Autostart> Autostart::create(const AutostartOptions &options)
{
    return std::make_unique<XdgAutostart>(options);
}

XdgAutostart::XdgAutostart(AutostartOptions options)
    : m_options(std::move(options))
    , m_executable(QFileInfo(m_options.resolvedExecutable()).absoluteFilePath())
{}

QString XdgAutostart::entryFile() const
{
    return configRoot(m_options) + QStringLiteral("/autostart/") + m_options.appId +
           QStringLiteral(".desktop");
}

bool XdgAutostart::isFlatpak() const
{
    return QFileInfo::exists(m_options.flatpakInfoFile.isEmpty() ? QStringLiteral("/.flatpak-info")
                                                                 : m_options.flatpakInfoFile);
}

QByteArray XdgAutostart::entryContent() const
{
    const QString comment =
        Autostart::tr("Keeps the crates.io mirror served to cargo, from the tray");
    QString text;
    text += QStringLiteral("[Desktop Entry]\n");
    text += QStringLiteral("Type=Application\n");
    text += QStringLiteral("Name=") + DesktopEntry::escapeValue(m_options.displayName) +
            QLatin1Char('\n');
    text += QStringLiteral("Comment=") + DesktopEntry::escapeValue(comment) + QLatin1Char('\n');
    text += QStringLiteral("Exec=") + DesktopEntry::execValue(m_executable, m_options.arguments) +
            QLatin1Char('\n');
    text +=
        QStringLiteral("Icon=") + DesktopEntry::escapeValue(m_options.appId) + QLatin1Char('\n');
    text += QStringLiteral("Terminal=false\n");
    // The tray must exist before the app asks for it; a short delay avoids the "no tray
    // yet, show the window" path at login on GNOME, and KDE orders it after the panel.
    text += QStringLiteral("X-GNOME-Autostart-enabled=true\n");
    text += QStringLiteral("X-GNOME-Autostart-Delay=5\n");
    text += QStringLiteral("X-KDE-autostart-after=panel\n");
    return text.toUtf8();
}

XdgAutostart::Entry XdgAutostart::readEntry(const QString &file) const
{
    Entry entry;
    entry.file = file;
    const QFileInfo info(file);
    entry.exists = info.exists();
    if (!entry.exists)
        return entry;
    QFile f(file);
    if (!info.isFile() || !f.open(QIODevice::ReadOnly)) {
        qCWarning(lcXdgAutostart) << "cannot read" << file << f.errorString();
        return entry;
    }
    entry.readable = true;
    const QHash<QString, QString> keys = DesktopEntry::readGroup(f.readAll());
    entry.disabled =
        DesktopEntry::isTrue(keys.value(QStringLiteral("Hidden"))) ||
        keys.value(QStringLiteral("X-GNOME-Autostart-enabled")) == QLatin1String("false");
    const auto exec = keys.constFind(QStringLiteral("Exec"));
    if (exec != keys.cend()) {
        entry.hasExec = true;
        const QStringList words = DesktopEntry::splitExec(exec.value());
        QString program = words.value(0);
        if (!program.isEmpty() && !program.contains(QLatin1Char('/'))) {
            const QString found = QStandardPaths::findExecutable(program);
            if (!found.isEmpty())
                program = found;
        }
        entry.program = program;
    }
    return entry;
}

XdgAutostart::Entry XdgAutostart::systemEntry() const
{
    const QString name =
        QStringLiteral("/autostart/") + m_options.appId + QStringLiteral(".desktop");
    for (const QString &dir : systemConfigDirs(m_options)) {
        Entry entry = readEntry(dir + name);
        if (entry.exists)
            return entry;
    }
    return {};
}

bool XdgAutostart::startsUs(const Entry &entry) const
{
    return entry.hasExec && !entry.program.isEmpty() && samePath(entry.program, m_executable);
}

QString XdgAutostart::systemEntryMessage(const Entry &entry) const
{
    return Autostart::tr(
               "An administrator set %1 to start at login for every user in %2; to change it, "
               "ask them or use your desktop's startup applications settings.")
        .arg(m_options.displayName, entry.file);
}

bool XdgAutostart::isEnabled() const
{
    Entry entry = readEntry(entryFile());
    if (!entry.exists)
        entry = systemEntry();
    return entry.readable && !entry.disabled && startsUs(entry);
}

bool XdgAutostart::isManagedElsewhere() const
{
    const Entry user = readEntry(entryFile());
    if (user.exists)
        return !user.readable || (user.hasExec && !startsUs(user));
    const Entry system = systemEntry();
    return system.exists && !system.disabled;
}

QString XdgAutostart::description() const
{
    if (isFlatpak())
        return Autostart::tr("Needs the Background portal: %1 runs in Flatpak")
            .arg(m_options.displayName);
    const Entry user = readEntry(entryFile());
    if (!user.exists) {
        const Entry system = systemEntry();
        if (system.exists && !system.disabled)
            return Autostart::tr("Set by an administrator in %1").arg(system.file);
    }
    return HomePath::display(entryFile());
}

bool XdgAutostart::setEnabled(bool on, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        qCWarning(lcXdgAutostart).noquote() << message;
        return false;
    };
    const QString file = entryFile();
    const Entry user = readEntry(file);
    if (user.exists && !user.readable) {
        return fail(
            Autostart::tr("Cannot read %1, so start at login was left as it is; check that it is "
                          "a readable file and try again.")
                .arg(file));
    }
    if (user.hasExec && !startsUs(user)) {
        if (!on)
            return true; // not ours: it does not start this binary, and it is not ours to remove
        return fail(
            Autostart::tr("%1 already starts %2 at login, not this copy of %3 (%4); it was left "
                          "alone. Remove that file or turn it off in your desktop's startup "
                          "applications settings, then try again.")
                .arg(HomePath::display(file), user.program, m_options.displayName, m_executable));
    }

    if (!on) {
        if (user.exists && !user.disabled) {
            QString removeError;
            if (!AtomicFile::remove(file, &removeError))
                return fail(
                    Autostart::tr("Could not turn off start at login: %1").arg(removeError));
            qCInfo(lcXdgAutostart) << "removed" << file;
        }
        const Entry system = user.exists ? Entry{} : systemEntry();
        if (system.exists && !system.disabled && startsUs(system))
            return fail(systemEntryMessage(system));
        return true;
    }

    if (isFlatpak()) {
        return fail(
            Autostart::tr("%1 runs in Flatpak, where starting at login needs the Background "
                          "portal, which this version does not use yet; add %1 in your desktop's "
                          "startup applications settings instead.")
                .arg(m_options.displayName));
    }
    if (!user.exists) {
        const Entry system = systemEntry();
        if (system.exists && !system.disabled && system.hasExec && !startsUs(system))
            return fail(systemEntryMessage(system));
    }
    QString writeError;
    const QString dir = QFileInfo(file).absolutePath();
    if (!AtomicFile::write(file, entryContent(), dir, &writeError))
        return fail(Autostart::tr("Could not turn on start at login: %1").arg(writeError));
    qCInfo(lcXdgAutostart) << "wrote" << file;
    return true;
}

} // namespace Stowaway
