/// What a matching run allocates, in the order it decided, and what stays open.
public struct AllocationPlan: Sendable, Equatable {
    public var allocations: [PlannedAllocation]
    public var unmet: [UnmetNeed]

    public init(allocations: [PlannedAllocation], unmet: [UnmetNeed]) {
        self.allocations = allocations
        self.unmet = unmet
    }
}
