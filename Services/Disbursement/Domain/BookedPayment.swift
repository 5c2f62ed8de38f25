import AidContracts

/// A payment as the ledger holds it, for deciding what a claw-back order recovers.
public struct BookedPayment: Sendable, Hashable {
    public var paymentId: String
    public var entitlementId: String
    public var studentId: String
    public var programCode: String
    public var semester: Semester
    public var schoolId: String
    public var townCode: String
    public var amountFen: Fen
    /// Whether the ledger already holds a recovery of this payment (from an earlier order).
    public var recovered: Bool

    public init(
        paymentId: String, entitlementId: String, studentId: String, programCode: String, semester: Semester, schoolId: String,
        townCode: String, amountFen: Fen, recovered: Bool
    ) {
        self.paymentId = paymentId
        self.entitlementId = entitlementId
        self.studentId = studentId
        self.programCode = programCode
        self.semester = semester
        self.schoolId = schoolId
        self.townCode = townCode
        self.amountFen = amountFen
        self.recovered = recovered
    }
}
