import AidContracts

/// What pairing publishes on `aid.pairing.v1`: strong urban schools twinned with weak rural ones,
/// and volunteers paired one-to-one with left-behind children. Each pair counts once by its id, as
/// formed and, once ended, no longer active.
struct PairingFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        var twinningsFormed: Int
        var twinningsActive: Int
        /// Active twinnings whose weak school serves a key poverty village (they are paired first).
        var keyPovertyVillageTwinnings: Int
        var carePairsFormed: Int
        var carePairsActive: Int
        var carePairsByTown: [Tally]
    }

    private struct Twinning {
        var active: Bool
        var keyPovertyVillage: Bool
    }

    private struct CarePair {
        var active: Bool
        var townCode: String
    }

    private var twinnings: [String: Twinning] = [:]
    private var carePairs: [String: CarePair] = [:]

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case PairingEvent.TwinningFormed.eventType:
            let event = try envelope.decode(PairingEvent.TwinningFormed.self)
            if twinnings[event.pairId] == nil { twinnings[event.pairId] = Twinning(active: true, keyPovertyVillage: event.keyPovertyVillage) }
        case PairingEvent.TwinningEnded.eventType:
            let event = try envelope.decode(PairingEvent.TwinningEnded.self)
            twinnings[event.pairId, default: Twinning(active: false, keyPovertyVillage: false)].active = false
        case PairingEvent.CarePairFormed.eventType:
            let event = try envelope.decode(PairingEvent.CarePairFormed.self)
            if carePairs[event.pairId] == nil { carePairs[event.pairId] = CarePair(active: true, townCode: event.townCode) }
        case PairingEvent.CarePairEnded.eventType:
            let event = try envelope.decode(PairingEvent.CarePairEnded.self)
            carePairs[event.pairId, default: CarePair(active: false, townCode: "")].active = false
        default:
            return false
        }
        return true
    }

    var figures: Figures {
        let activeTwinnings = twinnings.values.filter(\.active)
        let activeCare = carePairs.values.filter(\.active)
        return Figures(
            twinningsFormed: twinnings.count, twinningsActive: activeTwinnings.count,
            keyPovertyVillageTwinnings: activeTwinnings.count(where: \.keyPovertyVillage),
            carePairsFormed: carePairs.count, carePairsActive: activeCare.count,
            carePairsByTown: Tally.of(activeCare.map(\.townCode)))
    }
}
