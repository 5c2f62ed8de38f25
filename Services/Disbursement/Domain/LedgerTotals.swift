import AidContracts

/// Net totals of ledger entries by one dimension, computed in memory to cross-check the SQL reports.
public enum LedgerTotals {
    public enum Dimension: String, Sendable, Hashable, CaseIterable {
        case program, school, town, semester
    }

    /// Net fen per program code, school id, town code or semester (written like "2026-autumn").
    /// Reversals and recoveries are negative, so a fully recovered grant nets to 0 and is still listed.
    public static func aggregate(_ entries: [LedgerEntry], by dimension: Dimension) -> [String: Fen] {
        entries.reduce(into: [:]) { totals, entry in
            let key = switch dimension {
            case .program: entry.programCode
            case .school: entry.schoolId
            case .town: entry.townCode
            case .semester: entry.semester.description
            }
            totals[key, default: 0] += entry.amountFen
        }
    }
}
