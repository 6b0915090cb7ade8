// SPDX-License-Identifier: GPL-3.0-or-later
// Passwords hashed on the client as PostgreSQL stores them: SASLprep against RFC 4013's
// examples, the keys against RFC 7677's SCRAM-SHA-256 exchange.
#include "scramverifier.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestScramVerifier final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prepares_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QByteArray>("prepared");
        // RFC 4013, section 3.
        QTest::newRow("soft-hyphen-mapped-to-nothing") << u"I\u00ADX"_s << QByteArray("IX");
        QTest::newRow("unchanged") << u"user"_s << QByteArray("user");
        QTest::newRow("case-preserved") << u"USER"_s << QByteArray("USER");
        QTest::newRow("nfkc-ordinal") << u"\u00AA"_s << QByteArray("a");
        QTest::newRow("nfkc-roman-numeral") << u"\u2168"_s << QByteArray("IX");
        // Not valid SASLprep: the bytes as they are, as libpq does.
        QTest::newRow("prohibited-control") << u"a\u0007b"_s
                                            << QByteArray("a\x07"
                                                          "b");
        QTest::newRow("bidi-mixed") << u"\u0627\u0031"_s << QString(u"\u0627\u0031"_s).toUtf8();
        QTest::newRow("unassigned-in-unicode-3.2") << u"key 🔑"_s << QString(u"key 🔑"_s).toUtf8();
        // A non-ASCII space is a space.
        QTest::newRow("no-break-space") << u"pass\u00A0word"_s << QByteArray("pass word");
    }

    void prepares()
    {
        QFETCH(QString, password);
        QTEST(ScramVerifier::prepare(password), "prepared");
    }

    // RFC 7677, section 3: user "user", password "pencil". The server's signature proves the
    // ServerKey; the client's proof, with the StoredKey, gives back the ClientKey it hashes.
    void matchesRfc7677()
    {
        const QByteArray salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
        const QByteArray authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                                       "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                       "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                                       "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        const ScramVerifier::Keys keys = ScramVerifier::keys(u"pencil"_s, salt, 4096);
        constexpr auto sha256 = QCryptographicHash::Sha256;
        QCOMPARE(QMessageAuthenticationCode::hash(authMessage, keys.serverKey, sha256).toBase64(),
            QByteArray("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
        const QByteArray proof = QByteArray::fromBase64("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        const QByteArray clientSignature
            = QMessageAuthenticationCode::hash(authMessage, keys.storedKey, sha256);
        QByteArray clientKey(proof.size(), Qt::Uninitialized);
        for (qsizetype i = 0; i < proof.size(); ++i)
            clientKey[i] = char(proof[i] ^ clientSignature[i]);
        QCOMPARE(QCryptographicHash::hash(clientKey, sha256), keys.storedKey);

        QCOMPARE(ScramVerifier::make(u"pencil"_s, salt, 4096),
            u"SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$%1:%2"_s.arg(
                QString::fromLatin1(keys.storedKey.toBase64()),
                QString::fromLatin1(keys.serverKey.toBase64())));
    }

    void saltsDiffer()
    {
        const QString first = ScramVerifier::make(u"same"_s);
        const QString second = ScramVerifier::make(u"same"_s);
        QVERIFY(first.startsWith(u"SCRAM-SHA-256$4096:"_s));
        QVERIFY(first != second);
        QVERIFY(!first.contains(u"same"_s));
    }
};

QTEST_GUILESS_MAIN(TestScramVerifier)
#include "tst_scramverifier.moc"
