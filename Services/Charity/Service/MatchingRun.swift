import AidContracts
import CharityDomain
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// One matching run: reads what needs still lack and what pledges still hold, lets
/// `AllocationPlanner` decide, and stores its allocations with their explanations in one
/// transaction under the matching lock. Allocations already made are never touched, so running
/// again with nothing new allocates nothing.
struct MatchingRun: Sendable {
    let context: ServiceContext

    struct Unmet: Codable, Sendable {
        var needId: String
        var schoolId: String
        var itemCode: String
        var outstanding: Int
        var priorityRank: Int
    }

    struct Summary: ResponseCodable, Sendable {
        var runId: String
        var allocatedFen: Fen
        var allocations: [AllocationView]
        var unmet: [Unmet]
    }

    func run(by actor: String) async throws -> Summary {
        try await context.transaction { connection, outbox in
            try await MatchingLock.acquire(on: connection)
            let needs = try await openNeeds(on: connection)
            let plan = AllocationPlanner.plan(needs: needs.map(\.need), supply: try await pledgeSupply(on: connection))
            let towns = Dictionary(needs.map { ($0.need.schoolId, $0.townCode) }, uniquingKeysWith: { first, _ in first })

            let sequence = try await connection.run("SELECT nextval('run_order')").collect().first?.decode(Int64.self) ?? 0
            let runId = "RUN-\(Self.padded(sequence, 6))"
            let allocatedFen = plan.allocations.reduce(Fen(0)) { $0 + $1.valueFen }
            try await connection.run("""
                INSERT INTO matching_runs (run_id, run_by, allocation_count, allocated_fen)
                VALUES (\(runId), \(actor), \(plan.allocations.count), \(allocatedFen))
                """)
            let ids = plan.allocations.indices.map { "\(runId)-\(Self.padded(Int64($0 + 1), 4))" }
            if !plan.allocations.isEmpty {
                let allocations = plan.allocations
                try await connection.run("""
                    INSERT INTO allocations (allocation_id, run_id, need_id, pledge_id, line_no, school_id, town_code, item_code, quantity,
                                             unit_value_fen, value_fen, priority_rank, condition_score, explanation)
                    SELECT id, \(runId), need, pledge, line, school, town, item, quantity, unit_value, quantity * unit_value, rank, score, why
                    FROM unnest(\(ids)::text[], \(allocations.map(\.needId))::text[], \(allocations.map(\.pledgeId))::text[],
                                \(allocations.map(\.lineNo))::integer[], \(allocations.map(\.schoolId))::text[],
                                \(allocations.map { towns[$0.schoolId] ?? "" })::text[], \(allocations.map(\.itemCode))::text[],
                                \(allocations.map(\.quantity))::integer[], \(allocations.map(\.unitValueFen))::bigint[],
                                \(allocations.map(\.priorityRank))::integer[], \(allocations.map(\.conditionScore))::integer[],
                                \(allocations.map(\.explanation))::text[])
                         AS u(id, need, pledge, line, school, town, item, quantity, unit_value, rank, score, why)
                    """)
            }
            try await checkNothingOverAllocated(on: connection)
            for (id, allocation) in zip(ids, plan.allocations) {
                try outbox.append(
                    CharityEvent.AllocationMade(
                        allocationId: id, runId: runId, needId: allocation.needId, pledgeId: allocation.pledgeId, donorId: allocation.donorId,
                        form: allocation.form, schoolId: allocation.schoolId, townCode: towns[allocation.schoolId] ?? "",
                        itemCode: allocation.itemCode, quantity: allocation.quantity, unitValueFen: allocation.unitValueFen,
                        valueFen: allocation.valueFen, priorityRank: allocation.priorityRank, conditionScore: allocation.conditionScore),
                    eventID: "allocation-made:\(id)")
            }
            return Summary(
                runId: runId, allocatedFen: allocatedFen,
                allocations: try await AllocationView.load(AllocationView.Filter(runId: runId), on: connection),
                unmet: plan.unmet.map {
                    Unmet(needId: $0.needId, schoolId: $0.schoolId, itemCode: $0.itemCode, outstanding: $0.outstanding, priorityRank: $0.priorityRank)
                })
        }
    }

    /// Open needs of open schools that still lack units. A need moved to a school charity has not
    /// heard of yet waits for the school's registration.
    private func openNeeds(on connection: PostgresConnection) async throws -> [(need: OpenNeed, townCode: String)] {
        let rows = try await connection.run("""
            SELECT n.need_id, n.school_id, s.town_code, s.is_weak_teaching_point, n.item_code,
                   n.quantity - coalesce(sum(a.quantity) FILTER (WHERE a.status <> 'cancelled'), 0)::int, n.condition_score
            FROM needs n JOIN schools s ON s.school_id = n.school_id LEFT JOIN allocations a ON a.need_id = n.need_id
            WHERE n.status = 'open' AND s.status = 'open'
            GROUP BY n.need_id, s.school_id
            """)
        var needs: [(need: OpenNeed, townCode: String)] = []
        for try await (id, school, town, weak, item, outstanding, score) in rows.decode((String, String, String, Bool, String, Int, Int).self) {
            needs.append((OpenNeed(needId: id, schoolId: school, itemCode: item, outstanding: outstanding, conditionScore: score, isWeakTeachingPoint: weak), town))
        }
        return needs
    }

    private func pledgeSupply(on connection: PostgresConnection) async throws -> [PledgeSupply] {
        let rows = try await connection.run("""
            SELECT l.pledge_id, l.line_no, p.donor_id, l.item_code, l.form,
                   l.units - coalesce(sum(a.quantity) FILTER (WHERE a.status <> 'cancelled'), 0)::int, l.unit_value_fen, p.sequence
            FROM pledge_lines l JOIN pledges p ON p.pledge_id = l.pledge_id
                 LEFT JOIN allocations a ON a.pledge_id = l.pledge_id AND a.line_no = l.line_no
            GROUP BY l.pledge_id, l.line_no, p.pledge_id
            """)
        var supply: [PledgeSupply] = []
        for try await (pledge, line, donor, item, form, remaining, unitValue, sequence) in rows.decode((String, Int, String, String, String, Int, Int64, Int64).self) {
            guard let form = CharityEvent.PledgeForm(rawValue: form) else { continue }
            supply.append(PledgeSupply(
                pledgeId: pledge, lineNo: line, donorId: donor, itemCode: item, form: form, remainingUnits: remaining, unitValueFen: unitValue, sequence: sequence))
        }
        return supply
    }

    /// The planner never over-allocates; this re-checks it against what is stored before the
    /// transaction commits, so a defect can never reach a donor's pledge or a school's need.
    private func checkNothingOverAllocated(on connection: PostgresConnection) async throws {
        let overLines = try await connection.run("""
            SELECT l.pledge_id || ' line ' || l.line_no FROM pledge_lines l JOIN allocations a ON a.pledge_id = l.pledge_id AND a.line_no = l.line_no
            WHERE a.status <> 'cancelled' GROUP BY l.pledge_id, l.line_no HAVING sum(a.quantity) > max(l.units)
            UNION ALL
            SELECT n.need_id FROM needs n JOIN allocations a ON a.need_id = n.need_id
            WHERE a.status <> 'cancelled' GROUP BY n.need_id HAVING sum(a.quantity) > max(n.quantity)
            """).collect()
        if let first = try overLines.first?.decode(String.self) {
            throw APIError(.internalServerError, field: nil, rule: "matching would over-allocate \(first); nothing was stored")
        }
    }

    private static func padded(_ number: Int64, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
