import AidContracts
import Foundation
import IdentificationDomain
import PostgresNIO
import ServiceRuntime

/// Bulk imports of schools, students and registry lists. Rows are validated one by one; the caller
/// chooses what happens when some are bad: `all-or-nothing` applies none of them and answers 422
/// with every bad row, `valid-rows` applies the good rows and lists the rejected ones. Never a
/// silent partial import. Affected students are re-decided in the same transaction.
struct RosterImport: Sendable {
    enum Mode: String, Codable, Sendable {
        case allOrNothing = "all-or-nothing"
        case validRows = "valid-rows"
    }

    struct Report: Codable, Sendable {
        var kind: String
        var mode: Mode
        var received: Int
        var applied: Int
        var unchanged: Int
        var rejected: [Rejection]
        var identification: IdentificationEngine.Summary?
    }

    struct Rejection: Codable, Sendable {
        var line: Int
        var field: String
        var rule: String
    }

    let context: ServiceContext
    let vault: PersonalDataVault

    func importSchools(_ data: Data, format: ImportFormat, mode: Mode) async throws -> Report {
        let parsed = try Self.parse(SchoolRow.self, data, format: format)
        var rows = parsed.rows
        var errors = parsed.errors
        Self.rejectDuplicates(&rows, &errors, field: "schoolId") { $0.schoolId }
        try Self.enforce(mode, errors: errors)
        return try await context.transaction { connection, outbox in
            var changed = 0
            for (_, school) in rows {
                let written = try await connection.run("""
                    INSERT INTO schools (school_id, name, town_code, district_code, stages, is_rural, serves_key_poverty_village, is_weak_teaching_point)
                    VALUES (\(school.schoolId), \(school.name), \(school.townCode), \(school.districtCode), \(school.stages.map(\.rawValue)),
                            \(school.isRural), \(school.servesKeyPovertyVillage), \(school.isWeakTeachingPoint))
                    ON CONFLICT (school_id) DO UPDATE SET name = EXCLUDED.name, town_code = EXCLUDED.town_code,
                        district_code = EXCLUDED.district_code, stages = EXCLUDED.stages, is_rural = EXCLUDED.is_rural,
                        serves_key_poverty_village = EXCLUDED.serves_key_poverty_village,
                        is_weak_teaching_point = EXCLUDED.is_weak_teaching_point, updated_at = now()
                    WHERE (schools.name, schools.town_code, schools.district_code, schools.stages, schools.is_rural,
                           schools.serves_key_poverty_village, schools.is_weak_teaching_point)
                      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.town_code, EXCLUDED.district_code, EXCLUDED.stages, EXCLUDED.is_rural,
                           EXCLUDED.serves_key_poverty_village, EXCLUDED.is_weak_teaching_point)
                    RETURNING 1
                    """).collect()
                guard !written.isEmpty else { continue }
                changed += 1
                try outbox.append(RosterEvent.SchoolRegistered(
                    schoolId: school.schoolId, townCode: school.townCode, districtCode: school.districtCode, stages: school.stages,
                    isRural: school.isRural, servesKeyPovertyVillage: school.servesKeyPovertyVillage,
                    isWeakTeachingPoint: school.isWeakTeachingPoint))
            }
            return Report(kind: "schools", mode: mode, received: parsed.received, applied: changed,
                          unchanged: rows.count - changed, rejected: errors.map(Rejection.init), identification: nil)
        }
    }

