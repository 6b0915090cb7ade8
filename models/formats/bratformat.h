// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "extraction/datasetdocument.h"

#include <optional>

namespace Byline {

/// brat standoff (https://brat.nlplab.org/standoff.html): a folder with KEY.txt and KEY.ann
/// per article and an annotation.conf. Offsets count code points, as brat does.
///
/// Entity mentions are T lines of the entity type; the mentions of one entity are tied by an
/// Equiv line and its name is an AnnotatorNotes line on the first mention. A quote is a Quote
/// T line with one fragment per part ("Quote 10 20;30 40"); its cue and source are Cue and
/// Source T lines joined by relations of those names, and its speaker a Speaker relation to a
/// mention of the speaker. A figure is a Figure T line with a Number relation to the number,
/// its kind an attribute and value, unit and qualifier a JSON AnnotatorNotes line. Kind,
/// FigureKind and Status are A lines. The text field of a T line joins its fragments with a
/// space and writes line breaks and tabs as spaces, so every line stays one line.
class BratFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool writesFolder() const override { return true; }
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;

    /// The .ann text of one article, as write() puts it in KEY.ann.
    static QByteArray annotations(const DatasetDocument &document);
    /// annotation.conf for these entity types.
    static QByteArray configuration(const QStringList &entityTypes);
    /// Reads one article from its .ann and .txt files; `known` are the entity types a T line
    /// may use. Null with errorString naming the file and line when anything is wrong.
    static std::optional<DatasetDocument> readArticle(const QString &annPath, const QString &txtPath,
        const QStringList &known, QStringList *warnings, QString *errorString);
};

} // namespace Byline
