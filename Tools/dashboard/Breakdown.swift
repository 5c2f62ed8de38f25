import AidContracts

/// Confirmed payments under one key (a programme, school, town or semester).
struct Breakdown: Codable, Sendable, Equatable {
    var key: String
    var amountFen: Fen
    /// Distinct (student, semester) pairs paid, as the city counts "student-times".
    var studentTimes: Int
    var payments: Int

    /// Groups `grants` by `key` and lists the groups by key.
    static func of(_ grants: some Sequence<DisbursementEvent.Grant>, by key: (DisbursementEvent.Grant) -> String) -> [Breakdown] {
        var amounts: [String: Fen] = [:]
        var payments: [String: Int] = [:]
        var studentSemesters: [String: Set<StudentSemester>] = [:]
        for grant in grants {
            let group = key(grant)
            amounts[group, default: 0] += grant.amountFen
            payments[group, default: 0] += 1
            studentSemesters[group, default: []].insert(StudentSemester(grant))
        }
        return amounts.keys.sorted().map { group in
            Breakdown(key: group, amountFen: amounts[group] ?? 0, studentTimes: studentSemesters[group]?.count ?? 0, payments: payments[group] ?? 0)
        }
    }
}

/// One "student-time": a student paid in one semester, however many programmes paid them.
struct StudentSemester: Hashable, Sendable {
    var studentId: String
    var semester: Semester

    init(_ grant: DisbursementEvent.Grant) {
        studentId = grant.studentId
        semester = grant.semester
    }
}
