/// How far aid reaches, from what the events carry. A registry-listed student who was never
/// identified appears on no topic (identification's `/v1/identification/gaps` lists them), so
/// "identified ÷ listed" cannot be computed from events; these ratios can.
struct Coverage: Codable, Sendable, Equatable {
    struct Town: Codable, Sendable, Equatable {
        var key: String
        var identified: Int
        var entitled: Int
        var paid: Int
    }

    /// The semester `entitled` and `paid` are counted for: the latest one with entitlements.
    var semester: String?
    var enrolled: Int
    var identified: Int
    /// Identified students whose evidence includes a registry list ("registry:*").
    var registryBased: Int
    /// Students with an unrevoked entitlement in the semester.
    var entitled: Int
    /// Of those, the ones already paid.
    var paid: Int
    /// identified ÷ enrolled.
    var identifiedShare: Double?
    /// paid ÷ entitled: the share of those owed aid this semester who have received it.
    var paidShare: Double?
    var byTown: [Town]

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}
