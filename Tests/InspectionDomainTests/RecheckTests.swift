import AidContracts
import InspectionDomain
import Testing

@Suite("Per-semester re-checks: deadlines, overdue tasks, coverage")
struct RecheckTests {
    static let autumn = Semester(year: 2026, term: .autumn)
    static let spring = Semester(year: 2027, term: .spring)
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    @Test("a semester's re-checks are due by its end and open at its start")
    func deadlines() {
        #expect(RecheckSchedule.dueOn(Self.autumn) == Self.day("2027-01-31"))
        #expect(RecheckSchedule.dueOn(Self.spring) == Self.day("2027-06-30"))
        #expect(RecheckSchedule.opensOn(Self.autumn) == Self.day("2026-09-01"))
        #expect(RecheckSchedule.opensOn(Self.spring) == Self.day("2027-02-01"))
    }

    @Test("one task id per student and semester")
    func taskIds() {
        #expect(RecheckSchedule.taskId(studentId: "STU-1", semester: Self.autumn) == "RCK-2026-autumn-STU-1")
        #expect(RecheckSchedule.taskId(studentId: "STU-1", semester: Self.spring) != RecheckSchedule.taskId(studentId: "STU-1", semester: Self.autumn))
    }

    @Test("an open task is overdue from the day after its due date; a completed one never is")
    func overdue() {
        let due = Self.day("2027-01-31")
        #expect(!RecheckSchedule.isOverdue(dueOn: due, completed: false, asOf: due))
        #expect(RecheckSchedule.isOverdue(dueOn: due, completed: false, asOf: Self.day("2027-02-01")))
        #expect(!RecheckSchedule.isOverdue(dueOn: due, completed: true, asOf: Self.day("2028-01-01")))
    }

    @Test("a re-check is reported within the semester's window and not in the future")
    func completionDay() {
        let today = Self.day("2026-11-20")
        #expect(RecheckSchedule.validateCompletion(on: Self.day("2026-11-20"), semester: Self.autumn, today: today) == nil)
        #expect(RecheckSchedule.validateCompletion(on: Self.day("2026-11-21"), semester: Self.autumn, today: today)?.field == "completedOn")
        #expect(RecheckSchedule.validateCompletion(on: Self.day("2026-08-31"), semester: Self.autumn, today: today)?.rule
                == "must not be before semester 2026-autumn starts (2026-09-01), got 2026-08-31")
    }

    @Test("coverage is rechecked ÷ paid, rounded down, complete only at 100%")
    func coverage() {
        let partial = RecheckCoverage(semester: Self.autumn, paid: ["a", "b", "c"], rechecked: ["b", "z"])
        #expect(partial.studentsPaid == 3)
        #expect(partial.studentsRechecked == 1, "a re-check of someone not paid does not count")
        #expect(partial.coveragePercent == 33.3)
        #expect(!partial.complete)
        #expect(partial.missing == ["a", "c"])
        let almost = RecheckCoverage(semester: Self.autumn, paid: Set((0..<10_000).map { "s\($0)" }), rechecked: Set((0..<9_999).map { "s\($0)" }))
        #expect(almost.coveragePercent == 99.9 && !almost.complete)
        let full = RecheckCoverage(semester: Self.autumn, paid: ["a", "b"], rechecked: ["a", "b"])
        #expect(full.coveragePercent == 100 && full.complete && full.missing.isEmpty)
        #expect(RecheckCoverage(semester: Self.autumn, paid: [], rechecked: []).complete)
    }
}
