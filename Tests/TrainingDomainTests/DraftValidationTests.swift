import AidContracts
import Foundation
import Testing
import TrainingDomain

@Suite("Centres, courses, sessions and trainees as submitted")
struct DraftValidationTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test("well-formed drafts have no problems")
    func valid() {
        #expect(CentreDraft(centreId: "ctr-1", name: "Gaomi Technical School", kind: .technicalSchool, townCode: "370785001").validate().isEmpty)
        #expect(CourseDraft(courseId: "crs-1", centreId: "ctr-1", title: "Masonry", trade: .construction, hours: 120).validate().isEmpty)
        #expect(SessionDraft(sessionId: "ses-1", courseId: "crs-1", startsOn: Self.day("2027-03-01"), endsOn: Self.day("2027-03-01"), capacity: 1).validate().isEmpty)
        #expect(TraineeDraft(name: "Wang Jianguo", townCode: "370785101", householdId: "HH-STU-000001").validate().isEmpty)
    }

    @Test("every broken rule is named by its field")
    func problemsNameTheirFields() {
        let centre = CentreDraft(centreId: "ctr 1", name: "  ", kind: .adultEducation, townCode: "3707")
        #expect(centre.validate().map(\.field) == ["centreId", "name", "townCode"])
        let course = CourseDraft(courseId: "crs-1", centreId: "ctr-1", title: "Masonry", trade: .construction, hours: 0, passMark: 101)
        #expect(course.validate().map(\.field) == ["hours", "passMark"])
        let session = SessionDraft(sessionId: "ses-1", courseId: "crs-1", startsOn: Self.day("2027-03-10"), endsOn: Self.day("2027-03-01"), capacity: 501)
        #expect(session.validate() == [
            FieldError(field: "endsOn", rule: "must not be before startsOn (2027-03-10), got 2027-03-01"),
            FieldError(field: "capacity", rule: "must be between 1 and 500, got 501"),
        ])
        #expect(TraineeDraft(name: "", townCode: "37078510x", householdId: "HH 1").validate().map(\.field) == ["name", "townCode", "householdId"])
    }

    @Test("a course without a pass mark gets the usual 60")
    func defaultPassMark() throws {
        let json = #"{"courseId":"crs-1","centreId":"ctr-1","title":"Farm machinery repair","trade":"farm-machinery","hours":80}"#
        let course = try JSONDecoder().decode(CourseDraft.self, from: Data(json.utf8))
        #expect(course.passMark == 60)
        #expect(course.trade == .farmMachinery)
    }

    @Test("days parse strictly, order, and are today in China")
    func calendarDays() {
        #expect(CalendarDay(iso: "2028-02-29") != nil)
        #expect(CalendarDay(iso: "2027-02-29") == nil)
        #expect(CalendarDay(iso: "2027-3-01") == nil)
        #expect(CalendarDay(iso: "+027-03-01") == nil)
        #expect(Self.day("2026-12-31") < Self.day("2027-01-01"))
        #expect(CalendarDay.today(at: Date(timeIntervalSince1970: 57_600)).description == "1970-01-02")
        #expect(CalendarDay.today(at: Date(timeIntervalSince1970: 1_709_222_400)).description == "2024-03-01")
    }
}
