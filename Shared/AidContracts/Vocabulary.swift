/// The shared vocabulary of the aid programme: values every service and event uses.

/// School stage a student is enrolled in; grant programmes are defined per stage.
public enum Stage: String, Codable, Sendable, CaseIterable {
    case preschool
    case primary
    case juniorSecondary = "junior-secondary"
    case seniorSecondary = "senior-secondary"
    case secondaryVocational = "secondary-vocational"

    /// Compulsory education (primary and junior secondary) is where boarding subsidies apply.
    public var isCompulsory: Bool { self == .primary || self == .juniorSecondary }
}

/// Need tier decided by identification. Ordered from most to least in need.
public enum NeedTier: String, Codable, Sendable, CaseIterable, Comparable {
    case especiallyDifficult = "especially-difficult"
    case difficult
    case generallyDifficult = "generally-difficult"

    private var rank: Int {
        switch self {
        case .especiallyDifficult: 0
        case .difficult: 1
        case .generallyDifficult: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Government registry lists that establish need without an application.
public enum RegistryList: String, Codable, Sendable, CaseIterable {
    case orphan
    case disability
    case dibao          // minimum living allowance (低保)
    case tekun          // extreme poverty support (特困)
    case registeredPoor = "registered-poor"   // 建档立卡
}

/// A school semester, written "2026-autumn" or "2027-spring".
public struct Semester: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public enum Term: String, Codable, Sendable { case spring, autumn }

    public let year: Int
    public let term: Term

    public init(year: Int, term: Term) {
        self.year = year
        self.term = term
    }

    public init?(_ code: String) {
        let parts = code.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let year = Int(parts[0]), (2000...2200).contains(year),
              let term = Term(rawValue: String(parts[1])) else { return nil }
        self.init(year: year, term: term)
    }

    public var description: String { "\(year)-\(term.rawValue)" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let semester = Semester(code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "semester must look like 2026-autumn or 2027-spring, got '\(code)'")
        }
        self = semester
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.term == .autumn ? 1 : 0) < (rhs.year, rhs.term == .autumn ? 1 : 0)
    }
}

/// Money in integer fen (分). Never floating point.
public typealias Fen = Int64
