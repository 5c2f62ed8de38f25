import AidContracts
import Foundation
import Kafka
import Testing

/// Kafka over TLS for real: the client and a service against a broker that only TLS reaches (a
/// stunnel front before Tansu, which serves no TLS itself; see `TLSBroker`). The certificate is
/// verified against the local CA, a client trusting another CA never connects, and SCRAM is tried
/// inside the TLS session. A SCRAM session that succeeds is not exercised: Tansu 0.6.0 can only
/// store SCRAM users through an authenticated connection to itself (docs/OPERATIONS.md).
@Suite("Kafka over TLS against a real broker", .serialized, .timeLimit(.minutes(4)))
struct KafkaTLSTests {
    @Test("messages go through TLS sessions verified against the local CA; another CA, or plain text, never connects")
    func clientOverTLS() async throws {
        try await TestEnvironment.requireInfrastructure()
        let broker = try await TLSBroker.start()
        defer { broker.stop() }
        let configuration = broker.configuration()
        let topic = TestEnvironment.uniqueName("tls-")
        try await KafkaAdmin(configuration: configuration).createTopics([.init(name: topic, partitions: 3)])

        let producer = try KafkaProducer(configuration: configuration, logger: TestEnvironment.logger)
        let outgoing = (0..<100).map { OutgoingMessage(topic: topic, key: Array("key-\($0 % 7)".utf8), value: Array("message \($0)".utf8)) }
        let reports = try await producer.sendAll(outgoing)
        await producer.close()
        #expect(reports.count == 100)
        let records = try await TopicReader.read([topic], from: configuration, timeout: .seconds(60)) { $0.count >= 100 }
        #expect(Set(records.map { String(decoding: $0.message.value, as: UTF8.self) }) == Set((0..<100).map { "message \($0)" }), "\(broker.log)")

        // The same port and broker, trusting a CA that did not sign the broker's certificate.
        let strangerCA = try Self.makeUnrelatedCertificateAuthority()
        for (name, properties) in [("another CA", ["ssl.ca.location": strangerCA.path]), ("plain text", ["security.protocol": "PLAINTEXT"])] {
            let stranger = try KafkaProducer(configuration: broker.configuration(clientID: "stranger", properties: properties), logger: TestEnvironment.logger)
            let reachable = await stranger.isBrokerReachable(timeout: .seconds(5))
            await stranger.close(timeout: .seconds(1))
            #expect(!reachable, "a client with \(name) reached the TLS broker")
        }
    }

    @Test("identification runs over TLS end to end: it becomes ready and its roster events arrive on the TLS broker")
    func serviceOverTLS() async throws {
        try await TestEnvironment.requireInfrastructure()
        let broker = try await TLSBroker.start()
        defer { broker.stop() }
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification", extra: [
                "KAFKA_BROKERS": broker.bootstrapServers, "KAFKA_SECURITY_PROTOCOL": "SSL",
                "KAFKA_SSL_CA_LOCATION": TestEnvironment.localCertificateAuthority,
            ])
            let city = CityFixture(studentCount: 0)
            let op = try await HTTP.token(.operator, subject: "operator-tls")
            let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv")
            #expect(reply.status == 200, "\(reply.text.prefix(300))")

            let records = try await TopicReader.read([world.topic(Topic.roster.name)], from: broker.configuration(), timeout: .seconds(60)) {
                $0.count >= city.schools.count
            }
            let registered = records.compactMap { $0.envelope }.filter { $0.type == RosterEvent.SchoolRegistered.eventType }
            #expect(Set(registered.compactMap(\.subject)) == Set(city.schools.map(\.id)), "\(identification.tail())\n\(broker.log)")
        }
    }

    @Test("SCRAM-SHA-512 inside TLS against a broker that requires authentication and knows no such user: the broker refuses the SCRAM exchange and the service stops, naming Kafka")
    func scramRefusedInsideTLS() async throws {
        try await TestEnvironment.requireInfrastructure()
        let broker = try await TLSBroker.start(requireAuthentication: true)
        defer { broker.stop() }
        try await SuiteWorld.scoped { world in
            let service = ServiceProcess("identification", schema: world.schema("identification"), topicPrefix: world.topicPrefix, extra: [
                "KAFKA_BROKERS": broker.bootstrapServers, "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                "KAFKA_SSL_CA_LOCATION": TestEnvironment.localCertificateAuthority,
                "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "KAFKA_SASL_USERNAME": "aid_identification", "KAFKA_SASL_PASSWORD": "not-a-user",
            ])
            let run = try await service.runUntilExit(timeout: .seconds(90))
            #expect(run.status != 0, "\(run.output.suffix(800))")
            #expect(run.output.contains("Kafka"), "the reason names Kafka: \(run.output.suffix(800))")
            #expect(!run.output.contains("Fatal error"), "\(run.output.suffix(800))")
            // The refusal came from the broker's SCRAM step, inside an established TLS session
            // (librdkafka's own words, which the service's log carries).
            #expect(run.output.contains("SASL SCRAM authentication failed"), "\(run.output.suffix(800))\n\(broker.log)")
        }
    }

    /// A self-signed CA of its own, which signed nothing the broker presents.
    static func makeUnrelatedCertificateAuthority() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("stranger-ca-"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=stranger CA",
            "-keyout", directory.appending(path: "ca.key").path, "-out", directory.appending(path: "ca.crt").path,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a CA")
        return directory.appending(path: "ca.crt")
    }
}
