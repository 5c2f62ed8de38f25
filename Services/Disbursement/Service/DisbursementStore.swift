import AidContracts
import DisbursementDomain
import Foundation
import PostgresNIO
import ServiceRuntime

/// SQL of the disbursement schema, used inside the caller's transaction.
struct DisbursementStore: Sendable {
    let connection: PostgresConnection

    struct StudentRow: Sendable {
        var studentId: String
        var schoolId: String
        var townCode: String
        var stage: Stage
        var tier: NeedTier?
        var enrolled: Bool
        var identified: Bool
        var boarding: Bool

        var aidState: StudentAidState {
            StudentAidState(studentId: studentId, stage: stage, tier: identified ? tier : nil, active: enrolled && identified, boarding: boarding)
        }
    }

    // MARK: Student projection

    /// The columns of a `StudentRow`; the upserts return the row they wrote (one statement, not two).
    private static let studentColumns = "student_id, school_id, town_code, stage, tier, enrolled, identified, boarding"

    @discardableResult
    func upsertIdentified(studentId: String, householdId: String, placement: IdentificationEvent.Placement, tier: NeedTier) async throws -> StudentRow? {
        try await decodeStudents(connection.run("""
            INSERT INTO students (student_id, household_id, school_id, town_code, stage, tier, identified)
            VALUES (\(studentId), \(householdId), \(placement.schoolId), \(placement.townCode), \(placement.stage.rawValue), \(tier.rawValue), true)
            ON CONFLICT (student_id) DO UPDATE SET household_id = EXCLUDED.household_id, school_id = EXCLUDED.school_id,
                town_code = EXCLUDED.town_code, stage = EXCLUDED.stage, tier = EXCLUDED.tier, identified = true, updated_at = now()
            RETURNING \(unescaped: Self.studentColumns)
            """)).first
    }

    @discardableResult
    func upsertEnrolled(_ event: RosterEvent.StudentEnrolled) async throws -> StudentRow? {
        try await decodeStudents(connection.run("""
            INSERT INTO students (student_id, household_id, school_id, town_code, stage, enrolled)
            VALUES (\(event.studentId), \(event.householdId), \(event.schoolId), \(event.townCode), \(event.stage.rawValue), true)
            ON CONFLICT (student_id) DO UPDATE SET household_id = EXCLUDED.household_id, school_id = EXCLUDED.school_id,
                town_code = EXCLUDED.town_code, stage = EXCLUDED.stage, enrolled = true, updated_at = now()
            RETURNING \(unescaped: Self.studentColumns)
            """)).first
    }

    /// Moves the student and their not-yet-batched entitlements to the new school.
    func transfer(_ event: RosterEvent.StudentTransferred) async throws {
        try await connection.run("""
            UPDATE students SET school_id = \(event.toSchoolId), town_code = \(event.townCode), stage = \(event.stage.rawValue), updated_at = now()
            WHERE student_id = \(event.studentId)
            """)
        try await connection.run("""
            UPDATE entitlements SET school_id = \(event.toSchoolId), town_code = \(event.townCode)
            WHERE student_id = \(event.studentId) AND status = 'granted'
            """)
    }

    func setEnrolled(studentId: String, _ enrolled: Bool) async throws {
        try await connection.run("UPDATE students SET enrolled = \(enrolled), updated_at = now() WHERE student_id = \(studentId)")
    }

    func setStage(studentId: String, _ stage: Stage) async throws -> StudentRow? {
        try await decodeStudents(connection.run("""
            UPDATE students SET stage = \(stage.rawValue), updated_at = now() WHERE student_id = \(studentId)
            RETURNING \(unescaped: Self.studentColumns)
            """)).first
    }

    func setUnidentified(studentId: String) async throws {
        try await connection.run("UPDATE students SET identified = false, tier = NULL, updated_at = now() WHERE student_id = \(studentId)")
    }

    /// Students who should hold entitlements (enrolled and identified), in id order after `after`.
    func activeStudents(after: String, limit: Int) async throws -> [StudentRow] {
        try await decodeStudents(connection.run("""
            SELECT \(unescaped: Self.studentColumns) FROM students
            WHERE enrolled AND identified AND student_id > \(after) ORDER BY student_id LIMIT \(limit)
            """))
    }

    private func decodeStudents(_ rows: PostgresRowSequence) async throws -> [StudentRow] {
        var result: [StudentRow] = []
        for try await (id, school, town, stage, tier, enrolled, identified, boarding) in rows.decode((String, String, String, String, String?, Bool, Bool, Bool).self) {
            guard let stage = Stage(rawValue: stage) else { continue }
            result.append(StudentRow(
                studentId: id, schoolId: school, townCode: town, stage: stage,
                tier: tier.flatMap(NeedTier.init(rawValue:)), enrolled: enrolled, identified: identified, boarding: boarding))
        }
        return result
    }

    // MARK: Catalog and semesters

    func catalogs() async throws -> [GrantCatalog] {
        var catalogs: [GrantCatalog] = []
        for try await text in try await connection.run("SELECT catalog::text FROM catalog_versions ORDER BY version").decode(String.self) {
            catalogs.append(try JSONDecoder().decode(GrantCatalog.self, from: Data(text.utf8)))
        }
        return catalogs
    }

    /// What granting needs to know besides the student, in one statement: the highest catalog
    /// version (for `CatalogCache`) and the open semesters.
    func grantingState() async throws -> (latestCatalogVersion: Int, openSemesters: [Semester]) {
        let rows = try await connection.run("""
            SELECT (SELECT coalesce(max(version), 0) FROM catalog_versions),
                   ARRAY(SELECT semester FROM semesters WHERE status = 'open')
            """)
        for try await (version, codes) in rows.decode((Int, [String]).self) {
            return (version, codes.compactMap(Semester.init).sorted())
        }
        return (0, [])
    }

