// SPDX-License-Identifier: GPL-3.0-or-later
// The team's roles enforced by the server (schema version 7, models/teamroles.h): what each
// member's own connection may read and write, whatever SQL it sends.
#include "postgresserver.h"
#include "store.h"
#include "teamroles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString database = u"roles"_s;
const QString articleText = u"😀 Putin said “🚀 the talks go on” and 4,000 troops stayed in Astana."_s;

// The ids of the annotations one annotator made, by table (quote_parts: their quote's id).
using OwnedIds = std::map<QString, RecordId>;

Provenance madeBy(const QString &annotator, AnnotationStatus status = AnnotationStatus::Manual)
{
    Provenance provenance;
    provenance.status = status;
    provenance.annotator = annotator;
    return provenance;
}

// One of each kind of annotation, written through the annotator's own store.
std::optional<OwnedIds> annotate(Store &store, RecordId articleId, const QString &annotator,
    AnnotationStatus status = AnnotationStatus::Manual)
{
    Entity entity;
    entity.articleId = articleId;
    entity.name = u"Vladimir Putin"_s;
    entity.type = u"PERSON"_s;
    entity.provenance = madeBy(annotator, status);
    Mention mention;
    mention.span = { 3, 8 };
    mention.provenance = madeBy(annotator, status);
    entity.mentions = { mention };
    if (!store.insertEntity(entity))
        return std::nullopt;
    Quote quote;
    quote.articleId = articleId;
    quote.content = { { 15, 22 }, { 23, 33 } };
    quote.cue = { 9, 13 };
    quote.speakerId = entity.id;
    quote.provenance = madeBy(annotator, status);
    if (!store.insertQuote(quote))
        return std::nullopt;
    Figure figure;
    figure.articleId = articleId;
    figure.kind = u"count"_s;
    figure.span = { 39, 51 };
    figure.number = { 39, 44 };
    figure.value = 4000.0;
    figure.unit = u"troops"_s;
    figure.provenance = madeBy(annotator, status);
    if (!store.insertFigure(figure))
        return std::nullopt;
    return OwnedIds { { u"entities"_s, entity.id }, { u"mentions"_s, entity.mentions.first().id },
        { u"quotes"_s, quote.id }, { u"quote_parts"_s, quote.id }, { u"figures"_s, figure.id } };
}

QString keyColumn(const QString &table)
{
    return table == u"quote_parts"_s ? u"quote_id"_s : u"id"_s;
}

QStringList annotatorsOf(const AnnotationSet &set)
{
    QStringList names;
    for (const Entity &entity : set.entities)
        names << entity.provenance.annotator;
    for (const Quote &quote : set.quotes)
        names << quote.provenance.annotator;
    for (const Figure &figure : set.figures)
        names << figure.provenance.annotator;
    names.removeDuplicates();
    names.sort();
    return names;
}

} // namespace

class TestPostgresRoles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void othersAnnotationsRefusedToPlainSql_data();
    void othersAnnotationsRefusedToPlainSql();
    void projectTablesRefused_data();
    void projectTablesRefused();
    void blindModeHidesOthers_data();
    void blindModeHidesOthers();
    void storeWritesOwnAnnotations();
    void curatedLayer_data();
    void curatedLayer();
    void commandLineManagesMembers();

private:
    std::unique_ptr<Store> openAs(const QString &user);
    QString snapshot(const QString &table, RecordId id);
    bool setBlind(bool blind);

    std::unique_ptr<Test::PostgresServer> m_server;
    std::unique_ptr<Store> m_owner;
    RecordId m_articleId = 0;
    std::map<QString, OwnedIds> m_owned; ///< by annotator; "" holds the extractor's suggestions
};

std::unique_ptr<Store> TestPostgresRoles::openAs(const QString &user)
{
    StoreError error;
    auto store = Store::open(m_server->url(database, user), Store::Mode::ReadWrite, &error);
    if (!store)
        qWarning() << "cannot open as" << user << error.message;
    return store;
}

// The rows as the project's owner sees them, every column.
QString TestPostgresRoles::snapshot(const QString &table, RecordId id)
{
    QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
    if (!query.exec(
            u"SELECT json_agg(t ORDER BY t)::text FROM %1 t WHERE %2 = %3"_s.arg(table, keyColumn(table))
                .arg(id))
        || !query.next())
        return {};
    return query.value(0).toString();
}

