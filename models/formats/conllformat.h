// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "extraction/datasetdocument.h"

namespace Byline {

/// CoNLL-2003 with IOB2 entity tags, as NLP training pipelines read it: one token a line
/// ("token _ _ tag": the part-of-speech and chunk columns are not known and written "_"),
/// a blank line after each sentence and "-DOCSTART- -X- -X- O" before each article.
///
/// Tokens and sentences come from TextAnalysis (the extractors' tokenizer: words, numbers,
/// each punctuation mark; sentences end at . ! ? unless after an abbreviation). A token is
/// tagged when it overlaps a mention; when mentions overlap, the one starting first (the
/// longer on a tie) wins and the other is left out, as IOB cannot nest.
///
/// Written to a path ending in .jsonl, or with the option "tokens" set, the same tokens go
/// out as JSON Lines, one sentence a line ({"id", "article", "tokens", "ner_tags"}), the tag
/// ids indexing the label list written beside it in NAME.labels.json.
///
/// Reading rebuilds each article's text from its tokens joined by single spaces; mentions
/// with the same type and text become one entity, with the status of the option "status"
/// ("auto" by default, so they enter review). Exported again, such a text may tokenize a
/// little differently ("Kazakhstan ’s" is three tokens where "Kazakhstan’s" was two).
/// Reading streams: each article is stored once its lines are read, so memory holds one article
/// (at most the option "maxLineBytes" of lines) whatever the file's size. A bad line makes its
/// article bad; with the option "skipBadRecords" that article is left out and reported, and the
/// others are read.
class ConllFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;

    /// One tagged sentence.
    struct Sentence {
        QStringList tokens;
        QStringList tags;
    };
    /// The article cut into tagged sentences.
    static QList<Sentence> tag(const DatasetDocument &document);
};

} // namespace Byline
