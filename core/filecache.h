// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace Stowaway {

/**
 * A bounded, thread-safe cache of whole files read from disk, for serving them over HTTP.
 *
 * Every lookup stats the file; the cached bytes are reused only while the file's identity
 * (device, inode, size, mtime, ctime) is unchanged, so a file replaced by an atomic rename
 * or rewritten in place is read again. A body always comes from one open file descriptor,
 * so it is never a mix of two versions. The bytes are shared implicitly (QByteArray).
 *
 * Memory is bounded: when the cached bytes exceed the limit the least recently used
 * entries are dropped; a file bigger than an eighth of the limit is served without being
 * kept. Missing files are not cached (a stat is all they cost).
 *
 * Paths are native, already-encoded byte strings (QFile::encodeName); the caller is
 * responsible for building them only from validated parts. Every member is thread-safe.
 */
class FileCache final
{
public:
    /// One file as served: content, a strong ETag derived from the content, and metadata.
    struct File
    {
        QByteArray bytes;
        QByteArray etag;         ///< quoted strong entity tag, e.g. `"3f0a…"` (SHA-256 prefix)
        QByteArray lastModified; ///< the mtime as an IMF-fixdate
        qint64 mtimeSecs = 0;    ///< seconds since the epoch (UTC)
        qint64 size = 0;
        quint64 inode = 0;
    };

    enum class Status {
        Found,
        NotFound, ///< no such file, or not a regular file
        Failed,   ///< the file exists but could not be read
    };

    struct Lookup
    {
        Status status = Status::NotFound;
        File file;
    };

    explicit FileCache(qint64 maxBytes = qint64(256) * 1024 * 1024);
    ~FileCache();
    Q_DISABLE_COPY_MOVE(FileCache)

    /// The current content of `nativePath`, from the cache when the file is unchanged.
    Lookup get(const QByteArray &nativePath);
    Lookup get(const QString &path) { return get(encodePath(path)); }

    qint64 maxBytes() const { return m_maxBytes; }
    qint64 cachedBytes() const { return m_totalBytes.load(std::memory_order_relaxed); }
    qsizetype entryCount() const;
    /// How many lookups were answered from memory and how many read the file.
    quint64 hits() const { return m_hits.load(std::memory_order_relaxed); }
    quint64 loads() const { return m_loads.load(std::memory_order_relaxed); }
    void clear();

private:
    struct Node;
    struct Shard;
    static constexpr int ShardCount = 16;

    static QByteArray encodePath(const QString &path);
    Shard &shardFor(const QByteArray &key);
    void store(const QByteArray &key, std::shared_ptr<Node> node);
    void evict();
    void evictPass();

    const qint64 m_maxBytes;
    std::array<std::unique_ptr<Shard>, ShardCount> m_shards;
    std::atomic<qint64> m_totalBytes{0};
    std::atomic<quint64> m_hits{0};
    std::atomic<quint64> m_loads{0};
    std::mutex m_evictMutex;
};

} // namespace Stowaway
