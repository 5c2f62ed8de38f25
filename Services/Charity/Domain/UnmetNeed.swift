/// A need a run could not fill completely, and how much of it is still open.
public struct UnmetNeed: Sendable, Equatable {
    public var needId: String
    public var schoolId: String
    public var itemCode: String
    public var outstanding: Int
    public var priorityRank: Int

    public init(needId: String, schoolId: String, itemCode: String, outstanding: Int, priorityRank: Int) {
        self.needId = needId
        self.schoolId = schoolId
        self.itemCode = itemCode
        self.outstanding = outstanding
        self.priorityRank = priorityRank
    }
}
