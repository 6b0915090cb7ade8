// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

#include <functional>
#include <future>
#include <optional>

namespace Byline {

/// A read of the project that runs on a connection and a thread of its own while the caller's
/// connection reads something else: learning a project before an extraction is a few long
/// queries, which the machine's cores share.
///
/// The read runs on the caller's connection instead, when get() asks for it, while a transaction
/// is open there (another connection would miss its changes) or when no other connection opens.
/// The store must outlive the object, whose destruction waits for the read.
template<typename Result> class ReadBeside final {
public:
    using Read = std::function<Result(const Store &)>;

    ReadBeside(const Store &store, Read read)
        : m_store(store)
        , m_read(std::move(read))
    {
        if (m_store.inTransaction())
            return;
        m_reading = std::async(std::launch::async, [this]() -> std::optional<Result> {
            StoreError ignored; // the caller's connection reads instead
            const std::unique_ptr<Store> own = m_store.openConnection(Store::Mode::ReadOnly, &ignored);
            return own ? std::optional(m_read(*own)) : std::nullopt;
        });
    }
    ReadBeside(const ReadBeside &) = delete;
    ReadBeside &operator=(const ReadBeside &) = delete;

    /// The result, waiting for the read; once.
    Result get()
    {
        std::optional<Result> result = m_reading.valid() ? m_reading.get() : std::nullopt;
        return result ? std::move(*result) : m_read(m_store);
    }

private:
    const Store &m_store;
    const Read m_read;
    std::future<std::optional<Result>> m_reading; ///< last: its destruction waits for the read
};

} // namespace Byline
