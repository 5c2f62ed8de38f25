import AidContracts
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Applies a roster change to pairing's copy of a child, then settles the child's care as
/// `CareRules` decides: keep the pair, end it, and look for a volunteer where one is needed.
struct ChildRoster: Sendable {
    let connection: PostgresConnection

    func enrolled(_ event: RosterEvent.StudentEnrolled, outbox: inout OutboxBatch) async throws {
        try await PairingLocks.care(on: connection)
        let isNew = try await !connection.run("""
            INSERT INTO children (student_id, school_id, town_code, stage, left_behind, enrolled)
            VALUES (\(event.studentId), \(event.schoolId), \(event.townCode), \(event.stage.rawValue), \(event.leftBehind), true)
            ON CONFLICT (student_id) DO NOTHING RETURNING 1
            """).collect().isEmpty
        // Most of a city's roster: a child first heard of who is not left behind has no volunteer,
        // needs none and frees none, so there is nothing to settle.
        if isNew && !event.leftBehind { return }
        if !isNew {
            try await connection.run("""
                UPDATE children SET school_id = \(event.schoolId), town_code = \(event.townCode), stage = \(event.stage.rawValue),
                    left_behind = \(event.leftBehind), enrolled = true, updated_at = now()
                WHERE student_id = \(event.studentId)
                """)
        }
        try await settle(event.studentId, after: .enrolled, outbox: &outbox)
    }

    /// A child pairing has not heard of is recorded as not left behind: only the roster says otherwise.
    func transferred(_ event: RosterEvent.StudentTransferred, outbox: inout OutboxBatch) async throws {
        try await PairingLocks.care(on: connection)
        try await connection.run("""
            INSERT INTO children (student_id, school_id, town_code, stage, left_behind, enrolled)
            VALUES (\(event.studentId), \(event.toSchoolId), \(event.townCode), \(event.stage.rawValue), false, true)
            ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, town_code = EXCLUDED.town_code, stage = EXCLUDED.stage,
                enrolled = true, updated_at = now()
            """)
        try await settle(event.studentId, after: .transferred, outbox: &outbox)
    }

    func left(studentId: String, change: ChildChange, outbox: inout OutboxBatch) async throws {
        try await PairingLocks.care(on: connection)
        try await connection.run("UPDATE children SET enrolled = false, updated_at = now() WHERE student_id = \(studentId)")
        try await settle(studentId, after: change, outbox: &outbox)
    }

    /// The event names the school but not its township: that comes from the school, or later from
    /// its registration.
    func detailsChanged(_ event: RosterEvent.StudentDetailsChanged, outbox: inout OutboxBatch) async throws {
        try await PairingLocks.care(on: connection)
        try await connection.run("""
            INSERT INTO children (student_id, school_id, town_code, stage, left_behind, enrolled)
            VALUES (\(event.studentId), \(event.schoolId),
                    coalesce((SELECT town_code FROM schools WHERE school_id = \(event.schoolId)), ''), \(event.stage.rawValue), \(event.leftBehind), true)
            ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id,
                town_code = CASE WHEN children.school_id = EXCLUDED.school_id THEN children.town_code ELSE EXCLUDED.town_code END,
                stage = EXCLUDED.stage, left_behind = EXCLUDED.left_behind, updated_at = now()
            """)
        try await settle(event.studentId, after: .detailsChanged, outbox: &outbox)
    }

    private func settle(_ studentId: String, after change: ChildChange, outbox: inout OutboxBatch) async throws {
        let rows = try await connection.run("""
            SELECT c.school_id, c.town_code, c.left_behind, c.enrolled, v.volunteer_id, v.town_code, v.school_id, v.capacity
            FROM children c
                 LEFT JOIN care_pairs p ON p.student_id = c.student_id AND p.ended_at IS NULL
                 LEFT JOIN volunteers v ON v.volunteer_id = p.volunteer_id
            WHERE c.student_id = \(studentId)
            """).collect()
        // A graduation or withdrawal of a child pairing never heard of changes nothing.
        guard let (school, town, leftBehind, enrolled, volunteerId, volunteerTown, volunteerSchool, capacity)
            = try rows.first?.decode((String, String, Bool, Bool, String?, String?, String?, Int?).self) else { return }
        let child = ChildState(schoolId: school, townCode: town, leftBehind: leftBehind, enrolled: enrolled)
        var volunteer: VolunteerSlot?
        if let volunteerId, let volunteerTown, let capacity {
            volunteer = VolunteerSlot(volunteerId: volunteerId, townCode: volunteerTown, schoolId: volunteerSchool, capacity: capacity, activePairs: 1)
        }
        let matching = CareMatching(connection: connection)
        // Where a volunteer may now be found: the child's township when it needs one, and the
        // township of a volunteer whose place this change freed (another child may be waiting there).
        var towns: Set<String> = []
        switch CareRules.decide(after: change, child: child, pairedVolunteer: volunteer) {
        case .keep:
            break
        case .seek:
            towns.insert(town)
        case .end(let reason, let seekAgain):
            if let freed = try await matching.endActivePair(studentId: studentId, reason: reason, outbox: &outbox) { towns.insert(freed) }
            if seekAgain { towns.insert(town) }
        }
        try await matching.refreshWaiting(studentIds: [studentId])
        try await matching.matchWaiting(inTowns: towns, outbox: &outbox)
    }
}
