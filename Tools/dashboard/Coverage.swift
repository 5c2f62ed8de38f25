/// How far aid reaches, from what the events carry. A registry-listed student who was never
/// identified appears on no per-student topic, so "identified ÷ listed" comes from
/// identification's own count (`CoverageMeasured`); the other ratios are counted here.
struct Coverage: Codable, Sendable, Equatable {
    struct ListedTown: Codable, Sendable, Equatable {
        var key: String
        var listed: Int
        var identified: Int
    }

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
    /// Enrolled students with a registry listing in force, as identification last counted them
    /// (nil until it has), how many of them are identified, and how many are held after a claw-back.
    var listed: Int?
    var listedIdentified: Int?
    var listedHeld: Int?
    /// listedIdentified ÷ listed: the bureau's coverage figure.
    var listedShare: Double?
    var listedByTown: [ListedTown]

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}
