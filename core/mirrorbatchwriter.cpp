// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorbatchwriter.h"

#include "atomicfile.h"
#include "filehash.h"
#include "indexline.h"
#include "indexpath.h"

#include <QFile>
#include <QHash>
#include <QLoggingCategory>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcBatch, "stowaway.store.batch")

namespace {

// Returns QString, not auto: a QStringBuilder would outlive the toLower() it refers to.
QString versionKey(const QString &name, const QString &version)
{
    return name.toLower() + QLatin1Char('@') + version;
}

struct Parsed
{
    const UpstreamIndexFile *file = nullptr;
    IndexLine::FileLines parsed;
    QString spelling;
    QString temp;
    bool known = false; ///< the state has the crate: its file replaces one the state describes
};

struct Download
{
    const CrateFileItem *item = nullptr;
    qint64 size = 0;
    QString crate;          ///< the crate's name as its index spells it (the file's folder)
    qint64 crateId = -1;    ///< -1: the crate is new, its id comes from the batch's index file
    bool fromBatch = false; ///< checked against the batch's index file, which must be stored
};

} // namespace

MirrorBatchWriter::MirrorBatchWriter(const MirrorLayout &layout, MirrorState &state)
    : m_layout(layout), m_state(state)
{}

/// Removes a download's temp file, unless it is the file in place (an adopted one).
void MirrorBatchWriter::dropTemp(const CrateFileItem &item) const
{
    if (item.tempPath != m_layout.crateFile(item.name, item.version))
        QFile::remove(item.tempPath);
}

