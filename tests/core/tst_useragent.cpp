// SPDX-License-Identifier: GPL-3.0-or-later
#include "useragent.h"

#include <QTest>

using namespace Stowaway;

class TestUserAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void format_data();
    void format();
};

void TestUserAgent::format_data()
{
    QTest::addColumn<QString>("contact");
    QTest::addColumn<QByteArray>("agent");
    const QByteArray prefix = "stowaway/" STOWAWAY_VERSION " (";
    QTest::newRow("e-mail") << "alice@example.com" << prefix + "+alice@example.com)";
    QTest::newRow("url") << "https://example.com/mirror" << prefix + "+https://example.com/mirror)";
    QTest::newRow("trimmed") << "  bob@example.org \t" << prefix + "+bob@example.org)";
    QTest::newRow("empty says where to set it")
        << "" << prefix + "contact not set; set contact in mirror.toml)";
    QTest::newRow("blank is empty")
        << "   " << prefix + "contact not set; set contact in mirror.toml)";
    QTest::newRow("header injection is defused")
        << "a@b.c\r\nX-Evil: 1" << prefix + "+a@b.cX-Evil: 1)";
    QTest::newRow("parentheses cannot close the comment") << "me (admin)" << prefix + "+me admin)";
    QTest::newRow("non-ascii dropped")
        << QString::fromUtf8("j\xc3\xb6rg@example.com") << prefix + "+jrg@example.com)";
}

void TestUserAgent::format()
{
    QFETCH(QString, contact);
    QFETCH(QByteArray, agent);
    QCOMPARE(UserAgent::string(contact), agent);
}

QTEST_GUILESS_MAIN(TestUserAgent)
#include "tst_useragent.moc"
