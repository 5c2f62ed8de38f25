import AidContracts
import Foundation
import IdentificationDomain
import Testing

/// A semester's applications keyed in at once through the real `identification` executable: bad
/// rows named by position and field (all-or-nothing writes nothing), identification decided in
/// the same transaction, re-imports idempotent, and later checks on a re-sent file recorded.
@Suite("Identification: applications imported in bulk", .serialized, .timeLimit(.minutes(5)))
struct ApplicationImportTests {
    static let semester = Semester(year: 2026, term: .autumn)
    static let poor = HouseholdSurvey(members: 4, annualIncomeFen: 2_000_000)

    struct Report: Decodable {
        struct Rejection: Decodable { var line: Int; var field: String; var rule: String }
        struct Identification: Decodable { var identified: Int }
        var kind: String
        var received: Int
        var applied: Int
        var unchanged: Int
        var rejected: [Rejection]
        var identification: Identification?
    }

    static func application(_ student: CityFixture.Student, visit: VerificationVerdict?, review: ParentReviewOutcome? = nil) -> ApplicationSubmission {
        ApplicationSubmission(
            applicationId: "APP-\(student.studentId)", studentId: student.studentId, semester: semester, survey: poor,
            visit: visit.map { ApplicationSubmission.Visit(verdict: $0, visitedOn: "2026-09-20", notes: "home visit") },
            parentReview: review.map { ApplicationSubmission.ParentReview(outcome: $0, reviewedOn: "2026-09-25") })
    }

    static func body(_ applications: [ApplicationSubmission]) throws -> Data {
        try JSONEncoder().encode(applications)
    }

