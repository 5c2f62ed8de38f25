import AidContracts

/// An entitlement already stored for a student, as far as revocation needs to know it.
public struct ExistingEntitlement: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Not paid, and not in a payment file the bank holds (it may sit in a draft or approved batch).
        case unpaid
        /// In a payment file sent to the bank and not yet answered: the money may already be moving.
        case inPayment = "in-payment"
        case paid
        case revoked
    }

    public var entitlementId: String
    public var studentId: String
    public var programCode: String
    public var semester: Semester
    public var amountFen: Fen
    public var status: Status

    public init(entitlementId: String, studentId: String, programCode: String, semester: Semester, amountFen: Fen, status: Status) {
        self.entitlementId = entitlementId
        self.studentId = studentId
        self.programCode = programCode
        self.semester = semester
        self.amountFen = amountFen
        self.status = status
    }

    public var key: EntitlementKey { EntitlementKey(programCode: programCode, semester: semester) }
}
