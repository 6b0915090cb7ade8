// SPDX-License-Identifier: GPL-3.0-or-later
#include "conllformat.h"

#include "documentbatch.h"
#include "extraction/textanalysis.h"
#include "linestream.h"
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
#include <optional>

using namespace Qt::StringLiterals;

namespace Byline {

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
        const QString reason = !readFailure().isEmpty() ? readFailure()
            : cancelled                                 ? tr("cancelled")
                                                        : file.errorString();
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

namespace {

/// One article as its token lines come: the text (tokens joined by single spaces) and the
/// mentions the tags mark.
class ConllDocument final {
    Q_DECLARE_TR_FUNCTIONS(DatasetFormat)
public:
    bool isEmpty() const { return m_text.isEmpty(); }
    qint64 firstLine() const { return m_firstLine; }

    /// A blank line: an I- tag after it starts a new mention.
    void endSentence() { m_openMention = -1; }

    /// Adds one token line; returns why it is not one, the document unchanged then.
    QString add(const QString &token, const QString &tag, qint64 lineNumber, const QStringList &known)
    {
        std::optional<std::pair<QChar, QString>> typed;
        if (tag != u"O"_s) {
            if (tag.size() < 3 || (tag.at(0) != u'B' && tag.at(0) != u'I') || tag.at(1) != u'-')
                return tr("%1 is not an IOB2 tag (O, B-TYPE or I-TYPE)").arg(tag);
            typed = std::pair { tag.at(0), tag.mid(2) };
            if (!known.contains(typed->second))
                return tr("unknown label %1 (the project knows %2)").arg(typed->second, known.join(u", "_s));
        }
        if (m_text.isEmpty())
            m_firstLine = lineNumber;
        else
            m_text += u' ';
        const Span span { m_text.size(), m_text.size() + token.size() };
        m_text += token;
        if (!typed) {
            m_openMention = -1;
            return {};
        }
        const auto &[position, type] = *typed;
        // An I- tag after O or another type starts a mention, as IOB1 files have it.
        if (position == u'I' && m_openMention >= 0 && m_mentions.at(m_openMention).second == type) {
            m_mentions[m_openMention].first.end = span.end;
            return {};
        }
        m_mentions.append({ span, type });
        m_openMention = m_mentions.size() - 1;
        return {};
    }

    /// The article, mentions with the same type and text one entity.
    DatasetDocument document(const QString &key, const QString &source, AnnotationStatus status) const
    {
        DatasetDocument document;
        document.article.key = key;
        document.article.source = source;
        document.article.text = m_text;
        QHash<std::pair<QString, QString>, qsizetype> entityOf;
        for (const auto &[span, type] : m_mentions) {
            const QString name = textOf(m_text, span);
            qsizetype index = entityOf.value({ type, name }, -1);
            if (index < 0) {
                Entity entity;
                entity.id = document.annotations.entities.size() + 1;
                entity.name = name;
                entity.type = type;
                entity.provenance.status = status;
                index = document.annotations.entities.size();
                entityOf.insert({ type, name }, index);
                document.annotations.entities.append(entity);
            }
            Mention mention;
            mention.span = span;
            mention.provenance.status = status;
            document.annotations.entities[index].mentions.append(mention);
        }
        return document;
    }

private:
    QString m_text;
    QList<std::pair<Span, QString>> m_mentions;
    qsizetype m_openMention = -1; ///< index into m_mentions of the mention I- tags extend
    qint64 m_firstLine = 0;
};

} // namespace

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
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // A record is an article, so the cap on a line bounds an article's token lines as well:
    // a file without -DOCSTART- lines then costs the cap, not its size.
    const qsizetype maximumLength = option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong();

    // Each article is stored as soon as its last line is read, all in one transaction: memory
    // holds one article whatever the file's size, and a bad article found late (or a cancel)
    // still leaves the project as it was.
    DocumentBatch batch(store);
    if (!batch.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    const QString base = QFileInfo(path).completeBaseName();
    const QString source = QFileInfo(path).fileName();
    FormatReadReport counts;
    ConllDocument current;
    qint64 currentBytes = 0;
    QString problem; // why the current article is bad: its other lines are passed over
    qint64 articles = 0; // read so far, good or bad: an article's key is its place in the file
    qint64 stored = 0;
    const auto cancelled = [&] { return tr("Reading %1 was cancelled; nothing was imported.").arg(path); };
    // Ends the current article: stores it, or reports why not.
    const auto finish = [&]() -> bool {
        if (current.isEmpty() && problem.isEmpty())
            return true;
        ++articles;
        if (problem.isEmpty()) {
            const QString where = u"%1:%2"_s.arg(path).arg(current.firstLine());
            if (!batch.add(current.document(u"%1-%2"_s.arg(base).arg(articles), source, *status), where))
                return fail(batch.errorString());
            ++stored;
        } else if (!skipBadRecords) {
            return fail(problem);
        } else {
            counts.badRecords << problem;
        }
        current = {};
        currentBytes = 0;
        problem.clear();
        return !progress || progress(stored, 0) || fail(cancelled());
    };

    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    LineStream lines(file, maximumLength);
    while (const auto bytes = lines.next()) {
        // Progress between articles too, for a cancel to reach a long one.
        if (progress && lines.lineNumber() % 10000 == 0 && !progress(stored, 0))
            return fail(cancelled());
        const QString place = u"%1:%2"_s.arg(path).arg(lines.lineNumber());
        if (lines.tooLong()) {
            if (problem.isEmpty())
                problem = tr("%1: %2").arg(place, lines.tooLongReason());
            continue;
        }
        const QString line = QString(utf8.decode(*bytes)).trimmed();
        if (utf8.hasError()) {
            utf8.resetState(); // the error sticks otherwise, and every line after seems bad too
            if (problem.isEmpty())
                problem = tr("%1: not UTF-8 text").arg(place);
            continue;
        }
        if (line.isEmpty()) {
            current.endSentence();
            continue;
        }
        // the token is the first column and the tag the last; what lies between is not read
        qsizetype firstSpace = 0;
        while (firstSpace < line.size() && !line.at(firstSpace).isSpace())
            ++firstSpace;
        const QString token = line.left(firstSpace);
        if (token == u"-DOCSTART-"_s) {
            if (!finish())
                return false;
            continue;
        }
        if (!problem.isEmpty())
            continue;
        if (firstSpace == line.size()) {
            problem = tr("%1: a token line needs the token and its tag").arg(place);
            continue;
        }
        qsizetype lastSpace = line.size() - 1;
        while (!line.at(lastSpace).isSpace())
            --lastSpace;
        currentBytes += bytes->size() + 1;
        if (currentBytes > maximumLength) {
            // The article may be this line alone, before its first token is added.
            const qint64 from = current.isEmpty() ? lines.lineNumber() : current.firstLine();
            problem = tr("%1: the article from line %2 is longer than %3 bytes, the most read as one record")
                          .arg(place)
                          .arg(from)
                          .arg(maximumLength);
            continue;
        }
        if (const QString why = current.add(token, line.mid(lastSpace + 1), lines.lineNumber(), known);
            !why.isEmpty())
            problem = u"%1: %2"_s.arg(place, why);
    }
    if (!lines.errorString().isEmpty())
        return fail(tr("Cannot read %1: %2").arg(path, lines.errorString()));
    if (!finish())
        return false;
    if (articles == 0)
        return fail(tr("%1: no tokens").arg(path));
    if (!batch.commit(&counts))
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
