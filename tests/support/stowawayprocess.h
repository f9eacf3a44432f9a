// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Stowaway::Testing {

/// The outcome of one run of the real `stowaway` binary ($STOWAWAY_BIN, set by ctest).
struct ProcessResult
{
    int exitCode = -1; ///< -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;
};

/// Runs the stowaway binary with `arguments`, STOWAWAY_MIRROR removed from the
/// environment and `env` added, for at most `timeoutMs`.
inline ProcessResult runStowaway(const QStringList &arguments,
                                 const QHash<QString, QString> &env = {}, int timeoutMs = 30000)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("STOWAWAY_MIRROR"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("STOWAWAY_BIN"), arguments);
    ProcessResult result;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace Stowaway::Testing
