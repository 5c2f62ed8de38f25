import AidContracts

/// One membership of a registry list as planned: who issued it when, and until when it runs.
struct Listing: Sendable {
    let list: RegistryList
    let validFrom: Day
    /// Last day, inclusive; nil while open-ended.
    let validTo: Day?
    let reference: String

    /// Whether it counts in the school year (see `ReferenceCity.planningDay`).
    var isCurrent: Bool { validTo.map { $0 >= ReferenceCity.planningDay } ?? true }
}
