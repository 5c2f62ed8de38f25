import AidContracts
import IdentificationDomain

/// A household with children at school: where it lives, who else is in it, the registry lists it is
/// on, and whether (and what) it declared when applying for aid. Siblings share all of it.
struct HouseholdPlan: Sendable {
    let id: String
    let town: Town
    let townIndex: Int
    let surname: String
    let address: String
    /// Children still expected to be enrolled into this household by later seats.
    var openChildSlots: Int
    let leftBehind: Bool
    /// None for orphans, who live with grandparents and are on the orphan list.
    let parents: Int
    let grandparents: Int
    /// A grown child aged 18–23, no longer at school.
    let graduates: Int
    var listings: [Listing] = []
    var survey: HouseholdSurvey?
    var verdict: VerificationVerdict?
    var children: [Int] = []

    /// On a list that counts this school year. (The orphan list covers the children only.)
    var isListed: Bool { listings.contains(where: \.isCurrent) }
    var adults: Int { parents + grandparents + graduates }
}
