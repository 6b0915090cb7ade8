// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

#include <QString>

namespace Byline::Fixtures {

/// Builds annotator versions of an article by naming the text they cover.
class VersionBuilder {
public:
    VersionBuilder(const QString &text, const QString &annotator)
        : m_text(text)
        , m_annotator(annotator)
    {
    }

    Span find(const QString &covered) const
    {
        const qsizetype start = m_text.indexOf(covered);
        Q_ASSERT(start >= 0);
        return { start, start + covered.size() };
    }

    /// An entity with one mention for each text given; returns its id.
    RecordId entity(const QString &type, const QStringList &mentions)
    {
        Entity entity;
        entity.id = ++m_nextId;
        entity.name = mentions.first();
        entity.type = type;
        entity.provenance = provenance();
        for (const QString &covered : mentions)
            entity.mentions.append({ ++m_nextId, 0, entity.id, find(covered), provenance() });
        m_set.entities.append(entity);
        return entity.id;
    }

    void quote(const QString &content, QuoteKind kind, RecordId speaker)
    {
        Quote quote;
        quote.id = ++m_nextId;
        quote.kind = kind;
        quote.content = { find(content) };
        quote.speakerId = speaker;
        quote.provenance = provenance();
        m_set.quotes.append(quote);
    }

    void figure(const QString &number, double value)
    {
        Figure figure;
        figure.id = ++m_nextId;
        figure.kind = QStringLiteral("count");
        figure.span = find(number);
        figure.number = figure.span;
        figure.value = value;
        figure.provenance = provenance();
        m_set.figures.append(figure);
    }

    const AnnotationSet &annotations() const { return m_set; }

    /// Writes the version into an article of the store, ids given by the store.
    bool store(Store &store, RecordId articleId) const
    {
        QHash<RecordId, RecordId> entityIds;
        for (Entity entity : m_set.entities) {
            const RecordId oldId = entity.id;
            entity.id = 0;
            entity.articleId = articleId;
            for (Mention &mention : entity.mentions) {
                mention.id = 0;
                mention.articleId = articleId;
            }
            if (!store.insertEntity(entity))
                return false;
            entityIds.insert(oldId, entity.id);
        }
        for (Quote quote : m_set.quotes) {
            quote.id = 0;
            quote.articleId = articleId;
            quote.speakerId = entityIds.value(quote.speakerId);
            if (!store.insertQuote(quote))
                return false;
        }
        for (Figure figure : m_set.figures) {
            figure.id = 0;
            figure.articleId = articleId;
            if (!store.insertFigure(figure))
                return false;
        }
        return true;
    }

private:
    Provenance provenance() const
    {
        Provenance provenance;
        provenance.status = AnnotationStatus::Manual;
        provenance.annotator = m_annotator;
        return provenance;
    }

    QString m_text;
    QString m_annotator;
    AnnotationSet m_set;
    // ids stay apart between annotators' builders, as they do in one store
    inline static RecordId m_nextId = 1000;
};

/// A project three annotators worked on. Article "a1": ana and ben (ben cuts a name
/// short, calls a town a LOC, hears the quote as indirect and reads the figure as 41).
/// Article "a2": ana and cleo, who agree in everything. Article "a3": ana alone, beside an
/// extractor suggestion nobody reviewed.
inline bool writeTeamProject(Store &store)
{
    using namespace Qt::StringLiterals;
    struct Text {
        QString key;
        QString text;
    };
    const QList<Text> texts = {
        { u"a1"_s, u"😀 Mary Smith said “we will stay” on Monday, and 40 soldiers left Almaty."_s },
        { u"a2"_s, u"John Doe of Acme said “prices rise” as 12 shops 🛒 closed in Paris."_s },
        { u"a3"_s, u"Nobody else read this one about Lagos and its 3 bridges."_s },
    };
    QList<RecordId> ids;
    for (const Text &text : texts) {
        Article article;
        article.key = text.key;
        article.title = text.key;
        article.text = text.text;
        if (!store.addArticle(article))
            return false;
        ids << article.id;
    }

    VersionBuilder ana1(texts[0].text, u"ana"_s);
    const RecordId mary = ana1.entity(u"PERSON"_s, { u"Mary Smith"_s });
    ana1.entity(u"GPE"_s, { u"Almaty"_s });
    ana1.quote(u"“we will stay”"_s, QuoteKind::Direct, mary);
    ana1.figure(u"40"_s, 40);
    VersionBuilder ben1(texts[0].text, u"ben"_s);
    const RecordId smith = ben1.entity(u"PERSON"_s, { u"Smith"_s });
    ben1.entity(u"LOC"_s, { u"Almaty"_s });
    ben1.quote(u"“we will stay”"_s, QuoteKind::Indirect, smith);
    ben1.figure(u"40"_s, 41);

    VersionBuilder ana2(texts[1].text, u"ana"_s);
    VersionBuilder cleo2(texts[1].text, u"cleo"_s);
    for (VersionBuilder *version : { &ana2, &cleo2 }) {
        const RecordId john = version->entity(u"PERSON"_s, { u"John Doe"_s });
        version->entity(u"ORG"_s, { u"Acme"_s });
        version->entity(u"GPE"_s, { u"Paris"_s });
        version->quote(u"“prices rise”"_s, QuoteKind::Direct, john);
        version->figure(u"12"_s, 12);
    }

    VersionBuilder ana3(texts[2].text, u"ana"_s);
    ana3.entity(u"GPE"_s, { u"Lagos"_s });
    Entity suggestion;
    suggestion.articleId = ids[2];
    suggestion.name = u"Nobody"_s;
    suggestion.type = u"PERSON"_s;
    suggestion.provenance.status = AnnotationStatus::Auto;
    suggestion.mentions.append({ 0, ids[2], 0, { 0, 6 }, suggestion.provenance });

    return ana1.store(store, ids[0]) && ben1.store(store, ids[0]) && ana2.store(store, ids[1])
        && cleo2.store(store, ids[1]) && ana3.store(store, ids[2]) && store.insertEntity(suggestion);
}

} // namespace Byline::Fixtures