MirrorBatchWriter::Result MirrorBatchWriter::write(const QList<UpstreamIndexFile> &files,
                                                   const QList<CrateFileItem> &items,
                                                   UnsettledServed *unsettled)
{
    Result result;
    // 1. Check everything before touching the disk.
    QList<Parsed> index;
    QHash<QString, QString> batchCksums; // versionKey -> cksum, from this batch's files
    QHash<QString, QString> spellings;   // lower-case name -> spelling, ditto
    for (const UpstreamIndexFile &file : files) {
        if (!IndexPath::isValidCrateName(file.name)) {
            result.indexErrors.append(tr("%1 is not a valid crate name").arg(file.name));
            continue;
        }
        Parsed entry{&file, IndexLine::parseFile(file.bytes), file.name, {}};
        if (entry.parsed.skipped > 0)
            qCInfo(lcBatch) << "index file of" << file.name << "has" << entry.parsed.skipped
                            << "lines we skip:" << entry.parsed.problems.value(0);
        bool spelled = false;
        for (const IndexLine &line : std::as_const(entry.parsed.lines)) {
            if (line.name.compare(file.name, Qt::CaseInsensitive) != 0)
                continue; // a line of another crate has no business in this file
            if (!spelled) {
                entry.spelling = line.name;
                spelled = true;
            }
            batchCksums.insert(versionKey(file.name, line.vers), line.cksum);
        }
        spellings.insert(file.name.toLower(), entry.spelling);
        index.append(std::move(entry));
    }
    // 2. What the state says of the batch's versions, read in one transaction (one lock, not
    // one per lookup); in the same transaction the crates it knows whose index file the batch
    // replaces are marked dirty, before those files change.
    QString error;
    QList<std::optional<VersionRecord>> records;
    if (!items.isEmpty() || !index.isEmpty()) {
        bool ok = m_state.beginTransaction(&error);
        for (const CrateFileItem &item : items)
            records.append(ok ? m_state.version(item.name, item.version) : std::nullopt);
        for (qsizetype i = 0; ok && i < index.size(); ++i) {
            if (const std::optional<CrateRecord> known = m_state.crate(index[i].file->name)) {
                index[i].known = true;
                ok = m_state.setServedDirty(known->id, true, &error);
            }
        }
        if (!ok || !m_state.commit(&error)) {
            m_state.rollback();
            result.error = error;
            if (!index.isEmpty())
                result.indexErrors.append(error);
            for (const CrateFileItem &item : items) {
                dropTemp(item);
                result.failures.append({item.name, item.version, error});
            }
            return result;
        }
    }
    QList<Download> downloads;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const CrateFileItem &item = items[i];
        const std::optional<VersionRecord> &record = records[i];
        QString cksum = batchCksums.value(versionKey(item.name, item.version));
        const bool fromBatch = !cksum.isEmpty();
        if (!fromBatch && record)
            cksum = record->cksum;
        if (cksum.isEmpty()) {
            dropTemp(item);
            result.failures.append({item.name, item.version,
                                    tr("cannot store %1 %2: the mirror's index has no such "
                                       "version — fetch its index file first")
                                        .arg(item.name, item.version)});
            continue;
        }
        // A hash the caller computed while writing the file spares reading it again.
        qint64 size = item.size;
        const QString actual = (!item.sha256.isEmpty() && item.size >= 0)
                                   ? item.sha256.toLower()
                                   : FileHash::sha256Hex(item.tempPath, &size);
        if (actual != cksum) {
            dropTemp(item);
            result.failures.append(
                {item.name, item.version,
                 actual.isEmpty() ? tr("cannot read the download %1").arg(item.tempPath)
                                  : tr("the download of %1 %2 is damaged: expected sha256 %3, "
                                       "got %4 — it was not stored")
                                        .arg(item.name, item.version, cksum, actual)});
            continue;
        }
        const QString crate =
            fromBatch ? spellings.value(item.name.toLower()) : (record ? record->crate : item.name);
        downloads.append({&item, size, crate, record ? record->crateId : -1, fromBatch});
    }

    if (index.isEmpty() && downloads.isEmpty() && (!unsettled || unsettled->isEmpty()))
        return result;

    // Failing the index files fails the downloads checked against them; their temps go.
    const auto failIndex = [&](const QString &message) {
        result.indexErrors.append(message);
        for (Parsed &entry : index) {
            if (!entry.temp.isEmpty())
                QFile::remove(entry.temp);
        }
        index.clear();
        QList<Download> kept;
        for (const Download &download : std::as_const(downloads)) {
            if (!download.fromBatch) {
                kept.append(download);
                continue;
            }
            dropTemp(*download.item);
            result.failures.append({download.item->name, download.item->version, message});
        }
        downloads = kept;
    };
    const auto failAll = [&](const QString &message, bool removeDownloads) {
        result.error = message;
        failIndex(message);
        for (const Download &download : std::as_const(downloads)) {
            if (removeDownloads)
                dropTemp(*download.item);
            result.failures.append({download.item->name, download.item->version, message});
        }
        downloads.clear();
    };

    // 3. Index files to temp files. Those of crates the state knows are synced before they
    // replace the file the state describes (the crate is marked dirty, and open() rebuilds
    // its served file from the new one); the rest need no sync of their own (below).
    QStringList replacing;
    for (Parsed &entry : index) {
        entry.temp = AtomicFile::writeTempUnsynced(m_layout.tempDir(), entry.file->bytes, &error);
        if (entry.temp.isEmpty()) {
            failIndex(error);
            break;
        }
        if (entry.known)
            replacing.append(entry.temp);
    }
    if (!AtomicFile::sync(replacing, m_layout.root(), &error)) {
        failAll(error, true);
        return result;
    }
    const QSet<qint64> settled = unsettled ? unsettled->crateIds : QSet<qint64>();
    // 4. Into place, then one sync for the files, their folders and the served files published
    // since the last batch. Until it completes a new file may be torn after a power cut, but
    // nothing refers to it: the state records it only after the sync (an index file of a new
    // crate is fetched again, a .crate is adopted only after a SHA-256 check).
    QStringList toSync = unsettled ? unsettled->paths : QStringList();
    for (qsizetype i = 0; i < index.size(); ++i) {
        const QString path = m_layout.upstreamIndexFile(index[i].file->name);
        if (!AtomicFile::renameUnsynced(index[i].temp, path, &toSync, &error)) {
            index.remove(0, i); // the ones renamed stay, unrecorded: fetched again next time
            failIndex(error);
            break;
        }
        index[i].temp.clear();
        if (!index[i].known)
            toSync.append(path);
    }
    QList<Download> placed;
    for (const Download &download : std::as_const(downloads)) {
        const CrateFileItem &item = *download.item;
        const QString path = m_layout.crateFile(download.crate, item.version);
        if (AtomicFile::renameUnsynced(item.tempPath, path, &toSync, &error)) {
            placed.append(download);
            toSync.append(path);
        } else {
            dropTemp(item);
            result.failures.append({item.name, item.version, error});
        }
    }
    downloads = placed;
    // Past this point a failure leaves good files in place, unrecorded: verify adopts them.
    if (!AtomicFile::sync(toSync, m_layout.root(), &error)) {
        failAll(error, false);
        return result;
    }
    // 5. One transaction for the whole batch.
    bool ok = m_state.beginTransaction(&error);
    QHash<QString, qint64> ids; // lower-case name -> crate id, for the batch's index files
    QSet<qint64> touchedIds;
    const auto touch = [&](qint64 id, const QString &name) {
        if (!ok || touchedIds.contains(id))
            return;
        ok = m_state.setServedDirty(id, true, &error);
        touchedIds.insert(id);
        result.touched.append(CrateRecord{id, name, {}, {}, {}, true});
    };
    for (const Parsed &entry : std::as_const(index)) {
        if (!ok)
            break;
        const qint64 id =
            m_state.upsertCrate(entry.spelling, entry.file->etag, entry.file->lastModified, &error);
        ok = id >= 0;
        for (const IndexLine &line : entry.parsed.lines) {
            if (!ok)
                break;
            if (line.name.compare(entry.file->name, Qt::CaseInsensitive) == 0)
                ok = m_state.upsertVersion(id, line.vers, line.cksum, line.yanked, &error);
        }
        ids.insert(entry.file->name.toLower(), id);
        touch(id, entry.spelling);
    }
    for (const Download &download : std::as_const(downloads)) {
        if (!ok)
            break;
        const CrateFileItem &item = *download.item;
        const qint64 id = ids.value(item.name.toLower(), download.crateId);
        ok = m_state.setVersionStored(id, item.version, download.size, &error);
        touch(id, download.crate);
    }
    for (const qint64 id : settled) {
        if (ok && !touchedIds.contains(id))
            ok = m_state.setServedDirty(id, false, &error);
    }
    if (!ok || !m_state.commit(&error)) {
        m_state.rollback();
        result.touched.clear();
        failAll(error, false);
        return result;
    }
    if (unsettled)
        *unsettled = {};
    return result;
}

} // namespace Stowaway
