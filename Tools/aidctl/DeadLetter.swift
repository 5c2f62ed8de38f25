import Kafka

/// A record on a consumer group's dead-letter topic, with what the group wrote about it in `dlq_*`
/// headers: why it failed and where it came from.
struct DeadLetter: Codable {
    /// Where it is on the dead-letter topic ("partition:offset" names it for `dlq replay --offset`).
    var partition: Int32
    var offset: Int64
    var reason: String
    var originalTopic: String?
    var originalPartition: Int32?
    var originalOffset: Int64?
    var failedAt: String?
    var eventType: String?
    var eventId: String?
    var key: String?

    init(_ message: KafkaMessage) {
        partition = message.partition
        offset = message.offset
        reason = message.header("dlq_reason") ?? "(no reason recorded)"
        originalTopic = message.header("dlq_original_topic")
        originalPartition = message.header("dlq_original_partition").flatMap { Int32($0) }
        originalOffset = message.header("dlq_original_offset").flatMap { Int64($0) }
        failedAt = message.header("dlq_failed_at")
        eventType = message.header("ce_type")
        eventId = message.header("ce_id")
        key = message.keyString
    }

    var position: String { "\(partition):\(offset)" }
}
