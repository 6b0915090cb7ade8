// SPDX-License-Identifier: GPL-3.0-or-later
// What the editable panels rest on: models that take edits as undo steps, the quote filter,
// figure values typed by hand, and the project's schema.
#include "annotationschema.h"
#include "document.h"
#include "entitymodel.h"
#include "figuremodel.h"
#include "figurevalue.h"
#include "modelroles.h"
#include "quotefilter.h"
#include "quotefilterproxymodel.h"
#include "quotemodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString text
    = u"Vladimir Putin said the troops would stay. “We will not leave,” Tokayev told reporters, "
      "and Putin added that 2,030 soldiers had come."_s;

Span find(const QString &needle, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = text.indexOf(needle, start + 1);
    Q_ASSERT(start >= 0);
    return { start, start + needle.size() };
}

} // namespace

class TestPanelModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testQuoteFilter_data();
    void testQuoteFilter();
    void testQuoteFilterProxyFollowsEdits();
    void testEntityEditsThroughModel();
    void testDropMergesEntities();
    void testQuoteEditsThroughModel();
    void testFigureEditsThroughModel();
    void testFigureValue_data();
    void testFigureValue();
    void testSchemaJsonRoundTrip();
    void testSchemaStored();
    void testMigrationFromVersion2();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
    RecordId m_putin = 0;
    RecordId m_tokayev = 0;
    RecordId m_direct = 0;
    RecordId m_indirect = 0;
    RecordId m_figure = 0;
};

void TestPanelModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    StoreError error;
    m_document = Document::open(m_dir->filePath(u"panels.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    Store &store = m_document->store();
    Article article { .key = u"a"_s, .title = u"Troops"_s, .text = text };
    QVERIFY(store.addArticle(article));
    Entity putin { .articleId = article.id, .name = u"Vladimir Putin"_s, .type = u"PERSON"_s };
    putin.mentions = { { .span = find(u"Vladimir Putin"_s) }, { .span = find(u"Putin"_s, 1) } };
    QVERIFY(store.insertEntity(putin));
    Entity tokayev { .articleId = article.id, .name = u"Tokayev"_s, .type = u"ORG"_s };
    tokayev.mentions = { { .span = find(u"Tokayev"_s) } };
    QVERIFY(store.insertEntity(tokayev));
    Quote direct { .articleId = article.id,
        .kind = QuoteKind::Direct,
        .content = { find(u"We will not leave,"_s) },
        .cue = find(u"told"_s),
        .source = find(u"Tokayev"_s),
        .speakerId = tokayev.id };
    direct.provenance.status = AnnotationStatus::Auto;
    QVERIFY(store.insertQuote(direct));
    Quote indirect { .articleId = article.id,
        .kind = QuoteKind::Indirect,
        .content = { find(u"2,030 soldiers had come"_s) },
        .cue = find(u"added"_s),
        .source = find(u"Putin"_s, 1) };
    QVERIFY(store.insertQuote(indirect));
    Figure figure { .articleId = article.id,
        .kind = u"count"_s,
        .span = find(u"2,030 soldiers"_s),
        .number = find(u"2,030"_s),
        .value = 2030.0,
        .unit = u"soldiers"_s };
    figure.provenance.status = AnnotationStatus::Auto;
    QVERIFY(store.insertFigure(figure));
    QVERIFY(m_document->showArticle(article.id));
    m_putin = putin.id;
    m_tokayev = tokayev.id;
    m_direct = direct.id;
    m_indirect = indirect.id;
    m_figure = figure.id;
}

void TestPanelModels::cleanup()
{
    m_document.reset();
    m_dir.reset();
}

void TestPanelModels::testQuoteFilter_data()
{
    QTest::addColumn<QuoteFilter>("filter");
    QTest::addColumn<bool>("acceptsDirect");
    QTest::addColumn<bool>("acceptsIndirect");

    QTest::newRow("empty") << QuoteFilter {} << true << true;
    QTest::newRow("speaker") << QuoteFilter { .speakerId = RecordId(-2) } << false << false;
    QTest::newRow("no-speaker") << QuoteFilter { .speakerId = RecordId(0) } << false << true;
    QTest::newRow("kind-direct") << QuoteFilter { .kind = QuoteKind::Direct } << true << false;
    QTest::newRow("kind-mixed") << QuoteFilter { .kind = QuoteKind::Mixed } << false << false;
    QTest::newRow("status-auto") << QuoteFilter { .status = AnnotationStatus::Auto } << true << false;
    QTest::newRow("status-manual") << QuoteFilter { .status = AnnotationStatus::Manual } << false << true;
    QTest::newRow("kind-and-status") << QuoteFilter { .kind = QuoteKind::Indirect,
        .status = AnnotationStatus::Auto }
                                     << false << false;
}

void TestPanelModels::testQuoteFilter()
{
    QFETCH(QuoteFilter, filter);
    QFETCH(bool, acceptsDirect);
    QFETCH(bool, acceptsIndirect);
    const auto &quotes = m_document->annotations().quotes;
    QCOMPARE(filter.accepts(quotes[m_document->quoteRow(m_direct)]), acceptsDirect);
    QCOMPARE(filter.accepts(quotes[m_document->quoteRow(m_indirect)]), acceptsIndirect);
    // A named speaker: the direct quote's.
    QVERIFY(QuoteFilter { .speakerId = m_tokayev }.accepts(quotes[m_document->quoteRow(m_direct)]));
}

void TestPanelModels::testQuoteFilterProxyFollowsEdits()
{
    QuoteModel model(m_document.get());
    QuoteFilterProxyModel proxy(m_document.get());
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(proxy.rowCount(), 2);

    proxy.setFilter({ .speakerId = m_putin });
    QCOMPARE(proxy.rowCount(), 0);
    // Giving the indirect quote Putin as its speaker brings it into the filter, undo takes it out.
    const QModelIndex speaker = model.index(int(m_document->quoteRow(m_indirect)), QuoteModel::Speaker);
    QVERIFY(model.setData(speaker, u"putin"_s));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, QuoteModel::Speaker).data().toString(), u"Vladimir Putin"_s);
    m_document->undoStack()->undo();
    QCOMPARE(proxy.rowCount(), 0);

    proxy.setFilter({ .kind = QuoteKind::Direct });
    QCOMPARE(proxy.rowCount(), 1);
    QVERIFY(model.setData(model.index(int(m_document->quoteRow(m_direct)), QuoteModel::Kind), u"mixed"_s));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFilter({ .status = AnnotationStatus::Edited });
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilter({});
    QCOMPARE(proxy.rowCount(), 2);
}