    func importStudents(_ data: Data, format: ImportFormat, mode: Mode) async throws -> Report {
        let parsed = try Self.parse(StudentRow.self, data, format: format)
        var rows = parsed.rows
        var errors = parsed.errors
        Self.rejectDuplicates(&rows, &errors, field: "studentId") { $0.studentId }
        Self.rejectDuplicates(&rows, &errors, field: "residentId") { $0.residentId.value }
        return try await context.transaction { connection, outbox in
            // Checks that need the database: the school exists, the resident ID is not another student's.
            let schoolIds = Array(Set(rows.map(\.row.schoolId)))
            var towns: [String: String] = [:]
            for try await (id, town) in try await connection.run("SELECT school_id, town_code FROM schools WHERE school_id = ANY(\(schoolIds))").decode((String, String).self) {
                towns[id] = town
            }
            let hashes = rows.map { vault.hash(residentID: $0.row.residentId.value) }
            var owners: [String: String] = [:]
            for try await (hash, id) in try await connection.run("SELECT resident_id_hash, student_id FROM students WHERE resident_id_hash = ANY(\(hashes))").decode((String, String).self) {
                owners[hash] = id
            }
            var existing: [String: (school: String, stage: String, grade: Int, leftBehind: Bool)] = [:]
            let existingRows = try await connection.run("""
                SELECT student_id, school_id, stage, grade, left_behind FROM students WHERE student_id = ANY(\(rows.map(\.row.studentId)))
                """)
            for try await (id, school, stage, grade, leftBehind) in existingRows.decode((String, String, String, Int, Bool).self) {
                existing[id] = (school, stage, grade, leftBehind)
            }
            var accepted: [(line: Int, row: StudentRow, hash: String)] = []
            for ((line, student), hash) in zip(rows, hashes) {
                if towns[student.schoolId] == nil {
                    errors.append(RowError(line: line, field: "schoolId", rule: "no school '\(student.schoolId)' on the roster; import schools first"))
                } else if let owner = owners[hash], owner != student.studentId {
                    errors.append(RowError(line: line, field: "residentId", rule: "already belongs to student \(owner)"))
                } else {
                    accepted.append((line, student, hash))
                }
            }
            try Self.enforce(mode, errors: errors)

            let new = accepted.filter { existing[$0.row.studentId] == nil }
            try await insert(new.map { ($0.row, $0.hash) }, on: connection)
            for (_, student, _) in new {
                try outbox.append(RosterEvent.StudentEnrolled(
                    studentId: student.studentId, householdId: student.householdId, schoolId: student.schoolId,
                    townCode: towns[student.schoolId] ?? "", stage: student.stage, grade: student.grade,
                    leftBehind: student.leftBehind, effectiveDate: student.enrolmentDate.description))
            }
            var changed = new.count
            for (_, student, _) in accepted {
                guard let before = existing[student.studentId] else { continue }
                let moved = before.school != student.schoolId
                let detailsChanged = before.stage != student.stage.rawValue || before.grade != student.grade || before.leftBehind != student.leftBehind
                guard moved || detailsChanged else { continue }
                try await update(student, on: connection)
                changed += 1
                if moved {
                    try outbox.append(RosterEvent.StudentTransferred(
                        studentId: student.studentId, fromSchoolId: before.school, toSchoolId: student.schoolId,
                        townCode: towns[student.schoolId] ?? "", stage: student.stage, effectiveDate: CalendarDay.today().description))
                }
                if detailsChanged {
                    try outbox.append(RosterEvent.StudentDetailsChanged(
                        studentId: student.studentId, schoolId: student.schoolId, stage: student.stage,
                        grade: student.grade, leftBehind: student.leftBehind))
                }
            }
            let summary = try await IdentificationEngine(connection: connection).decide(studentIds: accepted.map(\.row.studentId), outbox: &outbox)
            return Report(kind: "students", mode: mode, received: parsed.received, applied: changed,
                          unchanged: accepted.count - changed, rejected: errors.sorted { $0.line < $1.line }.map(Rejection.init),
                          identification: summary)
        }
    }

