import AidContracts
import IdentificationDomain

/// A student as generated, with what identification should decide for them.
struct StudentPlan: Sendable {
    let id: String
    let residentId: String
    let name: String
    let household: Int
    let school: Int
    let stage: Stage
    let grade: Int
    let birth: Day
    let enrolmentDate: Day
    let leftBehind: Bool
    /// A personal disability certificate, apart from any household list.
    var disability: Listing?
    var decision: IdentificationDecision.Outcome = .pending(missing: [])

    var isIdentified: Bool {
        if case .eligible = decision { true } else { false }
    }
}
