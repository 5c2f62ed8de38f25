/// Events of the pairing service on `aid.pairing.v1`.
public enum PairingEvent {}

extension EventCatalog {
    static let pairingEvents: [any AidEvent.Type] = []
}