bool TestPostgresRoles::setBlind(bool blind)
{
    // An admin who is no superuser switches it, as in a real team.
    auto admin = openAs(u"adam"_s);
    return admin && TeamRoles(*admin).setBlind(blind);
}

void TestPostgresRoles::initTestCase()
{
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<Test::PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY2(!m_server->createDatabase(database).isEmpty(), qPrintable(m_server->errorString()));
    m_owner = openAs(QString::fromLatin1(Test::PostgresServer::superuser));
    QVERIFY(m_owner);
    Article article;
    article.key = u"astana"_s;
    article.text = articleText;
    QVERIFY(m_owner->addArticle(article));
    m_articleId = article.id;

    TeamRoles roles(*m_owner);
    const QList<TeamMember> members { { u"anna"_s, TeamRole::Annotator, u"Anna 🦊"_s },
        { u"ben"_s, TeamRole::Annotator, u"Ben"_s }, { u"cora"_s, TeamRole::Curator, u"Cora"_s },
        { u"adam"_s, TeamRole::Admin, u"Adam"_s } };
    for (const TeamMember &member : members)
        QVERIFY2(roles.addMember(member, u"secret of "_s + member.name), qPrintable(roles.errorString()));
    QList<TeamMember> byName = members;
    std::ranges::sort(byName, {}, &TeamMember::name);
    QCOMPARE(roles.members(), byName);

    for (const QString &annotator : { u"anna"_s, u"ben"_s }) {
        auto store = openAs(annotator);
        QVERIFY(store);
        const auto ids = annotate(*store, m_articleId, annotator);
        QVERIFY2(ids, qPrintable(store->errorString()));
        m_owned[annotator] = *ids;
    }
    // The extractor's suggestions, as a member's client writes them: status auto, nobody's yet.
    auto anna = openAs(u"anna"_s);
    const auto suggestions = annotate(*anna, m_articleId, QString(), AnnotationStatus::Auto);
    QVERIFY2(suggestions, qPrintable(anna->errorString()));
    m_owned[QString()] = *suggestions;
}

void TestPostgresRoles::cleanupTestCase()
{
    m_owner.reset();
    for (const QString &name : QSqlDatabase::connectionNames()) {
        QSqlDatabase::database(name).close();
        QSqlDatabase::removeDatabase(name);
    }
}

void TestPostgresRoles::othersAnnotationsRefusedToPlainSql_data()
{
    QTest::addColumn<QString>("owner");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<bool>("blind");
    QTest::addColumn<bool>("allowed");
    const std::pair<QString, QString> changes[] = { { u"entities"_s, u"name = 'forged'"_s },
        { u"mentions"_s, u"end_offset = end_offset + 1"_s }, { u"quotes"_s, u"kind = 'mixed'"_s },
        { u"quote_parts"_s, u"end_offset = end_offset + 1"_s }, { u"figures"_s, u"unit = 'forged'"_s } };
    for (const bool blind : { true, false }) {
        for (const QString &owner : { u"anna"_s, u"ben"_s }) {
            for (const auto &[table, change] : changes) {
                QStringList statements { u"UPDATE %1 SET %2 WHERE %3 = %4"_s.arg(
                                             table, change, keyColumn(table)),
                    u"DELETE FROM %1 WHERE %2 = %3"_s.arg(table, keyColumn(table)) };
                if (table != u"quote_parts"_s)
                    statements << u"UPDATE %1 SET annotator = current_user WHERE id = %2"_s.arg(table);
                for (const QString &statement : statements) {
                    QTest::addRow("%s %s, blind %s", qPrintable(owner),
                        qPrintable(statement.section(u'%', 0, 0)), blind ? "on" : "off")
                        << owner << table << statement << blind << (owner == u"anna"_s);
                }
            }
        }
    }
}

