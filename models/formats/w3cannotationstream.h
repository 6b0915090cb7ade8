// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <QVarLengthArray>

#include <optional>

class QIODevice;

namespace Byline {

/// Reads the annotations of a W3C Web Annotation file one at a time, through one buffer, so
/// that memory stays flat whatever the file's size: the annotations of an AnnotationCollection's
/// inline first page ("first": {"items": [...]}), of an AnnotationPage ("items": [...]), of a
/// plain array, or a single Annotation. Each comes as its bytes, for QJsonDocument to parse and
/// report on; only the structure around them is read here, and members Byline does not read are
/// passed over unkept. An annotation longer than the cap is refused as soon as it outgrows it
/// and passed over by the next call, so a hostile gigabyte costs the cap, never a gigabyte.
class W3cAnnotationStream final {
    Q_DECLARE_TR_FUNCTIONS(W3cAnnotationStream)
public:
    static constexpr int maximumDepth = 64;

    struct Annotation {
        QByteArrayView bytes; ///< lasts until the next call; empty when too long
        QString field; ///< where it is: "first.items[3]", "items[3]", "annotations[3]" or "annotation"
        qint64 line = 0; ///< of the file, from 1, where the annotation begins
        bool tooLong = false;
    };

    W3cAnnotationStream(QIODevice &device, qsizetype maximumLength);

    /// The next annotation; nothing at the end, or when the file is not a collection, page,
    /// array or annotation (errorString() says where and why).
    std::optional<Annotation> next();
    QString errorString() const { return m_error; }
    /// "longer than 64 MiB, the most read as one annotation"
    QString tooLongReason() const;

private:
    enum class State { Start, InArray, SkippingElement, Done };
    enum class Level { Top, FirstPage };
    enum class Scan { Done, TooLong, Failed };

    bool fill();
    qint64 offset() const { return m_discarded + m_position; }
    /// The line of the file at position in the buffer, at or after the last one asked for.
    qint64 lineAt(qsizetype position);
    bool fail(const QString &message);
    /// The next byte after white space, or -1 at the end of the file.
    int peek();
    bool expect(char c);
    std::optional<QString> string();
    /// Sets scanValue() at the start of a value; where names it in messages.
    void beginValue(const QString &where);
    /// Advances past the value, without keeping it; with stopWhenTooLong, stops when the value
    /// kept from the mark outgrows the cap, to go on at the next call.
    Scan scanValue(bool stopWhenTooLong);
    std::optional<Annotation> start();
    /// Reads members of the open objects until the array of annotations opens (true) or the
    /// objects end (false).
    bool readMembers();
    std::optional<Annotation> element();
    std::optional<Annotation> finish();

    QIODevice &m_device;
    qsizetype m_maximumLength;
    QByteArray m_buffer;
    qsizetype m_position = 0; ///< the next byte to read in m_buffer
    qsizetype m_end = 0; ///< bytes of m_buffer holding data
    qint64 m_discarded = 0; ///< bytes dropped from the buffer's front
    qsizetype m_linesCounted = 0; ///< the bytes of m_buffer before this are in m_lineBreaks
    qint64 m_lineBreaks = 0; ///< of the file before m_linesCounted
    qint64 m_objectLine = 1; ///< where the top object begins
    qsizetype m_mark = -1; ///< where the value being kept starts in m_buffer, -1 when none
    bool m_markTooLong = false; ///< the kept value outgrew the cap and was let go
    bool m_atEnd = false;

    State m_state = State::Start;
    QVarLengthArray<Level, 2> m_levels; ///< the objects around the annotations
    QVarLengthArray<bool, 2> m_firstMember; ///< per level: no member read yet
    QString m_type; ///< the top object's type
    QString m_arrayField; ///< "first.items", "items" or "annotations"
    bool m_sawFirstPage = false; ///< the collection's first page is in the file
    qsizetype m_index = 0; ///< of the next element

    // Where scanValue() stands inside a value, so that it can resume.
    QVarLengthArray<char, maximumDepth> m_closers;
    bool m_inString = false;
    bool m_escaped = false;
    bool m_scanned = false; ///< the value has begun
    QString m_where; ///< the value being scanned, for messages

    QString m_error;
};

} // namespace Byline
