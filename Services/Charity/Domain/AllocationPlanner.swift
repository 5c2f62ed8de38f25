import AidContracts

/// Allocates pledged units to needs, worst-assessed schools first. Pure and deterministic: the
/// order of its inputs does not matter, only their content, so the same state always gives the
/// same plan; and it only hands out what is still outstanding and still pledged, so running it
/// again after its plan is stored allocates nothing more.
public enum AllocationPlanner {
    /// Schools are ranked by condition score (lowest first), a weak teaching point before another
    /// school with the same score, then by school id. Within a school, needs are served by their
    /// own score, then id. Each need draws from lines pledging its item: goods already given before
    /// money for buying them (the money stays free for what no one gave), older pledges first.
    /// A need never gets more than it lacks and a line never gives more than it has left.
    public static func plan(needs: [OpenNeed], supply: [PledgeSupply]) -> AllocationPlan {
        let ordered = needs.filter { $0.outstanding > 0 }.sorted(by: servedBefore)
        var ranks: [String: Int] = [:]
        for need in ordered where ranks[need.schoolId] == nil {
            ranks[need.schoolId] = ranks.count + 1
        }
        var lines = supply.filter { $0.remainingUnits > 0 }.sorted(by: drawnBefore)
        var allocations: [PlannedAllocation] = []
        var unmet: [UnmetNeed] = []
        for need in ordered {
            let rank = ranks[need.schoolId] ?? 0
            var outstanding = need.outstanding
            for index in lines.indices where outstanding > 0 && lines[index].itemCode == need.itemCode && lines[index].remainingUnits > 0 {
                let line = lines[index]
                let quantity = min(outstanding, line.remainingUnits)
                allocations.append(PlannedAllocation(
                    needId: need.needId, schoolId: need.schoolId, pledgeId: line.pledgeId, lineNo: line.lineNo, donorId: line.donorId,
                    form: line.form, itemCode: need.itemCode, quantity: quantity, unitValueFen: line.unitValueFen, priorityRank: rank,
                    conditionScore: need.conditionScore,
                    explanation: explain(need: need, rank: rank, of: ranks.count, outstanding: outstanding, line: line, quantity: quantity)))
                outstanding -= quantity
                lines[index].remainingUnits -= quantity
            }
            if outstanding > 0 {
                unmet.append(UnmetNeed(needId: need.needId, schoolId: need.schoolId, itemCode: need.itemCode, outstanding: outstanding, priorityRank: rank))
            }
        }
        return AllocationPlan(allocations: allocations, unmet: unmet)
    }

    private static func servedBefore(_ a: OpenNeed, _ b: OpenNeed) -> Bool {
        if a.conditionScore != b.conditionScore { return a.conditionScore < b.conditionScore }
        if a.isWeakTeachingPoint != b.isWeakTeachingPoint { return a.isWeakTeachingPoint }
        if a.schoolId != b.schoolId { return a.schoolId < b.schoolId }
        return a.needId < b.needId
    }

    private static func drawnBefore(_ a: PledgeSupply, _ b: PledgeSupply) -> Bool {
        if a.form != b.form { return a.form == .inKind }
        if a.sequence != b.sequence { return a.sequence < b.sequence }
        if a.pledgeId != b.pledgeId { return a.pledgeId < b.pledgeId }
        return a.lineNo < b.lineNo
    }

    private static func explain(need: OpenNeed, rank: Int, of schools: Int, outstanding: Int, line: PledgeSupply, quantity: Int) -> String {
        let standing = need.isWeakTeachingPoint ? ", a weak teaching point" : ""
        let source = line.form == .inKind ? "goods" : "money for the item"
        return "school \(need.schoolId) ranks \(rank) of \(schools) by condition (score \(need.conditionScore)/100\(standing)); "
            + "need \(need.needId) lacked \(outstanding) \(need.itemCode); "
            + "pledge \(line.pledgeId) line \(line.lineNo) (\(source), \(line.remainingUnits) left) gives \(quantity) × "
            + "\(FenText.yuan(line.unitValueFen)) = \(FenText.yuan(Fen(quantity) * line.unitValueFen))"
    }
}
