import AidContracts

/// Students with a completed re-check ÷ students paid, for one semester. A semester can be closed
/// only at 100%: every aided student re-checked.
public struct RecheckCoverage: Codable, Sendable, Equatable {
    public var semester: String
    public var studentsPaid: Int
    public var studentsRechecked: Int
    /// Percent with one decimal, rounded down so 99.96% never shows as 100.0.
    public var coveragePercent: Double
    public var complete: Bool
    /// Paid students without a completed re-check, in id order.
    public var missing: [String]

    public init(semester: Semester, paid: Set<String>, rechecked: Set<String>) {
        let covered = paid.intersection(rechecked)
        self.semester = semester.description
        studentsPaid = paid.count
        studentsRechecked = covered.count
        coveragePercent = paid.isEmpty ? 100 : Double(covered.count * 1000 / paid.count) / 10
        complete = covered.count == paid.count
        missing = paid.subtracting(rechecked).sorted()
    }
}
