// SPDX-License-Identifier: GPL-3.0-or-later
#include "texthash.h"

#include <QCryptographicHash>

#include <deque>
#include <mutex>
#include <optional>

namespace Byline {

namespace {

// How many texts are remembered, and how many characters they may keep alive once their articles
// are gone: more than an import's parsing thread gets ahead of its storing one (a few batches of
// 32 articles or 1 MB), and a bound on what a run of long articles leaves in memory.
constexpr std::size_t rememberedTexts = 512;
constexpr qsizetype rememberedCharacters = 8 * 1024 * 1024;

// The texts hashed last with their hashes, by where their characters lie. A remembered text keeps
// its characters alive, and shared ones are copied before any change, so a text at the same place
// and of the same length is the same text: found without reading it.
class RecentHashes final {
public:
    std::optional<QString> find(const QString &text)
    {
        const std::lock_guard lock(m_mutex);
        for (auto entry = m_entries.crbegin(); entry != m_entries.crend(); ++entry) {
            if (entry->first.constData() == text.constData() && entry->first.size() == text.size())
                return entry->second;
        }
        return std::nullopt;
    }

    void remember(const QString &text, const QString &hash)
    {
        if (text.size() > rememberedCharacters)
            return;
        const std::lock_guard lock(m_mutex);
        m_entries.emplace_back(text, hash);
        m_characters += text.size();
        while (m_entries.size() > rememberedTexts || m_characters > rememberedCharacters) {
            m_characters -= m_entries.front().first.size();
            m_entries.pop_front();
        }
    }

private:
    std::mutex m_mutex;
    std::deque<std::pair<QString, QString>> m_entries;
    qsizetype m_characters = 0; ///< of the remembered texts
};

RecentHashes &recentHashes()
{
    static RecentHashes hashes;
    return hashes;
}

} // namespace

QString textHash(const QString &text)
{
    // A text whose characters it does not own (raw data, a literal) cannot be told by their place:
    // the memory may be reused. Its capacity is 0.
    const bool remembered = text.capacity() > 0;
    if (remembered) {
        if (auto hash = recentHashes().find(text))
            return *hash;
    }
    const QString hash
        = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    if (remembered)
        recentHashes().remember(text, hash);
    return hash;
}

} // namespace Byline
