// SPDX-License-Identifier: GPL-3.0-or-later
#include "gitservedindex.h"

#include "gitindex.h"
#include "indexpath.h"
#include "indexscanner.h"

#include <QFileInfo>
#include <QHash>

#include <sqlite3.h>

#include <filesystem>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace Stowaway {

namespace {

/// 64-bit FNV-1a, fed piece by piece.
struct Fnv64
{
    quint64 value = 0xcbf29ce484222325ULL;
    void add(std::string_view bytes)
    {
        for (char c : bytes) {
            value ^= quint8(c);
            value *= 0x100000001b3ULL;
        }
        value ^= 0xff; // separator, so ("ab","c") and ("a","bc") differ
        value *= 0x100000001b3ULL;
    }
};

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

QString sqliteError(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

} // namespace

struct GitServedIndex::Reader
{
    GitIndex git;
    sqlite3 *db = nullptr;
    Statement marker;
    Statement stored;

    ~Reader()
    {
        marker.reset();
        stored.reset();
        if (db)
            sqlite3_close(db);
    }
};

GitServedIndex::GitServedIndex(MirrorLayout layout)
    : m_layout(std::move(layout))
    , m_statePath(QFile::encodeName(m_layout.stateDatabase()).toStdString())
    , m_walPath(m_statePath + "-wal")
{}

void GitServedIndex::setCacheLimit(qint64 bytes)
{
    const std::lock_guard lock(m_cacheMutex);
    m_cacheLimit = bytes;
    m_cache.clear();
    m_cacheBytes = 0;
}

QByteArray GitServedIndex::stateFingerprint() const
{
    QByteArray out;
    for (const std::string *path : {&m_statePath, &m_walPath}) {
#ifdef Q_OS_UNIX
        struct stat info
        {
        };
        if (::stat(path->c_str(), &info) == 0) {
            out += QByteArray::number(qint64(info.st_size)) + '/' +
                   QByteArray::number(qint64(info.st_mtim.tv_sec)) + '.' +
                   QByteArray::number(qint64(info.st_mtim.tv_nsec)) + '/' +
                   QByteArray::number(quint64(info.st_ino)) + ';';
            continue;
        }
        out += "-;";
#else
        std::error_code ec;
        const auto size = std::filesystem::file_size(*path, ec);
        const qint64 bytes = ec ? -1 : qint64(size);
        const auto time = std::filesystem::last_write_time(*path, ec);
        const qint64 stamp = ec ? -1 : qint64(time.time_since_epoch().count());
        out += QByteArray::number(bytes) + '/' + QByteArray::number(stamp) + ';';
#endif
    }
    return out;
}

GitServedIndex::~GitServedIndex() = default;

std::unique_ptr<GitServedIndex::Reader> GitServedIndex::takeReader(QString *error)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<Reader> reader = std::move(m_idle.back());
            m_idle.pop_back();
            return reader;
        }
    }
    auto reader = std::make_unique<Reader>();
    if (!reader->git.open(m_layout.gitIndexDir(), error))
        return nullptr;
    const QByteArray statePath = QFile::encodeName(m_layout.stateDatabase());
    if (sqlite3_open_v2(statePath.constData(), &reader->db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
        *error = GitServedIndex::tr("cannot open the mirror state %1: %2")
                     .arg(m_layout.stateDatabase(), sqliteError(reader->db));
        return nullptr;
    }
    sqlite3_busy_timeout(reader->db, 5000);
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(reader->db, "SELECT value FROM meta WHERE key = ?1", -1, &statement,
                           nullptr) != SQLITE_OK) {
        *error = QString(); // an older state without markers: not a git-backed mirror
        return nullptr;
    }
    reader->marker.reset(statement);
    statement = nullptr;
    if (sqlite3_prepare_v2(reader->db,
                           "SELECT v.version, v.cksum FROM versions v JOIN crates c ON "
                           "c.id = v.crate_id WHERE c.name = ?1 AND v.state = 'stored'",
                           -1, &statement, nullptr) != SQLITE_OK) {
        *error =
            GitServedIndex::tr("the mirror state cannot be read: %1").arg(sqliteError(reader->db));
        return nullptr;
    }
    reader->stored.reset(statement);
    return reader;
}

void GitServedIndex::giveBack(std::unique_ptr<Reader> reader)
{
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(reader));
}

