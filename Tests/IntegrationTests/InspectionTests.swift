import AidContracts
import Foundation
import IdentificationDomain
import ServiceRuntime
import Testing

/// Supervision through the real `inspection` executable, with identification supplying schools,
/// students and vulnerable groups and the test standing in for disbursement's payment events:
/// one re-check per paid student and semester, overdue lists and coverage that must reach 100%
/// to close a semester; cross-district reviews final only with every signature; findings with
/// accountability records and claw-back orders (also for a payment confirmed after the finding);
/// year-end scores; care checklists of vulnerable students. Events match their schemas and carry no names.
@Suite("Inspection: re-checks, reviews, findings, care", .serialized, .timeLimit(.minutes(5)))
struct InspectionTests {
    static let autumn = Semester(year: 2026, term: .autumn)
    static let spring = Semester(year: 2027, term: .spring)

    struct RecheckTask: Decodable { var taskId: String; var studentId: String; var status: String; var overdue: Bool }
    struct Coverage: Decodable {
        struct Overall: Decodable { var studentsPaid: Int; var studentsRechecked: Int; var coveragePercent: Double; var complete: Bool; var missing: [String] }
        var overall: Overall
        var closed: Bool
    }
    struct FindingReceipt: Decodable { var clawbackOrderId: String?; var orderedPaymentIds: [String]; var totalFen: Int64 }
    struct Order: Decodable {
        struct Payment: Decodable { var paymentId: String }
        var status: String
        var totalFen: Int64
        var payments: [Payment]
    }
    struct Finding: Decodable {
        struct Person: Decodable { var name: String }
        var responsible: Person
        var schoolHead: Person
        var clawbackOrders: [String]
    }
    struct Plan: Decodable {
        struct Assigned: Decodable { var reviewId: String; var schoolId: String; var teamId: String }
        var assigned: [Assigned]
        var unassignable: [String]
    }
    struct Review: Decodable { var status: String; var score: Int?; var awaiting: [String] }
    struct Score: Decodable {
        struct YearEnd: Decodable { var reviewAverage: Int?; var deduction: Int; var score: Int? }
        var schoolId: String
        var yearEnd: YearEnd
    }
    struct Hold: Decodable { var studentId: String; var orderId: String }
    struct IdentifiedStudent: Decodable { var identification: String? }
    struct Checklist: Decodable { var studentId: String; var groups: [String]; var missing: [String] }

    @Test("re-checks to 100% coverage, cross review sign-off, findings with claw-backs, year-end scores, care gaps")
    func supervision() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let inspection = try await world.start("inspection")
            let api = "\(inspection.baseURL)/v1"
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let zhao = try await HTTP.token(.inspector, subject: "inspector-zhao")
            let qian = try await HTTP.token(.inspector, subject: "inspector-qian")
            let sun = try await HTTP.token(.inspector, subject: "inspector-sun")
            let staff = try await HTTP.token(.schoolStaff, subject: "teacher-zhang")
            let thisYear = CalendarDay.today().year

            // Schools in two districts; four students, three on registry lists, one left behind.
            let schools = """
                schoolId,name,townCode,districtCode,stages,isRural
                SCH-E1,East Primary,370785101,370785,primary;senior-secondary,true
                SCH-W1,West Junior,370786101,370786,junior-secondary,true
                SCH-W2,West Primary,370786102,370786,primary,true

                """
            let students: [[String: String]] = [
                ["studentId": "STU-A", "residentId": CityFixture.residentID(1), "name": "Student A", "householdId": "HH-A", "schoolId": "SCH-E1", "stage": "primary", "grade": "3", "enrolmentDate": "2024-09-01", "leftBehind": "true"],
                ["studentId": "STU-B", "residentId": CityFixture.residentID(2), "name": "Student B", "householdId": "HH-B", "schoolId": "SCH-W1", "stage": "junior-secondary", "grade": "8", "enrolmentDate": "2024-09-01"],
                ["studentId": "STU-C", "residentId": CityFixture.residentID(3), "name": "Student C", "householdId": "HH-C", "schoolId": "SCH-W2", "stage": "primary", "grade": "2", "enrolmentDate": "2024-09-01"],
                ["studentId": "STU-D", "residentId": CityFixture.residentID(4), "name": "Student D", "householdId": "HH-D", "schoolId": "SCH-E1", "stage": "senior-secondary", "grade": "11", "enrolmentDate": "2024-09-01"],
            ]
            let registry = "residentId,list,validFrom\n\(CityFixture.residentID(1)),orphan,2024-01-01\n\(CityFixture.residentID(2)),dibao,2024-01-01\n\(CityFixture.residentID(4)),tekun,2024-01-01\n"
            for (kind, body, type) in [("schools", Data(schools.utf8), "text/csv"), ("students", try JSONSerialization.data(withJSONObject: students), "application/json"), ("registry", Data(registry.utf8), "text/csv")] {
                let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/\(kind)/import", token: officer, body: body, contentType: type)
                #expect(reply.status == 200, "\(kind) import: \(reply.text)")
            }
            let knowsStudents = try await SuiteWorld.eventually {
                let a = try await HTTP.get("\(api)/care/students/STU-A?semester=\(Self.autumn)", token: staff)
                guard a.status == 200 else { return false }
                return try a.json(Checklist.self).groups == ["left-behind", "orphan"]
            }
            #expect(knowsStudents, "inspection never learned the roster and identification results")

