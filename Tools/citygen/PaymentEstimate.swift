import AidContracts
import CityGenerator
import DisbursementDomain

/// What a city's identified students are entitled to in one semester under a grant catalog. Every
/// student is taken to board: that is disbursement's assumption while the roster has no boarding flag.
struct PaymentEstimate {
    var entitlements = 0
    var fen: Fen = 0

    init(_ identification: CityManifest.Identification, catalog: GrantCatalog = .standard) {
        for stage in Stage.allCases {
            for tier in NeedTier.allCases {
                let students = identification.byStageAndTier[stage.rawValue]?[tier.rawValue] ?? 0
                let drafts = catalog.entitlements(stage: stage, tier: tier, boarding: true)
                entitlements += drafts.count * students
                fen += drafts.reduce(0) { $0 + $1.amountFen } * Fen(students)
            }
        }
    }
}
