import CharityDomain
import PostgresNIO
import ServiceRuntime

/// Records donors' pledges. A pledge is never edited: matching runs draw on it, and what a run
/// allocated must stay explainable by the pledge as it was.
struct PledgeBook: Sendable {
    let context: ServiceContext

    func record(_ draft: PledgeDraft, by actor: String) async throws -> PledgeView {
        try draft.validate().throwIfAny()
        return try await context.transaction { connection, _ in
            let inserted = try await connection.run("""
                INSERT INTO pledges (pledge_id, donor_id, donor_name, pledged_on, recorded_by)
                VALUES (\(draft.pledgeId), \(draft.donorId), \(draft.donorName), \(draft.pledgedOn)::date, \(actor))
                ON CONFLICT (pledge_id) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("pledgeId", "a pledge '\(draft.pledgeId)' already exists; pledges are never edited") }
            let lines = draft.lines
            try await connection.run("""
                INSERT INTO pledge_lines (pledge_id, line_no, item_code, form, units, unit_value_fen, pledged_fen)
                SELECT \(draft.pledgeId), n, item, form, units, unit_value, pledged
                FROM unnest(\(Array(1...lines.count))::integer[], \(lines.map(\.itemCode))::text[], \(lines.map(\.form.rawValue))::text[],
                            \(lines.map(\.units))::integer[], \(lines.map(\.unitValueFen))::bigint[], \(lines.map(\.pledgedFen))::bigint[])
                     AS u(n, item, form, units, unit_value, pledged)
                """)
            guard let view = try await PledgeView.load(draft.pledgeId, on: connection) else {
                throw APIError(.internalServerError, field: "pledgeId", rule: "the pledge just recorded could not be read back")
            }
            return view
        }
    }
}
