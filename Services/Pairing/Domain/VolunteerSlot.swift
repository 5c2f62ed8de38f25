/// An active volunteer and how many children they care for now.
public struct VolunteerSlot: Sendable, Equatable {
    public var volunteerId: String
    public var townCode: String
    public var schoolId: String?
    public var capacity: Int
    public var activePairs: Int

    public init(volunteerId: String, townCode: String, schoolId: String?, capacity: Int, activePairs: Int) {
        self.volunteerId = volunteerId
        self.townCode = townCode
        self.schoolId = schoolId
        self.capacity = capacity
        self.activePairs = activePairs
    }

    /// A volunteer serves the children of their own township.
    public func serves(townCode: String) -> Bool { self.townCode == townCode }
}
