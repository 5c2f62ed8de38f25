import AidContracts

/// A school the twinning programme supports: one serving a key poverty village or a weak teaching
/// point, with no active twinning yet.
public struct WeakSchool: Sendable, Equatable {
    public var schoolId: String
    public var stages: [Stage]
    public var isRural: Bool
    public var servesKeyPovertyVillage: Bool
    /// Nil until the bureau registers the school's coordinates; such a school waits.
    public var location: GeoPoint?

    public init(schoolId: String, stages: [Stage], isRural: Bool, servesKeyPovertyVillage: Bool, location: GeoPoint?) {
        self.schoolId = schoolId
        self.stages = stages
        self.isRural = isRural
        self.servesKeyPovertyVillage = servesKeyPovertyVillage
        self.location = location
    }
}
