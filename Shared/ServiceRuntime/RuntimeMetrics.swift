/// Metric names of the runtime, in one place.
public enum RuntimeMetrics {
    public static let outboxPublished = "aid_outbox_published_total"
    public static let outboxPending = "aid_outbox_pending"
    public static let eventsProcessed = "aid_events_processed_total"
    public static let eventsDuplicate = "aid_events_duplicate_total"
    public static let eventsDeadLettered = "aid_events_dead_lettered_total"
    public static let eventBatchSeconds = "aid_event_batch_duration_seconds"
    public static let producerReplacements = "aid_kafka_producer_replacements_total"
}

/// Logger metadata keys of the runtime, in one place.
public enum LogKey {
    public static let service = "service"
    public static let consumerGroup = "kafka.group"
    public static let eventID = "event.id"
    public static let eventType = "event.type"
    public static let error = "error"
    /// The W3C trace and span ids, under the names OpenTelemetry's log data model gives them.
    public static let traceID = "trace_id"
    public static let spanID = "span_id"
}
