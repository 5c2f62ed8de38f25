/// Whether every aided student was re-checked in the semester (the programme re-checks each aided
/// family at least once a semester): students paid in the latest semester with payments, and how
/// many of them inspection re-checked in that semester.
struct RecheckCoverage: Codable, Sendable, Equatable {
    var semester: String?
    var aided: Int
    var rechecked: Int
    /// rechecked ÷ aided.
    var share: Double?
}
