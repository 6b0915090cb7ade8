// SPDX-License-Identifier: GPL-3.0-or-later
// Times inter-annotator agreement over a corpus: builds a project of N synthetic articles of
// about 500 words, each annotated by two or three annotators who agree on most mentions,
// quotes and figures, then streams `AgreementRun` over it and reports articles per second and
// the peak memory. Usage: bench_agreement [N=5000]
#include "agreement/agreementrun.h"
#include "residentmemory.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QRandomGenerator random(20261127);

const QStringList names { u"Tokayev"_s, u"Putin"_s, u"Almaty"_s, u"Reuters"_s, u"Kremlin"_s, u"Astana"_s };
const QStringList types { u"PERSON"_s, u"PERSON"_s, u"GPE"_s, u"ORG"_s, u"ORG"_s, u"GPE"_s };
const QStringList words { u"the"_s, u"government"_s, u"protest"_s, u"fuel"_s, u"price"_s, u"police"_s,
    u"said"_s, u"on"_s, u"Thursday"_s, u"in"_s, u"city"_s, u"troops"_s, u"of"_s, u"and"_s, u"a"_s };

struct Piece {
    Span span;
    int name; ///< index into names, or -1 for a figure, -2 for a quote
};

QString makeText(QList<Piece> &pieces)
{
    QString text;
    for (int i = 0; i < 500; ++i) {
        if (!text.isEmpty())
            text += u' ';
        const qsizetype start = text.size();
        const int dice = random.bounded(100);
        if (dice < 6) {
            const int name = random.bounded(int(names.size()));
            text += names[name];
            pieces.append({ { start, text.size() }, name });
        } else if (dice < 8) {
            text += QString::number(random.bounded(1, 5000));
            pieces.append({ { start, text.size() }, -1 });
        } else if (dice < 9) {
            text += u"“we will not allow it”"_s;
            pieces.append({ { start, text.size() }, -2 });
        } else {
            text += words[random.bounded(int(words.size()))];
        }
    }
    return text;
}

Provenance by(const QString &annotator)
{
    Provenance provenance;
    provenance.annotator = annotator;
    return provenance;
}

/// One annotator's version: each piece tagged with 90% probability, one type in twenty wrong.
bool annotate(Store &store, RecordId articleId, const QList<Piece> &pieces, const QString &annotator)
{
    for (const Piece &piece : pieces) {
        if (random.bounded(10) == 0)
            continue;
        if (piece.name >= 0) {
            Entity entity;
            entity.articleId = articleId;
            entity.name = names[piece.name];
            entity.type = random.bounded(20) == 0 ? u"LOC"_s : types[piece.name];
            entity.provenance = by(annotator);
            entity.mentions.append({ 0, articleId, 0, piece.span, by(annotator) });
            if (!store.insertEntity(entity))
                return false;
        } else if (piece.name == -1) {
            Figure figure;
            figure.articleId = articleId;
            figure.kind = u"count"_s;
            figure.span = piece.span;
            figure.number = piece.span;
            figure.value = double(random.bounded(3));
            figure.provenance = by(annotator);
            if (!store.insertFigure(figure))
                return false;
        } else {
            Quote quote;
            quote.articleId = articleId;
            quote.content = { piece.span };
            quote.kind = random.bounded(5) == 0 ? QuoteKind::Indirect : QuoteKind::Direct;
            quote.provenance = by(annotator);
            if (!store.insertQuote(quote))
                return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 5000;
    QTemporaryDir dir;
    StoreError error;
    auto store = Store::open(dir.filePath(u"bench.byline"_s), Store::Mode::ReadWrite, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    const QStringList annotators { u"ana"_s, u"ben"_s, u"cleo"_s };
    {
        Store::Transaction transaction(*store);
        for (int i = 0; i < count; ++i) {
            QList<Piece> pieces;
            Article article;
            article.text = makeText(pieces);
            if (!store->addArticle(article))
                return 1;
            // every article to two annotators, every third to all three
            const int skip = i % 3 == 0 ? -1 : i % 3;
            for (int a = 0; a < annotators.size(); ++a) {
                if (a != skip && !annotate(*store, article.id, pieces, annotators[a]))
                    return 1;
            }
        }
        transaction.commit();
    }
    const qint64 before = qint64(residentMemory().second * 1024);
    QElapsedTimer timer;
    timer.start();
    const AgreementReport report = AgreementRun::run(*store);
    const double seconds = double(timer.elapsed()) / 1000.0;
    std::printf("agreement over %d articles (%d compared, %lld pairs): %.2f s, %.0f articles/s, "
                "100,000 articles in about %.0f s; peak memory %lld kB before, %lld kB after\n",
        report.articlesRead, report.articlesCompared, qint64(report.pairs.size()), seconds,
        double(count) / seconds, 100000.0 / (double(count) / seconds), before,
        qint64(residentMemory().second * 1024));
    std::printf("%s", qPrintable(report.toText()));
    return 0;
}
