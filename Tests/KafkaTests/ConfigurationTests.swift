import Kafka
import Testing

/// Configuration is checked when a client is created, before any network traffic, so no broker is needed.
@Suite("KafkaConfiguration")
struct ConfigurationTests {
    private static let unreachable = "127.0.0.1:1"

    @Test("an unknown property is rejected by the producer, naming the property")
    func unknownPropertyProducer() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: Self.unreachable, clientID: "config-test", properties: ["no.such.property": "1"])
        let error = try #require(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger("config"))
        }
        guard case .invalidConfiguration(let property, let reason) = error else {
            Issue.record("expected .invalidConfiguration, got \(error)")
            return
        }
        #expect(property == "no.such.property")
        #expect(!reason.isEmpty)
        #expect(error.description.contains("'no.such.property'"))
    }

    @Test("a known property with an invalid value is rejected, naming the property")
    func invalidValue() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: Self.unreachable, clientID: "config-test", properties: ["linger.ms": "soon"])
        let error = try #require(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger("config"))
        }
        guard case .invalidConfiguration(let property, _) = error else {
            Issue.record("expected .invalidConfiguration, got \(error)")
            return
        }
        #expect(property == "linger.ms")
        #expect(error.description.contains("linger.ms"))
    }

    @Test("the consumer rejects an unknown property, naming it")
    func unknownPropertyConsumer() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: Self.unreachable, clientID: "config-test", properties: ["fetch.bogus.bytes": "1"])
        let error = try #require(throws: KafkaError.self) {
            _ = try KafkaConsumer(
                configuration: configuration, settings: consumerSettings(group: "g", topics: ["t"]), logger: testLogger("config"))
        }
        #expect(error == .invalidConfiguration(property: "fetch.bogus.bytes", reason: reasonOf(error)))
    }

    @Test("the admin client rejects an unknown property, naming it")
    func unknownPropertyAdmin() async throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: Self.unreachable, clientID: "config-test", properties: ["admin.bogus": "1"])
        let error = await #expect(throws: KafkaError.self) {
            try await KafkaAdmin(configuration: configuration).createTopics([.init(name: "t", partitions: 1)])
        }
        guard case .invalidConfiguration(let property, _)? = error else {
            Issue.record("expected .invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(property == "admin.bogus")
    }

    private func reasonOf(_ error: KafkaError) -> String {
        if case .invalidConfiguration(_, let reason) = error { reason } else { "" }
    }
}
