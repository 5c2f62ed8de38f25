import AidContracts
import Foundation
import Kafka
import PostgresNIO
import ServiceRuntime

/// Measurement 1: StudentIdentified events in, confirmed payments in the ledger out, through the
/// running disbursement service: its consumer, its HTTP API and its bank exchange.
struct MoneyPathRun {
    let students: IdentifiedStudents
    let api: PaymentAPI
    /// Pinned to the service's schema.
    let database: Database
    let producer: KafkaProducer
    let topicPrefix: String
    let serviceLog: String

    func measure() async throws -> MoneyPathFigures {
        try await api.openSemester(IdentifiedStudents.semester)
        try await warmUp()
        let messages = try students.messages(topic: topicPrefix + Topic.identification.name)
        let expected = students.expectedEntitlements
        // Generous, so a slow machine still yields figures; a stuck run ends with what it reached.
        let patience = Duration.seconds(60) + .milliseconds(50 * students.count)

        let start = ContinuousClock.now
        let publishing = Task { [producer] in
            try await producer.sendInChunks(messages)
            return ContinuousClock.now - start
        }
        try await waitUntil(table: "entitlements", holds: expected, within: patience)
        let granted = ContinuousClock.now

        let batches = try await api.prepareBatches(semester: IdentifiedStudents.semester)
        let prepared = ContinuousClock.now
        for batch in batches {
            try await api.approve(batch)
            try await api.send(batch)
        }
        let sent = ContinuousClock.now
        try await waitUntil(table: "ledger", holds: expected, within: patience)
        let booked = ContinuousClock.now

        return MoneyPathFigures(
            students: students.count, entitlements: expected, batches: batches.count,
            publishing: try await publishing.value, granting: granted - start,
            preparing: prepared - granted, approvingAndSending: sent - prepared, booking: booked - sent)
    }

    /// Publishes one event that disbursement only records in its inbox (SchoolRegistered) and waits
    /// for it there. The service's consumer has then joined its group and holds every partition,
    /// and the producer has its connections and producer id, so the clock measures throughput,
    /// not the group join.
    private func warmUp() async throws {
        let school = RosterEvent.SchoolRegistered(
            schoolId: "SCH-WARM-UP", townCode: "370785101", districtCode: "370785", stages: [.primary],
            isRural: false, servesKeyPovertyVillage: false, isWeakTeachingPoint: false)
        let envelope = try CloudEventEnvelope.wrap(school, id: "warm-up", source: "/aid/identification")
        try await producer.sendAll([OutgoingMessage(
            topic: topicPrefix + Topic.roster.name, key: Array(school.partitionKey.utf8), value: envelope.data,
            headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })])
        try await waitUntil(table: "inbox", holds: 1, within: .seconds(60))
    }

    /// Polls the row count of `table` every 100 ms (the figures' resolution) until it is `count`.
    private func waitUntil(table: String, holds count: Int, within patience: Duration) async throws {
        let deadline = ContinuousClock.now + patience
        var rows = 0
        while ContinuousClock.now < deadline {
            let result = try await database.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).collect()
            rows = Int(try result.first?.decode(Int64.self) ?? 0)
            if rows >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError.timedOut(waitingFor: "rows in \(table)", reached: rows, expected: count, log: serviceLog)
    }
}
