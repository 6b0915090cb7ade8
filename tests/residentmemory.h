// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <utility>

/// Resident memory of this process now and at its peak, in MB (Linux's /proc/self/status; 0
/// elsewhere), for the benchmarks' memory figures.
inline std::pair<double, double> residentMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    double rss = 0, peak = 0;
    if (status.open(QIODevice::ReadOnly | QIODevice::Text)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() >= 2 && fields[0] == "VmRSS:")
                rss = fields[1].toDouble() / 1024;
            else if (fields.size() >= 2 && fields[0] == "VmHWM:")
                peak = fields[1].toDouble() / 1024;
        }
    }
    return { rss, peak };
}

/// Starts measuring the peak resident memory afresh, so that the next reading of the peak is
/// what came after (Linux: writing 5 to clear_refs resets it; elsewhere the peak is never reset).
inline void resetPeakMemory()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
}
