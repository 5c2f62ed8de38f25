import AidContracts

/// Why entitlements could not be planned.
public enum EntitlementPlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Granting from a catalog before it takes effect would apply next year's policy to this year.
    case catalogNotInEffect(catalogVersion: Int, effectiveFrom: Semester, semester: Semester)

    public var description: String {
        switch self {
        case .catalogNotInEffect(let version, let effectiveFrom, let semester):
            "catalog version \(version) takes effect from \(effectiveFrom); it cannot grant entitlements for \(semester)"
        }
    }
}
