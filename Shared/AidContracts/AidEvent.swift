/// An event one service publishes for others. Events carry opaque ids only: no national ID number,
/// name or address ever appears in one.
public protocol AidEvent: Codable, Sendable, Equatable {
    /// CloudEvents `type`, which includes the event's version, e.g. `aid.identification.student-identified.v1`.
    static var eventType: String { get }
    /// The topic the event is published on.
    static var topic: Topic { get }
    /// The entity whose order matters: the Kafka key.
    var partitionKey: String { get }
}

extension AidEvent {
    /// The JSON Schema file describing this event, relative to the contracts' `Schemas/` folder.
    public static var schemaFileName: String { "\(eventType).schema.json" }
}
