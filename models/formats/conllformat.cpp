// SPDX-License-Identifier: GPL-3.0-or-later
#include "conllformat.h"

#include "documentbatch.h"
#include "extraction/textanalysis.h"
#include "projectdocuments.h"
#include "store.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr qint64 maximumLineLength = 64 * 1024;

} // namespace

QString ConllFormat::shortName() const
{
    return u"conll"_s;
}

QString ConllFormat::displayName() const
{
    return tr("CoNLL-2003 (IOB2)");
}

QStringList ConllFormat::extensions() const
{
    return { u"conll"_s, u"iob"_s };
}

DatasetFormat::Capabilities ConllFormat::capabilities() const
{
    return CanRead | CanWrite;
}

QString ConllFormat::limitations() const
{
    return tr("Entities only: no quotes, no figures, no statuses, no entity names; overlapping mentions "
              "keep the first. Read back, the text is the tokens joined by single spaces, without the "
              "original line breaks, title or date.");
}

QList<ConllFormat::Sentence> ConllFormat::tag(const DatasetDocument &document)
{
    const QString &text = document.article.text;
    const TextAnalysis analysis(text);
    const QList<Token> raw = analysis.tokens();
    // sentence ranges over the merged tokens
    QList<qsizetype> sentenceOf(raw.size());
    for (qsizetype s = 0; s < analysis.sentences().size(); ++s) {
        for (qsizetype t = analysis.sentences().at(s).first; t < analysis.sentences().at(s).second; ++t)
            sentenceOf[t] = s;
    }
    QList<Token> tokens;
    QList<qsizetype> tokenSentence;
    for (qsizetype t = 0; t < raw.size(); ++t) {
        const Token &token = raw.at(t);
        if (!tokens.isEmpty() && tokens.last().end == token.start && token.start > 0
            && text.at(token.start - 1).isHighSurrogate() && text.at(token.start).isLowSurrogate()) {
            tokens.last().end = token.end;
            continue;
        }
        tokens.append(token);
        tokenSentence.append(sentenceOf.at(t));
    }

    struct Tagged {
        Span span;
        QString type;
    };
    QList<Tagged> mentions;
    for (const Entity &entity : document.annotations.entities) {
        for (const Mention &mention : entity.mentions)
            mentions.append({ mention.span, entity.type });
    }
    std::stable_sort(mentions.begin(), mentions.end(), [](const Tagged &a, const Tagged &b) {
        return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.length() > b.span.length();
    });
    QStringList tags(tokens.size(), u"O"_s);
    for (const Tagged &mention : std::as_const(mentions)) {
        QList<qsizetype> covered;
        // the first token that ends after the mention starts
        const auto first = std::upper_bound(tokens.cbegin(), tokens.cend(), mention.span.start,
            [](qsizetype offset, const Token &token) { return offset < token.end; });
        for (qsizetype t = first - tokens.cbegin(); t < tokens.size(); ++t) {
            if (Span { tokens.at(t).start, tokens.at(t).end }.overlaps(mention.span))
                covered << t;
            else if (tokens.at(t).start >= mention.span.end)
                break;
        }
        const bool free
            = std::all_of(covered.begin(), covered.end(), [&](qsizetype t) { return tags.at(t) == u"O"_s; });
        if (covered.isEmpty() || !free)
            continue;
        for (const qsizetype t : covered)
            tags[t] = (t == covered.first() ? u"B-"_s : u"I-"_s) + mention.type;
    }

    QList<Sentence> sentences;
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        if (sentences.isEmpty() || (t > 0 && tokenSentence.at(t) != tokenSentence.at(t - 1)))
            sentences.append(Sentence {});
        sentences.last().tokens << text.mid(tokens.at(t).start, tokens.at(t).end - tokens.at(t).start);
        sentences.last().tags << tags.at(t);
    }
    // An entity is not cut by a sentence end the splitter found inside it ("U.S. Army"): its
    // I- tags then open the next sentence, and a reader takes them for a new mention.
    for (qsizetype s = 1; s < sentences.size(); ++s) {
        Sentence &sentence = sentences[s];
        if (!sentence.tags.isEmpty() && sentence.tags.first().startsWith(u"I-"_s))
            sentence.tags.first().replace(0, 1, u"B"_s);
    }
    return sentences;
}

