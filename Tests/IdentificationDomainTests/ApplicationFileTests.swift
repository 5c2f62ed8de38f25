import AidContracts
import Foundation
import IdentificationDomain
import Testing

@Suite("Application file (JSON array of applications with their checks)")
struct ApplicationFileTests {
    private static let survey = #"{"members":4,"annualIncomeFen":2000000,"housing":"safe","seriousIllness":false,"disabledMembers":0,"leftBehind":false,"singleParent":false}"#

    private static func file(_ elements: [String]) -> Data {
        Data("[\(elements.joined(separator: ","))]".utf8)
    }

    @Test("good applications are kept with their visit and review; each bad one is reported by position and field, the rest still read")
    func goodAndBad() throws {
        let data = Self.file([
            #"{"applicationId":"APP-1","studentId":"STU-1","semester":"2026-autumn","survey":\#(Self.survey),"visit":{"verdict":"confirmed","visitedOn":"2026-09-20"},"parentReview":{"outcome":"approved","reviewedOn":"2026-09-25"}}"#,
            #"{"applicationId":"APP-2","studentId":"STU-2","semester":"2026-autumn","survey":{"members":"four","annualIncomeFen":1,"housing":"safe","seriousIllness":false,"disabledMembers":0,"leftBehind":false,"singleParent":false}}"#,
            #"42"#,
            #"{"applicationId":"APP 3","studentId":"STU-3","semester":"2026-autumn","survey":\#(Self.survey),"visit":{"verdict":"confirmed","visitedOn":"20 Sept"}}"#,
            #"{"applicationId":"APP-4","studentId":"STU-4","semester":"autumn","survey":\#(Self.survey)}"#,
            #"{"applicationId":"APP-5","studentId":"STU-5","semester":"2027-spring","survey":\#(Self.survey),"visit":{"verdict":"maybe","visitedOn":"2027-03-01"}}"#,
            #"{"applicationId":"APP-6","studentId":"STU-6","semester":"2027-spring","survey":\#(Self.survey)}"#,
        ])
        let result = try ApplicationFile.read(data)

        #expect(result.rows.map(\.line) == [1, 7])
        let first = try #require(result.rows.first?.row)
        #expect(first.visit == ApplicationSubmission.Visit(verdict: .confirmed, visitedOn: "2026-09-20"))
        #expect(first.parentReview == ApplicationSubmission.ParentReview(outcome: .approved, reviewedOn: "2026-09-25"))
        #expect(first.survey == HouseholdSurvey(members: 4, annualIncomeFen: 2_000_000))
        #expect(result.rows.last?.row.semester == Semester(year: 2027, term: .spring))

        #expect(result.errors.map(\.line) == [2, 3, 4, 4, 5, 6])
        #expect(result.errors.map(\.field) == ["survey.members", "row", "applicationId", "visit.visitedOn", "semester", "visit.verdict"])
        #expect(result.errors[0].rule.contains("Int"), "\(result.errors[0])")
        #expect(result.errors[1].rule == "must be a JSON object")
        #expect(result.errors[4].rule.contains("2026-autumn"), "\(result.errors[4])")
        #expect(result.received == 7, "a record that breaks two rules is still one record received")
    }

    @Test("survey rules are checked as for one application, named under survey")
    func surveyRules() throws {
        let bad = #"{"members":0,"annualIncomeFen":-5,"housing":"safe","seriousIllness":false,"disabledMembers":0,"leftBehind":false,"singleParent":false}"#
        let result = try ApplicationFile.read(Self.file([#"{"applicationId":"APP-1","studentId":"STU-1","semester":"2026-autumn","survey":\#(bad)}"#]))
        #expect(result.rows.isEmpty)
        #expect(result.errors.map(\.field) == ["survey.members", "survey.annualIncomeFen"])
    }

    @Test("a body that is not a JSON array, or not JSON, cannot be read at all")
    func unreadable() {
        #expect(throws: ImportError.notAJSONArray) { try ApplicationFile.read(Data(#"{"applicationId":"APP-1"}"#.utf8)) }
        let error = #expect(throws: ImportError.self) { try ApplicationFile.read(Data("[{".utf8)) }
        if case .malformedJSON = error {} else { Issue.record("expected malformedJSON, got \(String(describing: error))") }
    }

    @Test("an empty array is an empty import")
    func empty() throws {
        let result = try ApplicationFile.read(Data("[]".utf8))
        #expect(result.rows.isEmpty && result.errors.isEmpty)
    }
}
