// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncworker.h"

#include "mirrorstore.h"
#include "syncengine.h"

#include <QNetworkAccessManager>

namespace Stowaway {

SyncWorker::SyncWorker(MirrorLayout layout) : m_layout(std::move(layout)) {}

SyncWorker::~SyncWorker() = default;

void SyncWorker::run(const SyncOverrides &overrides, bool fastRetriesForTests)
{
    if (m_engine && m_engine->isRunning())
        return fail(tr("a sync is already running"));
    QString error;
    if (!m_store) {
        auto store = std::make_unique<MirrorStore>(m_layout);
        if (!store->open(&error))
            return fail(error);
        m_store = std::move(store);
        m_nam = std::make_unique<QNetworkAccessManager>();
    }
    // Another process (the CLI) may have changed mirror.toml since: read it again.
    MirrorConfig config;
    if (!config.load(m_layout.configFile(), m_layout.tempDir(), &error))
        return fail(error);
    const auto request = SyncRequestBuilder::build(config, overrides, &error);
    if (!request)
        return fail(error);
    m_engine = std::make_unique<SyncEngine>(*m_store, *m_nam);
    m_engine->setFastRetriesForTests(fastRetriesForTests);
    connect(m_engine.get(), &SyncEngine::progressChanged, this, &SyncWorker::progressChanged);
    connect(m_engine.get(), &SyncEngine::finished, this, &SyncWorker::finished);
    m_engine->start(*request);
}

void SyncWorker::cancel()
{
    if (m_engine && m_engine->isRunning())
        m_engine->cancel();
}

void SyncWorker::shutdown()
{
    cancel();
    m_engine.reset();
    m_nam.reset();
    m_store.reset();
}

void SyncWorker::fail(const QString &message)
{
    SyncResult result;
    result.outcome = SyncResult::Outcome::Failed;
    result.message = message;
    Q_EMIT finished(result);
}

} // namespace Stowaway
