// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSemaphore>
#include <QThreadPool>

namespace Test {

/// Keeps the global thread pool busy until released, so that work started meanwhile waits in its
/// queue: a test sees the window while a job has not yet done anything, whatever the machine's
/// load.
class PoolGate {
public:
    PoolGate()
    {
        for (int i = 0; i < QThreadPool::globalInstance()->maxThreadCount(); ++i)
            QThreadPool::globalInstance()->start([this] { m_open.acquire(); });
    }
    ~PoolGate() { release(); }
    PoolGate(const PoolGate &) = delete;
    PoolGate &operator=(const PoolGate &) = delete;

    void release()
    {
        m_open.release(QThreadPool::globalInstance()->maxThreadCount() - m_released);
        m_released = QThreadPool::globalInstance()->maxThreadCount();
    }

private:
    QSemaphore m_open;
    int m_released = 0;
};

} // namespace Test
