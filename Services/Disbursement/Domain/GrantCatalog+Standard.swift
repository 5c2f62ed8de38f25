import AidContracts

extension GrantCatalog {
    /// Version 1: the national student-aid policy amounts. Every amount is per semester, half the yearly
    /// policy amount (e.g. the general senior secondary national grant of 2,500 yuan a year for the
    /// especially difficult tier is 1,250 yuan = 125,000 fen a semester).
    public static let standard = GrantCatalog(
        version: 1,
        effectiveFrom: Semester(year: 2025, term: .autumn),
        programs: [
            GrantProgram(
                code: "preschool-grant",
                title: "Preschool education grant (学前教育资助)",
                stages: [.preschool],
                amounts: sameForEveryTier(stage: .preschool, amountFen: 75_000)),
            GrantProgram(
                code: "boarding-subsidy",
                title: "Living subsidy for boarders in compulsory education (寄宿生生活补助)",
                stages: [.primary, .juniorSecondary],
                requiresBoarding: true,
                amounts: sameForEveryTier(stage: .primary, amountFen: 50_000)
                    + sameForEveryTier(stage: .juniorSecondary, amountFen: 62_500)),
            GrantProgram(
                code: "high-school-grant",
                title: "National grant for general senior secondary students (普通高中国家助学金)",
                stages: [.seniorSecondary],
                amounts: byTier(stage: .seniorSecondary)),
            GrantProgram(
                code: "vocational-grant",
                title: "National grant for secondary vocational students (中等职业教育国家助学金)",
                stages: [.secondaryVocational],
                amounts: byTier(stage: .secondaryVocational)),
            GrantProgram(
                code: "tuition-waiver",
                title: "Tuition waiver for general senior secondary students (普通高中免学费)",
                stages: [.seniorSecondary],
                amounts: [
                    GrantAmount(stage: .seniorSecondary, tier: .especiallyDifficult, amountFen: 80_000),
                    GrantAmount(stage: .seniorSecondary, tier: .difficult, amountFen: 80_000),
                ]),
        ])

    private static func sameForEveryTier(stage: Stage, amountFen: Fen) -> [GrantAmount] {
        NeedTier.allCases.map { GrantAmount(stage: stage, tier: $0, amountFen: amountFen) }
    }

    /// The national grants' three tiers: 2,500 / 2,000 / 1,500 yuan a year.
    private static func byTier(stage: Stage) -> [GrantAmount] {
        [
            GrantAmount(stage: stage, tier: .especiallyDifficult, amountFen: 125_000),
            GrantAmount(stage: stage, tier: .difficult, amountFen: 100_000),
            GrantAmount(stage: stage, tier: .generallyDifficult, amountFen: 75_000),
        ]
    }
}
