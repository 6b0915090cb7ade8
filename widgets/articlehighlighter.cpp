// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlehighlighter.h"

#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QGuiApplication>
#include <QLoggingCategory>
#include <QPalette>

namespace Byline {

namespace {
// File-local, so another file of the static library may declare its own category.
Q_LOGGING_CATEGORY(lcHighlighter, "byline.widgets.highlighter")
} // namespace

ArticleHighlighter::ArticleHighlighter(QTextDocument *document)
    : KSyntaxHighlighting::SyntaxHighlighter(document)
{
    const auto definition = syntaxRepository().definitionForName(QStringLiteral("Byline Article"));
    if (!definition.isValid())
        qCWarning(lcHighlighter) << "syntax definition \"Byline Article\" not found; text stays plain";
    setDefinition(definition);
    adaptToPalette(QGuiApplication::palette());
}

void ArticleHighlighter::adaptToPalette(const QPalette &palette)
{
    const auto newTheme = syntaxRepository().themeForPalette(palette);
    if (newTheme.name() == theme().name())
        return;
    setTheme(newTheme);
    // SyntaxHighlighter::setTheme() keeps the old formats until asked.
    rehighlight();
}

} // namespace Byline
