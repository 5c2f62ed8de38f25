import AidContracts

/// The sign-off of one school's review: a member of the team records the result, then every member
/// signs it; it is final only when all have. Once anyone has signed, the result can no longer change,
/// so every signature is on the same result.
public struct ReviewSignOff: Sendable, Equatable {
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case notAMember(String)
        case alreadySigned(String)
        case noResultYet
        case resultLocked(signatures: Int)
        case final

        public var description: String {
            switch self {
            case .notAMember(let who): "'\(who)' is not a member of the review team"
            case .alreadySigned(let who): "'\(who)' has already signed this review"
            case .noResultYet: "the review has no result to sign yet; a team member records it first"
            case .resultLocked(let signatures): "\(signatures) member(s) have signed the result; it can no longer change"
            case .final: "the review is final: every member has signed"
            }
        }
    }

    public let members: Set<String>
    public private(set) var result: ReviewResult?
    /// Inspector id → day signed.
    public private(set) var signatures: [String: CalendarDay]

    public init(members: Set<String>, result: ReviewResult?, signatures: [String: CalendarDay]) {
        self.members = members
        self.result = result
        self.signatures = signatures
    }

    public var isFinal: Bool { !members.isEmpty && Set(signatures.keys) == members }

    /// The day the last member signed, once final.
    public var finalizedOn: CalendarDay? { isFinal ? signatures.values.max() : nil }

    public mutating func record(_ result: ReviewResult, by inspector: String) throws(Refusal) {
        guard members.contains(inspector) else { throw .notAMember(inspector) }
        guard signatures.isEmpty else { throw .resultLocked(signatures: signatures.count) }
        self.result = result
    }

    /// Signs; returns true when this signature made the review final.
    public mutating func sign(by inspector: String, on day: CalendarDay) throws(Refusal) -> Bool {
        guard !isFinal else { throw .final }
        guard members.contains(inspector) else { throw .notAMember(inspector) }
        guard result != nil else { throw .noResultYet }
        guard signatures[inspector] == nil else { throw .alreadySigned(inspector) }
        signatures[inspector] = day
        return isFinal
    }
}