    func importRegistry(_ data: Data, format: ImportFormat, mode: Mode) async throws -> Report {
        let parsed = try Self.parse(RegistryRow.self, data, format: format)
        try Self.enforce(mode, errors: parsed.errors)
        let rows = parsed.rows.map(\.row)
        let hashes = rows.map { vault.hash(residentID: $0.residentId.value) }
        let sealed = try rows.map { try vault.sealBase64($0.residentId.value) }
        return try await context.transaction { connection, outbox in
            let inserted = try await connection.run("""
                INSERT INTO registry_entries (list, resident_id_hash, resident_id_sealed, valid_from, valid_to, reference)
                SELECT l, h, decode(s, 'base64'), f::date, NULLIF(t, '')::date, NULLIF(r, '')
                FROM unnest(\(rows.map(\.list.rawValue))::text[], \(hashes)::text[], \(sealed)::text[],
                            \(rows.map(\.validFrom.description))::text[], \(rows.map { $0.validTo?.description ?? "" })::text[],
                            \(rows.map { $0.reference ?? "" })::text[]) AS u(l, h, s, f, t, r)
                ON CONFLICT (list, resident_id_hash, valid_from) DO NOTHING
                RETURNING 1
                """).collect().count
            var affected: [String] = []
            for try await id in try await connection.run("SELECT student_id FROM students WHERE resident_id_hash = ANY(\(hashes))").decode(String.self) {
                affected.append(id)
            }
            let summary = try await IdentificationEngine(connection: connection).decide(studentIds: affected, outbox: &outbox)
            return Report(kind: "registry", mode: mode, received: parsed.received, applied: inserted,
                          unchanged: rows.count - inserted, rejected: parsed.errors.map(Rejection.init), identification: summary)
        }
    }

    // MARK: -

    private func insert(_ students: [(StudentRow, String)], on connection: PostgresConnection) async throws {
        if students.isEmpty { return }
        let rows = students.map(\.0)
        try await connection.run("""
            INSERT INTO students (student_id, resident_id_hash, resident_id_sealed, name_sealed, address_sealed, household_id,
                                  school_id, stage, grade, enrolment_date, left_behind)
            SELECT id, h, decode(r, 'base64'), decode(n, 'base64'), decode(NULLIF(a, ''), 'base64'), hh, sc, st, g, d::date, lb
            FROM unnest(\(rows.map(\.studentId))::text[], \(students.map(\.1))::text[],
                        \(try rows.map { try vault.sealBase64($0.residentId.value) })::text[],
                        \(try rows.map { try vault.sealBase64($0.name) })::text[],
                        \(try rows.map { try $0.address.map(vault.sealBase64) ?? "" })::text[],
                        \(rows.map(\.householdId))::text[], \(rows.map(\.schoolId))::text[], \(rows.map(\.stage.rawValue))::text[],
                        \(rows.map(\.grade))::integer[], \(rows.map(\.enrolmentDate.description))::text[], \(rows.map(\.leftBehind))::boolean[])
                 AS u(id, h, r, n, a, hh, sc, st, g, d, lb)
            """)
    }

    private func update(_ student: StudentRow, on connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE students SET school_id = \(student.schoolId), stage = \(student.stage.rawValue), grade = \(student.grade),
                left_behind = \(student.leftBehind), household_id = \(student.householdId),
                name_sealed = decode(\(try vault.sealBase64(student.name)), 'base64'), status = 'enrolled', updated_at = now()
            WHERE student_id = \(student.studentId)
            """)
    }

    private static func parse<Row: ImportableRow>(_ type: Row.Type, _ data: Data, format: ImportFormat) throws -> ImportResult<Row> {
        do {
            return try RowImporter<Row>().importRows(from: data, format: format)
        } catch {
            throw APIError.badRequest("body", error.description)
        }
    }

    /// A key used by two rows of one import is an error on the later row.
    static func rejectDuplicates<Row>(_ rows: inout [(line: Int, row: Row)], _ errors: inout [RowError], field: String, key: (Row) -> String) {
        var firstLine: [String: Int] = [:]
        rows = rows.filter { line, row in
            if let first = firstLine[key(row)] {
                errors.append(RowError(line: line, field: field, rule: "duplicates line \(first)"))
                return false
            }
            firstLine[key(row)] = line
            return true
        }
    }

    static func enforce(_ mode: Mode, errors: [RowError]) throws {
        guard mode == .allOrNothing, !errors.isEmpty else { return }
        throw APIError(.unprocessableContent, problems: errors.sorted { $0.line < $1.line }.map {
            APIError.Problem(field: $0.field, rule: $0.rule, line: $0.line)
        })
    }
}

extension RosterImport.Rejection {
    init(_ error: RowError) {
        self.init(line: error.line, field: error.field, rule: error.rule)
    }
}
