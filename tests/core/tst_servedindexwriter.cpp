// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2etools.h"
#include "mirrorstate.h"
#include "mirrorstore.h"
#include "servedindexwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

QByteArray crateBytes(const QString &name, const QString &version)
{
    return "crate " + name.toUtf8() + ' ' + version.toUtf8();
}

QByteArray indexLine(const QString &name, const QString &version)
{
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[],  \"cksum\":\"" +
           QCryptographicHash::hash(crateBytes(name, version), QCryptographicHash::Sha256).toHex() +
           "\",\"features\":{},\"yanked\":false}\n";
}

// "demo": three versions known, the first two stored. "bare": one known, none stored.
const QString demo = QStringLiteral("demo");
const QString bare = QStringLiteral("bare");
const QByteArray demoUpstream = indexLine(demo, QStringLiteral("1.0.0")) +
                                indexLine(demo, QStringLiteral("1.1.0")) +
                                indexLine(demo, QStringLiteral("1.2.0"));
const QByteArray demoServed =
    indexLine(demo, QStringLiteral("1.0.0")) + indexLine(demo, QStringLiteral("1.1.0"));

} // namespace

class TestServedIndexWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void statusAndRegenerate_data();
    void statusAndRegenerate();
    void regenerateMany();

private:
    MirrorLayout layout() const { return MirrorLayout(m_dir->path()); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestServedIndexWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY2(store.putUpstreamIndex(demo, demoUpstream, {}, {}, &error), qPrintable(error));
    QVERIFY2(store.putUpstreamIndex(bare, indexLine(bare, QStringLiteral("0.1.0")), {}, {}, &error),
             qPrintable(error));
    for (const QString &version : {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")})
        QVERIFY2(store.putCrate(demo, version, crateBytes(demo, version), &error),
                 qPrintable(error));
    QCOMPARE(readFile(layout().servedIndexFile(demo)), demoServed);
    QVERIFY(!QFile::exists(layout().servedIndexFile(bare)));
}

void TestServedIndexWriter::statusAndRegenerate_data()
{
    QTest::addColumn<QString>("crate");
    QTest::addColumn<bool>("remove");        // remove the served file first
    QTest::addColumn<QByteArray>("content"); // else write this, unless null
    QTest::addColumn<ServedIndexWriter::Status>("status");
    QTest::addColumn<QByteArray>("served"); // after regenerate; null: no file

    using Status = ServedIndexWriter::Status;
    QTest::newRow("stored, up to date")
        << demo << false << QByteArray() << Status::UpToDate << demoServed;
    QTest::newRow("stored, no file")
        << demo << true << QByteArray() << Status::NotServed << demoServed;
    QTest::newRow("stored, other bytes")
        << demo << false << QByteArray("{}\n") << Status::Differs << demoServed;
    QTest::newRow("stored, a version too many")
        << demo << false << demoUpstream << Status::Differs << demoServed;
    QTest::newRow("stored, empty file")
        << demo << false << QByteArray("") << Status::Differs << demoServed;
    QTest::newRow("none stored, no file")
        << bare << false << QByteArray() << Status::UpToDate << QByteArray();
    QTest::newRow("none stored, a file")
        << bare << false << indexLine(bare, QStringLiteral("0.1.0")) << Status::NothingToServe
        << QByteArray();
}

void TestServedIndexWriter::statusAndRegenerate()
{
    QFETCH(QString, crate);
    QFETCH(bool, remove);
    QFETCH(QByteArray, content);
    QFETCH(ServedIndexWriter::Status, status);
    QFETCH(QByteArray, served);

    const MirrorLayout mirror = layout();
    const QString path = mirror.servedIndexFile(crate);
    if (remove)
        QVERIFY(QFile::remove(path));
    else if (!content.isNull())
        QVERIFY(writeFile(path, content));

    MirrorState state;
    QString error;
    QVERIFY2(state.open(mirror.stateDatabase(), &error), qPrintable(error));
    const std::optional<CrateRecord> record = state.crate(crate);
    QVERIFY(record);
    QVERIFY(state.setServedDirty(record->id, true, &error));
    ServedIndexWriter writer(mirror, state);
    QCOMPARE(writer.status(*record), status);
    QVERIFY(state.crate(crate)->servedDirty); // status() only reads

    QVERIFY2(writer.regenerate(*record, &error), qPrintable(error));
    QCOMPARE(writer.status(*record), ServedIndexWriter::Status::UpToDate);
    QCOMPARE(QFile::exists(path), !served.isNull());
    QCOMPARE(readFile(path), served);
    QVERIFY(!state.crate(crate)->servedDirty);
}

void TestServedIndexWriter::regenerateMany()
{
    const MirrorLayout mirror = layout();
    QVERIFY(writeFile(mirror.servedIndexFile(demo), demoUpstream));
    QVERIFY(writeFile(mirror.servedIndexFile(bare), indexLine(bare, QStringLiteral("0.1.0"))));
    MirrorState state;
    QString error;
    QVERIFY2(state.open(mirror.stateDatabase(), &error), qPrintable(error));
    ServedIndexWriter writer(mirror, state);
    const QList<CrateRecord> crates{*state.crate(demo), *state.crate(bare)};
    QCOMPARE(writer.status(crates[0]), ServedIndexWriter::Status::Differs);
    QCOMPARE(writer.status(crates[1]), ServedIndexWriter::Status::NothingToServe);

    QVERIFY2(writer.regenerate(crates, &error), qPrintable(error));
    for (const CrateRecord &crate : crates)
        QCOMPARE(writer.status(crate), ServedIndexWriter::Status::UpToDate);
    QCOMPARE(readFile(mirror.servedIndexFile(demo)), demoServed);
    QVERIFY(!QFile::exists(mirror.servedIndexFile(bare)));
    QVERIFY(QDir(mirror.tempDir()).isEmpty());                // no temp file left behind
    QVERIFY(writer.regenerate(QList<CrateRecord>{}, &error)); // nothing to do is fine
}

QTEST_GUILESS_MAIN(TestServedIndexWriter)
#include "tst_servedindexwriter.moc"