// Anna's connection changes her own rows and none of Ben's, whether she can see them or not.
void TestPostgresRoles::othersAnnotationsRefusedToPlainSql()
{
    QFETCH(QString, owner);
    QFETCH(QString, table);
    QFETCH(QString, statement);
    QFETCH(bool, blind);
    QFETCH(bool, allowed);
    QVERIFY(setBlind(blind));
    const RecordId id = m_owned.at(owner).at(table);
    const QString before = snapshot(table, id);
    QVERIFY(!before.isEmpty());

    QSqlDatabase anna = m_server->connectAs(database, u"anna"_s);
    QVERIFY(anna.transaction());
    QSqlQuery query(anna);
    const bool executed = query.exec(statement.arg(id));
    const int affected = executed ? query.numRowsAffected() : 0;
    if (allowed) {
        // Her own: done, and taken back so that the next row finds the project as it was.
        QVERIFY2(executed, qPrintable(query.lastError().text()));
        QVERIFY(affected > 0);
        QVERIFY(anna.rollback());
        return;
    }
    QVERIFY(executed ? anna.commit() : anna.rollback());
    QCOMPARE(affected, 0);
    QCOMPARE(snapshot(table, id), before);
}

void TestPostgresRoles::projectTablesRefused_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("statement");
    const QStringList statements { u"UPDATE entity_types SET colour = '#000000'"_s,
        u"INSERT INTO annotation_kinds (layer, name, position) VALUES ('figure', 'forged', 99)"_s,
        u"DELETE FROM articles"_s, u"UPDATE articles SET text = 'forged'"_s,
        u"UPDATE byline_meta SET value = 'off' WHERE key = 'blind'"_s,
        u"UPDATE byline_meta SET value = '1' WHERE key = 'schema_version'"_s,
        u"INSERT INTO byline_users (name, display_name) VALUES ('mallory', 'Mallory')"_s,
        u"ALTER TABLE entities DISABLE ROW LEVEL SECURITY"_s, u"DROP POLICY byline_update ON entities"_s,
        u"ALTER TABLE entities ADD COLUMN forged TEXT"_s, u"CREATE TABLE forged (id INTEGER)"_s,
        u"UPDATE annotation_search SET body = 'forged'"_s };
    for (const QString &user : { u"anna"_s, u"cora"_s }) {
        for (const QString &statement : statements)
            QTest::addRow("%s: %s", qPrintable(user), qPrintable(statement)) << user << statement;
    }
}

// The project's schema, settings and members are the admin's; an annotator or curator's
// statement fails at the server.
void TestPostgresRoles::projectTablesRefused()
{
    QFETCH(QString, user);
    QFETCH(QString, statement);
    QSqlQuery query(m_server->connectAs(database, user));
    QVERIFY(!query.exec(statement));
    QVERIFY2(query.lastError().databaseText().contains(u"permission denied"_s)
            || query.lastError().databaseText().contains(u"must be owner"_s),
        qPrintable(query.lastError().databaseText()));
}

void TestPostgresRoles::blindModeHidesOthers_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("blind");
    QTest::addColumn<QStringList>("visible");
    // "" is the extractor: its suggestions are there for everyone to review.
    const QStringList everyone { QString(), u"anna"_s, u"ben"_s };
    QTest::newRow("annotator, blind") << u"anna"_s << true << QStringList { QString(), u"anna"_s };
    QTest::newRow("other annotator, blind") << u"ben"_s << true << QStringList { QString(), u"ben"_s };
    QTest::newRow("annotator, not blind") << u"anna"_s << false << everyone;
    QTest::newRow("curator, blind") << u"cora"_s << true << everyone;
    QTest::newRow("admin, blind") << u"adam"_s << true << everyone;
}

void TestPostgresRoles::blindModeHidesOthers()
{
    QFETCH(QString, user);
    QFETCH(bool, blind);
    QFETCH(QStringList, visible);
    QVERIFY(setBlind(blind));
    auto store = openAs(user);
    QVERIFY(store);
    QCOMPARE(TeamRoles(*store).isBlind(), blind);
    const AnnotationSet set = store->annotations(m_articleId);
    QCOMPARE(annotatorsOf(set), visible);
    // A quote's parts come with it: every visible quote has its text.
    for (const Quote &quote : set.quotes)
        QCOMPARE(quote.content.size(), 2);
    // Plain SQL sees no more than the store does.
    QSqlQuery query(m_server->connectAs(database, user));
    QVERIFY(query.exec(u"SELECT count(*) FROM mentions"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), visible.size());
    // Nor does search: the index holds an entity, a quote and a figure of each.
    QVERIFY(query.exec(u"SELECT count(*) FROM annotation_search"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), visible.size() * 3);
}

