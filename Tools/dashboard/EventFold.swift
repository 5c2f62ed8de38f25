import AidContracts

/// Folds one producing service's events into its figures. Each fold keeps only what its figures need,
/// keyed by the entity an event is about, so applying the same event twice or reading topics in a
/// different interleaving gives the same figures.
protocol EventFold: Sendable {
    /// Applies the event if it is one of this fold's types; false when the type is not its own.
    /// Throws when the event is of its type but its data cannot be read.
    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool
}