bool ConllFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const bool tokensJson = option(u"tokens"_s).toBool() || path.endsWith(u".jsonl"_s, Qt::CaseInsensitive);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    QStringList labels { u"O"_s };
    for (const EntityType &type : store.entityTypes())
        labels << u"B-"_s + type.name << u"I-"_s + type.name;
    const qint64 total = store.articleCount();
    qint64 done = 0;
    bool cancelled = false;
    const bool complete = forEachProjectDocument(store, [&](const DatasetDocument &document) {
        const QList<Sentence> sentences = tag(document);
        QByteArray out;
        if (tokensJson) {
            for (qsizetype s = 0; s < sentences.size(); ++s) {
                QJsonArray ids;
                for (const QString &label : sentences.at(s).tags) {
                    qsizetype id = labels.indexOf(label);
                    if (id < 0) {
                        // a type the project no longer lists: append, so earlier ids keep their meaning
                        const QString type = label.mid(2);
                        labels << u"B-"_s + type << u"I-"_s + type;
                        id = labels.indexOf(label);
                    }
                    ids.append(id);
                }
                QJsonObject line;
                line.insert("id"_L1, u"%1-%2"_s.arg(document.article.key).arg(s));
                line.insert("article"_L1, document.article.key);
                line.insert("tokens"_L1, QJsonArray::fromStringList(sentences.at(s).tokens));
                line.insert("ner_tags"_L1, ids);
                out += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
            }
        } else {
            QString lines = u"-DOCSTART- -X- -X- O\n\n"_s;
            for (const Sentence &sentence : sentences) {
                for (qsizetype t = 0; t < sentence.tokens.size(); ++t)
                    lines += sentence.tokens.at(t) + u" _ _ "_s + sentence.tags.at(t) + u'\n';
                lines += u'\n';
            }
            out = lines.toUtf8();
        }
        if (file.write(out) != out.size())
            return false;
        cancelled = progress && !progress(++done, total);
        return !cancelled;
    });
    if (!complete) {
        const QString reason = cancelled ? tr("cancelled") : file.errorString();
        file.cancelWriting();
        return fail(tr("Cannot write %1: %2").arg(path, reason));
    }
    if (tokensJson) {
        const QFileInfo info(path);
        const QString labelPath = info.path() + u'/' + info.completeBaseName() + u".labels.json"_s;
        QSaveFile labelFile(labelPath);
        QJsonObject names;
        names.insert("ner_tags"_L1, QJsonArray::fromStringList(labels));
        const QByteArray bytes = QJsonDocument(names).toJson(QJsonDocument::Indented);
        if (!labelFile.open(QIODevice::WriteOnly) || labelFile.write(bytes) != bytes.size()
            || !labelFile.commit()) {
            file.cancelWriting();
            return fail(tr("Cannot write %1: %2").arg(labelPath, labelFile.errorString()));
        }
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

bool ConllFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    QStringList known;
    for (const EntityType &type : store.entityTypes())
        known << type.name;
    const auto status = annotationStatusFromString(option(u"status"_s, u"auto"_s).toString());
    if (!status)
        return fail(tr("unknown status %1").arg(option(u"status"_s).toString()));

    const QString base = QFileInfo(path).completeBaseName();
    QList<DatasetDocument> documents;
    QStringList where;
    struct Open {
        QString text;
        QList<std::pair<Span, QString>> mentions;
        int line = 0;
        bool sentenceOpen = false;
    } current;
    qsizetype openMention = -1; // index into current.mentions of the mention I- tags extend

    auto finish = [&]() {
        if (current.text.isEmpty())
            return;
        DatasetDocument document;
        document.article.key = u"%1-%2"_s.arg(base).arg(documents.size() + 1);
        document.article.source = QFileInfo(path).fileName();
        document.article.text = current.text;
        QHash<std::pair<QString, QString>, qsizetype> entityOf;
        for (const auto &[span, type] : std::as_const(current.mentions)) {
            const QString name = textOf(current.text, span);
            qsizetype index = entityOf.value({ type, name }, -1);
            if (index < 0) {
                Entity entity;
                entity.id = document.annotations.entities.size() + 1;
                entity.name = name;
                entity.type = type;
                entity.provenance.status = *status;
                index = document.annotations.entities.size();
                entityOf.insert({ type, name }, index);
                document.annotations.entities.append(entity);
            }
            Mention mention;
            mention.span = span;
            mention.provenance.status = *status;
            document.annotations.entities[index].mentions.append(mention);
        }
        where << u"%1:%2"_s.arg(path).arg(current.line);
        documents.append(std::move(document));
        current = {};
    };

    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray bytes = file.readLine(maximumLineLength);
        ++lineNumber;
        if (progress && lineNumber % 10000 == 0 && !progress(documents.size(), 0))
            return fail(tr("%1: cancelled").arg(path));
        const QString place = u"%1:%2"_s.arg(path).arg(lineNumber);
        if (!bytes.endsWith('\n') && !file.atEnd())
            return fail(tr("%1: the line is longer than %2 bytes; not a CoNLL file?")
                    .arg(place)
                    .arg(maximumLineLength));
        const QString line = QString(utf8.decode(bytes)).trimmed();
        if (utf8.hasError())
            return fail(tr("%1: not UTF-8 text").arg(place));
        if (line.isEmpty()) {
            current.sentenceOpen = false;
            openMention = -1;
            continue;
        }
        // the token is the first column and the tag the last; what lies between is not read
        qsizetype firstSpace = 0;
        while (firstSpace < line.size() && !line.at(firstSpace).isSpace())
            ++firstSpace;
        qsizetype lastSpace = line.size() - 1;
        while (lastSpace >= 0 && !line.at(lastSpace).isSpace())
            --lastSpace;
        const QStringList columns = firstSpace == line.size()
            ? QStringList { line }
            : QStringList { line.left(firstSpace), line.mid(lastSpace + 1) };
        if (columns.first() == u"-DOCSTART-"_s) {
            finish();
            openMention = -1;
            continue;
        }
        if (columns.size() < 2)
            return fail(tr("%1: a token line needs the token and its tag").arg(place));
        const QString &tag = columns.last();
        if (current.text.isEmpty())
            current.line = int(lineNumber);
        else
            current.text += u' ';
        const Span span { current.text.size(), current.text.size() + columns.first().size() };
        current.text += columns.first();
        current.sentenceOpen = true;
        if (tag == u"O"_s) {
            openMention = -1;
            continue;
        }
        if (tag.size() < 3 || (tag.at(0) != u'B' && tag.at(0) != u'I') || tag.at(1) != u'-')
            return fail(tr("%1: %2 is not an IOB2 tag (O, B-TYPE or I-TYPE)").arg(place, tag));
        const QString type = tag.mid(2);
        if (!known.contains(type))
            return fail(
                tr("%1: unknown label %2 (the project knows %3)").arg(place, type, known.join(u", "_s)));
        // An I- tag after O or another type starts a mention, as IOB1 files have it.
        if (tag.at(0) == u'I' && openMention >= 0 && current.mentions.at(openMention).second == type) {
            current.mentions[openMention].first.end = span.end;
            continue;
        }
        current.mentions.append({ span, type });
        openMention = current.mentions.size() - 1;
    }
    finish();
    if (documents.isEmpty())
        return fail(tr("%1: no tokens").arg(path));
    FormatReadReport counts;
    QString error;
    if (!storeDocuments(store, documents, where, &counts, &error))
        return fail(error);
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
