import CRdKafka

/// Offsets for operators and dashboards: where each partition's log starts and ends, and how far a
/// consumer group is behind. A short-lived consumer handle that never subscribes asks the broker, so
/// the group being inspected is neither joined nor rebalanced; the blocking calls run on a private
/// queue, off the cooperative pool.
extension KafkaAdmin {
    /// Low and high watermarks of every partition of `topics`; a topic that does not exist has none.
    ///
    /// The high watermark is the end of the log as a fetch sees it: ListOffsets(latest) gives a first
    /// answer, then one fetch from there to the end of each partition confirms it. On Kafka the two
    /// agree and the fetch returns at once; Tansu 0.6 (the local broker) answers ListOffsets with the
    /// last record batch's base offset + 1, short of the end when that batch holds several records.
    public func watermarks(topics: [String], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [PartitionWatermarks] {
        try await withOffsetClient(group: nil, timeout: timeout) { client, milliseconds throws(KafkaError) in
            try Self.watermarks(topics, on: client, timeoutMilliseconds: milliseconds)
        }
    }

    /// The committed offset of `group` against the high watermark, for every partition of `topics`.
    public func groupLag(group: String, topics: [String], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [PartitionLag] {
        try await withOffsetClient(group: group, timeout: timeout) { client, milliseconds throws(KafkaError) in
            let marks = try Self.watermarks(topics, on: client, timeoutMilliseconds: milliseconds)
            let committed = try Self.committed(marks, on: client, group: group, timeoutMilliseconds: milliseconds)
            return marks.map { PartitionLag(watermarks: $0, committed: committed[PartitionKey(topic: $0.topic, partition: $0.partition)]) }
        }
    }

    private struct PartitionKey: Hashable {
        var topic: String
        var partition: Int32
    }

    private func withOffsetClient<Value: Sendable>(
        group: String?, timeout: Duration,
        _ body: @escaping @Sendable (RdKafkaHandle, Int32) throws(KafkaError) -> Value
    ) async throws(KafkaError) -> Value {
        let configuration = self.configuration
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let result: Result<Value, KafkaError> = await BlockingCallQueue(label: "kafka.offsets").run {
            do throws(KafkaError) {
                // The group is only named (committed offsets are looked up by it), never joined: the
                // handle assigns partitions itself, commits nothing, and reports each partition's end.
                let extra = [
                    "group.id": group ?? "aid-offsets-probe",
                    "enable.auto.commit": "false",
                    "enable.partition.eof": "true",
                    "fetch.wait.max.ms": "50",
                ]
                let conf = try configuration.makeRawConfiguration(extra: extra)
                // The handle never joined the group, so there is nothing to leave on destroy.
                let client = try RdKafkaHandle(type: RD_KAFKA_CONSUMER, configuration: conf, destroyFlags: RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE)
                return .success(try body(client, milliseconds))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func watermarks(_ topics: [String], on client: RdKafkaHandle, timeoutMilliseconds: Int32) throws(KafkaError) -> [PartitionWatermarks] {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let result = rd_kafka_metadata(client.pointer, 1, nil, &metadata, timeoutMilliseconds)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw .operation("metadata request", reason: errorText(result))
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        var partitions: [String: [Int32]] = [:]
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            let topic = metadata.pointee.topics[index]
            let name = String(cString: topic.topic)
            guard topic.err == RD_KAFKA_RESP_ERR_NO_ERROR, topics.contains(name) else { continue }
            partitions[name] = (0..<Int(topic.partition_cnt)).map { topic.partitions[$0].id }.sorted()
        }
        var marks: [PartitionWatermarks] = []
        for topic in topics {
            for partition in partitions[topic] ?? [] {
                var low: Int64 = 0
                var high: Int64 = 0
                let result = rd_kafka_query_watermark_offsets(client.pointer, topic, partition, &low, &high, timeoutMilliseconds)
                guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    throw .operation("watermarks of \(topic)[\(partition)]", reason: errorText(result))
                }
                marks.append(PartitionWatermarks(topic: topic, partition: partition, low: low, high: high))
            }
        }
        try confirmEnds(&marks, on: client, timeoutMilliseconds: timeoutMilliseconds)
        return marks
    }

    /// Fetches each partition from its reported high watermark to its end (reading past any records a
    /// short answer left out); the end-of-partition event carries the offset of the log's end.
    private static func confirmEnds(_ marks: inout [PartitionWatermarks], on client: RdKafkaHandle, timeoutMilliseconds: Int32) throws(KafkaError) {
        if marks.isEmpty { return }
        guard let list = rd_kafka_topic_partition_list_new(Int32(marks.count)) else {
            throw .operation("watermarks", reason: "could not allocate a partition list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        var pending: [PartitionKey: Int] = [:]
        for (index, mark) in marks.enumerated() {
            rd_kafka_topic_partition_list_add(list, mark.topic, mark.partition).pointee.offset = mark.high
            pending[PartitionKey(topic: mark.topic, partition: mark.partition)] = index
        }
        let assigned = rd_kafka_assign(client.pointer, list)
        guard assigned == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .operation("watermarks", reason: errorText(assigned)) }
        defer { rd_kafka_assign(client.pointer, nil) }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMilliseconds))
        var lastError: String?
        while !pending.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .operation("watermarks", reason: "the end of \(pending.count) partition(s) was not reached in time\(lastError.map { ": \($0)" } ?? "")")
            }
            guard let message = rd_kafka_consumer_poll(client.pointer, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            switch message.pointee.err {
            case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                guard let topic = message.pointee.rkt.map({ String(cString: rd_kafka_topic_name($0)) }),
                      let index = pending.removeValue(forKey: PartitionKey(topic: topic, partition: message.pointee.partition))
                else { continue }
                marks[index].high = max(marks[index].high, message.pointee.offset)
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                continue
            default:
                lastError = errorText(message.pointee.err)
            }
        }
    }

    private static func committed(
        _ marks: [PartitionWatermarks], on client: RdKafkaHandle, group: String, timeoutMilliseconds: Int32
    ) throws(KafkaError) -> [PartitionKey: Int64] {
        if marks.isEmpty { return [:] }
        guard let list = rd_kafka_topic_partition_list_new(Int32(marks.count)) else {
            throw .operation("committed offsets of \(group)", reason: "could not allocate a partition list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for mark in marks { rd_kafka_topic_partition_list_add(list, mark.topic, mark.partition) }
        let result = rd_kafka_committed(client.pointer, list, timeoutMilliseconds)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .operation("committed offsets of \(group)", reason: errorText(result))
        }
        var offsets: [PartitionKey: Int64] = [:]
        for index in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[index]
            guard element.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw .operation("committed offset of \(String(cString: element.topic))[\(element.partition)] for \(group)", reason: errorText(element.err))
            }
            // A partition the group never committed on reports an invalid (negative) offset.
            if element.offset >= 0 {
                offsets[PartitionKey(topic: String(cString: element.topic), partition: element.partition)] = element.offset
            }
        }
        return offsets
    }
}