void TestPanelModels::testEntityEditsThroughModel()
{
    EntityModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex name = model.index(int(m_document->entityRow(m_tokayev)), EntityModel::Name);
    QVERIFY(model.flags(name) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(0, EntityModel::Name, model.index(0, 0))) & Qt::ItemIsEditable));
    QCOMPARE(name.data(Qt::EditRole).toString(), u"Tokayev"_s);
    QVERIFY(model.setData(name, u"  Kassym-Jomart   Tokayev "_s));
    QCOMPARE(name.data().toString(), u"Kassym-Jomart Tokayev"_s);
    QVERIFY(model.setData(name.siblingAtColumn(EntityModel::Type), u"PERSON"_s));
    QCOMPARE(m_document->store().annotations(m_document->currentArticle().id).entities[1].type, u"PERSON"_s);
    QCOMPARE(m_document->undoStack()->count(), 2);
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QCOMPARE(m_document->store().annotations(m_document->currentArticle().id).entities[1].name, u"Tokayev"_s);
    QCOMPARE(m_document->store().annotations(m_document->currentArticle().id).entities[1].type, u"ORG"_s);

    QSignalSpy refused(&model, &EntityModel::editRefused);
    QVERIFY(!model.setData(name.siblingAtColumn(EntityModel::Type), u"NOSUCHTYPE"_s));
    QCOMPARE(refused.count(), 1);
    QCOMPARE(m_document->undoStack()->index(), 0);
}

void TestPanelModels::testDropMergesEntities()
{
    EntityModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex tokayev = model.index(int(m_document->entityRow(m_tokayev)), 0);
    const QModelIndex putin = model.index(int(m_document->entityRow(m_putin)), 0);
    std::unique_ptr<QMimeData> data(model.mimeData({ tokayev }));
    QVERIFY(data);
    QVERIFY(!model.canDropMimeData(data.get(), Qt::CopyAction, -1, -1, tokayev)); // onto itself
    QVERIFY(!model.canDropMimeData(data.get(), Qt::CopyAction, 0, 0, QModelIndex())); // between rows
    QVERIFY(model.dropMimeData(data.get(), Qt::CopyAction, -1, -1, putin));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);
    QCOMPARE(m_document->annotations().quotes[m_document->quoteRow(m_direct)].speakerId, m_putin);
    m_document->undoStack()->undo();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(m_document->store().annotations(m_document->currentArticle().id).entities.size(), 2);
}

