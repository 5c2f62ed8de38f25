import AidContracts

/// One published version of the rules that turn registry memberships and household surveys into a
/// need tier. Rules change by policy year, so they are data (loadable from JSON) and every decision
/// records the `version` that made it.
public struct TierRules: Hashable, Codable, Sendable {
    /// Identifies the rule set in decisions and audits, e.g. "2026.1".
    public var version: String
    /// Membership of any of these lists makes a student especially difficult.
    public var especiallyDifficultLists: Set<RegistryList>
    /// Membership of any of these lists (and none of the above) makes a student difficult.
    /// Lists in neither set do not count; such students go through the survey route.
    public var difficultLists: Set<RegistryList>
    /// Per-capita annual household income below this is difficult.
    public var difficultIncomeThresholdFen: Fen
    /// Per-capita annual household income below this (and not below the difficult threshold) is
    /// generally difficult; at or above it the household is not eligible.
    public var generalIncomeThresholdFen: Fen
    /// Survey circumstances that raise an income-based tier by one, capped at especially difficult.
    /// Any number of them raise by one tier only: they describe the same hardship from different
    /// angles, and stacking would let a single household skip the income test.
    public var hardshipFactors: Set<HardshipFactor>

    public init(version: String,
                especiallyDifficultLists: Set<RegistryList> = [.orphan, .tekun, .disability],
                difficultLists: Set<RegistryList> = [.dibao, .registeredPoor],
                difficultIncomeThresholdFen: Fen = 600_000,
                generalIncomeThresholdFen: Fen = 1_200_000,
                hardshipFactors: Set<HardshipFactor> = [.seriousIllness, .unsafeHousing, .disabledMembers]) {
        self.version = version
        self.especiallyDifficultLists = especiallyDifficultLists
        self.difficultLists = difficultLists
        self.difficultIncomeThresholdFen = difficultIncomeThresholdFen
        self.generalIncomeThresholdFen = generalIncomeThresholdFen
        self.hardshipFactors = hardshipFactors
    }

    /// The programme's rules for 2026: 6,000 and 12,000 yuan per capita.
    public static let standard = TierRules(version: "2026.1")

    /// Every inconsistency in the rule set; empty when it can be used.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if version.trimmingWhitespace().isEmpty {
            errors.append(FieldError(field: "version", rule: "must not be empty"))
        }
        let overlap = especiallyDifficultLists.intersection(difficultLists)
        if !overlap.isEmpty {
            let names = RegistryList.allCases.filter(overlap.contains).map(\.rawValue).joined(separator: ", ")
            errors.append(FieldError(field: "difficultLists",
                                     rule: "must not repeat lists from especiallyDifficultLists, got \(names)"))
        }
        if difficultIncomeThresholdFen < 0 {
            errors.append(FieldError(field: "difficultIncomeThresholdFen",
                                     rule: "must not be negative, got \(difficultIncomeThresholdFen)"))
        }
        if generalIncomeThresholdFen < difficultIncomeThresholdFen {
            errors.append(FieldError(
                field: "generalIncomeThresholdFen",
                rule: "must not be below difficultIncomeThresholdFen (\(difficultIncomeThresholdFen)), got \(generalIncomeThresholdFen)"))
        }
        return errors
    }

    /// Every key is required: a rules file that silently fell back to a default threshold would
    /// change who gets aid without anyone deciding so. Inconsistent rules are refused at load time.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decode(String.self, forKey: .version),
            especiallyDifficultLists: try container.decode(Set<RegistryList>.self, forKey: .especiallyDifficultLists),
            difficultLists: try container.decode(Set<RegistryList>.self, forKey: .difficultLists),
            difficultIncomeThresholdFen: try container.decode(Fen.self, forKey: .difficultIncomeThresholdFen),
            generalIncomeThresholdFen: try container.decode(Fen.self, forKey: .generalIncomeThresholdFen),
            hardshipFactors: try container.decode(Set<HardshipFactor>.self, forKey: .hardshipFactors))
        let errors = validate()
        guard errors.isEmpty else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "tier rules are inconsistent: " + errors.map(\.description).joined(separator: "; ")))
        }
    }
}
