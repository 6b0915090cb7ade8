// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusquery.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::CorpusQuery", text);
}

// Both backends drop punctuation when they split words; a word without a letter or digit would
// become an empty phrase, so it is left out here.
bool hasWordCharacter(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

struct Token {
    QString field; ///< empty for a plain word or phrase
    QString value;
    bool phrase = false;
};

} // namespace

bool CorpusQuery::setLayer(const QString &layer, const QString &field)
{
    if (!m_layer.isEmpty() && m_layer != layer) {
        m_error
            = tr("%1 and %2 cannot be combined: they search different annotations.").arg(m_layerField, field);
        return false;
    }
    m_layer = layer;
    m_layerField = field;
    return true;
}

CorpusQuery CorpusQuery::parse(const QString &text)
{
    CorpusQuery query;
    QList<Token> tokens;
    const qsizetype length = text.size();
    qsizetype i = 0;
    const auto readPhrase = [&](QString *value) {
        const qsizetype close = text.indexOf(u'"', i + 1);
        if (close < 0)
            return false;
        *value = text.mid(i + 1, close - i - 1);
        i = close + 1;
        return true;
    };
    while (i < length) {
        if (text[i].isSpace()) {
            ++i;
            continue;
        }
        Token token;
        if (text[i] == u'"') {
            token.phrase = true;
            if (!readPhrase(&token.value)) {
                query.m_error = tr("A quotation mark is not closed.");
                return query;
            }
            tokens.append(token);
            continue;
        }
        qsizetype end = i;
        while (end < length && !text[end].isSpace())
            ++end;
        const QString word = text.mid(i, end - i);
        const qsizetype colon = word.indexOf(u':');
        const bool isField = colon > 0
            && std::all_of(word.begin(), word.begin() + colon, [](QChar c) { return c.isLetter(); });
        if (!isField) {
            token.value = word;
            i = end;
            tokens.append(token);
            continue;
        }
        token.field = word.left(colon).toLower();
        i += colon + 1;
        if (i < length && text[i] == u'"') {
            token.phrase = true;
            if (!readPhrase(&token.value)) {
                query.m_error = tr("A quotation mark is not closed.");
                return query;
            }
        } else {
            token.value = word.mid(colon + 1);
            i = end;
        }
        if (!hasWordCharacter(token.value)) {
            query.m_error = tr("%1: needs a value, as in speaker:Tokayev.").arg(token.field);
            return query;
        }
        tokens.append(token);
    }

    for (const Token &token : std::as_const(tokens)) {
        if (token.field.isEmpty()) {
            if (!hasWordCharacter(token.value))
                continue;
            if (!token.phrase && token.value.size() > 1 && token.value.endsWith(u'*'))
                query.m_words.append({ SearchTerm::Kind::Prefix, token.value.chopped(1) });
            else
                query.m_words.append(
                    { token.phrase ? SearchTerm::Kind::Phrase : SearchTerm::Kind::Word, token.value });
            continue;
        }
        const QString field = token.field + u":"_s;
        const QString value = token.value.trimmed().toLower();
        if (token.field == u"speaker"_s) {
            if (!query.setLayer(u"quote"_s, field))
                return query;
            query.m_fields.append({ token.field, token.value });
        } else if (token.field == u"type"_s) {
            if (!query.setLayer(u"entity"_s, field))
                return query;
            query.m_fields.append({ token.field, token.value });
        } else if (token.field == u"kind"_s) {
            static const QStringList figureKinds { u"count"_s, u"money"_s, u"percent"_s, u"measure"_s,
                u"date"_s, u"duration"_s, u"other"_s };
            if (quoteKindFromString(value)) {
                if (!query.setLayer(u"quote"_s, field))
                    return query;
            } else if (figureKinds.contains(value)) {
                if (!query.setLayer(u"figure"_s, field))
                    return query;
            } else {
                query.m_error = tr("Unknown kind “%1”: quotes are direct, indirect or mixed; figures are %2.")
                                    .arg(token.value, figureKinds.join(u", "_s));
                return query;
            }
            query.m_fields.append({ token.field, value });
        } else if (token.field == u"status"_s) {
            QString articleStatus = value;
            articleStatus.replace(u'-', u' ').replace(u'_', u' ');
            if (articleStatus == u"inprogress"_s)
                articleStatus = u"in progress"_s;
            if (annotationStatusFromString(value)) {
                query.m_fields.append({ token.field, value });
            } else if (const auto status = articleStatusFromString(articleStatus)) {
                query.m_articleStatus = status;
            } else {
                query.m_error = tr("Unknown status “%1”: annotations are auto, accepted, edited, manual or "
                                   "rejected; articles are todo, in-progress or done.")
                                    .arg(token.value);
                return query;
            }
        } else {
            query.m_error
                = tr("Unknown search field “%1”; use speaker:, type:, kind: or status:.").arg(field);
            return query;
        }
    }

    if (query.m_fields.isEmpty() && query.m_words.isEmpty())
        query.m_error = tr("Type a word to search for.");
    query.m_target = query.m_fields.isEmpty() ? Target::Articles : Target::Annotations;
    return query;
}

} // namespace Byline
