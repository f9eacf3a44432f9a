// SPDX-License-Identifier: GPL-3.0-or-later
// macOS: a per-user LaunchAgent plist. The product compiles this file on Apple platforms only
// (core/CMakeLists.txt); it is plain Qt Core + POSIX, so tests/core/tst_launchagentautostart
// also builds and runs it on Linux. The factory at the bottom exists on Apple platforms only.
//
// SMAppService (macOS 13+) would be the modern way and shows up in System Settings as the app
// itself; it needs Objective-C++ and a signed bundle. A LaunchAgent plist works on every
// supported macOS, signed or not, and is plain file I/O, so it is what this file does.
#include "atomicfile.h"
#include "homepath.h"
#include "launchagentautostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QXmlStreamReader>

#include <utility>

Q_LOGGING_CATEGORY(lcLaunchAgent, "stowaway.autostart")

namespace Stowaway {

namespace {

bool samePath(const QString &a, const QString &b)
{
    const QString canonicalA = QFileInfo(a).canonicalFilePath();
    const QString canonicalB = QFileInfo(b).canonicalFilePath();
    if (!canonicalA.isEmpty() && !canonicalB.isEmpty())
        return canonicalA == canonicalB;
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) ==
           QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}

QString xmlString(const QString &text)
{
    return QStringLiteral("<string>") + text.toHtmlEscaped() + QStringLiteral("</string>");
}

} // namespace

LaunchAgentAutostart::LaunchAgentAutostart(AutostartOptions options)
    : m_options(std::move(options))
    , m_executable(QFileInfo(m_options.resolvedExecutable()).absoluteFilePath())
{}

QString LaunchAgentAutostart::agentFile() const
{
    const QString dir = m_options.launchAgentsDir.isEmpty()
                            ? QDir::homePath() + QStringLiteral("/Library/LaunchAgents")
                            : m_options.launchAgentsDir;
    return dir + QLatin1Char('/') + QLatin1String(Label) + QStringLiteral(".plist");
}

QString LaunchAgentAutostart::systemAgentFile() const
{
    const QString dir = m_options.systemLaunchAgentsDir.isEmpty()
                            ? QStringLiteral("/Library/LaunchAgents")
                            : m_options.systemLaunchAgentsDir;
    return dir + QLatin1Char('/') + QLatin1String(Label) + QStringLiteral(".plist");
}

LaunchAgentAutostart::Agent LaunchAgentAutostart::readAgent(const QString &file)
{
    Agent agent;
    agent.file = file;
    agent.exists = QFileInfo::exists(file);
    QFile f(file);
    if (!agent.exists || !f.open(QIODevice::ReadOnly))
        return agent;
    QXmlStreamReader xml(&f);
    // Walk the top-level <dict>: remember the last <key>, act on the value that follows it.
    // launchd runs `Program` when present; otherwise the first of `ProgramArguments`.
    QString key;
    QString program;
    QString firstArgument;
    int dictDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("dict")) {
                ++dictDepth;
            } else if (dictDepth == 1 && name == QLatin1String("key")) {
                key = xml.readElementText();
            } else if (dictDepth == 1 && key == QLatin1String("Disabled")) {
                agent.disabled = name == QLatin1String("true");
            } else if (dictDepth == 1 && key == QLatin1String("Program") &&
                       name == QLatin1String("string")) {
                program = xml.readElementText();
            } else if (dictDepth == 1 && key == QLatin1String("ProgramArguments") &&
                       name == QLatin1String("string") && firstArgument.isNull()) {
                firstArgument = xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("dict")) {
            --dictDepth;
        }
    }
    agent.program = program.isEmpty() ? firstArgument : program;
    agent.readable = !xml.hasError();
    if (!agent.readable)
        qCWarning(lcLaunchAgent) << "cannot parse" << file << xml.errorString();
    return agent;
}

bool LaunchAgentAutostart::startsUs(const Agent &agent) const
{
    return !agent.program.isEmpty() && samePath(agent.program, m_executable);
}