    @Test("bad rows named (all-or-nothing writes nothing, valid-rows the rest); decisions in the same request; re-import idempotent, later checks recorded")
    func bulkImport() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let base = "\(identification.baseURL)/v1"
            let schema = world.schema("identification")
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let staff = try await HTTP.token(.schoolStaff, subject: "staff-zhao")
            // Nobody listed: every identification here comes from an application.
            let city = CityFixture(studentCount: 7, listedEvery: 1_000_000)
            try #require(try await HTTP.send("POST", "\(base)/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv").status == 200)
            let students = try await HTTP.send("POST", "\(base)/students/import", token: op, body: city.studentsJSON)
            try #require(students.status == 200, "\(students.text)")
            func count(_ table: String, _ condition: String = "true") async throws -> Int64 {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).\(table) WHERE \(condition)")
            }
            let rosterEvents = try await count("outbox")

            // Students 0 primary, 1 junior secondary, 2 senior secondary, 3 vocational, 4 preschool.
            let s = city.students
            var good = [
                Self.application(s[0], visit: .confirmed),
                Self.application(s[1], visit: nil),
                Self.application(s[2], visit: .rejected),
                Self.application(s[3], visit: .confirmed),
                Self.application(s[4], visit: .confirmed, review: .approved),
            ]
            var unknownStudent = Self.application(s[0], visit: .confirmed)
            unknownStudent.applicationId = "APP-NOBODY"
            unknownStudent.studentId = "STU-NOBODY"
            var secondForSemester = Self.application(s[1], visit: nil)
            secondForSemester.applicationId = "APP-AGAIN"
            let withBad = try Self.body(good + [unknownStudent, secondForSemester])

            let strict = try await HTTP.send("POST", "\(base)/applications/import", token: officer, body: withBad)
            #expect(strict.status == 422, "\(strict.text)")
            let problems = strict.error?.allProblems ?? []
            #expect(problems.map(\.line) == [6, 7])
            #expect(problems.map(\.field) == ["studentId", "semester"], "\(problems)")
            #expect(problems.first?.rule.contains("STU-NOBODY") == true && problems.last?.rule == "duplicates line 2", "\(problems)")
            let written = (try await count("applications"), try await count("verification_visits"), try await count("parent_reviews"))
            #expect(written == (0, 0, 0), "all-or-nothing wrote \(written)")
            #expect(try await count("outbox") == rosterEvents, "a refused import published events")

            let lenient = try await HTTP.send("POST", "\(base)/applications/import?mode=valid-rows", token: officer, body: withBad)
            #expect(lenient.status == 200, "\(lenient.text)")
            let report = try lenient.json(Report.self)
            #expect(report.kind == "applications" && report.received == 7 && report.applied == 5 && report.unchanged == 0)
            #expect(report.rejected.map(\.line) == [6, 7])
            // Confirmed visits identify; no visit waits; a rejected visit does not; preschool needs its review too.
            #expect(report.identification?.identified == 3)
            let recorded = (try await count("applications"), try await count("verification_visits"), try await count("parent_reviews"))
            #expect(recorded == (5, 4, 1), "\(recorded)")
            #expect(try await count("identifications", "status = 'active'") == 3)
            let submitters = try await TestEnvironment.scalar("SELECT count(DISTINCT submitted_by) FROM \(schema).applications WHERE submitted_by = 'officer-li'")
            #expect(submitters == 1)
            let decided = try await count("outbox")

            // The same file again: nothing changes, nothing is published.
            let again = try await HTTP.send("POST", "\(base)/applications/import", token: officer, body: try Self.body(good)).json(Report.self)
            #expect(again.applied == 0 && again.unchanged == 5 && again.rejected.isEmpty)
            #expect(try await count("verification_visits") == 4)
            #expect(try await count("outbox") == decided)

            // Re-sent with student 1's visit made since: only that visit is recorded, and it identifies.
            good[1].visit = ApplicationSubmission.Visit(verdict: .confirmed, visitedOn: "2026-10-02")
            let later = try await HTTP.send("POST", "\(base)/applications/import", token: staff, body: try Self.body(good)).json(Report.self)
            #expect(later.applied == 1 && later.unchanged == 4 && later.identification?.identified == 1)
            #expect(try await count("verification_visits") == 5)
            #expect(try await count("identifications", "status = 'active'") == 4)

            // An id already used for another student, refused by name; nothing written.
            var stolenId = Self.application(s[5], visit: nil)
            stolenId.applicationId = "APP-\(s[0].studentId)"
            let stolen = try await HTTP.send("POST", "\(base)/applications/import", token: officer, body: try Self.body([stolenId]))
            #expect(stolen.status == 422 && stolen.errorField == "applicationId", "\(stolen.text)")
            #expect(try await count("applications") == 5)

            // What the import does not take: CSV, an operator (checks are the visitors' and reviewers'), a broken element.
            let csv = try await HTTP.send("POST", "\(base)/applications/import", token: officer, body: Data("applicationId\nAPP-1\n".utf8), contentType: "text/csv")
            #expect(csv.status == 400 && csv.errorField == "Content-Type", "\(csv.text)")
            let byOperator = try await HTTP.send("POST", "\(base)/applications/import", token: op, body: try Self.body(good))
            #expect(byOperator.status == 403, "\(byOperator.text)")
            let broken = try await HTTP.send("POST", "\(base)/applications/import", token: officer, body: Data(#"[{"applicationId":"APP-X","studentId":"x","semester":"2026-autumn","survey":{"members":"two"}}]"#.utf8))
            #expect(broken.status == 422 && broken.error?.allProblems.first?.field == "survey.members", "\(broken.text)")
            #expect(try await count("applications") == 5)

            // aidctl imports an applications file as an officer; a CSV of applications it refuses before sending.
            let aidctl = AidctlProcess(world: world, identification: identification)
            let files = FileManager.default.temporaryDirectory.appending(path: "applications-\(world.id)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }
            let file = files.appending(path: "applications.json")
            try Self.body([Self.application(s[6], visit: .confirmed)]).write(to: file)
            let imported = try await aidctl("import", "--kind", "applications", "--file", file.path, "--as", "officer-wu")
            #expect(imported.status == 0 && imported.stdout.contains("applications: 1 rows received, 1 applied"), "\(imported)")
            #expect(try await count("applications", "submitted_by = 'officer-wu'") == 1)
            let csvFile = files.appending(path: "applications.csv")
            try Data("applicationId\nAPP-1\n".utf8).write(to: csvFile)
            let refused = try await aidctl("import", "--kind", "applications", "--file", csvFile.path)
            #expect(refused.status != 0 && refused.output.contains("JSON"), "\(refused)")

            // One application at a time still works, its checks included; an operator may key in the form but not the checks.
            let single = Self.application(s[5], visit: .confirmed)
            let operatorChecks = try await HTTP.post("\(base)/applications", token: op, json: single)
            #expect(operatorChecks.status == 403, "\(operatorChecks.text)")
            let one = try await HTTP.post("\(base)/applications", token: staff, json: single)
            #expect(one.status == 201, "\(one.text)")
            #expect(try await count("verification_visits", "application_id = 'APP-\(s[5].studentId)'") == 1)
            #expect(try await count("identifications", "status = 'active'") == 6)
            let duplicate = try await HTTP.post("\(base)/applications", token: staff, json: single)
            #expect(duplicate.status == 409, "\(duplicate.text)")
        }
    }
}