            // Disbursement confirms payments (the test publishes them as disbursement would); one is delivered twice.
            func confirmed(_ paymentId: String, _ studentId: String, _ schoolId: String, _ amount: Int64, _ semester: Semester = Self.autumn) -> EventPublisher.Item {
                let grant = DisbursementEvent.Grant(
                    entitlementId: "E-\(paymentId)", studentId: studentId, programCode: "living-allowance", semester: semester,
                    amountFen: amount, schoolId: schoolId, townCode: "370785101")
                return .init(id: "confirmed:\(paymentId)", event: DisbursementEvent.PaymentConfirmed(paymentId: paymentId, batchId: "B-1", grant: grant, bankReference: "REF-\(paymentId)"))
            }
            let payments = [
                confirmed("P-A1", "STU-A", "SCH-E1", 50_000), confirmed("P-A2", "STU-A", "SCH-E1", 62_500),
                confirmed("P-B1", "STU-B", "SCH-W1", 62_500), confirmed("P-D1", "STU-D", "SCH-E1", 100_000),
            ]
            var again = payments[0]
            again.id = "a-second-event-id-for-P-A1"
            try await EventPublisher.publish(payments + [payments[0], again], to: world.topic(Topic.disbursement.name), source: "/aid/disbursement")
            var tasks: [RecheckTask] = []
            let scheduled = try await SuiteWorld.eventually {
                tasks = try await HTTP.get("\(api)/rechecks?semester=\(Self.autumn)", token: staff).json([RecheckTask].self)
                return tasks.count == 3
            }
            #expect(scheduled, "one re-check per paid student: \(tasks.map(\.studentId))")
            #expect(tasks.map(\.studentId).sorted() == ["STU-A", "STU-B", "STU-D"] && tasks.allSatisfy { $0.status == "open" })
            #expect(try await HTTP.get("\(api)/rechecks/overdue?asOf=2027-01-31", token: staff).json([RecheckTask].self).isEmpty)
            #expect(try await HTTP.get("\(api)/rechecks/overdue?asOf=2027-02-01", token: staff).json([RecheckTask].self).count == 3)
            #expect(try await HTTP.get("\(api)/rechecks/overdue?asOf=tomorrow", token: staff).errorField == "asOf")

            // Coverage must reach 100% before the semester closes.
            let refused = try await HTTP.send("POST", "\(api)/semesters/\(Self.autumn)/close", token: zhao)
            #expect(refused.status == 409 && refused.errorField == "semester", "\(refused.text)")
            func complete(_ studentId: String, _ method: String, _ outcome: String, on day: String = "2026-11-20") async throws -> HTTP.Reply {
                try await HTTP.post("\(api)/rechecks/RCK-\(Self.autumn)-\(studentId)/complete", token: staff, json: ["method": method, "outcome": outcome, "completedOn": day])
            }
            #expect(try await complete("STU-A", "home-visit", "confirmed").status == 200)
            #expect(try await complete("STU-A", "home-visit", "confirmed").status == 409)
            #expect(try await complete("STU-B", "letter", "confirmed").errorField == "method")
            #expect(try await complete("STU-B", "phone-callback", "confirmed", on: "2099-01-01").errorField == "completedOn")
            #expect(try await complete("STU-B", "phone-callback", "confirmed", on: "2026-08-31").errorField == "completedOn")
            #expect(try await HTTP.post("\(api)/rechecks/RCK-none/complete", token: staff, json: ["method": "home-visit", "outcome": "confirmed", "completedOn": "2026-11-20"]).status == 404)
            #expect(try await complete("STU-B", "phone-callback", "discrepancy").status == 200)
            var coverage = try await HTTP.get("\(api)/rechecks/coverage?semester=\(Self.autumn)", token: staff).json(Coverage.self)
            #expect(coverage.overall.studentsPaid == 3 && coverage.overall.studentsRechecked == 2 && coverage.overall.coveragePercent == 66.6)
            #expect(coverage.overall.missing == ["STU-D"] && !coverage.closed)
            #expect(try await complete("STU-D", "on-site-check", "confirmed").status == 200)
            let closed = try await HTTP.send("POST", "\(api)/semesters/\(Self.autumn)/close", token: zhao)
            #expect(closed.status == 200, "\(closed.text)")
            coverage = try closed.json(Coverage.self)
            #expect(coverage.overall.complete && coverage.overall.coveragePercent == 100 && coverage.closed)

