// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusgenerator.h"

#include "store.h"

#include <algorithm>

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

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
    // Of two paragraphs drawn, the one that names more: the dev articles name about 12 entities
    // each, a project the benchmarks stand for about 30 (issue 9), at the same lengths.
    const auto drawUnused = [&] {
        int index = below(m_paragraphs.size());
        while (used.contains(index))
            index = below(m_paragraphs.size());
        return index;
    };
    while (article.words < targetWords && used.size() < m_paragraphs.size()) {
        int index = drawUnused();
        if (used.size() + 1 < m_paragraphs.size()) {
            const int other = drawUnused();
            if (m_paragraphs[other].mentions.size() > m_paragraphs[index].mentions.size())
                index = other;
        }
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
    // One rollback journal for all the batches, when the generator is alone on the file.
    const Store::SoleWriterJournal alone(store, true);
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

bool CorpusGenerator::write(Store &store, int first, int count)
{
    const auto below = [this](int bound) { return int(m_random() % quint32(bound)); };
    // An import's transaction: counts and search rows are caught up at its commit.
    Store::BulkInsert transaction(store);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int existing = store.articleCount();
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
    const auto provenance = [&] {
        Provenance made;
        made.status = annotationStatus();
        const bool suggested = made.status == AnnotationStatus::Auto;
        made.annotator = suggested ? QString() : u"analyst"_s;
        made.created = made.modified = now;
        if (suggested)
            made.confidence = 0.5 + below(50) / 100.0;
        return made;
    };

    for (int n = first; n < first + count; ++n) {
        const Draft drafted = draft();
        const int dice = below(100);
        articleStatus = dice < 55 ? ArticleStatus::Todo
            : dice < 80           ? ArticleStatus::InProgress
                                  : ArticleStatus::Done;
        Article article;
        article.key = u"bench-%1"_s.arg(existing + n + 1 - first, 6, 10, QChar(u'0'));
        article.title = drafted.text.section(u'\n', 0, 0);
        article.source = outlets[below(int(outlets.size()))];
        article.published = QDate(2021, 1, 1).addDays(below(5 * 365)).toString(Qt::ISODate);
        article.imported = now;
        article.status = articleStatus;
        article.text = drafted.text;

        AnnotationSet annotations;
        // Entities by (name, type), each one's index in annotations.entities, which is also the
        // id quotes name their speakers by until the store gives the real ones.
        QHash<std::pair<QString, QString>, qsizetype> entities;
        const auto entityFor = [&](const QString &name, const QString &type) -> Entity & {
            auto found = entities.find({ name, type });
            if (found == entities.end()) {
                found = entities.insert({ name, type }, annotations.entities.size());
                Entity entity;
                entity.id = annotations.entities.size() + 1;
                entity.name = name;
                entity.type = type;
                entity.provenance = provenance();
                annotations.entities.append(entity);
            }
            return annotations.entities[*found];
        };
        const auto addMention = [&](Entity &entity, const Span &span) {
            Mention mention;
            mention.span = span;
            mention.provenance = provenance();
            entity.mentions.append(mention);
        };
        for (const MentionPart &mention : std::as_const(drafted.mentions))
            addMention(entityFor(mention.name, mention.type), mention.span);
        for (const QuotePart &part : drafted.quotes.mid(0, maxQuotes)) {
            Quote quote;
            if (!part.speakerName.isEmpty()) {
                const bool known = entities.contains({ part.speakerName, part.speakerType });
                Entity &speaker = entityFor(part.speakerName, part.speakerType);
                // A speaker named in another paragraph of the dev article is named by the source here.
                if (!known && !part.source.isNull())
                    addMention(speaker, part.source);
                quote.speakerId = speaker.id;
            }
            quote.kind = quoteKindFromString(part.kind).value_or(QuoteKind::Direct);
            quote.content = part.content;
            quote.cue = part.cue;
            quote.source = part.source;
            quote.provenance = provenance();
            annotations.quotes.append(quote);
        }
        for (const FigurePart &part : drafted.figures.mid(0, maxFigures)) {
            Figure figure;
            figure.kind = part.kind;
            figure.span = part.span;
            figure.number = part.number;
            figure.value = part.value;
            figure.unit = part.unit;
            figure.provenance = provenance();
            annotations.figures.append(figure);
        }
        if (!store.addDocument(article, annotations)) {
            m_error = tr("Cannot store a generated article: %1").arg(store.errorString());
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
