/// Events of the training service on `aid.training.v1`.
public enum TrainingEvent {}

extension EventCatalog {
    static let trainingEvents: [any AidEvent.Type] = []
}
