/// A need that can still take units: what a matching run starts from.
public struct OpenNeed: Sendable, Equatable {
    public var needId: String
    public var schoolId: String
    public var itemCode: String
    /// Units requested minus units already allocated (cancelled allocations do not count).
    public var outstanding: Int
    /// The condition score of the assessment the need comes from.
    public var conditionScore: Int
    public var isWeakTeachingPoint: Bool

    public init(needId: String, schoolId: String, itemCode: String, outstanding: Int, conditionScore: Int, isWeakTeachingPoint: Bool) {
        self.needId = needId
        self.schoolId = schoolId
        self.itemCode = itemCode
        self.outstanding = outstanding
        self.conditionScore = conditionScore
        self.isWeakTeachingPoint = isWeakTeachingPoint
    }
}
