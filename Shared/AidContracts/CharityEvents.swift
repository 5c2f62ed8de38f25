/// Events of the charity service on `aid.charity.v1`.
public enum CharityEvent {}

extension EventCatalog {
    static let charityEvents: [any AidEvent.Type] = []
}
