import AidContracts
import Foundation
import Kafka
import ServiceRuntime
import Testing

/// Spans from the real executables, exported over OTLP/HTTP to a real receiver in another process.
@Suite("Tracing: spans exported over OTLP across services", .serialized, .timeLimit(.minutes(5)))
struct TracingTests {
    /// A caller's trace: fixed ids, so the test knows what the services must continue.
    static func callerTraceparent() -> (header: String, traceID: String, spanID: String) {
        let traceID = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let spanID = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return ("00-\(traceID)-\(spanID)-01", traceID, spanID)
    }

    @Test("a student's journey (import → identified → entitlement) is one trace over two services; no personal data in spans")
    func journeyIsOneTrace() async throws {
        try await TestEnvironment.requireInfrastructure()
        let receiver = try OTLPReceiver()
        defer { receiver.stop() }
        try await SuiteWorld.scoped { world in
            let otel = ["OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "200"]
            let identification = try await world.start("identification", extra: otel)
            let disbursement = try await world.start("disbursement", extra: otel)
            let op = try await HTTP.token(.operator, subject: "operator-trace")
            let semester = try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "2026-autumn"])
            #expect(semester.status == 200, "\(semester.text)")

            let city = CityFixture(studentCount: 4)
            let caller = Self.callerTraceparent()
            for (kind, body, type) in [("schools", city.schoolsCSV, "text/csv"), ("students", city.studentsJSON, "application/json"), ("registry", city.registryCSV, "text/csv")] {
                let reply = try await HTTP.send(
                    "POST", "\(identification.baseURL)/v1/\(kind)/import", token: op, body: body, contentType: type,
                    headers: ["traceparent": caller.header])
                #expect(reply.status == 200, "\(kind) import: \(reply.text)")
                // The response names the server span: the caller's trace, a span of the service's own.
                let answered = try #require(reply.headers["traceparent"], "\(kind) import answered without traceparent")
                #expect(TraceContext.traceID(of: answered) == caller.traceID)
                #expect(TraceContext.spanID(of: answered) != caller.spanID)
            }
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(world.schema("disbursement")).entitlements") == Int64(city.expectedEntitlementCount)
            }
            #expect(granted, "entitlements were not all granted")

            // Wait for disbursement's own producer spans (entitlements granted): the far end of the journey.
            let disbursementTopic = world.topic(Topic.disbursement.name)
            let spans = try await receiver.spans { spans in
                spans.contains { $0.traceId == caller.traceID && $0.kind == OTLPReceiver.Span.producer && $0.attributes["messaging.destination.name"] == disbursementTopic }
            }
            let trace = spans.filter { $0.traceId == caller.traceID }
            let byID = Dictionary(trace.map { ($0.spanId, $0) }) { first, _ in first }
            #expect(Set(trace.map(\.service)).isSuperset(of: ["identification", "disbursement"]), "services in the trace: \(Set(trace.map(\.service)))")

            // The HTTP requests' incoming traceparent is honoured: their server spans are children of the caller's span.
            let servers = trace.filter { $0.service == "identification" && $0.kind == OTLPReceiver.Span.server }
            #expect(servers.count == 3, "server spans: \(servers.map(\.name))")
            #expect(servers.allSatisfy { $0.parentSpanId == caller.spanID })
            #expect(servers.contains { $0.attributes["http.route"] == "/v1/{kind}/import" || $0.name.hasPrefix("POST /v1/") }, "\(servers.map(\.name))")

