import AidContracts
import DisbursementDomain
import Foundation
import ServiceRuntime
import TestSupport
import Testing

/// The first real path through the suite: a roster and registry lists are imported into
/// identification; disbursement grants and pays exactly what each listed student is entitled to;
/// every payment is on the topic as a CloudEvent that matches its JSON Schema.
@Suite("Money path: identification → disbursement", .serialized, .timeLimit(.minutes(5)))
struct MoneyPathTests {
    @Test("listed students are identified, paid exactly their entitlement once, visible on the topics")
    func listedStudentsArePaidExactly() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let disbursement = try await world.start("disbursement", extra: ["BANK_STANDIN_FAILURE_RATE": "0.3"])
            let city = CityFixture(studentCount: 60)
            let op = try await HTTP.token(.operator, subject: "operator-wang")

            let openSemester = try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "2026-autumn"])
            #expect(openSemester.status == 200, "\(openSemester.text)")
            for (kind, body, type) in [("schools", city.schoolsCSV, "text/csv"), ("students", city.studentsJSON, "application/json"), ("registry", city.registryCSV, "text/csv")] {
                let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/\(kind)/import", token: op, body: body, contentType: type)
                #expect(reply.status == 200, "\(kind) import: \(reply.text)")
            }
            let gaps = try await HTTP.get("\(identification.baseURL)/v1/identification/gaps", token: op)
            #expect(gaps.text == "[]", "listed but unidentified students remain: \(gaps.text)")

            let expected = city.expectedPayments
            let schema = world.schema("disbursement")
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == Int64(city.expectedEntitlementCount)
            }
            #expect(granted, "entitlements were not all granted; expected \(city.expectedEntitlementCount)")

            try await PaymentDriver(baseURL: disbursement.baseURL, semester: "2026-autumn").payEverything()

            // The ledger pays each listed student exactly the catalog amount, and nobody else.
            let paid = try await TestEnvironment.withPostgres { client in
                var paid: [String: Fen] = [:]
                let rows = try await client.query(.init(unsafeSQL: "SELECT student_id, sum(amount_fen)::bigint FROM \(schema).ledger GROUP BY student_id"), logger: TestEnvironment.logger)
                for try await (student, amount) in rows.decode((String, Int64).self) { paid[student] = amount }
                return paid
            }
            #expect(paid == expected)
            let totals = try await HTTP.get("\(disbursement.baseURL)/v1/ledger/totals?by=program", token: op)
            struct Totals: Decodable { var totalFen: Int64; var studentTimes: Int }
            let parsed = try totals.json(Totals.self)
            #expect(parsed.totalFen == expected.values.reduce(0, +))
            #expect(parsed.studentTimes == expected.count)

            // Dashboards see every confirmed payment once, as CloudEvents.
            let entitlementCount = city.expectedEntitlementCount
            let records = try await TopicReader.read([world.topic(Topic.disbursement.name)]) { records in
                Set(records.filter { $0.envelope?.type == DisbursementEvent.PaymentConfirmed.eventType }.compactMap { $0.envelope?.id }).count >= entitlementCount
            }
            let confirmations = records.compactMap(\.envelope).filter { $0.type == DisbursementEvent.PaymentConfirmed.eventType }
            let byEntitlement = Dictionary(grouping: confirmations) { try! $0.decode(DisbursementEvent.PaymentConfirmed.self).grant.entitlementId }
            #expect(byEntitlement.count == entitlementCount)
            #expect(byEntitlement.values.allSatisfy { Set($0.map(\.id)).count == 1 }, "a payment was confirmed under two event ids")
            for envelope in confirmations {
                #expect(envelope.source == "/aid/disbursement")
                #expect(envelope.traceparent.flatMap(TraceContext.traceID(of:)) != nil)
            }

            // What the services emitted matches the published JSON Schemas.
            let emitted = try await TopicReader.read([world.topic(Topic.roster.name), world.topic(Topic.identification.name)]) { $0.count >= city.students.count + 4 }
            var cases: [SchemaValidator.Case] = []
            for envelope in (emitted + records).compactMap(\.envelope) {
                let type = try #require(EventCatalog.type(named: envelope.type), "unknown event type \(envelope.type)")
                cases.append(.init(schema: try #require(EventCatalog.schemaURL(for: type)), instance: envelope.data))
            }
            let failures = try await SchemaValidator.validate(cases).enumerated().filter { !$0.element.isEmpty }
            #expect(failures.isEmpty, "events not matching their schema: \(failures.prefix(3))")
        }
    }
}
