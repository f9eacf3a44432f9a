// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressrenderer.h"

#include "datasize.h"

#include <QLocale>

#include <sys/ioctl.h>
#include <unistd.h>

namespace Stowaway {

namespace {
QString count(qint64 value)
{
    return ProgressRenderer::outputLocale().toString(value);
}
} // namespace

ProgressRenderer::ProgressRenderer(QTextStream &stream, bool interactive, int width,
                                   qint64 plainIntervalMs)
    : m_stream(stream)
    , m_interactive(interactive)
    , m_width(std::max(width, 40))
    , m_plainIntervalMs(plainIntervalMs)
{}

void ProgressRenderer::update(const SyncProgress &progress)
{
    if (m_interactive) {
        // Redraw in place; one column short of the width so the cursor never wraps.
        QString text = line(progress, m_width - 1);
        const int length = int(text.size());
        if (length < m_lastLength)
            text += QString(m_lastLength - length, QLatin1Char(' '));
        m_stream << '\r' << text;
        m_stream.flush();
        m_lastLength = length;
        m_drawn = true;
        return;
    }
    const bool phaseChanged = !m_drawn || progress.phase != m_lastPhase;
    if (!phaseChanged && m_sinceLastLine.isValid() && m_sinceLastLine.elapsed() < m_plainIntervalMs)
        return;
    m_stream << line(progress, 200) << '\n';
    m_stream.flush();
    m_sinceLastLine.start();
    m_lastPhase = progress.phase;
    m_drawn = true;
}

void ProgressRenderer::finish()
{
    if (m_interactive && m_drawn) {
        m_stream << '\n';
        m_stream.flush();
    }
    m_drawn = false;
}

QString ProgressRenderer::phaseLabel(SyncProgress::Phase phase)
{
    switch (phase) {
    case SyncProgress::Phase::Starting:
        return tr("starting");
    case SyncProgress::Phase::Selecting:
        return tr("selecting");
    case SyncProgress::Phase::Resolving:
        return tr("resolving");
    case SyncProgress::Phase::Downloading:
        return tr("downloading");
    case SyncProgress::Phase::Done:
        return tr("done");
    case SyncProgress::Phase::Failed:
        return tr("failed");
    case SyncProgress::Phase::Cancelled:
        return tr("cancelled");
    }
    return SyncProgress::phaseName(phase);
}

QString ProgressRenderer::line(const SyncProgress &p, int width)
{
    QString text = phaseLabel(p.phase).leftJustified(12);
    const bool downloading = p.phase == SyncProgress::Phase::Downloading ||
                             (p.filesTotal > 0 && p.phase != SyncProgress::Phase::Resolving);
    const int barWidth = width >= 100 ? 24 : (width >= 70 ? 16 : 8);
    const auto bar = [barWidth](double fraction) -> QString {
        const int filled = std::clamp(int(fraction * barWidth + 0.5), 0, barWidth);
        return QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
               QString(barWidth - filled, QLatin1Char('-')) + QStringLiteral("] ");
    };
    if (p.phase == SyncProgress::Phase::Starting && p.indexObjectsTotal > 0) {
        // Cloning or fetching a git index.
        text = tr("fetching").leftJustified(12) +
               bar(double(p.indexObjectsDone) / double(p.indexObjectsTotal)) +
               tr("%1/%2 git objects").arg(count(p.indexObjectsDone), count(p.indexObjectsTotal)) +
               QStringLiteral("  ") + formatBytes(p.indexBytesReceived);
    } else if (!downloading) {
        text += tr("%1/%2 index files").arg(count(p.indexFilesDone), count(p.indexFilesTotal));
    } else {
        const double fraction =
            p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal)
                             : (p.filesTotal > 0 ? double(p.filesDone) / double(p.filesTotal) : 0);
        text += bar(fraction);
        text += tr("%1/%2 crates").arg(count(p.filesDone), count(p.filesTotal));
        if (p.filesFailed > 0)
            text += QLatin1Char(' ') + tr("(%1 failed)").arg(count(p.filesFailed));
        text += QStringLiteral("  ") + formatBytes(p.bytesDone);
        if (p.bytesTotal >= 0)
            text += QLatin1Char('/') + formatBytes(p.bytesTotal);
        if (p.bytesPerSecond > 0)
            text +=
                QStringLiteral("  ") + formatBytes(qint64(p.bytesPerSecond)) + QStringLiteral("/s");
        if (p.etaSeconds >= 0)
            text += QStringLiteral("  ") + tr("ETA %1").arg(formatEta(p.etaSeconds));
    }
    if (!p.currentItem.isEmpty() && text.size() + 2 < width)
        text += QStringLiteral("  ") + p.currentItem;
    if (text.size() > width)
        text = text.left(width - 1) + QChar(0x2026);
    return text;
}

QLocale ProgressRenderer::outputLocale()
{
    const QLocale locale;
    return locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates)
                                           : locale;
}

QString ProgressRenderer::formatBytes(qint64 bytes)
{
    return DataSize::format(bytes, outputLocale());
}

QString ProgressRenderer::formatEta(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("?");
    const qint64 h = seconds / 3600;
    const qint64 m = seconds / 60 % 60;
    const qint64 s = seconds % 60;
    const QString mmss = QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return h > 0 ? QStringLiteral("%1:%2:%3")
                       .arg(h)
                       .arg(m, 2, 10, QLatin1Char('0'))
                       .arg(s, 2, 10, QLatin1Char('0'))
                 : mmss;
}

bool ProgressRenderer::isTerminal(int fd, int *columns)
{
    if (columns)
        *columns = 80;
    if (!::isatty(fd))
        return false;
    winsize size = {};
    if (columns && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        *columns = size.ws_col;
    return true;
}

} // namespace Stowaway
