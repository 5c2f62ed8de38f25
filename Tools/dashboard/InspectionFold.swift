import AidContracts

/// What inspection publishes on `aid.inspection.v1`: re-checks of aided students, findings, claw-back
/// orders and signed school reviews. Each is counted once by its own id.
struct InspectionFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        var rechecks: Int
        var discrepancies: Int
        var findings: Int
        var findingsByKind: [Tally]
        var clawbacksOrdered: Int
        var clawbackOrderedFen: Fen
        var reviewsSigned: Int
        var averageReviewScore: Double?
    }

    private struct Recheck {
        var studentId: String
        var semester: Semester
        var outcome: InspectionEvent.RecheckOutcome
    }

    private var rechecks: [String: Recheck] = [:]
    private var findings: [String: InspectionEvent.FindingKind] = [:]
    private var orders: [String: Fen] = [:]
    private var reviews: [String: Int] = [:]

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case InspectionEvent.RecheckCompleted.eventType:
            let event = try envelope.decode(InspectionEvent.RecheckCompleted.self)
            rechecks[event.taskId] = Recheck(studentId: event.studentId, semester: event.semester, outcome: event.outcome)
        case InspectionEvent.FindingRecorded.eventType:
            let event = try envelope.decode(InspectionEvent.FindingRecorded.self)
            findings[event.findingId] = event.kind
        case InspectionEvent.ClawbackOrdered.eventType:
            let event = try envelope.decode(InspectionEvent.ClawbackOrdered.self)
            orders[event.orderId] = event.totalFen
        case InspectionEvent.ReviewSigned.eventType:
            let event = try envelope.decode(InspectionEvent.ReviewSigned.self)
            reviews[event.reviewId] = event.score
        default:
            return false
        }
        return true
    }

    /// Students re-checked in `semester`.
    func studentsRechecked(in semester: Semester) -> Set<String> {
        Set(rechecks.values.lazy.filter { $0.semester == semester }.map(\.studentId))
    }

    var figures: Figures {
        Figures(
            rechecks: rechecks.count,
            discrepancies: rechecks.values.count(where: { $0.outcome == .discrepancy }),
            findings: findings.count,
            findingsByKind: Tally.of(findings.values.map(\.rawValue)),
            clawbacksOrdered: orders.count,
            clawbackOrderedFen: orders.values.reduce(0, +),
            reviewsSigned: reviews.count,
            averageReviewScore: reviews.isEmpty ? nil : Double(reviews.values.reduce(0, +)) / Double(reviews.count))
    }
}
