// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Stowaway {

/**
 * Turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the thread that created the
 * watcher (the self-pipe trick: the handler only writes one byte to a socket pair),
 * so a server stops cleanly — logs flushed, state closed — on Ctrl-C or `kill`.
 * At most one instance exists at a time: POSIX signal handlers are process-wide.
 */
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    /// The process was asked to stop; `signalNumber` is SIGINT, SIGTERM or SIGHUP.
    void stopRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Stowaway
