import CRdKafka

/// Creates topics explicitly at start-up (the broker may not auto-create them on subscribe); reads
/// watermarks and consumer-group lag (`KafkaAdmin+Offsets.swift`).
public struct KafkaAdmin: Sendable {
    public struct TopicSpec: Sendable, Hashable {
        public var name: String
        public var partitions: Int
        public var replicationFactor: Int
        public var config: [String: String]

        public init(name: String, partitions: Int, replicationFactor: Int = 1, config: [String: String] = [:]) {
            self.name = name
            self.partitions = partitions
            self.replicationFactor = replicationFactor
            self.config = config
        }
    }

    let configuration: KafkaConfiguration

    public init(configuration: KafkaConfiguration) {
        self.configuration = configuration
    }

    /// Creates the topics that do not exist yet; an existing topic is left as it is.
    public func createTopics(_ topics: [TopicSpec], timeout: Duration = .seconds(15)) async throws(KafkaError) {
        if topics.isEmpty { return }
        let configuration = self.configuration
        let milliseconds = Int32(timeout.components.seconds * 1000)
        let failure: KafkaError? = await BlockingCallQueue(label: "kafka.admin").run { () -> KafkaError? in
            do throws(KafkaError) {
                let conf = try configuration.makeRawConfiguration(extra: [:])
                let client = try RdKafkaHandle(type: RD_KAFKA_PRODUCER, configuration: conf)
                return Self.create(topics, on: client, timeoutMilliseconds: milliseconds)
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private static func create(_ topics: [TopicSpec], on client: RdKafkaHandle, timeoutMilliseconds: Int32) -> KafkaError? {
        var errorBuffer = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
        for spec in topics {
            guard let topic = rd_kafka_NewTopic_new(
                spec.name, Int32(spec.partitions), Int32(spec.replicationFactor), &errorBuffer, errorBuffer.count)
            else { return .operation("create topic \(spec.name)", reason: String(cString: errorBuffer)) }
            for (key, value) in spec.config { rd_kafka_NewTopic_set_config(topic, key, value) }
            newTopics.append(topic)
        }
        guard let queue = rd_kafka_queue_new(client.pointer) else { return .operation("create topics", reason: "no queue") }
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(client.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMilliseconds, &errorBuffer, errorBuffer.count)
        rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &errorBuffer, errorBuffer.count)
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(client.pointer, buffer.baseAddress, buffer.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, timeoutMilliseconds + 1000) else {
            return .operation("create topics", reason: "no answer from the broker within the timeout")
        }
        defer { rd_kafka_event_destroy(event) }
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
            return .operation("create topics", reason: String(cString: rd_kafka_event_error_string(event)))
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            return .operation("create topics", reason: "unexpected admin result")
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return nil }
        for index in 0..<count {
            let code = rd_kafka_topic_result_error(results[index])
            if code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                let name = String(cString: rd_kafka_topic_result_name(results[index]))
                let message = rd_kafka_topic_result_error_string(results[index]).map { String(cString: $0) } ?? errorText(code)
                return .operation("create topic \(name)", reason: message)
            }
        }
        return nil
    }
}
