/// A township-level division: an urban subdistrict (街道) or a rural town (镇).
public struct Town: Sendable, Hashable {
    /// The 9-digit statistical code: the district's 6 digits and 3 of the town (001… urban, 101… rural).
    public let code: String
    public let name: String
    public let isRural: Bool
}