// The app works for an annotator: new annotations, changes, reviews of suggestions, removals;
// a record claimed in another's name is refused.
void TestPostgresRoles::storeWritesOwnAnnotations()
{
    QVERIFY(setBlind(true));
    auto store = openAs(u"anna"_s);
    QVERIFY(store);
    auto ids = annotate(*store, m_articleId, u"anna"_s);
    QVERIFY2(ids, qPrintable(store->errorString()));

    AnnotationSet set = store->annotations(m_articleId);
    auto entity = std::ranges::find(set.entities, ids->at(u"entities"_s), &Entity::id);
    QVERIFY(entity != set.entities.end());
    entity->name = u"Putin 🇷🇺"_s;
    QVERIFY2(store->updateEntity(*entity), qPrintable(store->errorString()));
    auto quote = std::ranges::find(set.quotes, ids->at(u"quotes"_s), &Quote::id);
    QVERIFY(quote != set.quotes.end());
    quote->content = { { 15, 33 } };
    quote->kind = QuoteKind::Indirect;
    QVERIFY2(store->updateQuote(*quote), qPrintable(store->errorString()));
    const QList<Quote> storedQuotes = store->annotations(m_articleId).quotes;
    const auto stored = std::ranges::find(storedQuotes, quote->id, &Quote::id);
    QVERIFY(stored != storedQuotes.end());
    QCOMPARE(stored->content, quote->content);

    // Accepting a suggestion makes it hers.
    auto suggestion = std::ranges::find(set.figures, m_owned.at(QString()).at(u"figures"_s), &Figure::id);
    QVERIFY(suggestion != set.figures.end());
    Figure accepted = *suggestion;
    accepted.provenance = madeBy(u"anna"_s, AnnotationStatus::Accepted);
    QVERIFY2(store->updateFigure(accepted), qPrintable(store->errorString()));
    QVERIFY(snapshot(u"figures"_s, accepted.id).contains(u"\"annotator\":\"anna\""_s));
    accepted.provenance = suggestion->provenance;
    QVERIFY2(store->updateFigure(accepted), qPrintable(store->errorString()));

    Entity forged = *entity;
    forged.id = 0;
    forged.mentions.clear();
    forged.provenance = madeBy(u"ben"_s);
    QVERIFY(!store->insertEntity(forged));

    QVERIFY2(store->removeQuote(ids->at(u"quotes"_s)), qPrintable(store->errorString()));
    QVERIFY2(store->removeFigure(ids->at(u"figures"_s)), qPrintable(store->errorString()));
    QVERIFY2(store->removeEntity(ids->at(u"entities"_s)), qPrintable(store->errorString()));
    QVERIFY(snapshot(u"entities"_s, ids->at(u"entities"_s)).isEmpty());
    QCOMPARE(annotatorsOf(store->annotations(m_articleId)), (QStringList { QString(), u"anna"_s }));
}

void TestPostgresRoles::curatedLayer_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("annotator");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("curator writes the curated layer") << u"cora"_s << u"curator"_s << true;
    QTest::newRow("curator writes her own") << u"cora"_s << u"cora"_s << true;
    QTest::newRow("curator cannot write an annotator's") << u"cora"_s << u"ben"_s << false;
    QTest::newRow("annotator cannot write the curated layer") << u"anna"_s << u"curator"_s << false;
    QTest::newRow("admin writes an annotator's") << u"adam"_s << u"ben"_s << true;
}

void TestPostgresRoles::curatedLayer()
{
    QFETCH(QString, user);
    QFETCH(QString, annotator);
    QFETCH(bool, allowed);
    auto store = openAs(user);
    QVERIFY(store);
    Entity entity;
    entity.articleId = m_articleId;
    entity.name = u"Astana"_s;
    entity.type = u"GPE"_s;
    entity.provenance = madeBy(annotator);
    QCOMPARE(store->insertEntity(entity), allowed);
    if (allowed) {
        QVERIFY(snapshot(u"entities"_s, entity.id).contains(u"\"annotator\":\"%1\""_s.arg(annotator)));
        QVERIFY2(store->removeEntity(entity.id), qPrintable(store->errorString()));
    }
}

