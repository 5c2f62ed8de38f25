import AidContracts

/// What disbursement publishes on `aid.disbursement.v1`: entitlements, payments and recoveries.
/// A payment counts once per entitlement, whatever event id or attempt confirmed it, as the ledger
/// books it once per payment.
struct DisbursementFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        var disbursedFen: Fen
        var studentTimes: Int
        var payments: Int
        var studentsPaid: Int
        /// Payment attempts the bank turned down (each is retried in a later attempt).
        var failedAttempts: Int
        var entitlementsGranted: Int
        var entitlementsRevoked: Int
        /// Recovered on inspection claw-back orders.
        var recoveredFen: Fen
        /// Disbursed less recovered: what the ledger's totals show.
        var netFen: Fen
        var latestSemester: String?
        var byProgram: [Breakdown]
        var bySchool: [Breakdown]
        var byTown: [Breakdown]
        var bySemester: [Breakdown]
    }

    private(set) var confirmed: [String: DisbursementEvent.Grant] = [:]
    private(set) var granted: [String: DisbursementEvent.Grant] = [:]
    private var revoked: Set<String> = []
    private var failedAttempts: Set<String> = []
    private var recovered: [String: Fen] = [:]

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case DisbursementEvent.EntitlementGranted.eventType:
            let grant = try envelope.decode(DisbursementEvent.EntitlementGranted.self).grant
            granted[grant.entitlementId] = grant
        case DisbursementEvent.EntitlementRevoked.eventType:
            revoked.insert(try envelope.decode(DisbursementEvent.EntitlementRevoked.self).grant.entitlementId)
        case DisbursementEvent.PaymentSent.eventType:
            // Sent is not paid: only the bank's confirmation moves money in the figures.
            _ = try envelope.decode(DisbursementEvent.PaymentSent.self)
        case DisbursementEvent.PaymentConfirmed.eventType:
            let grant = try envelope.decode(DisbursementEvent.PaymentConfirmed.self).grant
            if confirmed[grant.entitlementId] == nil { confirmed[grant.entitlementId] = grant }
        case DisbursementEvent.PaymentFailed.eventType:
            let failure = try envelope.decode(DisbursementEvent.PaymentFailed.self)
            failedAttempts.insert("\(failure.paymentId)#\(failure.attempt)")
        case DisbursementEvent.ClawbackRecovered.eventType:
            // An order lists only payments no earlier order recovered; keyed by payment all the same.
            for recovery in try envelope.decode(DisbursementEvent.ClawbackRecovered.self).recoveries {
                recovered[recovery.paymentId] = recovery.recoveredFen
            }
        default:
            return false
        }
        return true
    }

    /// The most recent semester any entitlement or payment is for.
    var latestSemester: Semester? {
        (granted.values.map(\.semester) + confirmed.values.map(\.semester)).max()
    }

    /// Students paid in `semester`, with the town each was paid in.
    func studentsPaid(in semester: Semester) -> [String: String] {
        Self.towns(of: confirmed.values.lazy.filter { $0.semester == semester })
    }

    /// Students with an unrevoked entitlement in `semester` (paid or still to be paid), with their town.
    func studentsEntitled(in semester: Semester) -> [String: String] {
        let live = granted.values.lazy.filter { $0.semester == semester && !revoked.contains($0.entitlementId) }
        return Self.towns(of: live).merging(studentsPaid(in: semester)) { live, _ in live }
    }

    private static func towns(of grants: some Sequence<DisbursementEvent.Grant>) -> [String: String] {
        Dictionary(grants.map { ($0.studentId, $0.townCode) }) { first, _ in first }
    }

    var figures: Figures {
        let payments = confirmed.values
        let disbursed = payments.reduce(0) { $0 + $1.amountFen }
        let recoveredTotal = recovered.values.reduce(0, +)
        return Figures(
            disbursedFen: disbursed,
            studentTimes: Set(payments.map(StudentSemester.init)).count,
            payments: payments.count,
            studentsPaid: Set(payments.map(\.studentId)).count,
            failedAttempts: failedAttempts.count,
            entitlementsGranted: granted.count,
            entitlementsRevoked: revoked.count,
            recoveredFen: recoveredTotal,
            netFen: disbursed - recoveredTotal,
            latestSemester: latestSemester?.description,
            byProgram: Breakdown.of(payments, by: \.programCode),
            bySchool: Breakdown.of(payments, by: \.schoolId),
            byTown: Breakdown.of(payments, by: \.townCode),
            bySemester: Breakdown.of(payments, by: \.semester.description))
    }
}
