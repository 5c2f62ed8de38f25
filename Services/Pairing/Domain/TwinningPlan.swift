/// What a twinning run forms, in the order it decided, and which weak schools still wait.
public struct TwinningPlan: Sendable, Equatable {
    public var pairs: [PlannedTwinning]
    public var unpaired: [UnpairedSchool]

    public init(pairs: [PlannedTwinning], unpaired: [UnpairedSchool]) {
        self.pairs = pairs
        self.unpaired = unpaired
    }
}