            // identification's producer spans hang under its server spans; disbursement's consumer spans
            // under those producer spans; disbursement's producer spans under its consumer spans.
            let identificationProducers = trace.filter { $0.service == "identification" && $0.kind == OTLPReceiver.Span.producer }
            #expect(!identificationProducers.isEmpty)
            #expect(identificationProducers.allSatisfy { byID[$0.parentSpanId]?.kind == OTLPReceiver.Span.server })
            let consumers = trace.filter { $0.service == "disbursement" && $0.kind == OTLPReceiver.Span.consumer }
            #expect(!consumers.isEmpty, "no consumer span of disbursement in the trace")
            for consumer in consumers {
                let parent = try #require(byID[consumer.parentSpanId], "consumer span \(consumer.name) has no parent in the trace")
                #expect(parent.service == "identification" && parent.kind == OTLPReceiver.Span.producer)
                #expect(parent.attributes["messaging.destination.name"] == consumer.attributes["messaging.destination.name"])
                #expect(parent.attributes["messaging.message.id"] == consumer.attributes["messaging.message.id"])
                #expect(consumer.attributes["messaging.system"] == "kafka")
                #expect(consumer.attributes["messaging.consumer.group.name"]?.hasPrefix(world.topicPrefix) == true)
            }
            let granting = trace.filter { $0.service == "disbursement" && $0.kind == OTLPReceiver.Span.producer }
            #expect(!granting.isEmpty)
            #expect(granting.allSatisfy { byID[$0.parentSpanId]?.kind == OTLPReceiver.Span.consumer })

