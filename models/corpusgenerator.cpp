// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusgenerator.h"

#include "store.h"
#include "texthash.h"

#include <algorithm>

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Small enough that a commit stays short, large enough that commits are not what takes the time.
constexpr int articlesPerTransaction = 500;
constexpr int maxQuotes = 8;
constexpr int maxFigures = 10;

const QStringList outlets { u"Reuters"_s, u"AP"_s, u"AFP"_s, u"BBC News"_s, u"The Guardian"_s,
    u"Daily Nation"_s, u"The Hindu"_s, u"Folha de S.Paulo"_s, u"Jakarta Post"_s, u"Gazeta"_s };

Span spanFrom(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2)
        return {};
    return { pair[0].toInteger(), pair[1].toInteger() };
}

QString lastWord(const QString &name)
{
    return name.section(u' ', -1);
}

} // namespace

CorpusGenerator::CorpusGenerator(quint32 seed)
    : m_random(seed)
{
}

// The material's offsets count code points; a paragraph without surrogates counts the same in
// UTF-16, which is what the drafts and the rows use, so the few with emoji are left out.
bool CorpusGenerator::load()
{
    if (!m_paragraphs.isEmpty())
        return true;
    QFile file(u":/byline/corpus/paragraphs.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot read the corpus material: %1").arg(file.errorString());
        return false;
    }
    const QJsonObject material = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue length : material.value(u"lengths"_s).toArray())
        m_lengths << length.toInt();
    QSet<QString> surnames;
    for (const QJsonValue value : material.value(u"paragraphs"_s).toArray()) {
        const QJsonObject object = value.toObject();
        Paragraph paragraph;
        paragraph.text = object.value(u"text"_s).toString();
        if (std::any_of(
                paragraph.text.cbegin(), paragraph.text.cend(), [](QChar c) { return c.isSurrogate(); }))
            continue;
        paragraph.words = int(paragraph.text.split(u' ', Qt::SkipEmptyParts).size());
        for (const QJsonValue mention : object.value(u"mentions"_s).toArray()) {
            const QJsonArray fields = mention.toArray();
            paragraph.mentions.append({ { fields[0].toInteger(), fields[1].toInteger() },
                fields[2].toString(), fields[3].toString() });
            if (fields[2].toString() == u"PERSON"_s && fields[3].toString().contains(u' '))
                surnames.insert(lastWord(fields[3].toString()));
        }
        for (const QJsonValue quote : object.value(u"quotes"_s).toArray()) {
            const QJsonArray fields = quote.toArray();
            QuotePart part { fields[0].toString(), {}, spanFrom(fields[2]), spanFrom(fields[3]),
                fields[4].toArray().at(0).toString(), fields[4].toArray().at(1).toString() };
            for (const QJsonValue content : fields[1].toArray())
                part.content << spanFrom(content);
            paragraph.quotes.append(part);
        }
        for (const QJsonValue figure : object.value(u"figures"_s).toArray()) {
            const QJsonArray fields = figure.toArray();
            paragraph.figures.append({ fields[0].toString(), spanFrom(fields[1]), spanFrom(fields[2]),
                fields[3].toVariant(), fields[4].toString() });
        }
        m_paragraphs.append(paragraph);
    }
    QFile names(u":/byline/extraction/firstnames.txt"_s);
    if (names.open(QIODevice::ReadOnly | QIODevice::Text)) {
        for (const QString &line : QString::fromUtf8(names.readAll()).split(u'\n')) {
            if (!line.startsWith(u'#'))
                m_firstNames << line.split(u' ', Qt::SkipEmptyParts);
        }
    }
    m_surnames = surnames.values();
    std::sort(m_surnames.begin(), m_surnames.end()); // a set's order would change the corpus per run
    if (m_paragraphs.isEmpty() || m_lengths.isEmpty() || m_firstNames.isEmpty() || m_surnames.isEmpty()) {
        m_error = tr("The corpus material is empty or damaged");
        return false;
    }
    return true;
}

