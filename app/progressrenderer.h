// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncprogress.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QString>
#include <QTextStream>

namespace Stowaway {

/**
 * Draws sync progress on a terminal: one line redrawn in place with a bar, files, bytes,
 * rate and ETA when the stream is a terminal; otherwise (a pipe, a CI log) a plain line
 * when the phase changes and at most every few seconds, so logs stay readable.
 */
class ProgressRenderer final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::ProgressRenderer)

public:
    ProgressRenderer(QTextStream &stream, bool interactive, int width = 80,
                     qint64 plainIntervalMs = 5000);

    void update(const SyncProgress &progress);
    /// Ends the redrawn line (interactive) so later output starts on a fresh line.
    void finish();

    /// The one-line text for `progress`, at most `width` characters.
    /// The phase as the progress line shows it (translated; SyncProgress::phaseName is the code).
    static QString phaseLabel(SyncProgress::Phase phase);
    static QString line(const SyncProgress &progress, int width);
    /// The locale numbers and sizes are written in on the command line: the system's (so
    /// "1.204" in German), or English ("1,204") when the system's is C/POSIX.
    static QLocale outputLocale();
    static QString formatBytes(qint64 bytes);
    static QString formatEta(qint64 seconds);

    /// True when the file descriptor is a terminal; `columns` gets its width (or 80).
    static bool isTerminal(int fd, int *columns);

private:
    QTextStream &m_stream;
    bool m_interactive;
    int m_width;
    qint64 m_plainIntervalMs;
    QElapsedTimer m_sinceLastLine;
    SyncProgress::Phase m_lastPhase = SyncProgress::Phase::Starting;
    bool m_drawn = false;
    int m_lastLength = 0;
};

} // namespace Stowaway
