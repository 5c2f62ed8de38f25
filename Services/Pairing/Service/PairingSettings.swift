import PairingDomain
import ServiceRuntime

/// Pairing's own settings, read from the environment (see README).
struct PairingSettings: Sendable {
    static let defaults = PairingSettings(maximumUnpairedWait: .seconds(72 * 3600), nearbyMetres: 15_000)

    /// How long a left-behind child may wait for a volunteer before `GET /v1/care/unpaired?overdue=true` lists them.
    var maximumUnpairedWait: Duration
    /// How near a strong school must be to twin with a weak school inside the city.
    var nearbyMetres: Int

    var waitingPolicy: WaitingPolicy { WaitingPolicy(maximumWait: maximumUnpairedWait) }

    init(maximumUnpairedWait: Duration, nearbyMetres: Int) {
        self.maximumUnpairedWait = maximumUnpairedWait
        self.nearbyMetres = nearbyMetres
    }

    init(configuration: ServiceConfiguration) throws(ConfigurationError) {
        func positive(_ name: String, _ fallback: Int) throws(ConfigurationError) -> Int {
            let text = configuration.setting(name, default: "\(fallback)")
            guard let value = Int(text), value > 0 else { throw .invalid(name, "must be a positive integer, got '\(text)'") }
            return value
        }
        self.init(
            maximumUnpairedWait: .seconds(try positive("CARE_MAX_UNPAIRED_SECONDS", 72 * 3600)),
            nearbyMetres: try positive("TWINNING_NEARBY_METRES", Self.defaults.nearbyMetres))
    }
}
