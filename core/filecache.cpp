// SPDX-License-Identifier: GPL-3.0-or-later
#include "filecache.h"

#include "httpdate.h"
#include "httpvalidators.h"

#include <QFile>
#include <QHash>
#include <QList>

#include <algorithm>
#include <chrono>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QDateTime>
#include <QFileInfo>
#endif

namespace Stowaway {

namespace {

// What tells one version of a file from another without reading it.
struct Identity
{
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    bool operator==(const Identity &) const = default;
};

#ifdef Q_OS_UNIX
#ifdef Q_OS_DARWIN
#define STOWAWAY_ST_MTIM st_mtimespec
#define STOWAWAY_ST_CTIM st_ctimespec
#else
#define STOWAWAY_ST_MTIM st_mtim
#define STOWAWAY_ST_CTIM st_ctim
#endif

Identity identityOf(const struct stat &st)
{
    Identity id;
    id.device = quint64(st.st_dev);
    id.inode = quint64(st.st_ino);
    id.size = qint64(st.st_size);
    id.mtimeNs = qint64(st.STOWAWAY_ST_MTIM.tv_sec) * 1000000000 + st.STOWAWAY_ST_MTIM.tv_nsec;
    id.ctimeNs = qint64(st.STOWAWAY_ST_CTIM.tv_sec) * 1000000000 + st.STOWAWAY_ST_CTIM.tv_nsec;
    return id;
}

enum class StatResult { Regular, Missing, Failed };

StatResult statPath(const QByteArray &path, Identity &id)
{
    struct stat st;
    if (::stat(path.constData(), &st) != 0)
        return (errno == ENOENT || errno == ENOTDIR) ? StatResult::Missing : StatResult::Failed;
    if (!S_ISREG(st.st_mode))
        return StatResult::Missing;
    id = identityOf(st);
    return StatResult::Regular;
}

// Reads the whole file through one descriptor; `id` describes exactly the bytes read.
StatResult readFile(const QByteArray &path, QByteArray &bytes, Identity &id)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return (errno == ENOENT || errno == ENOTDIR) ? StatResult::Missing : StatResult::Failed;
    StatResult result = StatResult::Failed;
    for (int attempt = 0; attempt < 3; ++attempt) {
        struct stat before;
        if (::fstat(fd, &before) != 0)
            break;
        if (!S_ISREG(before.st_mode)) {
            result = StatResult::Missing;
            break;
        }
        QByteArray data(qsizetype(before.st_size), Qt::Uninitialized);
        qsizetype done = 0;
        bool failed = false;
        for (;;) {
            if (done == data.size())
                data.resize(data.size() + 4096); // the file grew while being read
            const ssize_t n = ::pread(fd, data.data() + done, size_t(data.size() - done), done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                failed = true;
                break;
            }
            if (n == 0)
                break;
            done += n;
        }
        if (failed)
            break;
        data.truncate(done);
        struct stat after;
        if (::fstat(fd, &after) != 0)
            break;
        // Rewritten in place while we read: read again rather than serve a torn body.
        if (identityOf(after) == identityOf(before) && done == qsizetype(after.st_size)) {
            bytes = std::move(data);
            id = identityOf(after);
            result = StatResult::Regular;
            break;
        }
    }
    ::close(fd);
    return result;
}
#else
enum class StatResult { Regular, Missing, Failed };

StatResult statPath(const QByteArray &path, Identity &id)
{
    const QFileInfo info(QFile::decodeName(path));
    if (!info.exists() || !info.isFile())
        return StatResult::Missing;
    id.size = info.size();
    id.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1000000;
    id.ctimeNs = info.metadataChangeTime().toMSecsSinceEpoch() * 1000000;
    return StatResult::Regular;
}

StatResult readFile(const QByteArray &path, QByteArray &bytes, Identity &id)
{
    QFile file(QFile::decodeName(path));
    if (!file.open(QIODevice::ReadOnly))
        return file.exists() ? StatResult::Failed : StatResult::Missing;
    bytes = file.readAll();
    return statPath(path, id);
}
#endif

} // namespace

struct FileCache::Node
{
    File file;
    Identity identity;
    std::atomic<qint64> lastUsed{0};
};

struct FileCache::Shard
{
    mutable std::shared_mutex lock;
    QHash<QByteArray, std::shared_ptr<Node>> nodes;
};

FileCache::FileCache(qint64 maxBytes) : m_maxBytes(std::max<qint64>(maxBytes, 0))
{
    for (auto &shard : m_shards)
        shard = std::make_unique<Shard>();
}

FileCache::~FileCache() = default;

QByteArray FileCache::encodePath(const QString &path)
{
    return QFile::encodeName(path);
}

FileCache::Shard &FileCache::shardFor(const QByteArray &key)
{
    return *m_shards[qHash(key) % ShardCount];
}