QString LaunchAgentAutostart::administratorMessage(const Agent &agent) const
{
    return Autostart::tr(
               "An administrator set %1 to start at login for every user in %2; ask them to "
               "change it.")
        .arg(m_options.displayName, agent.file);
}

bool LaunchAgentAutostart::isEnabled() const
{
    Agent agent = readAgent(agentFile());
    if (!agent.exists)
        agent = readAgent(systemAgentFile());
    return agent.readable && !agent.disabled && startsUs(agent);
}

bool LaunchAgentAutostart::isManagedElsewhere() const
{
    const Agent user = readAgent(agentFile());
    if (user.exists)
        return !user.readable || !startsUs(user);
    return QFileInfo::exists(systemAgentFile());
}

QString LaunchAgentAutostart::description() const
{
    if (!QFileInfo::exists(agentFile()) && QFileInfo::exists(systemAgentFile()))
        return Autostart::tr("Set by an administrator in %1").arg(systemAgentFile());
    return HomePath::display(agentFile());
}

bool LaunchAgentAutostart::setEnabled(bool on, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        qCWarning(lcLaunchAgent).noquote() << message;
        return false;
    };
    const Agent user = readAgent(agentFile());
    if (user.exists && !user.readable) {
        return fail(
            Autostart::tr("Cannot read %1, so start at login was left as it is; check that it is a "
                          "valid property list and try again.")
                .arg(user.file));
    }
    if (user.exists && !startsUs(user)) {
        if (!on)
            return true; // it does not start this binary, and it is not ours to remove
        return fail(
            Autostart::tr("%1 already starts %2 at login, not this copy of %3 (%4); it was left "
                          "alone. Remove that file, then try again.")
                .arg(HomePath::display(user.file), user.program, m_options.displayName,
                     m_executable));
    }
    const Agent system = readAgent(systemAgentFile());
    const bool systemStartsUs = system.readable && !system.disabled && startsUs(system);
    if (!on) {
        if (user.exists && !user.disabled) {
            QString removeError;
            if (!AtomicFile::remove(user.file, &removeError))
                return fail(
                    Autostart::tr("Could not turn off start at login: %1").arg(removeError));
        }
        if (!user.exists && systemStartsUs)
            return fail(administratorMessage(system));
        return true;
    }
    if (!user.exists && system.exists) {
        // launchd refuses a second job with the same label, so the administrator's agent for
        // this binary already does the job, and one for another binary would win.
        if (systemStartsUs)
            return true;
        return fail(administratorMessage(system));
    }
    QString writeError;
    if (!AtomicFile::write(agentFile(), plist(), QFileInfo(agentFile()).absolutePath(),
                           &writeError))
        return fail(Autostart::tr("Could not turn on start at login: %1").arg(writeError));
    qCInfo(lcLaunchAgent) << "wrote" << agentFile();
    return true;
}

QByteArray LaunchAgentAutostart::plist() const
{
    QString args = QStringLiteral("        ") + xmlString(m_executable) + QLatin1Char('\n');
    for (const QString &arg : m_options.arguments)
        args += QStringLiteral("        ") + xmlString(arg) + QLatin1Char('\n');
    const QString text = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                                        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                                        "<plist version=\"1.0\">\n"
                                        "<dict>\n"
                                        "    <key>Label</key>\n"
                                        "    ") +
                         xmlString(QLatin1String(Label)) +
                         QStringLiteral("\n"
                                        "    <key>ProgramArguments</key>\n"
                                        "    <array>\n") +
                         args +
                         QStringLiteral("    </array>\n"
                                        "    <key>RunAtLoad</key>\n"
                                        "    <true/>\n"
                                        "    <key>ProcessType</key>\n"
                                        "    <string>Interactive</string>\n"
                                        "    <key>LimitLoadToSessionType</key>\n"
                                        "    <string>Aqua</string>\n"
                                        "</dict>\n"
                                        "</plist>\n");
    return text.toUtf8();
}

#ifdef Q_OS_DARWIN
std::unique_ptr<Autostart> Autostart::create(const AutostartOptions &options)
{
    return std::make_unique<LaunchAgentAutostart>(options);
}
#endif

} // namespace Stowaway