            // No span, of this trace or any other, carries a name or a resident ID number.
            let personal = city.students.flatMap { [$0.residentId, "Student \($0.studentId)"] }
            let leaks = spans.flatMap { span in
                (Array(span.attributes.values) + [span.name]).filter { value in personal.contains { value.contains($0) } }
            }
            #expect(leaks.isEmpty, "personal data in span attributes: \(leaks.prefix(3))")
        }
    }

    @Test("without an OTLP endpoint nothing is exported, the service starts and trace context still propagates")
    func unconfiguredExportsNothing() async throws {
        try await TestEnvironment.requireInfrastructure()
        // Where swift-otel would send spans by default (localhost:4318) if it were switched on anyway.
        let receiver = try OTLPReceiver(port: 4318)
        defer { receiver.stop() }
        try await SuiteWorld.scoped { world in
            // As the local overlay and compose set them: every variable present, the endpoint empty.
            let identification = try await world.start("identification", extra: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "", "OTEL_SERVICE_NAME": "", "OTEL_TRACES_SAMPLER": "",
                "OTEL_BSP_SCHEDULE_DELAY": "100",
            ])
            let op = try await HTTP.token(.operator, subject: "operator-trace")
            let caller = Self.callerTraceparent()
            let city = CityFixture(studentCount: 1)
            let reply = try await HTTP.send(
                "POST", "\(identification.baseURL)/v1/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv",
                headers: ["traceparent": caller.header])
            #expect(reply.status == 200, "\(reply.text)")
            let answered = try #require(reply.headers["traceparent"])
            #expect(TraceContext.traceID(of: answered) == caller.traceID)
            #expect(TraceContext.spanID(of: answered) != caller.spanID)

            // The events it published continue the caller's trace, each with a span id of its own.
            let records = try await TopicReader.read([world.topic(Topic.roster.name)]) { $0.count >= city.schools.count }
            let carried = records.compactMap { $0.envelope?.traceparent }
            #expect(carried.count == city.schools.count)
            #expect(carried.allSatisfy { TraceContext.traceID(of: $0) == caller.traceID })
            #expect(Set(carried.compactMap(TraceContext.spanID(of:))).count == carried.count)
            #expect(!carried.contains { TraceContext.spanID(of: $0) == caller.spanID || $0 == answered })

            #expect(identification.stop() == 0)
            try await Task.sleep(for: .seconds(1))
            #expect(receiver.spans.isEmpty, "spans were exported without an endpoint: \(receiver.spans.prefix(3).map(\.name))")
        }
    }

    @Test("log lines written inside a request carry its trace id; a dead-lettered record's error line names its trace")
    func logLinesCarryTraceIDs() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            // No collector: the ids come from the propagated trace context alone.
            let identification = try await world.start("identification", extra: ["LOG_LEVEL": "debug"])
            let op = try await HTTP.token(.operator, subject: "operator-trace")
            let caller = Self.callerTraceparent()
            let reply = try await HTTP.send("GET", "\(identification.baseURL)/v1/identification/gaps", token: op, headers: ["traceparent": caller.header])
            #expect(reply.status == 200, "\(reply.text)")
            let served = try #require(reply.headers["traceparent"].flatMap(TraceContext.spanID(of:)))
            let requestLines = identification.log.split(separator: "\n").filter { $0.contains("trace_id=\(caller.traceID)") }
            #expect(!requestLines.isEmpty, "no log line of the request carries its trace id:\n\(identification.tail())")
            #expect(requestLines.allSatisfy { $0.contains("span_id=\(served)") }, "\(requestLines)")

            // An event of a type identification's claw-back consumer does not know, in a trace of its own.
            let recordTrace = Self.callerTraceparent()
            let inspectionTopic = world.topic(Topic.inspection.name)
            let unknown = try #require(try BadInputTests.poisons(topic: inspectionTopic, key: "STU-TRACE").first { $0.name == "unknown ce_type" })
            var message = unknown.message
            message.headers.append(KafkaHeader(TraceContext.header, recordTrace.header))
            try await EventPublisher.send([message])
            let deadLettered = try await SuiteWorld.eventually {
                identification.log.contains("event dead-lettered")
            }
            #expect(deadLettered, "the unknown event was not dead-lettered:\n\(identification.tail())")
            let line = identification.log.split(separator: "\n").first { $0.contains("event dead-lettered") }
            #expect(line?.contains("trace_id=\(recordTrace.traceID)") == true, "\(line ?? "")")
        }
    }

    @Test("spans still in the batch are exported on graceful shutdown")
    func flushesOnShutdown() async throws {
        try await TestEnvironment.requireInfrastructure()
        let receiver = try OTLPReceiver()
        defer { receiver.stop() }
        try await SuiteWorld.scoped { world in
            // A batch delay of ten minutes: nothing leaves before shutdown unless shutdown sends it.
            let identification = try await world.start("identification", extra: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "600000",
            ])
            let op = try await HTTP.token(.operator, subject: "operator-trace")
            let caller = Self.callerTraceparent()
            let reply = try await HTTP.send("GET", "\(identification.baseURL)/v1/identification/gaps", token: op, headers: ["traceparent": caller.header])
            #expect(reply.status == 200, "\(reply.text)")
            try await Task.sleep(for: .seconds(1))
            #expect(!receiver.spans.contains { $0.traceId == caller.traceID }, "exported before shutdown: the batch delay did not hold")

            #expect(identification.stop() == 0, "graceful shutdown failed: \(identification.tail())")
            let spans = try await receiver.spans(timeout: .seconds(10)) { $0.contains { $0.traceId == caller.traceID } }
            let server = try #require(spans.first { $0.traceId == caller.traceID && $0.kind == OTLPReceiver.Span.server }, "the request's span was lost at shutdown")
            #expect(server.parentSpanId == caller.spanID)
            #expect(server.service == "identification")
            #expect(server.attributes["http.response.status_code"] == "200")
        }
    }

    @Test("a tracing variable the exporter cannot use stops the start with an error naming it", arguments: [
        ("OTEL_TRACES_SAMPLER", "sometimes"),
        ("OTEL_BSP_SCHEDULE_DELAY", "soon"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
        ("OTEL_TRACES_EXPORTER", "zipkin"),
    ])
    func badConfigurationNamesTheVariable(variable: String, value: String) async throws {
        let world = SuiteWorld()
        var environment = ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9"]
        environment[variable] = value
        let service = ServiceProcess("identification", schema: world.schema("identification"), topicPrefix: world.topicPrefix, extra: environment)
        let (status, output) = try await service.runUntilExit(timeout: .seconds(30))
        #expect(status != 0, "started with \(variable)=\(value)")
        #expect(output.contains(variable), "the error does not name \(variable): \(output)")
    }
}
