import AidContracts

/// A student may hold at most one entitlement per program and semester; this is that uniqueness key.
public struct EntitlementKey: Sendable, Hashable, Codable {
    public var programCode: String
    public var semester: Semester

    public init(programCode: String, semester: Semester) {
        self.programCode = programCode
        self.semester = semester
    }
}
