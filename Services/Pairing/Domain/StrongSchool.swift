import AidContracts

/// An urban school the bureau designated to support weak schools, with room for more.
public struct StrongSchool: Sendable, Equatable {
    public var schoolId: String
    public var stages: [Stage]
    public var location: GeoPoint
    /// Its support capacity minus the twinnings it already has.
    public var freeCapacity: Int

    public init(schoolId: String, stages: [Stage], location: GeoPoint, freeCapacity: Int) {
        self.schoolId = schoolId
        self.stages = stages
        self.location = location
        self.freeCapacity = freeCapacity
    }
}
