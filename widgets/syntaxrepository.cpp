// SPDX-License-Identifier: GPL-3.0-or-later
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>

namespace Byline {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace Byline
