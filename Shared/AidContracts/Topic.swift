/// Topic names: one per producing service and domain, versioned in the name.
public struct Topic: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    /// Roster changes (schools and students) from identification.
    public static let roster: Topic = "aid.roster.v1"
    /// Identification results (identified, tier changed, revoked).
    public static let identification: Topic = "aid.identification.v1"
    /// Entitlements and payments from disbursement.
    public static let disbursement: Topic = "aid.disbursement.v1"
    public static let charity: Topic = "aid.charity.v1"
    public static let pairing: Topic = "aid.pairing.v1"
    public static let training: Topic = "aid.training.v1"
    public static let inspection: Topic = "aid.inspection.v1"

    public static let allEventTopics: [Topic] = [roster, identification, disbursement, charity, pairing, training, inspection]

    /// Where a consumer group puts what it cannot process, with the reason in headers.
    public static func deadLetter(group: String) -> Topic { Topic("aid.dlq.\(group)") }
}