namespace {

/// Renames the people of a paragraph and moves every span by the change in length.
class Renamer {
public:
    Renamer(const QString &text, const QList<std::tuple<Span, QString>> &replacements)
    {
        qsizetype from = 0;
        for (const auto &[span, name] : replacements) {
            m_text += QStringView(text).sliced(from, span.start - from);
            m_text += name;
            m_moves.append({ span.end, name.size() - span.length() });
            from = span.end;
        }
        m_text += QStringView(text).sliced(from);
    }

    QString text() const { return m_text; }
    qsizetype move(qsizetype position) const
    {
        qsizetype moved = position;
        for (const auto &[end, delta] : m_moves) {
            if (end <= position)
                moved += delta;
        }
        return moved;
    }
    Span move(const Span &span, qsizetype base) const
    {
        return span.isNull() ? span : Span { base + move(span.start), base + move(span.end) };
    }

private:
    QString m_text;
    QList<std::pair<qsizetype, qsizetype>> m_moves;
};

} // namespace

CorpusGenerator::Draft CorpusGenerator::draft()
{
    const auto below = [this](qsizetype bound) { return int(m_random() % quint32(bound)); };
    // Lengths vary by a quarter either way around a dev article's length.
    const int targetWords = m_lengths[below(m_lengths.size())] * (75 + below(51)) / 100;
    QHash<QString, QString> names; // a person of the material -> who they are in this article
    const auto nameFor = [&](const QString &name) {
        auto found = names.find(name);
        if (found == names.end()) {
            const bool rename = below(4) != 0;
            found = names.insert(name,
                rename
                    ? m_firstNames[below(m_firstNames.size())] + u' ' + m_surnames[below(m_surnames.size())]
                    : name);
        }
        return *found;
    };

    Draft article;
    QSet<int> used;
    while (article.words < targetWords && used.size() < m_paragraphs.size()) {
        const int index = below(m_paragraphs.size());
        if (used.contains(index))
            continue;
        used.insert(index);
        const Paragraph &paragraph = m_paragraphs[index];
        QList<std::tuple<Span, QString>> replacements;
        for (const MentionPart &mention : paragraph.mentions) {
            if (mention.type != u"PERSON"_s)
                continue;
            const QString text = paragraph.text.mid(mention.span.start, mention.span.length());
            const QString name = nameFor(mention.name);
            if (text == mention.name)
                replacements.append({ mention.span, name });
            else if (text == lastWord(mention.name) && mention.name.contains(u' '))
                replacements.append({ mention.span, lastWord(name) });
        }
        std::sort(replacements.begin(), replacements.end(),
            [](const auto &a, const auto &b) { return std::get<0>(a).start < std::get<0>(b).start; });
        const Renamer renamer(paragraph.text, replacements);
        if (article.text.isEmpty()) {
            // The headline: the first paragraph's opening words, as in the dev articles' first line.
            const QString opening = renamer.text().section(u". "_s, 0, 0);
            article.text = opening.split(u' ').mid(0, 12).join(u' ');
        }
        article.text += u"\n\n"_s;
        const qsizetype base = article.text.size();
        article.text += renamer.text();
        article.words += paragraph.words;
        for (const MentionPart &mention : paragraph.mentions) {
            article.mentions.append({ renamer.move(mention.span, base), mention.type,
                mention.type == u"PERSON"_s ? nameFor(mention.name) : mention.name });
        }
        for (const QuotePart &quote : paragraph.quotes) {
            QuotePart moved = quote;
            for (Span &part : moved.content)
                part = renamer.move(part, base);
            moved.cue = renamer.move(quote.cue, base);
            moved.source = renamer.move(quote.source, base);
            if (quote.speakerType == u"PERSON"_s)
                moved.speakerName = nameFor(quote.speakerName);
            article.quotes.append(moved);
        }
        for (const FigurePart &figure : paragraph.figures) {
            article.figures.append({ figure.kind, renamer.move(figure.span, base),
                renamer.move(figure.number, base), figure.value, figure.unit });
        }
    }
    return article;
}

