import AidContracts
import Hummingbird
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// Findings with their accountability records, and the claw-back orders they lead to. Recording a
/// finding, its record and its order is one transaction, published together.
struct FindingDesk: Sendable {
    let context: ServiceContext

    struct Receipt: ResponseCodable {
        var findingId: String
        var clawbackOrderId: String?
        var orderedPaymentIds: [String]
        var totalFen: Fen
    }

    struct FindingView: ResponseCodable {
        var findingId: String
        var studentId: String
        var schoolId: String
        var kind: String
        var summary: String
        var recordedOn: String
        var recordedBy: String
        var recheckTaskId: String?
        var responsible: AccountablePerson
        var schoolHead: AccountablePerson
        var clawbackOrders: [String]
    }

    struct FindingSummary: ResponseCodable {
        var findingId: String
        var studentId: String
        var schoolId: String
        var kind: String
        var recordedOn: String
    }

    struct OrderView: ResponseCodable {
        var orderId: String
        var findingId: String
        var studentId: String
        var status: String
        var totalFen: Fen
        var recoveredFen: Fen?
        var payments: [InspectionEvent.OrderedPayment]
    }

    func record(_ finding: FindingDraft, by inspector: String, on day: CalendarDay) async throws -> Receipt {
        try finding.validate().throwIfAny()
        return try await context.transaction { connection, outbox in
            let student = try await connection.run("""
                SELECT coalesce(s.school_id, (SELECT p.school_id FROM payments p WHERE p.student_id = s.student_id LIMIT 1))
                FROM students s WHERE s.student_id = \(finding.studentId)
                """).collect()
            guard let row = student.first, let schoolId = try row.decode(String?.self) else {
                throw APIError(.unprocessableContent, field: "studentId", rule: "no student '\(finding.studentId)' is known to inspection (from the roster, identification or a payment)")
            }
            if let taskId = finding.recheckTaskId {
                let task = try await connection.run("SELECT student_id FROM recheck_tasks WHERE task_id = \(taskId)").collect()
                guard try task.first?.decode(String.self) == finding.studentId else {
                    throw APIError(.unprocessableContent, field: "recheckTaskId", rule: "no re-check task '\(taskId)' of student \(finding.studentId)")
                }
            }
            let ordering = ClawbackOrdering(connection: connection)
            // Planned before anything is written, so a bad selection changes nothing.
            var payments: [InspectionEvent.OrderedPayment] = []
            if finding.kind.requiresClawback {
                do {
                    payments = try ClawbackPlan.payments(for: finding.studentId, known: try await ordering.knownPayments(studentId: finding.studentId), selection: finding.paymentIds)
                } catch let error as ClawbackPlanError {
                    try error.problems.throwIfAny()
                }
            }
            let inserted = try await connection.run("""
                INSERT INTO findings (finding_id, student_id, school_id, kind, summary, clawback, covers_every_payment, recheck_task_id, recorded_by, recorded_on)
                VALUES (\(finding.findingId), \(finding.studentId), \(schoolId), \(finding.kind.rawValue), \(finding.summary),
                        \(finding.kind.requiresClawback), \(finding.kind.requiresClawback && finding.paymentIds == nil), \(finding.recheckTaskId),
                        \(inspector), \(day.description)::date)
                ON CONFLICT DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("findingId", "'\(finding.findingId)' exists; ids are used once") }
            try await connection.run("""
                INSERT INTO accountability_records (finding_id, responsible_name, responsible_position, school_head_name, school_head_position)
                VALUES (\(finding.findingId), \(finding.responsible.name), \(finding.responsible.position), \(finding.schoolHead.name), \(finding.schoolHead.position))
                """)
            try outbox.append(
                InspectionEvent.FindingRecorded(
                    findingId: finding.findingId, studentId: finding.studentId, schoolId: schoolId, kind: finding.kind,
                    clawback: finding.kind.requiresClawback, recordedOn: day.description),
                eventID: "finding-recorded:\(finding.findingId)")
            guard finding.kind.requiresClawback else {
                return Receipt(findingId: finding.findingId, clawbackOrderId: nil, orderedPaymentIds: [], totalFen: 0)
            }
            let orderId = "CBO-\(finding.findingId)"
            let total = try await ordering.order(
                orderId, for: ClawbackOrdering.Finding(findingId: finding.findingId, studentId: finding.studentId, schoolId: schoolId, kind: finding.kind),
                payments: payments, outbox: &outbox)
            return Receipt(findingId: finding.findingId, clawbackOrderId: orderId, orderedPaymentIds: payments.map(\.paymentId), totalFen: total)
        }
    }

    func finding(_ findingId: String) async throws -> FindingView {
        let rows = try await context.database.query("""
            SELECT f.student_id, f.school_id, f.kind, f.summary, f.recorded_on::text, f.recorded_by, f.recheck_task_id,
                   a.responsible_name, a.responsible_position, a.school_head_name, a.school_head_position
            FROM findings f JOIN accountability_records a USING (finding_id) WHERE f.finding_id = \(findingId)
            """).collect()
        guard let (studentId, schoolId, kind, summary, recordedOn, recordedBy, taskId, responsibleName, responsiblePosition, headName, headPosition)
                = try rows.first?.decode((String, String, String, String, String, String, String?, String, String, String, String).self) else {
            throw APIError.notFound("id", "no finding '\(findingId)'")
        }
        var orders: [String] = []
        for try await id in try await context.database.query("SELECT order_id FROM clawback_orders WHERE finding_id = \(findingId) ORDER BY ordered_at, order_id").decode(String.self) {
            orders.append(id)
        }
        return FindingView(
            findingId: findingId, studentId: studentId, schoolId: schoolId, kind: kind, summary: summary, recordedOn: recordedOn,
            recordedBy: recordedBy, recheckTaskId: taskId,
            responsible: AccountablePerson(name: responsibleName, position: responsiblePosition),
            schoolHead: AccountablePerson(name: headName, position: headPosition), clawbackOrders: orders)
    }

    func findings(studentId: String?, schoolId: String?) async throws -> [FindingSummary] {
        var findings: [FindingSummary] = []
        let rows = try await context.database.query("""
            SELECT finding_id, student_id, school_id, kind, recorded_on::text FROM findings
            WHERE (\(studentId)::text IS NULL OR student_id = \(studentId)) AND (\(schoolId)::text IS NULL OR school_id = \(schoolId))
            ORDER BY recorded_on, finding_id
            """)
        for try await (findingId, student, school, kind, recordedOn) in rows.decode((String, String, String, String, String).self) {
            findings.append(FindingSummary(findingId: findingId, studentId: student, schoolId: school, kind: kind, recordedOn: recordedOn))
        }
        return findings
    }

    func order(_ orderId: String) async throws -> OrderView {
        let rows = try await context.database.query("""
            SELECT finding_id, student_id, status, total_fen, recovered_fen FROM clawback_orders WHERE order_id = \(orderId)
            """).collect()
        guard let (findingId, studentId, status, total, recovered) = try rows.first?.decode((String, String, String, Int64, Int64?).self) else {
            throw APIError.notFound("id", "no claw-back order '\(orderId)'")
        }
        var payments: [InspectionEvent.OrderedPayment] = []
        let paymentRows = try await context.database.query("""
            SELECT p.payment_id, p.entitlement_id, p.semester, p.amount_fen FROM clawback_payments c JOIN payments p USING (payment_id)
            WHERE c.order_id = \(orderId) ORDER BY p.payment_id
            """)
        for try await (paymentId, entitlementId, semester, amount) in paymentRows.decode((String, String, String, Int64).self) {
            guard let semester = Semester(semester) else { continue }
            payments.append(InspectionEvent.OrderedPayment(paymentId: paymentId, entitlementId: entitlementId, semester: semester, amountFen: amount))
        }
        return OrderView(orderId: orderId, findingId: findingId, studentId: studentId, status: status, totalFen: total, recoveredFen: recovered, payments: payments)
    }
}