            // A fraud finding orders B's payment back; bad findings change nothing.
            let responsible = ["name": "Zhou Ming", "position": "class teacher"]
            let head = ["name": "Wu Hong", "position": "head teacher"]
            func finding(_ id: String, _ student: String, _ kind: String, paymentIds: [String]? = nil, task: String? = nil) -> FindingBody {
                FindingBody(findingId: id, studentId: student, kind: kind, summary: "Household income under-declared; parent employed in the city",
                            responsible: responsible, schoolHead: head, paymentIds: paymentIds, recheckTaskId: task)
            }
            let wrongPayment = try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-X", "STU-B", "fraud", paymentIds: ["P-A1"]))
            #expect(wrongPayment.status == 422 && wrongPayment.errorField == "paymentIds[0]", "\(wrongPayment.text)")
            #expect(try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-X", "STU-NOBODY", "fraud")).errorField == "studentId")
            #expect(try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-X", "STU-D", "procedural", paymentIds: ["P-D1"])).errorField == "paymentIds")
            #expect(try await HTTP.post("\(api)/findings", token: staff, json: finding("F-X", "STU-B", "fraud")).status == 403)
            let fraud = try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-B", "STU-B", "fraud", task: "RCK-\(Self.autumn)-STU-B"))
            #expect(fraud.status == 201, "\(fraud.text)")
            let receipt = try fraud.json(FindingReceipt.self)
            #expect(receipt.clawbackOrderId == "CBO-F-B" && receipt.orderedPaymentIds == ["P-B1"] && receipt.totalFen == 62_500)
            #expect(try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-B", "STU-B", "fraud")).status == 409)
            let lapse = try await HTTP.post("\(api)/findings", token: zhao, json: finding("F-D", "STU-D", "procedural"))
            #expect(lapse.status == 201)
            #expect(try lapse.json(FindingReceipt.self).clawbackOrderId == nil)
            let record = try await HTTP.get("\(api)/findings/F-B", token: sun).json(Finding.self)
            #expect(record.responsible.name == "Zhou Ming" && record.schoolHead.name == "Wu Hong")
            #expect(try await HTTP.get("\(api)/findings/F-B", token: staff).status == 403)

            // A payment to B confirmed after the finding (it was at the bank) is ordered back too.
            try await EventPublisher.publish([confirmed("P-B2", "STU-B", "SCH-W1", 62_500, Self.spring)], to: world.topic(Topic.disbursement.name), source: "/aid/disbursement")
            let followedUp = try await SuiteWorld.eventually {
                let reply = try await HTTP.get("\(api)/clawbacks/CBO-F-B-P-B2", token: zhao)
                guard reply.status == 200 else { return false }
                return try reply.json(Order.self).payments.map(\.paymentId) == ["P-B2"]
            }
            #expect(followedUp, "the payment confirmed after the finding was not ordered back")
            #expect(try await HTTP.get("\(api)/findings/F-B", token: zhao).json(Finding.self).clawbackOrders.sorted() == ["CBO-F-B", "CBO-F-B-P-B2"])
            #expect(try await HTTP.get("\(api)/rechecks?semester=\(Self.spring)&status=open", token: staff).json([RecheckTask].self).map(\.studentId) == ["STU-B"])

