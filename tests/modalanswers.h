// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QString>
#include <QTest>
#include <QTimer>

#include <memory>

namespace Byline::Test {

/// Clicks the button, answers the confirmation that it opens, and returns what it asked.
inline QString clickAndAnswer(QAbstractButton *button, QMessageBox::StandardButton answer)
{
    auto asked = std::make_shared<QString>();
    // Queued: the box runs its own event loop inside the click below.
    QTimer::singleShot(0, button, [asked, answer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            *asked = box->text();
            QTest::mouseClick(box->button(answer), Qt::LeftButton);
        }
    });
    QTest::mouseClick(button, Qt::LeftButton);
    return *asked;
}

} // namespace Byline::Test