void TestPanelModels::testQuoteEditsThroughModel()
{
    QuoteModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex speaker = model.index(int(m_document->quoteRow(m_indirect)), QuoteModel::Speaker);
    // Without a speaker the panel shows the source, but the editor starts empty.
    QCOMPARE(speaker.data().toString(), u"Putin"_s);
    QCOMPARE(speaker.data(Qt::EditRole).toString(), QString());
    QCOMPARE(model.entityNamed(u"vladimir  PUTIN"_s), m_putin);
    QCOMPARE(model.entityNamed(u"tok"_s), m_tokayev);
    QCOMPARE(model.entityNamed(u"a"_s), RecordId(0)); // in both names
    QVERIFY(!model.setData(speaker, u"Nobody"_s));
    QVERIFY(model.setData(speaker, u"Vladimir Putin"_s));
    QCOMPARE(m_document->store().annotations(m_document->currentArticle().id).quotes[1].speakerId, m_putin);
    QVERIFY(model.setData(speaker, QString()));
    QCOMPARE(
        m_document->store().annotations(m_document->currentArticle().id).quotes[1].speakerId, RecordId(0));

    // An edited suggestion tells what it was.
    const QModelIndex kind = model.index(int(m_document->quoteRow(m_direct)), QuoteModel::Kind);
    QVERIFY(kind.data(PreviousRole).toString().isEmpty());
    QVERIFY(model.setData(kind, u"mixed"_s));
    QCOMPARE(kind.data().toString(), u"mixed"_s);
    QCOMPARE(kind.siblingAtColumn(QuoteModel::Status).data().toString(), u"edited"_s);
    QVERIFY2(kind.data(PreviousRole).toString().contains(u"kind direct"_s),
        qPrintable(kind.data(PreviousRole).toString()));
    QVERIFY(kind.siblingAtColumn(QuoteModel::Status).data(Qt::DecorationRole).canConvert<QColor>());
    QVERIFY(!model.setData(kind, u"rhetorical"_s));
}

void TestPanelModels::testFigureEditsThroughModel()
{
    FigureModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto stored
        = [this] { return m_document->store().annotations(m_document->currentArticle().id).figures[0]; };
    const QModelIndex value = model.index(0, FigureModel::Value);
    QVERIFY(model.setData(value, u"2031"_s));
    QCOMPARE(stored().value.toDouble(), 2031.0);
    QVERIFY(stored().provenance.status == AnnotationStatus::Edited);
    QCOMPARE(stored().provenance.previous.value(u"value"_s).toDouble(), 2030.0);
    QVERIFY(model.setData(value, u"10 to 15"_s));
    QCOMPARE(stored().valueMax.toDouble(), 15.0);
    QVERIFY(!model.setData(value, u"many"_s));
    QVERIFY(model.setData(model.index(0, FigureModel::Unit), u"troops"_s));
    QVERIFY(model.setData(model.index(0, FigureModel::Qualifier), u"about"_s));
    QCOMPARE(stored().qualifier, u"about"_s);
    QVERIFY(model.setData(value, u"2006"_s));
    QVERIFY(model.setData(model.index(0, FigureModel::Kind), u"date"_s));
    QCOMPARE(stored().kind, u"date"_s);
    QCOMPARE(stored().value, QVariant(u"2006"_s));
    QVERIFY(!model.setData(value, u"2006-13"_s));
    QVERIFY(model.setData(value, u"2006-11-05"_s));
    QVERIFY(!model.setData(model.index(0, FigureModel::Kind), u"guess"_s));
    QVERIFY(model.setData(model.index(0, FigureModel::Status), u"rejected"_s));
    QVERIFY(stored().provenance.status == AnnotationStatus::Rejected);
    QVERIFY(!model.setData(model.index(0, FigureModel::Status), u"manual"_s));

    QUndoStack *stack = m_document->undoStack();
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(stored().value.toDouble(), 2030.0);
    QCOMPARE(stored().kind, u"count"_s);
    QVERIFY(stored().provenance.status == AnnotationStatus::Auto);
}

void TestPanelModels::testFigureValue_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("valueMax");

    const QVariant none;
    QTest::newRow("integer") << u"count"_s << u"2030"_s << QVariant(2030.0) << none;
    QTest::newRow("separators") << u"count"_s << u"2,030"_s << QVariant(2030.0) << none;
    QTest::newRow("decimal") << u"money"_s << u"1.25"_s << QVariant(1.25) << none;
    QTest::newRow("exponent") << u"money"_s << u"1.2e9"_s << QVariant(1.2e9) << none;
    QTest::newRow("negative") << u"percent"_s << u"-3.5"_s << QVariant(-3.5) << none;
    QTest::newRow("range-dash") << u"count"_s << u"10–15"_s << QVariant(10.0) << QVariant(15.0);
    QTest::newRow("range-hyphen") << u"count"_s << u"10-15"_s << QVariant(10.0) << QVariant(15.0);
    QTest::newRow("range-to") << u"measure"_s << u"3.5 to 4"_s << QVariant(3.5) << QVariant(4.0);
    QTest::newRow("range-backwards") << u"count"_s << u"15-10"_s << none << none;
    QTest::newRow("words") << u"count"_s << u"many"_s << none << none;
    QTest::newRow("empty") << u"count"_s << u" "_s << none << none;
    QTest::newRow("year") << u"date"_s << u"2006"_s << QVariant(u"2006"_s) << none;
    QTest::newRow("month") << u"date"_s << u"2003-11"_s << QVariant(u"2003-11"_s) << none;
    QTest::newRow("day") << u"date"_s << u" 2022-01-05 "_s << QVariant(u"2022-01-05"_s) << none;
    QTest::newRow("day-of-no-year") << u"date"_s << u"--02-29"_s << QVariant(u"--02-29"_s) << none;
    QTest::newRow("bad-month") << u"date"_s << u"2003-13"_s << none << none;
    QTest::newRow("bad-day") << u"date"_s << u"2023-02-29"_s << none << none;
    QTest::newRow("date-as-number") << u"date"_s << u"2006.5"_s << none << none;
}