            // Cross review: never the own district; final only when every member has signed.
            #expect(try await HTTP.post("\(api)/campaigns", token: zhao, json: CampaignBody(campaignId: "C-SPRING", title: "Spring-semester special inspection", year: thisYear, startsOn: "\(thisYear)-03-01", endsOn: "\(thisYear)-05-31")).status == 201)
            for (team, district, members) in [("T-785", "370785", [("inspector-zhao", "Zhao Lei"), ("inspector-qian", "Qian Yu")]), ("T-786", "370786", [("inspector-sun", "Sun Hao"), ("inspector-li", "Li Na")])] {
                let body = TeamBody(teamId: team, districtCode: district, members: members.map { ["inspectorId": $0.0, "name": $0.1] })
                #expect(try await HTTP.post("\(api)/campaigns/C-SPRING/teams", token: zhao, json: body).status == 201)
            }
            let ownDistrict = try await HTTP.post("\(api)/campaigns/C-SPRING/reviews", token: zhao, json: ["schoolId": "SCH-E1", "teamId": "T-785"])
            #expect(ownDistrict.status == 422 && ownDistrict.errorField == "teamId", "\(ownDistrict.text)")
            let plan = try await HTTP.send("POST", "\(api)/campaigns/C-SPRING/assignments", token: zhao).json(Plan.self)
            #expect(Dictionary(uniqueKeysWithValues: plan.assigned.map { ($0.schoolId, $0.teamId) }) == ["SCH-E1": "T-786", "SCH-W1": "T-785", "SCH-W2": "T-785"])
            #expect(plan.unassignable.isEmpty)
            let review = "\(api)/reviews/REV-C-SPRING-SCH-W1"
            #expect(try await HTTP.send("POST", "\(review)/signatures", token: zhao).status == 409, "nothing to sign before a result")
            #expect(try await HTTP.post("\(review)/result", token: sun, json: ["aidManagementScore": 90, "archiveManagementScore": 80]).status == 403)
            #expect(try await HTTP.post("\(review)/result", token: zhao, json: ["aidManagementScore": 90, "archiveManagementScore": 180]).errorField == "archiveManagementScore")
            #expect(try await HTTP.post("\(review)/result", token: zhao, json: ["aidManagementScore": 90, "archiveManagementScore": 80]).json(Review.self).score == 86)
            let first = try await HTTP.send("POST", "\(review)/signatures", token: zhao).json(Review.self)
            #expect(first.status == "open" && first.awaiting == ["inspector-qian"])
            #expect(try await HTTP.send("POST", "\(review)/signatures", token: zhao).status == 409)
            #expect(try await HTTP.post("\(review)/result", token: qian, json: ["aidManagementScore": 60, "archiveManagementScore": 60]).status == 409, "a signed result cannot change")
            #expect(try await HTTP.send("POST", "\(review)/signatures", token: qian).json(Review.self).status == "final")

            // Year-end score: the final review less 10 for the fraud at the school.
            let scores = try await HTTP.get("\(api)/year-end-scores?year=\(thisYear)", token: officer).json([Score].self)
            let west = try #require(scores.first { $0.schoolId == "SCH-W1" })
            #expect(west.yearEnd.reviewAverage == 86 && west.yearEnd.deduction == 10 && west.yearEnd.score == 76)
            let east = try #require(scores.first { $0.schoolId == "SCH-E1" })
            #expect(east.yearEnd.score == nil && east.yearEnd.deduction == 3, "no final review yet, one procedural lapse")

            // Care: who lacks what; a recorded measure closes its gap; payments count as financial aid.
            func measure(_ student: String, _ measure: String) async throws -> HTTP.Reply {
                try await HTTP.post("\(api)/care/measures", token: staff, json: ["studentId": student, "semester": "\(Self.autumn)", "measure": measure, "deliveredOn": "2026-10-10"])
            }
            #expect(try await measure("STU-A", "home-visit").status == 201)
            #expect(try await measure("STU-A", "guardian-contact").status == 201)
            #expect(try await measure("STU-A", "financial-aid").errorField == "measure")
            #expect(try await measure("STU-A", "hugs").errorField == "measure")
            // Identification revokes B on the claw-back order, so B is no longer counted as a dibao student.
            var gaps: [Checklist] = []
            let revokedB = try await SuiteWorld.eventually {
                gaps = try await HTTP.get("\(api)/care/gaps?semester=\(Self.autumn)", token: staff).json([Checklist].self)
                return !gaps.contains { $0.studentId == "STU-B" }
            }
            #expect(revokedB, "identification did not revoke B on the claw-back order")
            #expect(gaps.map(\.studentId) == ["STU-A", "STU-D"])
            #expect(gaps.first?.missing == ["one-to-one-pairing", "psychological-counselling"])
            #expect(gaps.last?.missing == ["home-visit"])

