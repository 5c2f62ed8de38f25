import AidContracts
import Foundation
import Kafka
import ServiceRuntime
import Testing

/// The live dashboard, seen through a real headless browser: it shows what the events say, and the
/// page follows new events without a reload. The test computes the expected figures from the events
/// it caused (read back from the topic), never from a service's database.
@Suite("Dashboard: live city figures from the topics", .serialized, .timeLimit(.minutes(6)))
struct DashboardTests {
    @Test("the page shows the disbursed total and student-times from the events, and updates live as more are paid")
    func pageFollowsTheEvents() async throws {
        try await TestEnvironment.requireInfrastructure()
        try BrowserCheck.requireBrowser()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let disbursement = try await world.start("disbursement")
            let dashboard = try await world.start("dashboard")
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let opened = try await HTTP.post("\(disbursement.baseURL)/v1/semesters", token: op, json: ["semester": "2026-autumn"])
            #expect(opened.status == 200, "\(opened.text)")

            // A small city, paid in full.
            let first = CityFixture(studentCount: 20)
            try await Self.load(first, into: identification, token: op)
            try await Self.payEverything(first, world: world, disbursement: disbursement)
            var expectedFirst = try await Self.expectedFigures(world: world, entitlements: first.expectedEntitlementCount)
            #expect(expectedFirst == .init(disbursedFen: first.expectedPayments.values.reduce(0, +), studentTimes: first.expectedPayments.count))
            // Coverage of the registry lists comes from identification's own count on its topic.
            expectedFirst.listed = first.listedStudentCount
            expectedFirst.listedIdentified = first.listedStudentCount

            let browser = try BrowserCheck(name: world.id)
            defer { browser.stop() }
            try browser.start(url: "\(dashboard.baseURL)/", expected: expectedFirst)
            let sawFirst = try await browser.waitForFirstPhase()
            try #require(sawFirst, "the page never showed \(expectedFirst)\n\(browser.report)")

            // More events while the page stays open: a redelivered confirmation and a second event id for
            // an already confirmed entitlement (both must not count again), then ten more students paid.
            let records = try await TopicReader.read([world.topic(Topic.disbursement.name)]) { records in
                records.contains { $0.envelope?.type == DisbursementEvent.PaymentConfirmed.eventType }
            }
            let confirmation = try #require(records.first { $0.envelope?.type == DisbursementEvent.PaymentConfirmed.eventType })
            var renamed = try #require(confirmation.envelope)
            renamed.id = UUID().uuidString.lowercased()
            let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
            try await producer.sendAll([
                OutgoingMessage(topic: confirmation.message.topic, key: confirmation.message.key, value: confirmation.message.value, headers: confirmation.message.headers),
                OutgoingMessage(
                    topic: confirmation.message.topic, key: confirmation.message.key, value: renamed.data,
                    headers: renamed.headers.map { KafkaHeader($0.name, $0.value) }),
            ])
            await producer.close()
            let second = CityFixture(studentCount: 30)
            try await Self.load(second, into: identification, token: op)
            try await Self.payEverything(second, world: world, disbursement: disbursement)
            var expectedSecond = try await Self.expectedFigures(world: world, entitlements: second.expectedEntitlementCount)
            #expect(expectedSecond == .init(disbursedFen: second.expectedPayments.values.reduce(0, +), studentTimes: second.expectedPayments.count))
            expectedSecond.listed = second.listedStudentCount
            expectedSecond.listedIdentified = second.listedStudentCount
            #expect(expectedSecond.disbursedFen > expectedFirst.disbursedFen)

            let verdict = try await browser.expectNext(expectedSecond)
            #expect(verdict == 0, "the browser check failed\n\(browser.report)")

            // The JSON agrees with the page, and the two extra confirmations were recognised, not counted.
            struct Figures: Decodable {
                struct Disbursement: Decodable { var disbursedFen: Int64; var studentTimes: Int; var payments: Int }
                struct Coverage: Decodable { var entitled: Int; var paid: Int; var listed: Int?; var listedIdentified: Int? }
                var disbursement: Disbursement
                var coverage: Coverage
            }
            let figures = try await HTTP.get("\(dashboard.baseURL)/api/figures", token: nil).json(Figures.self)
            #expect(figures.disbursement.disbursedFen == expectedSecond.disbursedFen)
            #expect(figures.disbursement.studentTimes == expectedSecond.studentTimes)
            #expect(figures.disbursement.payments == second.expectedEntitlementCount)
            #expect(figures.coverage.paid == figures.coverage.entitled && figures.coverage.paid == second.expectedPayments.count)
            #expect(figures.coverage.listed == second.listedStudentCount && figures.coverage.listedIdentified == second.listedStudentCount)
            let metrics = try await HTTP.get("\(dashboard.baseURL)/metrics", token: nil).text
            #expect(metrics.contains("aid_dashboard_records_total{outcome=\"duplicate\"}"), "the redelivered event id was not seen as a duplicate")
            print("dashboard screenshot: \(browser.screenshot.path)")
        }
    }

    @Test("charity, pairing, training and inspection events fold into allocated/delivered value, pairs, pass rate, re-check coverage and claw-backs; redeliveries and bad records change nothing")
    func otherServicesFigures() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let dashboard = try await world.start("dashboard")
            let semester = try #require(Semester("2026-autumn"))
            func grant(_ student: String, _ fen: Fen) -> DisbursementEvent.Grant {
                .init(entitlementId: "E-\(student)", studentId: student, programCode: "tuition-waiver", semester: semester, amountFen: fen, schoolId: "SCH-1", townCode: "370785101")
            }
            let placement = TrainingEvent.Placement(sessionId: "S-1", courseId: "C-1", centreId: "TC-1")
            func completed(_ enrolment: String, _ outcome: TrainingEvent.Outcome) -> TrainingEvent.TrainingCompleted {
                .init(enrolmentId: enrolment, traineeId: "T-\(enrolment)", placement: placement, year: 2026, outcome: outcome, score: outcome == .passed ? 80 : 40,
                      attendancePercent: 95, certificateId: outcome == .passed ? "CERT-\(enrolment)" : nil)
            }
            func allocation(_ id: String, valueFen: Fen) -> CharityEvent.AllocationMade {
                .init(allocationId: id, runId: "RUN-1", needId: "N-1", pledgeId: "PL-1", donorId: "DONOR-1", form: .inKind, schoolId: "SCH-W1",
                      townCode: "370785103", itemCode: "computer", quantity: Int(valueFen / 50_000), unitValueFen: 50_000, valueFen: valueFen,
                      priorityRank: 1, conditionScore: 35)
            }
            let payment = try CloudEventEnvelope.wrap(
                DisbursementEvent.PaymentConfirmed(paymentId: "P-1", batchId: "B-1", grant: grant("STU-1", 50_000), bankReference: "R-1"), source: "/aid/disbursement")
            let envelopes: [CloudEventEnvelope] = [
                payment,
                try .wrap(DisbursementEvent.PaymentConfirmed(paymentId: "P-2", batchId: "B-1", grant: grant("STU-2", 50_000), bankReference: "R-2"), source: "/aid/disbursement"),
                try .wrap(InspectionEvent.RecheckCompleted(taskId: "RC-1", studentId: "STU-1", schoolId: "SCH-1", semester: semester, method: .homeVisit, outcome: .discrepancy, completedOn: "2026-11-02"), source: "/aid/inspection"),
                try .wrap(InspectionEvent.FindingRecorded(findingId: "F-1", studentId: "STU-1", schoolId: "SCH-1", kind: .fraud, clawback: true, recordedOn: "2026-11-03"), source: "/aid/inspection"),
                try .wrap(InspectionEvent.ClawbackOrdered(
                    orderId: "O-1", findingId: "F-1", studentId: "STU-1", schoolId: "SCH-1", reason: .fraud,
                    payments: [.init(paymentId: "P-1", entitlementId: "E-STU-1", semester: semester, amountFen: 50_000)], totalFen: 50_000), source: "/aid/inspection"),
                try .wrap(InspectionEvent.ReviewSigned(
                    reviewId: "RV-1", campaignId: "CP-1", schoolId: "SCH-1", teamId: "TM-1", year: 2026, aidManagementScore: 90,
                    archiveManagementScore: 80, score: 86, signatures: 3, signedOn: "2026-11-04"), source: "/aid/inspection"),
                try .wrap(TrainingEvent.TraineeEnrolled(enrolmentId: "EN-5", traineeId: "T-EN-5", placement: placement, prioritized: true, fromWaitlist: false), source: "/aid/training"),
                try .wrap(TrainingEvent.TraineeWaitlisted(enrolmentId: "EN-6", traineeId: "T-EN-6", placement: placement, prioritized: false, position: 1), source: "/aid/training"),
                try .wrap(completed("EN-1", .passed), source: "/aid/training"),
                try .wrap(completed("EN-2", .passed), source: "/aid/training"),
                try .wrap(completed("EN-3", .passed), source: "/aid/training"),
                try .wrap(completed("EN-4", .failed), source: "/aid/training"),
                try .wrap(CharityEvent.AssessmentRecorded(
                    assessmentId: "A-1", schoolId: "SCH-W1", townCode: "370785103", assessedOn: "2026-09-01", conditionScore: 35,
                    checklist: .init(computers: 20, desksAndStools: 30, dustFreeBlackboards: 40, officeFurniture: 40, buildingCondition: 45),
                    needs: [.init(needId: "N-1", itemCode: "computer", quantity: 10)]), source: "/aid/charity"),
                try .wrap(allocation("AL-1", valueFen: 300_000), source: "/aid/charity"),
                try .wrap(allocation("AL-2", valueFen: 200_000), source: "/aid/charity"),
                try .wrap(allocation("AL-3", valueFen: 100_000), source: "/aid/charity"),
                try .wrap(CharityEvent.DeliveryConfirmed(
                    allocationId: "AL-1", pledgeId: "PL-1", donorId: "DONOR-1", schoolId: "SCH-W1", townCode: "370785103", itemCode: "computer",
                    quantity: 6, valueFen: 300_000, deliveredOn: "2026-10-01", acceptedOn: "2026-10-02"), source: "/aid/charity"),
                try .wrap(CharityEvent.AllocationCancelled(
                    allocationId: "AL-3", needId: "N-1", pledgeId: "PL-1", schoolId: "SCH-W1", townCode: "370785103", itemCode: "computer",
                    quantity: 2, valueFen: 100_000, reason: .noLongerNeeded), source: "/aid/charity"),
                try .wrap(PairingEvent.TwinningFormed(
                    pairId: "TW-1", weakSchoolId: "SCH-W1", strongSchoolId: "SCH-U1", kind: .urbanRural, stages: [.primary],
                    distanceMetres: 12_000, keyPovertyVillage: true), source: "/aid/pairing"),
                try .wrap(PairingEvent.CarePairFormed(
                    pairId: "CP-1", studentId: "STU-1", volunteerId: "V-1", schoolId: "SCH-1", townCode: "370785101", match: .sameSchool), source: "/aid/pairing"),
                try .wrap(PairingEvent.CarePairFormed(
                    pairId: "CP-2", studentId: "STU-2", volunteerId: "V-2", schoolId: "SCH-1", townCode: "370785101", match: .sameTown), source: "/aid/pairing"),
                try .wrap(PairingEvent.CarePairEnded(pairId: "CP-2", studentId: "STU-2", volunteerId: "V-2", reason: .graduated), source: "/aid/pairing"),
            ]
            func record(_ envelope: CloudEventEnvelope) throws -> OutgoingMessage {
                guard let type = EventCatalog.type(named: envelope.type) else { throw EnvelopeError.unknownType(envelope.type) }
                return OutgoingMessage(
                    topic: world.topic(type.topic.name), key: envelope.subject.map { Array($0.utf8) }, value: envelope.data,
                    headers: envelope.headers.map { KafkaHeader($0.name, $0.value) })
            }
            let producer = try KafkaProducer(configuration: TestEnvironment.kafka, logger: TestEnvironment.logger)
            try await producer.sendAll(try envelopes.map(record) + [
                try record(payment),
                OutgoingMessage(topic: world.topic(Topic.training.name), key: nil, value: Array("not an event".utf8)),
            ])
            await producer.close()

            struct Figures: Decodable {
                struct Training: Decodable { var passed: Int; var failed: Int; var passRate: Double?; var enrolled: Int; var waitlisted: Int; var prioritized: Int }
                struct Inspection: Decodable { var rechecks: Int; var discrepancies: Int; var findings: Int; var clawbacksOrdered: Int; var clawbackOrderedFen: Int64; var reviewsSigned: Int; var averageReviewScore: Double? }
                struct Recheck: Decodable { var semester: String?; var aided: Int; var rechecked: Int; var share: Double? }
                struct Charity: Decodable { var schoolsAssessed: Int; var allocatedFen: Int64; var deliveredFen: Int64; var allocations: Int; var delivered: Int; var schoolsServed: Int }
                var charity: Charity
                struct Pairing: Decodable { var twinningsActive: Int; var keyPovertyVillageTwinnings: Int; var carePairsFormed: Int; var carePairsActive: Int }
                var pairing: Pairing
                var eventsApplied: Int
                var eventsSkipped: Int
                var training: Training
                var inspection: Inspection
                var recheckCoverage: Recheck
            }
            var figures: Figures?
            let folded = try await SuiteWorld.eventually(timeout: .seconds(30)) {
                figures = try await HTTP.get("\(dashboard.baseURL)/api/figures", token: nil).json(Figures.self)
                return figures.map { $0.eventsApplied == envelopes.count && $0.eventsSkipped == 1 } ?? false
            }
            let seen = try #require(figures)
            #expect(folded, "applied \(seen.eventsApplied) of \(envelopes.count), skipped \(seen.eventsSkipped) (expected 1: the unreadable record)")
            #expect(seen.training.passed == 3 && seen.training.failed == 1 && seen.training.passRate == 0.75)
            #expect(seen.training.enrolled == 1 && seen.training.waitlisted == 1 && seen.training.prioritized == 1)
            #expect(seen.recheckCoverage.semester == "2026-autumn" && seen.recheckCoverage.aided == 2 && seen.recheckCoverage.rechecked == 1 && seen.recheckCoverage.share == 0.5)
            #expect(seen.inspection.rechecks == 1 && seen.inspection.discrepancies == 1 && seen.inspection.findings == 1)
            #expect(seen.inspection.clawbacksOrdered == 1 && seen.inspection.clawbackOrderedFen == 50_000)
            #expect(seen.inspection.reviewsSigned == 1 && seen.inspection.averageReviewScore == 86)
            #expect(seen.charity.schoolsAssessed == 1 && seen.charity.schoolsServed == 1)
            #expect(seen.charity.allocatedFen == 500_000 && seen.charity.allocations == 2, "a cancelled allocation is no longer allocated")
            #expect(seen.charity.deliveredFen == 300_000 && seen.charity.delivered == 1)
            #expect(seen.pairing.twinningsActive == 1 && seen.pairing.keyPovertyVillageTwinnings == 1)
            #expect(seen.pairing.carePairsFormed == 2 && seen.pairing.carePairsActive == 1)
        }
    }

    private static func load(_ city: CityFixture, into identification: ServiceProcess, token: String) async throws {
        for (kind, body, type) in [("schools", city.schoolsCSV, "text/csv"), ("students", city.studentsJSON, "application/json"), ("registry", city.registryCSV, "text/csv")] {
            let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/\(kind)/import", token: token, body: body, contentType: type)
            #expect(reply.status == 200, "\(kind) import: \(reply.text)")
        }
    }

    private static func payEverything(_ city: CityFixture, world: SuiteWorld, disbursement: ServiceProcess) async throws {
        let schema = world.schema("disbursement")
        let granted = try await SuiteWorld.eventually {
            try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == Int64(city.expectedEntitlementCount)
        }
        try #require(granted, "entitlements were not all granted; expected \(city.expectedEntitlementCount)")
        try await PaymentDriver(baseURL: disbursement.baseURL, semester: "2026-autumn").payEverything()
    }

    /// The headline figures as the events state them: every confirmed entitlement once, its amount
    /// summed; student-times are distinct (student, semester) pairs.
    private static func expectedFigures(world: SuiteWorld, entitlements: Int) async throws -> BrowserCheck.Expected {
        let records = try await TopicReader.read([world.topic(Topic.disbursement.name)]) { records in
            Set(records.compactMap { record in
                try? record.envelope?.decode(DisbursementEvent.PaymentConfirmed.self).grant.entitlementId
            }).count >= entitlements
        }
        var grants: [String: DisbursementEvent.Grant] = [:]
        for envelope in records.compactMap(\.envelope) where envelope.type == DisbursementEvent.PaymentConfirmed.eventType {
            let grant = try envelope.decode(DisbursementEvent.PaymentConfirmed.self).grant
            grants[grant.entitlementId] = grants[grant.entitlementId] ?? grant
        }
        try #require(grants.count == entitlements, "the topic holds \(grants.count) confirmed entitlements, expected \(entitlements)")
        let studentTimes = Set(grants.values.map { "\($0.studentId)|\($0.semester)" }).count
        return BrowserCheck.Expected(disbursedFen: grants.values.reduce(0) { $0 + $1.amountFen }, studentTimes: studentTimes)
    }
}
