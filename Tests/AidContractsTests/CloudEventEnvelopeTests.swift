import AidContracts
import Foundation
import Testing

@Suite("CloudEvents envelope, Kafka binary mode")
struct CloudEventEnvelopeTests {
    /// Whole quarter-seconds survive the millisecond text of `ce_time` exactly.
    static let time = Date(timeIntervalSince1970: 1_788_249_600.25)
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    static func headers(of envelope: CloudEventEnvelope) -> [String: String] {
        Dictionary(uniqueKeysWithValues: envelope.headers.map { ($0.name, $0.value) })
    }

    static func paymentSentEnvelope() throws -> CloudEventEnvelope {
        let event = try #require(SampleEvents.sample(for: DisbursementEvent.PaymentSent.self))
        return try wrap(event)
    }

    static func wrap<Event: AidEvent>(_ event: Event) throws -> CloudEventEnvelope {
        try CloudEventEnvelope.wrap(
            event, id: "5b0c7a52-3f1e-4c8e-9a55-0d7b1f3f2e10", source: "disbursement", time: time, traceparent: traceparent)
    }

    /// Through the headers and bytes a Kafka record would carry, and back to the event.
    static func roundTrip<Event: AidEvent>(_ event: Event) throws {
        let envelope = try wrap(event)
        let received = try CloudEventEnvelope(headers: headers(of: envelope), data: envelope.data)
        #expect(received == envelope)
        #expect(received.subject == event.partitionKey)
        #expect(try received.decode(Event.self) == event)
    }

    @Test("wrap, headers, init(headers:data:) and decode give back the same event", arguments: SampleEvents.eventTypes)
    func roundTrip(eventType: String) throws {
        let type = try #require(EventCatalog.type(named: eventType))
        let sample = try #require(SampleEvents.sample(for: type))
        try Self.roundTrip(sample)
    }

    @Test("headers are the binary-mode attributes, in a stable order")
    func headerNames() throws {
        let envelope = try Self.paymentSentEnvelope()
        #expect(envelope.headers.map(\.name) == [
            "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type", "ce_subject", "traceparent",
        ])
        let headers = Self.headers(of: envelope)
        #expect(headers["ce_specversion"] == "1.0")
        #expect(headers["ce_type"] == "aid.disbursement.payment-sent.v1")
        #expect(headers["ce_time"] == "2026-09-01T08:00:00.250Z")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["ce_subject"] == SampleEvents.grant.studentId)
        #expect(headers["traceparent"] == Self.traceparent)

        var bare = envelope
        bare.subject = nil
        bare.traceparent = nil
        #expect(bare.headers.map(\.name) == ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type"])
    }

    @Test("a missing required header is named", arguments: ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time"])
    func missingHeader(name: String) throws {
        let envelope = try Self.paymentSentEnvelope()
        var headers = Self.headers(of: envelope)
        headers[name] = nil
        #expect(throws: EnvelopeError.missingHeader(name)) {
            try CloudEventEnvelope(headers: headers, data: envelope.data)
        }
        headers[name] = ""
        #expect(throws: EnvelopeError.missingHeader(name)) {
            try CloudEventEnvelope(headers: headers, data: envelope.data)
        }
    }

    @Test("decoding as another event type is a bad ce_type")
    func wrongType() throws {
        let envelope = try Self.paymentSentEnvelope()
        let error = #expect(throws: EnvelopeError.self) {
            try envelope.decode(DisbursementEvent.PaymentConfirmed.self)
        }
        guard case .badHeader(let name, let rule) = error else {
            Issue.record("expected badHeader, got \(String(describing: error))")
            return
        }
        #expect(name == "ce_type")
        #expect(rule.contains("aid.disbursement.payment-sent.v1"))
    }

    @Test("a wrong spec version, time or content type is a bad header")
    func badHeaders() throws {
        let envelope = try Self.paymentSentEnvelope()
        for (name, value) in [("ce_specversion", "0.3"), ("ce_time", "yesterday"), ("content-type", "application/avro")] {
            var headers = Self.headers(of: envelope)
            headers[name] = value
            let error = #expect(throws: EnvelopeError.self) {
                try CloudEventEnvelope(headers: headers, data: envelope.data)
            }
            guard case .badHeader(let badName, _) = error else {
                Issue.record("\(name)=\(value): expected badHeader, got \(String(describing: error))")
                continue
            }
            #expect(badName == name)
        }
    }

    struct BadField: Sendable, CustomTestStringConvertible {
        var fragment: String
        var replacement: String
        var field: String
        var testDescription: String { field }
    }

    @Test("data that does not decode names the field", arguments: [
        BadField(fragment: #""amountFen":50000"#, replacement: #""amountFen":"50000""#, field: "amountFen"),
        BadField(fragment: #""semester":"2026-autumn""#, replacement: #""semester":"2026-summer""#, field: "semester"),
        BadField(fragment: #""attempt":1,"#, replacement: "", field: "attempt"),
    ])
    func badData(_ bad: BadField) throws {
        var envelope = try Self.paymentSentEnvelope()
        let sample = try #require(SampleEvents.sample(for: DisbursementEvent.PaymentSent.self))
        envelope.data = try EncodedSample(sample).replacing(bad.fragment, with: bad.replacement)
        let error = #expect(throws: EnvelopeError.self) {
            try envelope.decode(DisbursementEvent.PaymentSent.self)
        }
        guard case .badData(let reason) = error else {
            Issue.record("expected badData, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(bad.field), "\(reason)")
    }

    @Test("data that is not JSON is bad data")
    func notJSON() throws {
        var envelope = try Self.paymentSentEnvelope()
        envelope.data = Array("{not json".utf8)
        let error = #expect(throws: EnvelopeError.self) {
            try envelope.decode(DisbursementEvent.PaymentSent.self)
        }
        guard case .badData = error else {
            Issue.record("expected badData, got \(String(describing: error))")
            return
        }
    }

    @Test("ce_time written by other producers with a UTC offset is read as the same instant")
    func timeWithOffset() throws {
        #expect(EventCoding.parseTime("2026-09-01T08:00:00Z") == Date(timeIntervalSince1970: 1_788_249_600))
        #expect(EventCoding.parseTime("2026-09-01T08:00:00.250Z") == Self.time)
        #expect(EventCoding.parseTime("2026-09-01T16:00:00+08:00") == Date(timeIntervalSince1970: 1_788_249_600))
        #expect(EventCoding.parseTime("2026-09-01T16:00:00.250+08:00") == Self.time)
        // RFC 3339 requires a zone.
        #expect(EventCoding.parseTime("2026-09-01T16:00:00") == nil)
    }
}