// byline users as the project's admin: add with a password from a file, list, remove.
void TestPostgresRoles::commandLineManagesMembers()
{
    QTemporaryDir directory;
    const QString passwordFile = directory.filePath(u"password"_s);
    QFile file(passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(" pass word 🔑\n");
    file.close();
    const QString url = m_server->url(database, u"adam"_s);
    const auto byline = [](const QStringList &arguments) {
        QProcess process;
        process.start(QStringLiteral(BYLINE_BINARY), QStringList { u"users"_s } + arguments);
        process.waitForFinished(60000);
        return std::pair(process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
    };
    // Every statement the server runs goes to its log while the member is added.
    QVERIFY(m_server->execute({ u"ALTER SYSTEM SET log_statement = 'all'"_s, u"SELECT pg_reload_conf()"_s }));
    auto [code, output] = byline({ url, u"add"_s, u"eve"_s, u"--role"_s, u"curator"_s, u"--display-name"_s,
        u"Eve 🦉"_s, u"--password-file"_s, passwordFile });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY(m_server->execute({ u"ALTER SYSTEM RESET log_statement"_s, u"SELECT pg_reload_conf()"_s }));
    // The password never reached the server: only its SCRAM verifier did.
    QFile log(m_server->logFile());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString logged = QString::fromUtf8(log.readAll());
    QVERIFY2(logged.contains(u"CREATE ROLE \"eve\" LOGIN PASSWORD 'SCRAM-SHA-256$4096:"_s),
        qPrintable(logged.right(2000)));
    QVERIFY(!logged.contains(u"pass word"_s));

    // And it is the password the server checks: eve must now log in by SCRAM with it.
    QFile hba(QDir(m_server->dataDirectory()).filePath(u"pg_hba.conf"_s));
    QVERIFY(hba.open(QIODevice::ReadOnly));
    const QByteArray rules = hba.readAll();
    hba.close();
    QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
    hba.write("host all eve 127.0.0.1/32 scram-sha-256\n" + rules);
    hba.close();
    QVERIFY(m_server->execute({ u"SELECT pg_reload_conf()"_s }));
    const auto logIn = [&](const QString &password) {
        QSqlDatabase connection = QSqlDatabase::addDatabase(u"QPSQL"_s, u"eve-login"_s);
        connection.setHostName(u"127.0.0.1"_s);
        connection.setPort(m_server->port());
        connection.setDatabaseName(database);
        connection.setUserName(u"eve"_s);
        connection.setPassword(password);
        const bool opened = connection.open();
        connection.close();
        connection = {};
        QSqlDatabase::removeDatabase(u"eve-login"_s);
        return opened;
    };
    QTRY_VERIFY(!logIn(u"wrong"_s)); // once the reloaded rules apply
    QVERIFY(logIn(u" pass word 🔑"_s));
    std::tie(code, output) = byline({ url, u"list"_s });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(u"eve\tcurator\tEve 🦉\n"_s), qPrintable(output));
    QVERIFY2(output.contains(u"anna\tannotator\tAnna 🦊\n"_s), qPrintable(output));

    // The server holds the password, hashed; Byline's tables do not.
    QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
    QVERIFY(query.exec(u"SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'eve'"_s));
    QVERIFY(query.next() && query.value(0).toBool());
    QVERIFY(query.exec(u"SELECT count(*) FROM byline_users WHERE display_name LIKE '%pass word%'"_s));
    QVERIFY(query.next() && query.value(0).toInt() == 0);

    std::tie(code, output) = byline(
        { m_server->url(database, u"anna"_s), u"add"_s, u"mallory"_s, u"--password-file"_s, passwordFile });
    QVERIFY2(code != 0, qPrintable(output));
    std::tie(code, output) = byline({ url, u"remove"_s, u"eve"_s });
    QVERIFY2(code == 0, qPrintable(output));
    std::tie(code, output) = byline({ url, u"list"_s });
    QVERIFY(!output.contains(u"eve"_s));
    QVERIFY(query.exec(u"SELECT count(*) FROM pg_roles WHERE rolname IN ('eve', 'mallory')"_s));
    QVERIFY(query.next() && query.value(0).toInt() == 0);
}

QTEST_GUILESS_MAIN(TestPostgresRoles)
#include "tst_postgres_roles.moc"
