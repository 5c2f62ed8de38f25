/// Events of the inspection service on `aid.inspection.v1`.
public enum InspectionEvent {}

extension EventCatalog {
    static let inspectionEvents: [any AidEvent.Type] = []
}