FileCache::Lookup FileCache::get(const QByteArray &nativePath)
{
    Identity current;
    const StatResult stat = statPath(nativePath, current);
    if (stat != StatResult::Regular)
        return {stat == StatResult::Missing ? Status::NotFound : Status::Failed, {}};

    Shard &shard = shardFor(nativePath);
    {
        std::shared_lock guard(shard.lock);
        const auto it = shard.nodes.constFind(nativePath);
        if (it != shard.nodes.cend() && (*it)->identity == current) {
            Node &node = **it;
            // Recency is the load counter: every load is a new tick, so eviction order is
            // exact, and a hit only reads the shared counter (no write unless it moved).
            const qint64 now = qint64(m_loads.load(std::memory_order_relaxed));
            if (node.lastUsed.load(std::memory_order_relaxed) != now)
                node.lastUsed.store(now, std::memory_order_relaxed);
            m_hits.fetch_add(1, std::memory_order_relaxed);
            return {Status::Found, node.file};
        }
    }

    // Not cached or changed: read it (outside every lock).
    auto node = std::make_shared<Node>();
    const StatResult read = readFile(nativePath, node->file.bytes, node->identity);
    if (read != StatResult::Regular)
        return {read == StatResult::Missing ? Status::NotFound : Status::Failed, {}};
    const qint64 tick = qint64(m_loads.fetch_add(1, std::memory_order_relaxed)) + 1;
    File &file = node->file;
    file.size = file.bytes.size();
    file.inode = node->identity.inode;
    file.mtimeSecs = node->identity.mtimeNs / 1000000000;
    if (node->identity.mtimeNs < 0 && node->identity.mtimeNs % 1000000000 != 0)
        --file.mtimeSecs;
    file.etag = HttpValidators::strongEtag(file.bytes);
    file.lastModified = HttpDate::imfFixdate(file.mtimeSecs);
    node->lastUsed.store(tick, std::memory_order_relaxed);
    Lookup result{Status::Found, file};
    if (file.size <= m_maxBytes / 8)
        store(nativePath, std::move(node));
    return result;
}

void FileCache::store(const QByteArray &key, std::shared_ptr<Node> node)
{
    Shard &shard = shardFor(key);
    const qint64 added = node->file.size;
    {
        std::unique_lock guard(shard.lock);
        auto it = shard.nodes.find(key);
        if (it != shard.nodes.end()) {
            m_totalBytes.fetch_sub((*it)->file.size, std::memory_order_relaxed);
            *it = std::move(node);
        } else {
            shard.nodes.insert(key, std::move(node));
        }
    }
    if (m_totalBytes.fetch_add(added, std::memory_order_relaxed) + added > m_maxBytes)
        evict();
}

void FileCache::evict()
{
    // One thread evicts at a time; the others return at once. The evicting thread checks
    // the total again after letting go of the lock, so bytes another thread added while it
    // held the lock are never left over the limit.
    while (m_totalBytes.load(std::memory_order_relaxed) > m_maxBytes) {
        std::unique_lock evicting(m_evictMutex, std::try_to_lock);
        if (!evicting.owns_lock())
            return;
        evictPass();
    }
}

void FileCache::evictPass()
{
    struct Candidate
    {
        qint64 lastUsed;
        int shard;
        QByteArray key;
        const Node *node;
    };
    QList<Candidate> candidates;
    for (int i = 0; i < ShardCount; ++i) {
        std::shared_lock guard(m_shards[i]->lock);
        for (auto it = m_shards[i]->nodes.cbegin(); it != m_shards[i]->nodes.cend(); ++it)
            candidates.append(
                {(*it)->lastUsed.load(std::memory_order_relaxed), i, it.key(), it->get()});
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate &a, const Candidate &b) { return a.lastUsed < b.lastUsed; });
    // Drop down to 90 % so that eviction runs rarely, not on every insert.
    const qint64 target = m_maxBytes - m_maxBytes / 10;
    for (const Candidate &candidate : std::as_const(candidates)) {
        if (m_totalBytes.load(std::memory_order_relaxed) <= target)
            break;
        Shard &shard = *m_shards[candidate.shard];
        std::unique_lock guard(shard.lock);
        const auto it = shard.nodes.find(candidate.key);
        if (it == shard.nodes.end() || it->get() != candidate.node)
            continue; // replaced meanwhile; the replacement is recent
        m_totalBytes.fetch_sub((*it)->file.size, std::memory_order_relaxed);
        shard.nodes.erase(it);
    }
}

qsizetype FileCache::entryCount() const
{
    qsizetype count = 0;
    for (const auto &shard : m_shards) {
        std::shared_lock guard(shard->lock);
        count += shard->nodes.size();
    }
    return count;
}

void FileCache::clear()
{
    for (auto &shard : m_shards) {
        std::unique_lock guard(shard->lock);
        for (const auto &node : std::as_const(shard->nodes))
            m_totalBytes.fetch_sub(node->file.size, std::memory_order_relaxed);
        shard->nodes.clear();
    }
}

} // namespace Stowaway
