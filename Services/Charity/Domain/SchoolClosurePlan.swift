/// What a school's closure does to its charity records. Goods already delivered stay where they
/// are; allocations not yet delivered are withdrawn, their units going back to the pledges; what
/// the school still lacks moves to the school it merged into (to be matched again there) or, when
/// it simply closed, is cancelled.
public struct SchoolClosurePlan: Sendable, Equatable {
    public struct Need: Sendable, Equatable {
        public var needId: String
        public var quantity: Int

        public init(needId: String, quantity: Int) {
            self.needId = needId
            self.quantity = quantity
        }
    }

    public struct Allocation: Sendable, Equatable {
        public var allocationId: String
        public var needId: String
        public var quantity: Int
        public var status: AllocationStatus

        public init(allocationId: String, needId: String, quantity: Int, status: AllocationStatus) {
            self.allocationId = allocationId
            self.needId = needId
            self.quantity = quantity
            self.status = status
        }
    }

    public enum NeedOutcome: Sendable, Equatable {
        /// A new need at the successor for what was still lacking; the old one stops taking units.
        case moved(newNeedId: String, successorSchoolId: String, quantity: Int)
        case cancelled(outstanding: Int)
    }

    public struct NeedChange: Sendable, Equatable {
        public var needId: String
        public var outcome: NeedOutcome

        public init(needId: String, outcome: NeedOutcome) {
            self.needId = needId
            self.outcome = outcome
        }
    }

    public var cancelledAllocationIds: [String]
    /// In need id order; needs whose units all arrived are left as they are.
    public var needChanges: [NeedChange]

    /// `openNeeds` are the school's needs still taking units; `allocations` every allocation made to it.
    public init(successorSchoolId: String?, openNeeds: [Need], allocations: [Allocation]) {
        cancelledAllocationIds = allocations.filter { $0.status == .allocated }.map(\.allocationId).sorted()
        var kept: [String: Int] = [:]
        for allocation in allocations where allocation.status == .delivered || allocation.status == .accepted {
            kept[allocation.needId, default: 0] += allocation.quantity
        }
        needChanges = openNeeds.sorted { $0.needId < $1.needId }.compactMap { need in
            let outstanding = need.quantity - (kept[need.needId] ?? 0)
            guard outstanding > 0 else { return nil }
            guard let successorSchoolId else { return NeedChange(needId: need.needId, outcome: .cancelled(outstanding: outstanding)) }
            return NeedChange(needId: need.needId, outcome: .moved(
                newNeedId: "\(need.needId)-to-\(successorSchoolId)", successorSchoolId: successorSchoolId, quantity: outstanding))
        }
    }
}