            // Identification holds B: a new run does not identify B again, and B is no gap; lifting decides afresh.
            let idAPI = "\(identification.baseURL)/v1"
            #expect(try await HTTP.get("\(idAPI)/inspection-holds", token: officer).json([Hold].self).map(\.orderId) == ["CBO-F-B"])
            #expect(try await HTTP.send("POST", "\(idAPI)/identification/runs", token: officer).status == 200)
            #expect(try await HTTP.get("\(idAPI)/students/STU-B", token: officer).json(IdentifiedStudent.self).identification == "revoked")
            #expect(try await HTTP.get("\(idAPI)/identification/gaps", token: officer).text == "[]")
            #expect(try await HTTP.post("\(idAPI)/students/STU-B/hold/lift", token: zhao, json: ["reason": "appeal upheld"]).status == 403)
            #expect(try await HTTP.post("\(idAPI)/students/STU-B/hold/lift", token: officer, json: ["reason": ""]).errorField == "reason")
            #expect(try await HTTP.post("\(idAPI)/students/STU-B/hold/lift", token: officer, json: ["reason": "appeal upheld by the bureau"]).status == 204)
            #expect(try await HTTP.get("\(idAPI)/students/STU-B", token: officer).json(IdentifiedStudent.self).identification == "active")
            #expect(try await HTTP.post("\(idAPI)/students/STU-B/hold/lift", token: officer, json: ["reason": "again"]).status == 404)

            // The topic: each step once, matching the schemas, no person's name.
            let records = try await TopicReader.read([world.topic(Topic.inspection.name)]) { $0.count >= 8 }
            #expect(try EmittedEvents.decode(InspectionEvent.RecheckCompleted.self, from: records).map(\.studentId).sorted() == ["STU-A", "STU-B", "STU-D"])
            #expect(try EmittedEvents.decode(InspectionEvent.FindingRecorded.self, from: records).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.fraud, .procedural])
            let orders = try EmittedEvents.decode(InspectionEvent.ClawbackOrdered.self, from: records)
            #expect(orders.map(\.orderId).sorted() == ["CBO-F-B", "CBO-F-B-P-B2"])
            #expect(orders.flatMap(\.payments).map(\.paymentId).sorted() == ["P-B1", "P-B2"])
            let signed = try EmittedEvents.decode(InspectionEvent.ReviewSigned.self, from: records)
            #expect(signed.map(\.score) == [86] && signed.first?.signatures == 2 && signed.first?.year == thisYear)
            #expect(records.count == 8, "each step is published once")
            let payloads = records.map { String(decoding: $0.message.value, as: UTF8.self) }
            for name in ["Zhou Ming", "Wu Hong", "Zhao Lei", "Qian Yu", "Sun Hao", "Li Na"] {
                #expect(!payloads.contains { $0.contains(name) }, "\(name) reached the topic")
            }
            #expect(try await EmittedEvents.schemaFailures(records).isEmpty)

            // A payment to B confirmed after the bureau lifted the hold: inspection orders it back under the same
            // finding, and identification applies the order but leaves B identified: the bureau has decided on
            // that finding. (The same holds for CBO-F-B-P-B2 when it happens to arrive after the lift.)
            try await EventPublisher.publish([confirmed("P-B3", "STU-B", "SCH-W1", 62_500, Self.spring)], to: world.topic(Topic.disbursement.name), source: "/aid/disbursement")
            let identificationSchema = world.schema("identification")
            let applied = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(identificationSchema).applied_clawback_orders WHERE order_id = 'CBO-F-B-P-B3'") == 1
            }
            #expect(applied, "identification never received the order for the payment confirmed after the lift")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(identificationSchema).applied_clawback_orders WHERE student_id = 'STU-B'") == 3)
            #expect(try await HTTP.get("\(idAPI)/students/STU-B", token: officer).json(IdentifiedStudent.self).identification == "active")
            #expect(try await HTTP.get("\(idAPI)/inspection-holds", token: officer).text == "[]")
            #expect(try await FraudClawbackEndToEndTests.outboxCount(identificationSchema, IdentificationEvent.IdentificationRevoked.eventType) == 1, "B was revoked again")
            let revocations = try await TopicReader.read([world.topic(Topic.identification.name)]) { records in
                records.contains { $0.envelope?.type == IdentificationEvent.IdentificationRevoked.eventType }
            }
            #expect(try EmittedEvents.decode(IdentificationEvent.IdentificationRevoked.self, from: revocations).map(\.reason) == ["inspection-finding"])
        }
    }

    struct FindingBody: Encodable {
        var findingId: String
        var studentId: String
        var kind: String
        var summary: String
        var responsible: [String: String]
        var schoolHead: [String: String]
        var paymentIds: [String]?
        var recheckTaskId: String?
    }
    struct CampaignBody: Encodable { var campaignId: String; var title: String; var year: Int; var startsOn: String; var endsOn: String }
    struct TeamBody: Encodable { var teamId: String; var districtCode: String; var members: [[String: String]] }
}
