import AidContracts

/// When the re-checks of a semester's aided students are due. Every student paid in a semester is
/// re-checked once in it; the deadline is the semester's end, so a wrong payment is caught before
/// the next semester pays again.
public enum RecheckSchedule {
    /// Spring ends with June; autumn with the winter holiday in January of the next year.
    public static func dueOn(_ semester: Semester) -> CalendarDay {
        switch semester.term {
        case .spring: CalendarDay(year: semester.year, month: 6, day: 30)!
        case .autumn: CalendarDay(year: semester.year + 1, month: 1, day: 31)!
        }
    }

    /// The first day a re-check of the semester can happen: its start.
    public static func opensOn(_ semester: Semester) -> CalendarDay {
        switch semester.term {
        case .spring: CalendarDay(year: semester.year, month: 2, day: 1)!
        case .autumn: CalendarDay(year: semester.year, month: 9, day: 1)!
        }
    }

    /// The task id: one task per student and semester, however often the payments are delivered.
    public static func taskId(studentId: String, semester: Semester) -> String {
        "RCK-\(semester)-\(studentId)"
    }

    /// An open task is overdue the day after its due date.
    public static func isOverdue(dueOn: CalendarDay, completed: Bool, asOf today: CalendarDay) -> Bool {
        !completed && today > dueOn
    }

    /// Checks a reported re-check: a method and outcome are given by type; the day must fall in the
    /// semester's re-check window and not in the future.
    public static func validateCompletion(on day: CalendarDay, semester: Semester, today: CalendarDay) -> FieldError? {
        if day > today { return FieldError(field: "completedOn", rule: "must not be in the future (today is \(today)), got \(day)") }
        if day < opensOn(semester) {
            return FieldError(field: "completedOn", rule: "must not be before semester \(semester) starts (\(opensOn(semester))), got \(day)")
        }
        return nil
    }
}
