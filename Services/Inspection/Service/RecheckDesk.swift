import AidContracts
import Hummingbird
import InspectionDomain
import PostgresNIO
import ServiceRuntime

/// The per-semester re-checks: tasks (made by `InspectionEventHandler` from confirmed payments),
/// their completion, overdue lists, coverage, and closing a semester once coverage is complete.
struct RecheckDesk: Sendable {
    let context: ServiceContext

    struct Report: Decodable {
        var method: InspectionEvent.RecheckMethod
        var outcome: InspectionEvent.RecheckOutcome
        var completedOn: CalendarDay
        var notes: String?
    }

    struct Task: ResponseCodable {
        var taskId: String
        var studentId: String
        var schoolId: String
        var semester: String
        var dueOn: String
        var status: String
        var overdue: Bool
        var method: String?
        var outcome: String?
        var completedOn: String?
    }

    struct SchoolCoverage: Codable, Sendable {
        var schoolId: String
        var studentsPaid: Int
        var studentsRechecked: Int
        var coveragePercent: Double
    }

    struct CoverageReport: ResponseCodable {
        var overall: RecheckCoverage
        var bySchool: [SchoolCoverage]
        var closed: Bool
    }

    struct Filter {
        var semester: Semester?
        var status: String?
        var schoolId: String?
        /// Only tasks overdue on this day.
        var overdueOn: CalendarDay?
    }

    func tasks(_ filter: Filter, today: CalendarDay) async throws -> [Task] {
        var tasks: [Task] = []
        let rows = try await context.database.query("""
            SELECT task_id, student_id, school_id, semester, due_on::text, status, method, outcome, completed_on::text FROM recheck_tasks
            WHERE (\(filter.semester?.description)::text IS NULL OR semester = \(filter.semester?.description))
              AND (\(filter.status)::text IS NULL OR status = \(filter.status))
              AND (\(filter.schoolId)::text IS NULL OR school_id = \(filter.schoolId))
              AND (\(filter.overdueOn?.description)::date IS NULL OR (status = 'open' AND due_on < \(filter.overdueOn?.description)::date))
            ORDER BY due_on, school_id, student_id
            """)
        for try await (taskId, studentId, schoolId, semester, dueOn, status, method, outcome, completedOn)
            in rows.decode((String, String, String, String, String, String, String?, String?, String?).self) {
            let due = CalendarDay(iso: dueOn) ?? today
            tasks.append(Task(
                taskId: taskId, studentId: studentId, schoolId: schoolId, semester: semester, dueOn: dueOn, status: status,
                overdue: RecheckSchedule.isOverdue(dueOn: due, completed: status == "completed", asOf: filter.overdueOn ?? today),
                method: method, outcome: outcome, completedOn: completedOn))
        }
        return tasks
    }

    func complete(taskId: String, _ report: Report, by actor: String, today: CalendarDay) async throws -> Task {
        if let notes = report.notes, notes.count > 2000 {
            throw APIError(.unprocessableContent, field: "notes", rule: "must be at most 2000 characters")
        }
        return try await context.transaction { connection, outbox in
            let rows = try await connection.run("""
                SELECT student_id, school_id, semester, due_on::text, status FROM recheck_tasks WHERE task_id = \(taskId) FOR UPDATE
                """).collect()
            guard let (studentId, schoolId, semesterCode, dueOn, status) = try rows.first?.decode((String, String, String, String, String).self),
                  let semester = Semester(semesterCode) else {
                throw APIError.notFound("id", "no re-check task '\(taskId)'")
            }
            guard status == "open" else { throw APIError.conflict("id", "re-check task \(taskId) is already completed") }
            try [RecheckSchedule.validateCompletion(on: report.completedOn, semester: semester, today: today)].compactMap { $0 }.throwIfAny()
            try await connection.run("""
                UPDATE recheck_tasks SET status = 'completed', method = \(report.method.rawValue), outcome = \(report.outcome.rawValue),
                    completed_on = \(report.completedOn.description)::date, completed_by = \(actor), notes = \(report.notes)
                WHERE task_id = \(taskId)
                """)
            try outbox.append(
                InspectionEvent.RecheckCompleted(
                    taskId: taskId, studentId: studentId, schoolId: schoolId, semester: semester, method: report.method,
                    outcome: report.outcome, completedOn: report.completedOn.description),
                eventID: "recheck-completed:\(taskId)")
            return Task(
                taskId: taskId, studentId: studentId, schoolId: schoolId, semester: semesterCode, dueOn: dueOn, status: "completed",
                overdue: false, method: report.method.rawValue, outcome: report.outcome.rawValue, completedOn: report.completedOn.description)
        }
    }

    func coverage(_ semester: Semester) async throws -> CoverageReport {
        try await context.database.transaction { connection in try await Self.coverage(semester, on: connection) }
    }

    /// Closes the semester's re-checks, refused until every paid student has a completed one.
    func close(_ semester: Semester, by actor: String) async throws -> CoverageReport {
        try await context.transaction { connection, _ in
            let report = try await Self.coverage(semester, on: connection)
            guard report.overall.studentsPaid > 0 else {
                throw APIError(.unprocessableContent, field: "semester", rule: "no student was paid in \(semester); there is nothing to close")
            }
            guard report.overall.complete else {
                let sample = report.overall.missing.prefix(5).joined(separator: ", ")
                throw APIError.conflict("semester", "re-check coverage of \(semester) is \(report.overall.coveragePercent)%: \(report.overall.missing.count) paid student(s) have no completed re-check (\(sample)); it must be 100%")
            }
            try await connection.run("""
                INSERT INTO closed_semesters (semester, students_paid, closed_by) VALUES (\(semester.description), \(report.overall.studentsPaid), \(actor))
                ON CONFLICT (semester) DO NOTHING
                """)
            return CoverageReport(overall: report.overall, bySchool: report.bySchool, closed: true)
        }
    }

    private static func coverage(_ semester: Semester, on connection: PostgresConnection) async throws -> CoverageReport {
        var paid: [String: Set<String>] = [:]
        var rechecked = Set<String>()
        let rows = try await connection.run("""
            SELECT DISTINCT p.school_id, p.student_id, t.status = 'completed'
            FROM payments p LEFT JOIN recheck_tasks t ON t.student_id = p.student_id AND t.semester = p.semester
            WHERE p.semester = \(semester.description)
            """)
        for try await (schoolId, studentId, done) in rows.decode((String, String, Bool?).self) {
            paid[schoolId, default: []].insert(studentId)
            if done == true { rechecked.insert(studentId) }
        }
        let everyone = paid.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        let bySchool = paid.keys.sorted().map { schoolId in
            let coverage = RecheckCoverage(semester: semester, paid: paid[schoolId] ?? [], rechecked: rechecked)
            return SchoolCoverage(schoolId: schoolId, studentsPaid: coverage.studentsPaid, studentsRechecked: coverage.studentsRechecked, coveragePercent: coverage.coveragePercent)
        }
        let closed = try await !connection.run("SELECT 1 FROM closed_semesters WHERE semester = \(semester.description)").collect().isEmpty
        return CoverageReport(overall: RecheckCoverage(semester: semester, paid: everyone, rechecked: rechecked), bySchool: bySchool, closed: closed)
    }
}