void TestPanelModels::testFigureValue()
{
    QFETCH(QString, kind);
    QFETCH(QString, input);
    QFETCH(QVariant, value);
    QFETCH(QVariant, valueMax);
    const auto parsed = FigureValue::parse(kind, input);
    QCOMPARE(parsed.has_value(), value.isValid());
    if (!parsed)
        return;
    QCOMPARE(parsed->value, value);
    QCOMPARE(parsed->valueMax, valueMax);
    // What the panel shows reads back the same.
    const auto again = FigureValue::parse(kind, FigureValue::format(parsed->value, parsed->valueMax));
    QVERIFY(again);
    QCOMPARE(again->value, value);
}

void TestPanelModels::testSchemaJsonRoundTrip()
{
    AnnotationSchema schema = AnnotationSchema::defaults();
    schema.entityTypes.append({ u"WORK"_s, QColor(0x12, 0x34, 0x56), u"7"_s, u"Books, films"_s });
    schema.figureKinds.removeAll(u"other"_s);
    QString error;
    const auto back = AnnotationSchema::fromJson(schema.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, schema);

    QJsonObject broken = schema.toJson();
    broken.remove(u"figure_kinds"_s);
    QVERIFY(!AnnotationSchema::fromJson(broken, &error));
    QVERIFY(!error.isEmpty());
    AnnotationSchema twice = schema;
    twice.entityTypes.last().shortcut = u"1"_s;
    QVERIFY(!twice.problem().isEmpty());
    AnnotationSchema unknownQuoteKind = schema;
    unknownQuoteKind.quoteKinds << u"rhetorical"_s;
    QVERIFY(!unknownQuoteKind.problem().isEmpty());
}

void TestPanelModels::testSchemaStored()
{
    QCOMPARE(m_document->schema(), AnnotationSchema::defaults());
    AnnotationSchema schema = AnnotationSchema::defaults();
    schema.entityTypes.removeFirst();
    schema.entityTypes.append({ u"WORK"_s, QColor(0x12, 0x34, 0x56), u"7"_s, QString() });
    schema.quoteKinds = { u"mixed"_s, u"direct"_s };
    schema.figureKinds << u"rank"_s;
    EntityModel entities(m_document.get());
    QAbstractItemModelTester tester(&entities, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy repainted(&entities, &EntityModel::dataChanged);
    QSignalSpy changed(m_document.get(), &Document::schemaChanged);
    QVERIFY2(m_document->setSchema(schema), qPrintable(m_document->errorString()));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(repainted.count(), 1);
    QCOMPARE(m_document->schema(), schema);
    QVERIFY(m_document->entityType(u"WORK"_s));
    QVERIFY(!m_document->entityType(u"PERSON"_s));
    QCOMPARE(m_document->store().schema(), schema);
    schema.entityTypes.append(schema.entityTypes.last());
    QVERIFY(!m_document->setSchema(schema));
    QCOMPARE(m_document->store().schema().entityTypes.size(), 6);
}

void TestPanelModels::testMigrationFromVersion2()
{
    const QString path = m_dir->filePath(u"version-2.byline"_s);
    const QString connection = u"make-version-2"_s;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        database.setDatabaseName(path);
        QVERIFY(database.open());
        SchemaMigrator migrator(database);
        QVERIFY2(migrator.migrate(2), qPrintable(migrator.errorString()));
        QVERIFY(!database.tables().contains(u"annotation_kinds"_s));
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);

    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QSqlDatabase database = store->database();
    QCOMPARE(SchemaMigrator(database).storedVersion(), SchemaMigrator::currentVersion);
    QCOMPARE(store->schema(), AnnotationSchema::defaults());
}

QTEST_GUILESS_MAIN(TestPanelModels)
#include "tst_panelmodels.moc"
