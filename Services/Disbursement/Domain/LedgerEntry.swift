import AidContracts

/// One movement of grant money, signed from the programme's point of view: money reaching a family is
/// positive, money coming back is negative, so any sum of entries is the net amount paid out.
public struct LedgerEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The bank confirmed the payment: positive.
        case payment
        /// The bank returned a payment it had confirmed (e.g. the account was closed afterwards): negative.
        case reversal
        /// Money recovered from a family after the entitlement proved unfounded, e.g. on inspection: negative.
        case recovery
    }

    public let kind: Kind
    public let amountFen: Fen
    public let entitlementId: String
    public let programCode: String
    public let semester: Semester
    public let schoolId: String
    public let townCode: String

    /// - Throws: when the sign of `amountFen` does not match `kind`, or it is zero: a wrong sign would
    ///   silently turn a returned payment into a second one in every total.
    public init(
        kind: Kind, amountFen: Fen, entitlementId: String, programCode: String, semester: Semester, schoolId: String, townCode: String
    ) throws(FieldError) {
        switch kind {
        case .payment where amountFen <= 0:
            throw FieldError(field: "amountFen", message: "a payment must be more than 0 fen, got \(amountFen)")
        case .reversal where amountFen >= 0, .recovery where amountFen >= 0:
            throw FieldError(field: "amountFen", message: "a \(kind.rawValue) must be less than 0 fen, got \(amountFen)")
        default:
            break
        }
        self.kind = kind
        self.amountFen = amountFen
        self.entitlementId = entitlementId
        self.programCode = programCode
        self.semester = semester
        self.schoolId = schoolId
        self.townCode = townCode
    }
}
