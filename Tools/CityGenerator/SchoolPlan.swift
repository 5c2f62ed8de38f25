import AidContracts

/// A school as the generator plans it, with how many students it has in each stage it teaches.
struct SchoolPlan: Sendable {
    let id: String
    let name: String
    let kind: SchoolKind
    let town: Town
    /// Position of `town` in its district's `towns`.
    let townIndex: Int
    var servesKeyPovertyVillage = false
    /// Students per stage, in `kind.stages` order.
    var enrolment: [Int]

    var isWeakTeachingPoint: Bool { kind == .teachingPoint }
    var totalEnrolment: Int { enrolment.reduce(0, +) }
}
