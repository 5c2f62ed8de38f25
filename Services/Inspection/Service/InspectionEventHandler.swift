import AidContracts
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// What inspection learns from the other services: schools and their districts (for cross review),
/// students and their vulnerable groups (for care monitoring), and every confirmed payment, which
/// schedules the student's re-check for that semester, once.
struct InspectionEventHandler: EventHandler {
    let consumerGroup = "inspection"
    let topics: [Topic] = [.disbursement, .roster, .identification]

    func handle(_ event: ReceivedEvent, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        switch event.type {
        case DisbursementEvent.PaymentConfirmed.eventType:
            try await paymentConfirmed(try event.decode(DisbursementEvent.PaymentConfirmed.self), on: connection, outbox: &outbox)
        case DisbursementEvent.ClawbackRecovered.eventType:
            let recovered = try event.decode(DisbursementEvent.ClawbackRecovered.self)
            try await connection.run("""
                UPDATE clawback_orders SET status = 'recovered', recovered_fen = \(recovered.totalRecoveredFen), recovered_at = now()
                WHERE order_id = \(recovered.orderId)
                """)
        case RosterEvent.SchoolRegistered.eventType:
            let school = try event.decode(RosterEvent.SchoolRegistered.self)
            try await connection.run("""
                INSERT INTO schools (school_id, district_code, town_code) VALUES (\(school.schoolId), \(school.districtCode), \(school.townCode))
                ON CONFLICT (school_id) DO UPDATE SET district_code = EXCLUDED.district_code, town_code = EXCLUDED.town_code, updated_at = now()
                """)
        case RosterEvent.StudentEnrolled.eventType:
            let enrolled = try event.decode(RosterEvent.StudentEnrolled.self)
            try await connection.run("""
                INSERT INTO students (student_id, school_id, household_id, left_behind, enrolled)
                VALUES (\(enrolled.studentId), \(enrolled.schoolId), \(enrolled.householdId), \(enrolled.leftBehind), true)
                ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, household_id = EXCLUDED.household_id,
                    left_behind = EXCLUDED.left_behind, enrolled = true, updated_at = now()
                """)
        case RosterEvent.StudentTransferred.eventType:
            let transferred = try event.decode(RosterEvent.StudentTransferred.self)
            try await upsertSchool(studentId: transferred.studentId, schoolId: transferred.toSchoolId, on: connection)
        case RosterEvent.StudentDetailsChanged.eventType:
            let changed = try event.decode(RosterEvent.StudentDetailsChanged.self)
            try await connection.run("""
                INSERT INTO students (student_id, school_id, left_behind) VALUES (\(changed.studentId), \(changed.schoolId), \(changed.leftBehind))
                ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, left_behind = EXCLUDED.left_behind, updated_at = now()
                """)
        case RosterEvent.StudentWithdrawn.eventType:
            try await leftSchool(try event.decode(RosterEvent.StudentWithdrawn.self).studentId, on: connection)
        case RosterEvent.StudentGraduated.eventType:
            try await leftSchool(try event.decode(RosterEvent.StudentGraduated.self).studentId, on: connection)
        case IdentificationEvent.StudentIdentified.eventType:
            let identified = try event.decode(IdentificationEvent.StudentIdentified.self)
            try await markIdentified(identified.studentId, identified.householdId, identified.placement, identified.basis, on: connection)
        case IdentificationEvent.TierChanged.eventType:
            let changed = try event.decode(IdentificationEvent.TierChanged.self)
            try await markIdentified(changed.studentId, changed.householdId, changed.placement, changed.basis, on: connection)
        case IdentificationEvent.IdentificationRevoked.eventType:
            let revoked = try event.decode(IdentificationEvent.IdentificationRevoked.self)
            try await connection.run("""
                UPDATE students SET identified = false, registry_lists = '{}', updated_at = now() WHERE student_id = \(revoked.studentId)
                """)
        default:
            // Entitlements and payments not (yet) confirmed concern no re-check: only money that reached
            // a family is re-checked or recovered.
            try passOver(event)
        }
    }

    private func paymentConfirmed(_ confirmed: DisbursementEvent.PaymentConfirmed, on connection: PostgresConnection, outbox: inout OutboxBatch) async throws {
        let grant = confirmed.grant
        let inserted = try await connection.run("""
            INSERT INTO payments (payment_id, entitlement_id, student_id, school_id, program_code, semester, amount_fen)
            VALUES (\(confirmed.paymentId), \(grant.entitlementId), \(grant.studentId), \(grant.schoolId), \(grant.programCode),
                    \(grant.semester.description), \(grant.amountFen))
            ON CONFLICT (payment_id) DO NOTHING RETURNING 1
            """).collect()
        guard !inserted.isEmpty else { return }
        try await connection.run("""
            INSERT INTO students (student_id, school_id) VALUES (\(grant.studentId), \(grant.schoolId)) ON CONFLICT (student_id) DO NOTHING
            """)
        try await connection.run("""
            INSERT INTO recheck_tasks (task_id, student_id, school_id, semester, due_on, status)
            VALUES (\(RecheckSchedule.taskId(studentId: grant.studentId, semester: grant.semester)), \(grant.studentId), \(grant.schoolId),
                    \(grant.semester.description), \(RecheckSchedule.dueOn(grant.semester).description)::date, 'open')
            ON CONFLICT (student_id, semester) DO NOTHING
            """)
        try await ClawbackOrdering(connection: connection).followUp(
            KnownPayment(paymentId: confirmed.paymentId, entitlementId: grant.entitlementId, studentId: grant.studentId,
                         semester: grant.semester, amountFen: grant.amountFen),
            outbox: &outbox)
    }

    private func upsertSchool(studentId: String, schoolId: String, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO students (student_id, school_id) VALUES (\(studentId), \(schoolId))
            ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, updated_at = now()
            """)
    }

    private func leftSchool(_ studentId: String, on connection: PostgresConnection) async throws {
        try await connection.run("UPDATE students SET enrolled = false, updated_at = now() WHERE student_id = \(studentId)")
    }

    private func markIdentified(
        _ studentId: String, _ householdId: String, _ placement: IdentificationEvent.Placement, _ basis: [String], on connection: PostgresConnection
    ) async throws {
        let lists = VulnerableGroup.lists(inBasis: basis).map(\.rawValue)
        try await connection.run("""
            INSERT INTO students (student_id, school_id, household_id, identified, registry_lists)
            VALUES (\(studentId), \(placement.schoolId), \(householdId), true, \(lists))
            ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, household_id = EXCLUDED.household_id,
                identified = true, registry_lists = EXCLUDED.registry_lists, updated_at = now()
            """)
    }
}
