import Foundation
import ServiceRuntime
import Testing

/// A city imports its roster in bulk: 10,000 students in one request, as CSV and as JSON.
@Suite("Bulk roster import", .serialized, .timeLimit(.minutes(5)))
struct BulkImportTests {
    struct Report: Decodable {
        var received: Int
        var applied: Int
        var rejected: [Rejection]
        struct Rejection: Decodable { var line: Int; var field: String }
    }

    @Test("10,000 students in one CSV request are all applied; the same file again changes nothing")
    func tenThousandRowsInOneRequest() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let city = CityFixture(studentCount: 10_000, listedEvery: 7)
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            #expect(try await HTTP.send("POST", "\(identification.baseURL)/v1/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv").status == 200)

            let csv = Self.csv(city)
            let started = ContinuousClock.now
            let first = try await HTTP.send("POST", "\(identification.baseURL)/v1/students/import", token: op, body: csv, contentType: "text/csv")
            print("imported 10,000 students (\(csv.count / 1024) KiB CSV) in \(ContinuousClock.now - started)")
            try #require(first.status == 200, "\(first.text.prefix(500))")
            let report = try first.json(Report.self)
            #expect(report.received == 10_000)
            #expect(report.applied == 10_000)
            #expect(report.rejected.isEmpty)
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("identification")).students") == 10_000)

            let again = try await HTTP.send("POST", "\(identification.baseURL)/v1/students/import", token: op, body: csv, contentType: "text/csv")
            #expect(try again.json(Report.self).applied == 0, "re-importing the same roster must change nothing")
            let outbox = try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("identification")).outbox WHERE topic = 'aid.roster.v1' AND event_id IS NOT NULL")
            #expect(outbox == 10_000 + Int64(city.schools.count), "one enrolment event per student, one registration per school")
        }
    }

    @Test("10,000 rows with one bad row: all-or-nothing applies none and names the row; valid-rows applies the rest")
    func oneBadRowAmongTenThousand() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            var city = CityFixture(studentCount: 10_000)
            city.students[4_321].grade = 40
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            #expect(try await HTTP.send("POST", "\(identification.baseURL)/v1/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv").status == 200)

            let strict = try await HTTP.send("POST", "\(identification.baseURL)/v1/students/import", token: op, body: city.studentsJSON, contentType: "application/json")
            #expect(strict.status == 422)
            #expect(strict.text.contains("\"line\":4322"), "the JSON row number (1-based) is named: \(strict.text.prefix(300))")
            #expect(strict.errorField == "grade")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("identification")).students") == 0)

            let lenient = try await HTTP.send("POST", "\(identification.baseURL)/v1/students/import?mode=valid-rows", token: op, body: city.studentsJSON, contentType: "application/json")
            #expect(lenient.status == 200)
            let report = try lenient.json(Report.self)
            #expect(report.applied == 9_999)
            #expect(report.rejected.map(\.line) == [4_322])
            #expect(report.rejected.map(\.field) == ["grade"])
        }
    }

    private static func csv(_ city: CityFixture) -> Data {
        var lines = ["studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate,leftBehind"]
        for student in city.students {
            lines.append("\(student.studentId),\(student.residentId),Student \(student.studentId),HH-\(student.studentId),\(student.schoolId),\(student.stage.rawValue),\(student.grade),2024-09-01,false")
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
