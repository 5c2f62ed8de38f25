import AidContracts

/// The groups of students the city watches over: left-behind children and those on a government
/// registry list (orphans, disabled, dibao, tekun, registered-poor households).
public enum VulnerableGroup: String, Codable, Sendable, CaseIterable, Comparable {
    case leftBehind = "left-behind"
    case orphan
    case disability
    case dibao
    case tekun
    case registeredPoor = "registered-poor"

    public init(_ list: RegistryList) {
        self = switch list {
        case .orphan: .orphan
        case .disability: .disability
        case .dibao: .dibao
        case .tekun: .tekun
        case .registeredPoor: .registeredPoor
        }
    }

    /// The registry lists in an identification's evidence, written "registry:<list>"; other evidence
    /// (surveys, visits) names no group.
    public static func lists(inBasis basis: [String]) -> [RegistryList] {
        let prefix = "registry:"
        return Set(basis.filter { $0.hasPrefix(prefix) }.compactMap { RegistryList(rawValue: String($0.dropFirst(prefix.count))) })
            .sorted { $0.rawValue < $1.rawValue }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
