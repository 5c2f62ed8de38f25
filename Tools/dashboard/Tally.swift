/// A count under one key (a tier, a town, a finding kind), as the figures list them.
struct Tally: Codable, Sendable, Equatable {
    var key: String
    var count: Int

    /// Counts `keys` and lists them by key.
    static func of(_ keys: some Sequence<String>) -> [Tally] {
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        return counts.map { Tally(key: $0.key, count: $0.value) }.sorted { $0.key < $1.key }
    }
}
