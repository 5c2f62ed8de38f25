import AidContracts
import Foundation

/// One grant program of the catalog: who it covers and what it pays per semester.
public struct GrantProgram: Sendable, Hashable, Codable {
    /// Stable identifier carried on entitlements and events, e.g. `high-school-grant`.
    public var code: String
    public var title: String
    public var stages: Set<Stage>
    /// Only students who board at school qualify (the boarding living subsidy). An explicit flag rather
    /// than a test on `code`, so a new catalog version can add or rename boarding programs.
    public var requiresBoarding: Bool
    public var amounts: [GrantAmount]

    public init(code: String, title: String, stages: Set<Stage>, requiresBoarding: Bool = false, amounts: [GrantAmount]) {
        self.code = code
        self.title = title
        self.stages = stages
        self.requiresBoarding = requiresBoarding
        self.amounts = amounts
    }

    /// The per-semester amount for a student of this stage and tier, or nil when the program does not cover them.
    public func amount(stage: Stage, tier: NeedTier) -> Fen? {
        guard stages.contains(stage) else { return nil }
        return amounts.first { $0.stage == stage && $0.tier == tier }?.amountFen
    }

    /// Problems with this program alone; `path` is where it sits in the catalog, e.g. `programs[2]`.
    func validate(at path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isValidCode(code) {
            errors.append(FieldError(field: "\(path).code", message: "must be lowercase letters, digits and hyphens ([a-z0-9-]+), got '\(code)'"))
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(field: "\(path).title", message: "must not be empty"))
        }
        if stages.isEmpty {
            errors.append(FieldError(field: "\(path).stages", message: "must cover at least one stage"))
        }
        var firstRow: [StageTier: Int] = [:]
        for (index, row) in amounts.enumerated() {
            let rowPath = "\(path).amounts[\(index)]"
            if row.amountFen < 0 {
                errors.append(FieldError(field: "\(rowPath).amountFen", message: "must not be negative, got \(row.amountFen)"))
            }
            if !stages.contains(row.stage) {
                errors.append(FieldError(field: "\(rowPath).stage", message: "'\(row.stage.rawValue)' is not one of the program's stages"))
            }
            let key = StageTier(stage: row.stage, tier: row.tier)
            if let earlier = firstRow[key] {
                errors.append(FieldError(
                    field: rowPath,
                    message: "repeats the amount for \(row.stage.rawValue)/\(row.tier.rawValue) already given at \(path).amounts[\(earlier)]"))
            } else {
                firstRow[key] = index
            }
        }
        // A covered stage without any amount would make the program silently pay nothing there.
        for stage in Stage.allCases where stages.contains(stage) && !amounts.contains(where: { $0.stage == stage }) {
            errors.append(FieldError(field: "\(path).amounts", message: "has no amount for stage '\(stage.rawValue)', which the program covers"))
        }
        return errors
    }

    private static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private struct StageTier: Hashable {
        var stage: Stage
        var tier: NeedTier
    }
}
