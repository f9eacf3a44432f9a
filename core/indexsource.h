// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indexfetch.h"
#include "registryconfig.h"

#include <QObject>

namespace Stowaway {

/**
 * Where the SyncEngine gets a registry's config.json and crate index files from. Two
 * implementations: IndexClient (a sparse index over HTTP, conditional requests with the
 * ETag / Last-Modified the caller kept) and GitIndexSource (a bare clone of a git index,
 * files read from the object database, the blob id as the ETag).
 *
 * Asynchronous on the owner's thread: fetchConfig() ends in exactly one configReady() or
 * configFailed(), each fetch() in exactly one indexFetched() (see IndexFetch for the
 * statuses), and abortAll() drops everything outstanding without further signals. A source
 * that does blocking work does it on another thread and signals back on its own.
 */
class IndexSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexSource)
public:
    using QObject::QObject;
    ~IndexSource() override = default;

    virtual void fetchConfig() = 0;
    /// @p etag / @p lastModified: the validators of the copy the caller holds (empty: none).
    virtual void fetch(const QString &name, const QByteArray &etag = {},
                       const QByteArray &lastModified = {}) = 0;
    virtual void abortAll() = 0;

Q_SIGNALS:
    void configReady(const Stowaway::RegistryConfig &config);
    /// @p message is one line saying what happened and what to do.
    void configFailed(const QString &message, bool unreachable);
    void indexFetched(const Stowaway::IndexFetch &result);
};

} // namespace Stowaway
