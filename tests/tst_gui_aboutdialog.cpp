// SPDX-License-Identifier: GPL-3.0-or-later
// The About box names what the user runs, so a bug report can say it.
#include "aboutdialog.h"

#include <QApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestAboutDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsEveryVersion_data();
    void showsEveryVersion();
};

void TestAboutDialog::initTestCase()
{
    QApplication::setApplicationVersion(QStringLiteral(BYLINE_VERSION));
}

void TestAboutDialog::showsEveryVersion_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("byline") << u"Byline "_s + QRegularExpression::escape(QStringLiteral(BYLINE_VERSION));
    QTest::newRow("qt") << u"Qt "_s + QRegularExpression::escape(QString::fromLatin1(qVersion()));
    QTest::newRow("ksyntaxhighlighting") << u"KSyntaxHighlighting \\d+\\.\\d+"_s;
    QTest::newRow("sqlite") << u"SQLite 3\\.\\d+\\.\\d+"_s;
}

void TestAboutDialog::showsEveryVersion()
{
    QFETCH(QString, pattern);
    const QRegularExpression expression(pattern);
    QVERIFY2(AboutDialog::versionsText().contains(expression), qPrintable(AboutDialog::versionsText()));

    AboutDialog dialog;
    const auto *text = dialog.findChild<QLabel *>(u"aboutText"_s);
    QVERIFY(text);
    QVERIFY2(text->text().contains(expression), qPrintable(text->text()));
}

QTEST_MAIN(TestAboutDialog)
#include "tst_gui_aboutdialog.moc"