    func openSemesters() async throws -> [Semester] {
        var semesters: [Semester] = []
        for try await code in try await connection.run("SELECT semester FROM semesters WHERE status = 'open'").decode(String.self) {
            if let semester = Semester(code) { semesters.append(semester) }
        }
        return semesters.sorted()
    }

    // MARK: Entitlements

    /// Entitlements the students hold (not revoked) in these semesters, as keys, in one statement.
    func heldKeys(studentIds: [String], semesters: [Semester]) async throws -> [String: Set<EntitlementKey>] {
        var held: [String: Set<EntitlementKey>] = [:]
        let rows = try await connection.run("""
            SELECT student_id, program_code, semester FROM entitlements
            WHERE student_id = ANY(\(studentIds)) AND semester = ANY(\(semesters.map(\.description))) AND status <> 'revoked'
            """)
        for try await (student, program, code) in rows.decode((String, String, String).self) {
            guard let semester = Semester(code) else { continue }
            held[student, default: []].insert(EntitlementKey(programCode: program, semester: semester))
        }
        return held
    }

    struct NewEntitlement: Sendable {
        var student: StudentRow
        var semester: Semester
        var draft: EntitlementDraft

        var entitlementId: String { "E-\(student.studentId)-\(draft.programCode)-\(semester)" }
    }

    /// Inserts (or reinstates revoked) entitlements and returns those that were actually granted now.
    func grant(_ entitlements: [NewEntitlement]) async throws -> [NewEntitlement] {
        if entitlements.isEmpty { return [] }
        let rows = try await connection.run("""
            INSERT INTO entitlements (entitlement_id, student_id, program_code, semester, amount_fen, catalog_version, school_id, town_code, status)
            SELECT id, s, p, sem, amt, v, sch, t, 'granted'
            FROM unnest(\(entitlements.map(\.entitlementId))::text[], \(entitlements.map(\.student.studentId))::text[],
                        \(entitlements.map(\.draft.programCode))::text[], \(entitlements.map(\.semester.description))::text[],
                        \(entitlements.map(\.draft.amountFen))::bigint[], \(entitlements.map(\.draft.catalogVersion))::integer[],
                        \(entitlements.map(\.student.schoolId))::text[], \(entitlements.map(\.student.townCode))::text[])
                 AS u(id, s, p, sem, amt, v, sch, t)
            ON CONFLICT (student_id, program_code, semester) DO UPDATE
                SET status = 'granted', amount_fen = EXCLUDED.amount_fen, catalog_version = EXCLUDED.catalog_version,
                    school_id = EXCLUDED.school_id, town_code = EXCLUDED.town_code, revoked_reason = NULL
                WHERE entitlements.status = 'revoked'
            RETURNING entitlement_id
            """)
        var granted = Set<String>()
        for try await id in rows.decode(String.self) { granted.insert(id) }
        return entitlements.filter { granted.contains($0.entitlementId) }
    }

    func existingEntitlements(studentId: String) async throws -> [ExistingEntitlement] {
        var result: [ExistingEntitlement] = []
        let rows = try await connection.run("""
            SELECT e.entitlement_id, e.program_code, e.semester, e.amount_fen, e.status, b.status
            FROM entitlements e LEFT JOIN payments p USING (entitlement_id) LEFT JOIN payment_batches b ON b.batch_id = p.batch_id
            WHERE e.student_id = \(studentId)
            """)
        for try await (id, program, semester, amount, status, batchStatus) in rows.decode((String, String, String, Int64, String, String?).self) {
            guard let semester = Semester(semester) else { continue }
            let mapped: ExistingEntitlement.Status = switch status {
            case "granted": .unpaid
            // Lines of batches not yet sent to the bank can still be withdrawn.
            case "batched": batchStatus == "draft" || batchStatus == "approved" ? .unpaid : .inPayment
            case "paid": .paid
            default: .revoked
            }
            result.append(ExistingEntitlement(
                entitlementId: id, studentId: studentId, programCode: program, semester: semester, amountFen: amount, status: mapped))
        }
        return result
    }

    /// Revokes entitlements (removing their lines from unsent batches) and returns their grants.
    func revoke(entitlementIds: [String], reason: String) async throws -> [DisbursementEvent.Grant] {
        if entitlementIds.isEmpty { return [] }
        try await connection.run("""
            DELETE FROM payments p USING payment_batches b
            WHERE p.batch_id = b.batch_id AND b.status IN ('draft', 'approved') AND p.status = 'pending'
              AND p.entitlement_id = ANY(\(entitlementIds))
            """)
        let rows = try await connection.run("""
            UPDATE entitlements SET status = 'revoked', revoked_reason = \(reason)
            WHERE entitlement_id = ANY(\(entitlementIds)) AND status IN ('granted', 'batched')
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.entitlement_id = entitlements.entitlement_id)
            RETURNING entitlement_id, student_id, program_code, semester, amount_fen, school_id, town_code
            """)
        return try await Self.grants(rows)
    }

    static func grants(_ rows: PostgresRowSequence) async throws -> [DisbursementEvent.Grant] {
        var grants: [DisbursementEvent.Grant] = []
        for try await (id, student, program, semester, amount, school, town) in rows.decode((String, String, String, String, Int64, String, String).self) {
            guard let semester = Semester(semester) else { continue }
            grants.append(DisbursementEvent.Grant(
                entitlementId: id, studentId: student, programCode: program, semester: semester,
                amountFen: amount, schoolId: school, townCode: town))
        }
        return grants
    }
}
