import AidContracts
import Hummingbird
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// Care of the vulnerable groups: which measures each left-behind or listed student needs in a
/// semester, which were delivered, and who still lacks some. Groups come from the roster
/// (left-behind) and from identification's evidence (registry lists, while the student is identified);
/// financial aid counts as delivered when a payment to the student was confirmed that semester.
struct CareMonitoring: Sendable {
    let context: ServiceContext

    struct Delivery: Decodable {
        var studentId: String
        var semester: Semester
        var measure: CareMeasure
        var deliveredOn: CalendarDay
    }

    struct Checklist: ResponseCodable {
        struct Item: Codable, Sendable {
            var measure: CareMeasure
            var delivered: Bool
        }

        var studentId: String
        var schoolId: String?
        var semester: String
        var groups: [VulnerableGroup]
        var items: [Item]
        var missing: [CareMeasure]
    }

    private struct Student {
        var schoolId: String?
        var groups: Set<VulnerableGroup>
        var delivered: Set<CareMeasure>
    }

    func record(_ delivery: Delivery, by actor: String, today: CalendarDay) async throws {
        guard delivery.measure.isRecorded else {
            throw APIError(.unprocessableContent, field: "measure", rule: "financial-aid is shown by confirmed payments and is not recorded by hand")
        }
        guard delivery.deliveredOn <= today else {
            throw APIError(.unprocessableContent, field: "deliveredOn", rule: "must not be in the future (today is \(today)), got \(delivery.deliveredOn)")
        }
        try await context.transaction { connection, _ in
            guard try await !connection.run("SELECT 1 FROM students WHERE student_id = \(delivery.studentId)").collect().isEmpty else {
                throw APIError(.unprocessableContent, field: "studentId", rule: "no student '\(delivery.studentId)' is known to inspection")
            }
            try await connection.run("""
                INSERT INTO care_measures (student_id, semester, measure, delivered_on, recorded_by)
                VALUES (\(delivery.studentId), \(delivery.semester.description), \(delivery.measure.rawValue), \(delivery.deliveredOn.description)::date, \(actor))
                ON CONFLICT (student_id, semester, measure) DO UPDATE SET delivered_on = EXCLUDED.delivered_on, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
                """)
        }
    }

    func checklist(studentId: String, semester: Semester) async throws -> Checklist {
        guard let student = try await students(semester: semester, studentId: studentId, schoolId: nil)[studentId] else {
            throw APIError.notFound("id", "no enrolled student '\(studentId)' is known to inspection")
        }
        return Self.checklist(studentId, student, semester: semester)
    }

    /// Enrolled students of a vulnerable group who lack a measure this semester, in id order.
    func gaps(semester: Semester, schoolId: String?) async throws -> [Checklist] {
        try await students(semester: semester, studentId: nil, schoolId: schoolId)
            .map { Self.checklist($0.key, $0.value, semester: semester) }
            .filter { !$0.missing.isEmpty }
            .sorted { $0.studentId < $1.studentId }
    }

    private static func checklist(_ studentId: String, _ student: Student, semester: Semester) -> Checklist {
        Checklist(
            studentId: studentId, schoolId: student.schoolId, semester: semester.description, groups: student.groups.sorted(),
            items: CareChecklist.required(for: student.groups).map { Checklist.Item(measure: $0, delivered: student.delivered.contains($0)) },
            missing: CareChecklist.missing(for: student.groups, delivered: student.delivered))
    }

    private func students(semester: Semester, studentId: String?, schoolId: String?) async throws -> [String: Student] {
        var students: [String: Student] = [:]
        let rows = try await context.database.query("""
            SELECT s.student_id, s.school_id, s.left_behind, CASE WHEN s.identified THEN s.registry_lists ELSE '{}' END,
                   EXISTS (SELECT 1 FROM payments p WHERE p.student_id = s.student_id AND p.semester = \(semester.description)),
                   coalesce((SELECT array_agg(m.measure) FROM care_measures m WHERE m.student_id = s.student_id AND m.semester = \(semester.description)), '{}')
            FROM students s
            WHERE s.enrolled AND (\(studentId)::text IS NULL OR s.student_id = \(studentId)) AND (\(schoolId)::text IS NULL OR s.school_id = \(schoolId))
            """)
        for try await (id, school, leftBehind, lists, paid, measures) in rows.decode((String, String?, Bool, [String], Bool, [String]).self) {
            var groups = Set(lists.compactMap(RegistryList.init(rawValue:)).map(VulnerableGroup.init))
            if leftBehind { groups.insert(.leftBehind) }
            var delivered = Set(measures.compactMap(CareMeasure.init(rawValue:)))
            if paid { delivered.insert(.financialAid) }
            students[id] = Student(schoolId: school, groups: groups, delivered: delivered)
        }
        return students
    }
}
