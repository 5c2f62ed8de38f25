import CRdKafka

/// The librdkafka loaded at run time (not the headers the binary was built with).
public struct LibrdkafkaVersion: Comparable, CustomStringConvertible, Sendable {
    public let major: Int
    public let minor: Int
    public let patch: Int

    /// 2.0.2 (Debian 12) fails against the embedded broker and Kafka-protocol brokers that send
    /// tagged fields in ApiVersions v3; 2.1 onwards parses them.
    public static let minimumSupported = LibrdkafkaVersion(major: 2, minor: 1, patch: 0)

    public static var loaded: LibrdkafkaVersion {
        let hex = Int(rd_kafka_version())
        return LibrdkafkaVersion(major: (hex >> 24) & 0xff, minor: (hex >> 16) & 0xff, patch: (hex >> 8) & 0xff)
    }

    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses "2.1.0"; nil when the text is not three dot-separated numbers.
    public init?(_ text: String) {
        // Every field must be a number: "2.1.0.4" or "2.x.1.0" are not versions (compactMap alone
        // would drop the bad field and accept them).
        let fields = text.split(separator: ".", omittingEmptySubsequences: false)
        let parts = fields.compactMap { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
        guard fields.count == 3, parts.count == 3 else { return nil }
        self.init(major: parts[0], minor: parts[1], patch: parts[2])
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// Fails with a message that names the fix when the loaded library is older than `minimum`.
    public static func requireAtLeast(_ minimum: LibrdkafkaVersion = minimumSupported) throws(KafkaError) {
        let loaded = Self.loaded
        if loaded < minimum {
            throw .incompatibleLibrary(loaded: loaded.description, minimum: minimum.description)
        }
    }
}