bool CorpusGenerator::generate(Store &store, int count, const std::function<void(int)> &progress)
{
    if (!load())
        return false;
    // The indexes of 100,000 articles outgrow SQLite's default cache of 2 MB, and each insert would
    // read their pages back from the file; 256 MB keeps them in memory while the corpus is written.
    QSqlQuery(store.database()).exec(u"PRAGMA cache_size = -262144"_s);
    for (int done = 0; done < count;) {
        const int batch = std::min(articlesPerTransaction, count - done);
        if (!write(store, done, batch))
            return false;
        done += batch;
        if (progress)
            progress(done);
    }
    return true;
}

namespace {

struct Statements {
    explicit Statements(const QSqlDatabase &database)
        : article(database)
        , entity(database)
        , mention(database)
        , quote(database)
        , part(database)
        , figure(database)
    {
        const QString provenance = u"status, annotator, created_at, modified_at, confidence, rule"_s;
        article.prepare(
            u"INSERT INTO articles (key, title, source, published, imported_at, status, text, text_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        entity.prepare(u"INSERT INTO entities (article_id, name, type, "_s + provenance
            + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')"_s);
        mention.prepare(u"INSERT INTO mentions (entity_id, start_offset, end_offset, "_s + provenance
            + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')"_s);
        quote.prepare(u"INSERT INTO quotes (article_id, kind, cue_start, cue_end, source_start, source_end,"
                      " speaker_id, "_s
            + provenance + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')"_s);
        part.prepare(
            u"INSERT INTO quote_parts (quote_id, position, start_offset, end_offset) VALUES (?, ?, ?, ?)"_s);
        figure.prepare(
            u"INSERT INTO figures (article_id, kind, span_start, span_end, number_start, number_end,"
            " value_number, value_text, unit, "_s
            + provenance + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')"_s);
    }
    QSqlQuery article, entity, mention, quote, part, figure;
};

QVariant offset(qsizetype position)
{
    return position < 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(qlonglong(position));
}

} // namespace

bool CorpusGenerator::write(Store &store, int first, int count)
{
    const auto below = [this](int bound) { return int(m_random() % quint32(bound)); };
    Store::Transaction transaction(store);
    Statements sql(store.database());
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const int existing = store.articleCount();
    const auto run = [](QSqlQuery &query) {
        if (query.exec())
            return query.lastInsertId().toLongLong();
        return RecordId(0);
    };
    ArticleStatus articleStatus = ArticleStatus::Todo;
    // What an analyst leaves behind: nothing reviewed in a new article, some of an article in
    // progress, nearly all of a finished one.
    const auto annotationStatus = [&] {
        const int dice = below(100);
        switch (articleStatus) {
        case ArticleStatus::Todo:
            return AnnotationStatus::Auto;
        case ArticleStatus::InProgress:
            return dice < 50 ? AnnotationStatus::Auto
                : dice < 88  ? AnnotationStatus::Accepted
                : dice < 95  ? AnnotationStatus::Edited
                             : AnnotationStatus::Rejected;
        case ArticleStatus::Done:
            break;
        }
        return dice < 75 ? AnnotationStatus::Accepted
            : dice < 85  ? AnnotationStatus::Edited
            : dice < 95  ? AnnotationStatus::Manual
                         : AnnotationStatus::Rejected;
    };
    const auto bindProvenance = [&](QSqlQuery &query, int from) {
        const AnnotationStatus status = annotationStatus();
        const bool suggested = status == AnnotationStatus::Auto;
        query.bindValue(from, toString(status));
        query.bindValue(from + 1, suggested ? u""_s : u"analyst"_s);
        query.bindValue(from + 2, now);
        query.bindValue(from + 3, now);
        query.bindValue(from + 4,
            suggested ? QVariant(0.5 + below(50) / 100.0) : QVariant(QMetaType::fromType<double>()));
    };

    for (int n = first; n < first + count; ++n) {
        const Draft drafted = draft();
        const int dice = below(100);
        articleStatus = dice < 55 ? ArticleStatus::Todo
            : dice < 80           ? ArticleStatus::InProgress
                                  : ArticleStatus::Done;
        const QDate published = QDate(2021, 1, 1).addDays(below(5 * 365));
        sql.article.bindValue(0, u"bench-%1"_s.arg(existing + n + 1 - first, 6, 10, QChar(u'0')));
        sql.article.bindValue(1, drafted.text.section(u'\n', 0, 0));
        sql.article.bindValue(2, outlets[below(int(outlets.size()))]);
        sql.article.bindValue(3, published.toString(Qt::ISODate));
        sql.article.bindValue(4, now);
        sql.article.bindValue(5, toString(articleStatus));
        sql.article.bindValue(6, drafted.text);
        sql.article.bindValue(7, textHash(drafted.text));
        const RecordId articleId = run(sql.article);
        if (!articleId) {
            m_error = tr("Cannot store a generated article: %1").arg(sql.article.lastError().text());
            return false;
        }

        QHash<std::pair<QString, QString>, RecordId> entities;
        const auto entityFor = [&](const QString &name, const QString &type) {
            RecordId &id = entities[{ name, type }];
            if (!id) {
                sql.entity.bindValue(0, articleId);
                sql.entity.bindValue(1, name);
                sql.entity.bindValue(2, type);
                bindProvenance(sql.entity, 3);
                id = run(sql.entity);
            }
            return id;
        };
        const auto addMention = [&](RecordId entityId, const Span &span) {
            sql.mention.bindValue(0, entityId);
            sql.mention.bindValue(1, span.start);
            sql.mention.bindValue(2, span.end);
            bindProvenance(sql.mention, 3);
            return run(sql.mention) != 0;
        };
        bool written = true;
        for (const MentionPart &mention : std::as_const(drafted.mentions)) {
            const RecordId entityId = entityFor(mention.name, mention.type);
            written = written && entityId && addMention(entityId, mention.span);
        }
        for (const QuotePart &quote : drafted.quotes.mid(0, maxQuotes)) {
            RecordId speakerId = 0;
            if (!quote.speakerName.isEmpty()) {
                const bool known = entities.contains({ quote.speakerName, quote.speakerType });
                speakerId = entityFor(quote.speakerName, quote.speakerType);
                // A speaker named in another paragraph of the dev article is named by the source here.
                if (!known && !quote.source.isNull())
                    written = written && addMention(speakerId, quote.source);
            }
            sql.quote.bindValue(0, articleId);
            sql.quote.bindValue(1, quote.kind);
            sql.quote.bindValue(2, offset(quote.cue.start));
            sql.quote.bindValue(3, offset(quote.cue.end));
            sql.quote.bindValue(4, offset(quote.source.start));
            sql.quote.bindValue(5, offset(quote.source.end));
            sql.quote.bindValue(
                6, speakerId ? QVariant(speakerId) : QVariant(QMetaType::fromType<qlonglong>()));
            bindProvenance(sql.quote, 7);
            const RecordId quoteId = run(sql.quote);
            written = written && quoteId;
            for (int position = 0; position < quote.content.size(); ++position) {
                sql.part.bindValue(0, quoteId);
                sql.part.bindValue(1, position);
                sql.part.bindValue(2, quote.content[position].start);
                sql.part.bindValue(3, quote.content[position].end);
                written = written && sql.part.exec();
            }
        }
        for (const FigurePart &figure : drafted.figures.mid(0, maxFigures)) {
            const bool textual = figure.value.typeId() == QMetaType::QString;
            sql.figure.bindValue(0, articleId);
            sql.figure.bindValue(1, figure.kind);
            sql.figure.bindValue(2, figure.span.start);
            sql.figure.bindValue(3, figure.span.end);
            sql.figure.bindValue(4, figure.number.start);
            sql.figure.bindValue(5, figure.number.end);
            sql.figure.bindValue(6,
                !textual && figure.value.isValid() ? QVariant(figure.value.toDouble())
                                                   : QVariant(QMetaType::fromType<double>()));
            sql.figure.bindValue(7, textual ? figure.value : QVariant(QMetaType::fromType<QString>()));
            sql.figure.bindValue(8, figure.unit);
            bindProvenance(sql.figure, 9);
            written = written && run(sql.figure);
        }
        if (!written) {
            m_error = tr("Cannot store the annotations of a generated article: %1")
                          .arg(store.database().lastError().text());
            return false;
        }
    }
    if (!transaction.commit()) {
        m_error = store.errorString();
        return false;
    }
    return true;
}

} // namespace Byline
