/// Why a city cannot be generated as asked.
public enum CityGeneratorError: Error, CustomStringConvertible, Sendable {
    case scaleOutOfRange(Double)

    public var description: String {
        switch self {
        case .scaleOutOfRange(let scale):
            "scale must be above 0 and at most \(District.maximumCount) (one reference-size district per unit), got \(scale)"
        }
    }
}
