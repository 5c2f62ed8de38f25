/// What one money-path run took, phase by phase, for `students` identified students.
struct MoneyPathFigures: Sendable {
    var students: Int
    var entitlements: Int
    var batches: Int
    /// First record handed to the producer → last delivery report (overlaps `granting`).
    var publishing: Duration
    /// First StudentIdentified published → every resulting entitlement granted.
    var granting: Duration
    /// POST /v1/batches: the draft batches, one per school.
    var preparing: Duration
    /// Approving and sending every batch, one after the other.
    var approvingAndSending: Duration
    /// Last batch sent → every entitlement booked in the ledger (bank file out, confirmation in).
    var booking: Duration

    /// Entitlements granted → every entitlement confirmed paid in the ledger.
    var paying: Duration { preparing + approvingAndSending + booking }
    var total: Duration { granting + paying }
    var studentsPerSecond: Double { Double(students) / total.seconds }
    var paymentsPerSecond: Double { Double(entitlements) / total.seconds }
}