GitServedIndex::Lookup GitServedIndex::lookup(const QString &crateName)
{
    const QString path = IndexPath::relativePath(crateName);
    if (path.isEmpty() || !QFileInfo::exists(m_layout.gitIndexDir()))
        return {};
    // Taken before reading, so an answer computed across a commit is stamped as older.
    const QByteArray fingerprint = stateFingerprint();
    {
        const std::lock_guard lock(m_cacheMutex);
        const auto it = m_cache.constFind(path);
        if (it != m_cache.constEnd() && it->fingerprint == fingerprint) {
            m_hits.fetch_add(1, std::memory_order_relaxed);
            return it->lookup;
        }
    }
    m_misses.fetch_add(1, std::memory_order_relaxed);
    Lookup result = compute(crateName, path);
    if (result.status == Lookup::Status::Failed)
        return result;
    const std::lock_guard lock(m_cacheMutex);
    const qint64 size = result.bytes.size() + path.size() * 2 + 128;
    if (m_cacheLimit <= 0 || size > m_cacheLimit / 8)
        return result;
    const auto old = m_cache.constFind(path);
    if (old != m_cache.constEnd() && old->fingerprint != fingerprint) {
        // The state changed: every answer from before may be stale.
        m_cache.clear();
        m_cacheBytes = 0;
    }
    if (m_cacheBytes + size > m_cacheLimit) {
        m_cache.clear();
        m_cacheBytes = 0;
    }
    if (!m_cache.contains(path))
        m_cacheBytes += size;
    m_cache.insert(path, Cached{fingerprint, result});
    return result;
}

GitServedIndex::Lookup GitServedIndex::compute(const QString &crateName, const QString &path)
{
    Lookup result;
    QString error;
    std::unique_ptr<Reader> reader = takeReader(&error);
    if (!reader) {
        if (!error.isEmpty()) {
            result.status = Lookup::Status::Failed;
            result.error = error;
        }
        return result;
    }
    Reader &r = *reader;

    // The synced commit: "<commit> <upstream url>".
    const QByteArray key = syncedMarkerKey().toUtf8();
    sqlite3_reset(r.marker.get());
    sqlite3_bind_text(r.marker.get(), 1, key.constData(), int(key.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(r.marker.get()) == SQLITE_ROW) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(r.marker.get(), 0));
        result.commit = QByteArray(text ? text : "").split(' ').value(0);
    }
    sqlite3_reset(r.marker.get());
    if (result.commit.size() != 40) {
        giveBack(std::move(reader));
        return result;
    }

    std::optional<GitFile> file = r.git.readFile(result.commit, path, &error);
    if (!file) {
        if (!error.isEmpty()) {
            result.status = Lookup::Status::Failed;
            result.error = error;
        }
        giveBack(std::move(reader));
        return result;
    }

    // version -> checksum of the versions stored.
    QHash<QByteArray, QByteArray> stored;
    const QByteArray name = crateName.toUtf8();
    sqlite3_reset(r.stored.get());
    sqlite3_bind_text(r.stored.get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(r.stored.get())) == SQLITE_ROW) {
        stored.insert(
            QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(r.stored.get(), 0))),
            QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(r.stored.get(), 1))));
    }
    sqlite3_reset(r.stored.get());
    if (step != SQLITE_DONE) {
        result.status = Lookup::Status::Failed;
        result.error =
            GitServedIndex::tr("the mirror state cannot be read: %1").arg(sqliteError(r.db));
        giveBack(std::move(reader));
        return result;
    }
    giveBack(std::move(reader));
    if (stored.isEmpty())
        return result;

    IndexScanner scanner(IndexScanner::Fields::Summary);
    Fnv64 hash;
    QByteArray &out = result.bytes;
    out.reserve(file->bytes.size());
    scanner.scan(file->bytes, [&](const ScannedLine &line) {
        const auto it = stored.constFind(
            QByteArray::fromRawData(line.vers.data(), qsizetype(line.vers.size())));
        if (it == stored.constEnd() ||
            QByteArrayView(*it) != QByteArrayView(line.cksum.data(), line.cksum.size()))
            return;
        out.append(line.raw);
        out.append('\n');
        hash.add(line.vers);
        hash.add(line.cksum);
    });
    if (out.isEmpty())
        return result;
    result.status = Lookup::Status::Served;
    result.etag =
        '"' + file->blobId + '-' + QByteArray::number(hash.value, 16).rightJustified(16, '0') + '"';
    return result;
}

} // namespace Stowaway
