/// What a course teaches, for reports by trade.
public enum Trade: String, Codable, Sendable, CaseIterable {
    case construction
    case accounting
    case mandarin
    case farmMachinery = "farm-machinery"
    case other
}
