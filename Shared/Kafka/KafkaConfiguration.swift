import CRdKafka

/// Connection and tuning settings shared by producers, consumers and the admin client.
/// `properties` are passed to librdkafka verbatim (its documented CONFIGURATION.md names), so TLS and
/// SASL settings (`security.protocol`, `sasl.mechanism`, `ssl.ca.location`, ...) need no code here.
public struct KafkaConfiguration: Sendable {
    public var bootstrapServers: String
    public var clientID: String
    public var properties: [String: String]

    public init(bootstrapServers: String, clientID: String, properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.properties = properties
    }

    func makeRawConfiguration(extra: [String: String]) throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else { throw .clientCreation("rd_kafka_conf_new returned nil") }
        var all = ["bootstrap.servers": bootstrapServers, "client.id": clientID]
        all.merge(extra) { _, new in new }
        all.merge(properties) { _, new in new }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            var errorBuffer = [CChar](repeating: 0, count: 512)
            let result = rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw .invalidConfiguration(property: key, reason: String(cString: errorBuffer))
            }
        }
        return conf
    }
}

/// Owns one `rd_kafka_t` and destroys it exactly once. Nothing outside this module sees the pointer.
final class RdKafkaHandle: @unchecked Sendable {
    // librdkafka handles are thread-safe; the pointer itself is immutable after init.
    let pointer: OpaquePointer
    private let destroyFlags: Int32

    init(type: rd_kafka_type_t, configuration: OpaquePointer, destroyFlags: Int32 = 0) throws(KafkaError) {
        var errorBuffer = [CChar](repeating: 0, count: 512)
        // On success rd_kafka_new takes ownership of the configuration.
        guard let handle = rd_kafka_new(type, configuration, &errorBuffer, errorBuffer.count) else {
            rd_kafka_conf_destroy(configuration)
            throw .clientCreation(String(cString: errorBuffer))
        }
        self.pointer = handle
        self.destroyFlags = destroyFlags
    }

    deinit {
        rd_kafka_destroy_flags(pointer, destroyFlags)
    }
}

func errorText(_ code: rd_kafka_resp_err_t) -> String {
    String(cString: rd_kafka_err2str(code))
}
