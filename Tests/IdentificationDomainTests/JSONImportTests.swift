import AidContracts
import Foundation
import IdentificationDomain
import Testing

@Suite("JSON import")
struct JSONImportTests {
    private let students = RowImporter<StudentRow>(today: Fixtures.today)
    private let schools = RowImporter<SchoolRow>(today: Fixtures.today)

    @Test("objects become rows; numbers and booleans read as text; lines are 1-based array positions")
    func studentObjects() throws {
        let wang = Fixtures.residentID(birth: "20170512", sequence: "031")
        let json = """
        [
          {"studentId": "stu-1", "residentId": "\(wang)", "name": "Wang Xiaoming", "householdId": "hh-1",
           "schoolId": "sch-1", "stage": "primary", "grade": 3, "enrolmentDate": "2023-09-01",
           "leftBehind": true, "address": null, "notes": {"ignored": "unknown keys are not read"}},
          "not an object",
          {"studentId": "stu-2", "residentId": 431022201503041067, "name": " Li Hua ", "householdId": "hh-2",
           "schoolId": "sch-1", "stage": "preschool", "grade": "2", "enrolmentDate": "2025-09-01", "leftBehind": 0},
          {"studentId": ["stu-3"], "residentId": "\(wang)", "name": "", "householdId": "hh-3",
           "schoolId": "sch-1", "stage": "primary", "grade": 2.5, "enrolmentDate": null, "leftBehind": "yes"}
        ]
        """
        let result = try students.importRows(from: Data(json.utf8), format: .json)

        #expect(result.rows.map(\.line) == [1, 3])
        let first = try #require(result.rows.first?.row)
        #expect(first.grade == 3)
        #expect(first.leftBehind == true)
        #expect(first.address == nil)
        let second = try #require(result.rows.last?.row)
        #expect(second.residentId.value == "431022201503041067")
        #expect(second.name == "Li Hua")
        #expect(second.grade == 2)
        #expect(second.leftBehind == false)

        #expect(result.errors == [
            RowError(line: 2, field: "row", rule: "must be a JSON object"),
            RowError(line: 4, field: "studentId", rule: "must be text, a number or true/false, not a JSON object or array"),
            RowError(line: 4, field: "name", rule: "must not be empty"),
            RowError(line: 4, field: "grade", rule: "must be a whole number, got '2.5'"),
            RowError(line: 4, field: "enrolmentDate", rule: "must not be empty"),
        ])
    }

    @Test("a key missing from an object is reported for that object only")
    func missingKey() throws {
        let json = """
        [
          {"schoolId": "sch-1", "name": "Ridge", "townCode": "431022104", "districtCode": "431022",
           "stages": "primary;junior-secondary", "isRural": false, "isWeakTeachingPoint": "yes"},
          {"schoolId": "sch-2", "name": "Ridge", "townCode": 431022104, "districtCode": 431022, "stages": "primary"}
        ]
        """
        let result = try schools.importRows(from: Data(json.utf8), format: .json)

        #expect(result.rows.map(\.row) == [
            SchoolRow(schoolId: "sch-1", name: "Ridge", townCode: "431022104", districtCode: "431022",
                      stages: [.primary, .juniorSecondary], isRural: false, isWeakTeachingPoint: true),
        ])
        #expect(result.errors == [RowError(line: 2, field: "isRural", rule: "is missing")])
    }

    @Test("an empty array imports nothing")
    func emptyArray() throws {
        let result = try schools.importRows(from: Data("[]".utf8), format: .json)
        #expect(result.rows.isEmpty)
        #expect(result.errors.isEmpty)
    }

    @Test("a JSON document that is not an array is refused")
    func notAnArray() {
        #expect(throws: ImportError.notAJSONArray) {
            try schools.importRows(from: Data(#"{"schoolId": "sch-1"}"#.utf8), format: .json)
        }
    }

    @Test("malformed JSON is refused with the parser's reason")
    func malformed() {
        let error = #expect(throws: ImportError.self) {
            try schools.importRows(from: Data(#"[{"schoolId": "#.utf8), format: .json)
        }
        guard case .malformedJSON(let reason) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
    }
}
