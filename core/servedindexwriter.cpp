// SPDX-License-Identifier: GPL-3.0-or-later
#include "servedindexwriter.h"

#include "atomicfile.h"
#include "indexline.h"

#include <QFile>
#include <QFileInfo>

namespace Stowaway {

namespace {

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QByteArray readFile(const QString &path, bool *exists = nullptr)
{
    QFile file(path);
    const bool opened = file.open(QIODevice::ReadOnly);
    if (exists)
        *exists = opened;
    return opened ? file.readAll() : QByteArray();
}

} // namespace

ServedIndexWriter::ServedIndexWriter(const MirrorLayout &layout, MirrorState &state)
    : m_layout(layout), m_state(state)
{}

QByteArray ServedIndexWriter::expectedBytes(const CrateRecord &crate, bool *sameAsUpstream) const
{
    if (sameAsUpstream)
        *sameAsUpstream = false;
    const QHash<QString, QString> stored = m_state.storedVersions(crate.id);
    if (stored.isEmpty())
        return {};
    const QByteArray upstreamBytes = readFile(m_layout.upstreamIndexFile(crate.name));
    const IndexLine::FileLines upstream = IndexLine::parseFile(upstreamBytes);
    QByteArray served;
    for (const IndexLine &line : upstream.lines) {
        // The cksum check keeps a line out whose file was verified against another cksum.
        if (stored.value(line.vers) == line.cksum &&
            line.name.compare(crate.name, Qt::CaseInsensitive) == 0)
            served += line.raw + '\n';
    }
    if (sameAsUpstream)
        *sameAsUpstream = !served.isEmpty() && served == upstreamBytes;
    return served;
}

ServedIndexWriter::Status ServedIndexWriter::status(const CrateRecord &crate) const
{
    const QByteArray wanted = expectedBytes(crate);
    bool exists = false;
    const QByteArray current = readFile(m_layout.servedIndexFile(crate.name), &exists);
    if (wanted.isEmpty())
        return exists ? Status::NothingToServe : Status::UpToDate;
    if (!exists)
        return Status::NotServed;
    return current == wanted ? Status::UpToDate : Status::Differs;
}

bool ServedIndexWriter::regenerate(const CrateRecord &crate, QString *error)
{
    return regenerate(QList<CrateRecord>{crate}, error);
}

bool ServedIndexWriter::regenerate(const QList<CrateRecord> &crates, QString *error)
{
    if (crates.isEmpty())
        return true;
    // Inside a write transaction, so writers in other processes cannot interleave between
    // reading the stored versions and replacing the served files.
    if (!m_state.beginTransaction(error))
        return false;
    QStringList toSync;
    bool ok = writeFiles(crates, Durability::Synced, &toSync, error) &&
              AtomicFile::sync(toSync, m_layout.root(), error);
    for (const CrateRecord &crate : crates)
        ok = ok && m_state.setServedDirty(crate.id, false, error);
    ok = ok && m_state.commit(error);
    if (!ok)
        m_state.rollback(); // the crates stay dirty; the next open tries again
    return ok;
}

bool ServedIndexWriter::publish(const QList<CrateRecord> &crates, QStringList *toSync,
                                QString *error)
{
    if (crates.isEmpty())
        return true;
    // A transaction for a consistent read of the stored versions; it writes no row.
    if (!m_state.beginTransaction(error))
        return false;
    const bool ok = writeFiles(crates, Durability::Unsynced, toSync, error);
    if (!ok || !m_state.commit(error)) {
        m_state.rollback();
        return false;
    }
    return true;
}

bool ServedIndexWriter::writeFiles(const QList<CrateRecord> &crates, Durability durability,
                                   QStringList *toSync, QString *error)
{
    struct Write
    {
        QString temp;
        QString path;
        bool linked = false; ///< shares the upstream file's inode, whose bytes are synced
    };
    QList<Write> writes;
    QStringList removals;
    bool ok = true;
    for (const CrateRecord &crate : crates) {
        const QString path = m_layout.servedIndexFile(crate.name);
        bool whole = false; // every upstream line is served: share the upstream file's inode
        const QByteArray expected = expectedBytes(crate, &whole);
        bool exists = false;
        const QByteArray current = readFile(path, &exists);
        if (expected.isEmpty()) {
            if (exists)
                removals.append(path);
        } else if (!exists || current != expected) {
            // The upstream file is only ever replaced by a rename, never changed in place,
            // so a link keeps serving exactly these bytes until the next regeneration.
            bool linked = false;
            const QString temp =
                whole ? AtomicFile::linkTempUnsynced(m_layout.tempDir(),
                                                     m_layout.upstreamIndexFile(crate.name),
                                                     expected, error, &linked)
                      : AtomicFile::writeTempUnsynced(m_layout.tempDir(), expected, error);
            if (temp.isEmpty()) {
                ok = false;
                break;
            }
            writes.append({temp, path, linked});
        } else if (durability == Durability::Synced) {
            // Up to date, maybe from an unsynced publish() of a run that was killed: the
            // dirty flag is cleared only once these bytes are on disk.
            toSync->append(path);
        }
    }
    // Synced: a copy's bytes reach the disk before its name does. Unsynced: the caller syncs
    // the files themselves later, with their folders.
    QStringList copies;
    for (const Write &write : std::as_const(writes)) {
        if (write.linked)
            continue;
        if (durability == Durability::Synced)
            copies.append(write.temp);
        else
            toSync->append(write.path);
    }
    ok = ok && AtomicFile::sync(copies, m_layout.root(), error);
    qsizetype renamed = 0;
    while (ok && renamed < writes.size()) {
        ok = AtomicFile::renameUnsynced(writes[renamed].temp, writes[renamed].path, toSync, error);
        if (ok)
            ++renamed;
    }
    for (qsizetype i = renamed; i < writes.size(); ++i)
        QFile::remove(writes[i].temp); // the ones not renamed (failure only)
    for (const QString &path : std::as_const(removals)) {
        QFile file(path);
        if (!ok)
            break;
        if (!file.remove() && file.exists()) {
            ok = setError(error, ServedIndexWriter::tr("cannot remove %1: %2 — check the folder's "
                                                       "permissions and run again")
                                     .arg(path, file.errorString()));
        }
        toSync->append(QFileInfo(path).absolutePath());
    }
    return ok;
}

} // namespace Stowaway
