/// What a new assessment of a school does to allocations still on their way there. The assessor
/// counts what the school has, so units allocated but not yet delivered are still lacking on the
/// new list: they move to the new need for the same item, as far as it goes, instead of being
/// allocated a second time. Whatever does not fit (the item is no longer listed, or fewer are
/// needed) is withdrawn and its units go back to the pledges.
public struct ReassessmentPlan: Sendable, Equatable {
    /// An allocation of the school's earlier needs, not yet delivered.
    public struct Undelivered: Sendable, Equatable {
        public var allocationId: String
        public var itemCode: String
        public var quantity: Int

        public init(allocationId: String, itemCode: String, quantity: Int) {
            self.allocationId = allocationId
            self.itemCode = itemCode
            self.quantity = quantity
        }
    }

    public struct NewNeed: Sendable, Equatable {
        public var needId: String
        public var itemCode: String
        public var quantity: Int

        public init(needId: String, itemCode: String, quantity: Int) {
            self.needId = needId
            self.itemCode = itemCode
            self.quantity = quantity
        }
    }

    /// Allocation id → the new need it now fills.
    public var moved: [String: String]
    public var cancelledAllocationIds: [String]

    /// Allocations are taken whole, in id order (older runs first); one that does not fit whole is withdrawn.
    public init(newNeeds: [NewNeed], undelivered: [Undelivered]) {
        var room: [String: (needId: String, quantity: Int)] = [:]
        for need in newNeeds { room[need.itemCode] = (need.needId, need.quantity) }
        var moved: [String: String] = [:]
        var cancelled: [String] = []
        for allocation in undelivered.sorted(by: { $0.allocationId < $1.allocationId }) {
            if let target = room[allocation.itemCode], target.quantity >= allocation.quantity {
                moved[allocation.allocationId] = target.needId
                room[allocation.itemCode] = (target.needId, target.quantity - allocation.quantity)
            } else {
                cancelled.append(allocation.allocationId)
            }
        }
        self.moved = moved
        cancelledAllocationIds = cancelled
    }
}
