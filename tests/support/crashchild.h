// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QThread>

namespace Stowaway::Testing {

/**
 * For crash tests: starts this test binary again as a child with `variable=value` in its
 * environment (the child sees it and runs its writer loop, printing a line per unit of
 * work), waits until it has printed `lines` lines, waits a random 0..`jitterUs` more so the
 * kill lands anywhere inside the next unit, then SIGKILLs it. Returns an empty string when
 * the child was killed as planned, else what went wrong.
 */
inline QString killChildAfterLines(const QString &variable, const QString &value, int lines,
                                   int jitterUs)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(variable, value);
    child.setProcessEnvironment(env);
    child.setProgram(QCoreApplication::applicationFilePath());
    child.start();
    if (!child.waitForStarted(10000))
        return child.errorString();
    int seen = 0;
    QElapsedTimer timer;
    timer.start();
    while (seen < lines && timer.elapsed() < 30000) {
        if (!child.canReadLine() && !child.waitForReadyRead(1000)) {
            if (child.state() != QProcess::Running)
                return QStringLiteral("the child exited: ") +
                       QString::fromLocal8Bit(child.readAllStandardError());
            continue;
        }
        while (child.canReadLine() && seen < lines) {
            child.readLine();
            ++seen;
        }
    }
    if (seen < lines)
        return QStringLiteral("the child printed %1 of %2 lines in 30 s").arg(seen).arg(lines);
    QThread::usleep(QRandomGenerator::global()->bounded(jitterUs));
    child.kill(); // SIGKILL
    if (!child.waitForFinished(10000) || child.exitStatus() != QProcess::CrashExit)
        return QStringLiteral("the child did not die from SIGKILL");
    return {};
}

} // namespace Stowaway::Testing
