/// Where an allocation is: made by a run, delivered by the donor side, accepted by the school; or
/// withdrawn before delivery because its school closed.
public enum AllocationStatus: String, Codable, Sendable, CaseIterable {
    case allocated
    case delivered
    case accepted
    case cancelled

    /// Units that count against the pledge line and the need.
    public var holdsUnits: Bool { self != .cancelled }
}
