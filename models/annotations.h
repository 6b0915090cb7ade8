// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Byline {

/// Row id of a record in the project store; 0 means "not stored yet".
using RecordId = qint64;

/// Where an annotation stands in the review flow.
enum class AnnotationStatus { Auto, Accepted, Edited, Manual, Rejected };
enum class QuoteKind { Direct, Indirect, Mixed };
enum class ArticleStatus { Todo, InProgress, Done };

QString toString(AnnotationStatus status);
QString toString(QuoteKind kind);
QString toString(ArticleStatus status);
std::optional<AnnotationStatus> annotationStatusFromString(QStringView text);
std::optional<QuoteKind> quoteKindFromString(QStringView text);
std::optional<ArticleStatus> articleStatusFromString(QStringView text);

/// A half-open range [start, end) of UTF-16 code units in an article's text.
/// Offsets are code points only in files and exports; the store converts at its edge.
struct Span {
    qsizetype start = -1;
    qsizetype end = -1;

    bool isNull() const { return start < 0; }
    qsizetype length() const { return isNull() ? 0 : end - start; }
    bool contains(qsizetype position) const { return position >= start && position < end; }
    bool overlaps(const Span &other) const
    {
        return !isNull() && !other.isNull() && start < other.end && other.start < end;
    }
    bool isValidIn(qsizetype textLength) const { return start >= 0 && start <= end && end <= textLength; }
    friend bool operator==(const Span &, const Span &) = default;
};

/// The characters a span covers, empty for a null span.
inline QString textOf(const QString &text, const Span &span)
{
    return span.isNull() ? QString() : text.mid(span.start, span.length());
}

/// The annotator of the curated layer: the versions a curator settled on from the annotators' ones
/// (models/curation/), exported by default where a project has them. A name no member may take.
inline constexpr QLatin1StringView curatedLayerAnnotator("curator");

/// Where an annotation came from and what happened to it since.
struct Provenance {
    AnnotationStatus status = AnnotationStatus::Manual;
    QString annotator;
    QDateTime created;
    QDateTime modified;
    std::optional<double> confidence; ///< set by extractors, 0..1
    QString
        rule; ///< the extractor rule that made the suggestion; in the curated layer, whose version it took
    QJsonObject previous; ///< the suggestion as it was before an analyst edited it
    friend bool operator==(const Provenance &, const Provenance &) = default;
};

/// Which write of its row a record was read at, for optimistic versioning: a client changes a row
/// only at the version it last read (Store, schema version 8). Bookkeeping of the store rather than
/// part of what an annotation says, so records compare equal whatever version they were read at.
struct RowVersion {
    int value = 0; ///< 0: not read from a store
    friend bool operator==(RowVersion, RowVersion) { return true; }
};

struct Article {
    RecordId id = 0;
    QString key; ///< the article id of the dataset format, unique in a project
    QString title;
    QString source;
    QString published; ///< ISO 8601 date, or empty
    QDateTime imported;
    ArticleStatus status = ArticleStatus::Todo;
    QString text;
    /// Fields a dataset file gave the article that Byline does not model, as a JSON object
    /// text in the file's order (schema 5), so that an export writes them back; empty when none.
    QString extra;
    friend bool operator==(const Article &, const Article &) = default;
};

struct Mention {
    RecordId id = 0;
    RecordId articleId = 0;
    RecordId entityId = 0;
    Span span;
    Provenance provenance;
    RowVersion version;
    friend bool operator==(const Mention &, const Mention &) = default;
};

struct Entity {
    RecordId id = 0;
    RecordId articleId = 0;
    QString name;
    QString type; ///< one of the project's entity types (PERSON, ORG, ...)
    Provenance provenance;
    RowVersion version;
    QList<Mention> mentions; ///< ordered by id
    QString extra; ///< unmodelled dataset fields, as Article::extra
    friend bool operator==(const Entity &, const Entity &) = default;
};

struct Quote {
    RecordId id = 0;
    RecordId articleId = 0;
    QuoteKind kind = QuoteKind::Direct;
    QList<Span> content; ///< one or more parts, in text order
    Span cue;
    Span source;
    RecordId speakerId = 0; ///< an Entity of the same article, or 0
    Provenance provenance;
    QString extra; ///< unmodelled dataset fields, as Article::extra
    RowVersion version;
    friend bool operator==(const Quote &, const Quote &) = default;
};

struct Figure {
    RecordId id = 0;
    RecordId articleId = 0;
    QString kind; ///< count, money, percent, measure, date, duration, other
    Span span; ///< the number with what it counts
    Span number; ///< the number alone
    QVariant value; ///< double, or an ISO 8601 string for dates
    QVariant valueMax; ///< upper bound of a range, or null
    QString unit;
    QString qualifier;
    Provenance provenance;
    QString extra; ///< unmodelled dataset fields, as Article::extra
    RowVersion version;
    friend bool operator==(const Figure &, const Figure &) = default;
};

/// Everything annotated in one article.
struct AnnotationSet {
    QList<Entity> entities;
    QList<Quote> quotes;
    QList<Figure> figures;
};

} // namespace Byline

Q_DECLARE_METATYPE(Byline::Span)
