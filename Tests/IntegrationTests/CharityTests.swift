import AidContracts
import Foundation
import ServiceRuntime
import TestSupport
import Testing

/// Donated equipment reaches the worst-off schools first: schools come from identification's
/// roster, charity matches pledges to assessed needs, records delivery and acceptance, and follows
/// a merger of schools, every step published as a CloudEvent matching its JSON Schema.
@Suite("Charity: assessments, pledges, matching, deliveries", .serialized, .timeLimit(.minutes(5)))
struct CharityTests {
    struct Allocation: Decodable {
        var allocationId: String
        var schoolId: String
        var needId: String
        var pledgeId: String
        var itemCode: String
        var quantity: Int
        var valueFen: Int64
        var priorityRank: Int
        var explanation: String
        var status: String
    }

    struct Run: Decodable {
        struct Unmet: Decodable { var needId: String; var outstanding: Int }
        var runId: String
        var allocatedFen: Int64
        var allocations: [Allocation]
        var unmet: [Unmet]
    }

    struct Totals: Decodable {
        var pledgedFen: Int64
        var allocatedFen: Int64
        var deliveredFen: Int64
        var acceptedFen: Int64
        var schoolsAssessed: Int
        var schoolsCovered: Int
        var schoolsDelivered: Int
        var openNeedUnits: Int
    }

    struct Assessment: Decodable { var conditionScore: Int }
    struct Need: Decodable { var needId: String; var schoolId: String; var quantity: Int; var status: String; var outstanding: Int }

    static let schoolsCSV = Data("""
        schoolId,name,townCode,districtCode,stages,isRural,servesKeyPovertyVillage,isWeakTeachingPoint
        SCH-W1,Teaching point Xiaozhuang,370785104,370785,primary,true,true,true
        SCH-W2,Teaching point Dongling,370785104,370785,primary,true,false,true
        SCH-W3,Teaching point Beiwang,370785106,370785,primary,true,false,true
        SCH-U1,Gaomi No. 1 Primary,370785001,370785,primary,false,false,false

        """.utf8)

    static func assessment(_ id: String, school: String, on day: String, _ facts: [String: Any], needs: [(String, Int)]) -> [String: Any] {
        ["assessmentId": id, "schoolId": school, "assessedOn": day, "checklist": facts,
         "needs": needs.map { ["itemCode": $0.0, "quantity": $0.1] }]
    }

    static func facts(pupils: Int, computers: Int, desks: Int, classrooms: Int, boards: Int, teachers: Int, office: Int, building: String) -> [String: Any] {
        ["pupils": pupils, "computers": computers, "deskStoolSets": desks, "classrooms": classrooms, "dustFreeBlackboards": boards,
         "teachers": teachers, "officeFurnitureSets": office, "building": building]
    }

    static func post(_ url: String, _ token: String, _ object: Any) async throws -> HTTP.Reply {
        try await HTTP.send("POST", url, token: token, body: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("worst-assessed schools are served first, re-runs change nothing, a merger moves what is still lacking")
    func matchingDeliveryAndMerger() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let charity = try await world.start("charity")
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let staff = try await HTTP.token(.schoolStaff, subject: "teacher-zhao")
            let auditor = try await HTTP.token(.auditor, subject: "auditor-sun")
            let api = "\(charity.baseURL)/v1"

            let imported = try await HTTP.send("POST", "\(identification.baseURL)/v1/schools/import", token: officer, body: Self.schoolsCSV, contentType: "text/csv")
            try #require(imported.status == 200, "\(imported.text)")
            let known = try await SuiteWorld.eventually {
                try await HTTP.get("\(api)/schools/SCH-U1", token: auditor).status == 200
            }
            try #require(known, "charity did not learn the schools from the roster")

            // Assessments: the checklist decides the order of need.
            let worst = Self.facts(pupils: 40, computers: 0, desks: 10, classrooms: 4, boards: 0, teachers: 4, office: 0, building: "unsafe")
            let middling = Self.facts(pupils: 60, computers: 2, desks: 45, classrooms: 4, boards: 2, teachers: 5, office: 3, building: "major-repairs")
            let fair = Self.facts(pupils: 80, computers: 6, desks: 70, classrooms: 5, boards: 5, teachers: 6, office: 6, building: "minor-repairs")
            let recorded = [
                try await Self.post("\(api)/assessments", officer, Self.assessment("AS-W1", school: "SCH-W1", on: "2026-09-10", worst, needs: [("computer", 4), ("desk-stool-set", 30)])),
                try await Self.post("\(api)/assessments", officer, Self.assessment("AS-W2", school: "SCH-W2", on: "2026-09-11", middling, needs: [("computer", 5)])),
                try await Self.post("\(api)/assessments", officer, Self.assessment("AS-W3", school: "SCH-W3", on: "2026-09-12", fair, needs: [("desk-stool-set", 10)])),
            ]
            #expect(recorded.map(\.status) == [201, 201, 201], "\(recorded.map(\.text))")
            #expect(try recorded.map { try $0.json(Assessment.self).conditionScore } == [5, 49, 86])

            // Bad requests change nothing and say which field broke which rule.
            let urban = try await Self.post("\(api)/assessments", officer, Self.assessment("AS-U1", school: "SCH-U1", on: "2026-09-12", fair, needs: []))
            #expect(urban.status == 422)
            #expect(urban.errorField == "schoolId")
            var broken = Self.assessment("AS-BAD", school: "SCH-W1", on: "2026-02-30", worst, needs: [("Computer", 0)])
            broken["checklist"] = Self.facts(pupils: 0, computers: 0, desks: 0, classrooms: 1, boards: 0, teachers: 1, office: 0, building: "unsafe")
            let invalid = try await Self.post("\(api)/assessments", officer, broken)
            #expect(invalid.status == 422)
            #expect(invalid.text.contains("checklist.pupils") && invalid.text.contains("needs[0].quantity") && invalid.text.contains("assessedOn"), "\(invalid.text)")
            #expect(try await Self.post("\(api)/assessments", staff, Self.assessment("AS-X", school: "SCH-W1", on: "2026-09-12", fair, needs: [])).status == 403)
            let unknown = try await Self.post("\(api)/assessments", officer, Self.assessment("AS-X", school: "SCH-NOPE", on: "2026-09-12", fair, needs: []))
            #expect(unknown.status == 404)
            #expect(unknown.errorField == "schoolId")

            // Pledges: computers as goods, desks as money earmarked for them.
            let goods = try await Self.post("\(api)/pledges", officer, [
                "pledgeId": "PL-FED-1", "donorId": "DONOR-FED", "donorName": "Gaomi Charity Federation", "pledgedOn": "2026-09-01",
                "lines": [["itemCode": "computer", "quantity": 6, "unitValueFen": 350_000]],
            ])
            let money = try await Self.post("\(api)/pledges", officer, [
                "pledgeId": "PL-CO-2", "donorId": "DONOR-CO-17", "donorName": "Weifang Building Materials Co.", "pledgedOn": "2026-09-02",
                "lines": [["itemCode": "desk-stool-set", "amountFen": 1_000_000, "unitValueFen": 25_000]],
            ])
            #expect(goods.status == 201 && money.status == 201, "\(goods.text) \(money.text)")
            let both = try await Self.post("\(api)/pledges", officer, [
                "pledgeId": "PL-BAD", "donorId": "DONOR-X", "donorName": "X", "pledgedOn": "2026-09-02",
                "lines": [["itemCode": "computer", "quantity": 1, "amountFen": 100, "unitValueFen": 100]],
            ])
            #expect(both.status == 422)
            #expect(both.errorField == "lines[0].amountFen")

            // The run: SCH-W1 (score 5) first, then SCH-W2 (49), then SCH-W3 (86).
            let first = try await HTTP.send("POST", "\(api)/matching-runs", token: officer)
            try #require(first.status == 200, "\(first.text)")
            let run = try first.json(Run.self)
            let made = run.allocations.map { "\($0.schoolId) \($0.itemCode) \($0.quantity) from \($0.pledgeId) rank \($0.priorityRank)" }
            #expect(made == [
                "SCH-W1 computer 4 from PL-FED-1 rank 1",
                "SCH-W1 desk-stool-set 30 from PL-CO-2 rank 1",
                "SCH-W2 computer 2 from PL-FED-1 rank 2",
                "SCH-W3 desk-stool-set 10 from PL-CO-2 rank 3",
            ])
            #expect(run.allocatedFen == 4 * 350_000 + 30 * 25_000 + 2 * 350_000 + 10 * 25_000)
            #expect(run.unmet.map(\.outstanding) == [3])
            #expect(run.allocations.allSatisfy { $0.explanation.contains("ranks \($0.priorityRank) of 3") })

            let again = try await HTTP.send("POST", "\(api)/matching-runs", token: officer).json(Run.self)
            #expect(again.allocations.isEmpty, "a second run with nothing new must allocate nothing")
            #expect(again.runId != run.runId)
            #expect(try await HTTP.get("\(api)/allocations", token: auditor).json([Allocation].self).count == 4)

            // Delivery, then acceptance by the school; each step once, in order.
            let computers = try #require(run.allocations.first)
            let deliveryURL = "\(api)/allocations/\(computers.allocationId)"
            #expect(try await Self.post("\(deliveryURL)/acceptance", staff, ["acceptedOn": "2026-10-09"]).status == 409)
            #expect(try await Self.post("\(deliveryURL)/delivery", officer, ["deliveredOn": "2026-10-08"]).status == 200)
            #expect(try await Self.post("\(deliveryURL)/delivery", officer, ["deliveredOn": "2026-10-08"]).status == 409)
            let early = try await Self.post("\(deliveryURL)/acceptance", staff, ["acceptedOn": "2026-10-07"])
            #expect(early.status == 409)
            #expect(early.errorField == "acceptedOn")
            let accepted = try await Self.post("\(deliveryURL)/acceptance", staff, ["acceptedOn": "2026-10-09"])
            #expect(try accepted.json(Allocation.self).status == "accepted", "\(accepted.text)")

            let totals = try await HTTP.get("\(api)/totals", token: auditor).json(Totals.self)
            #expect(totals.pledgedFen == 6 * 350_000 + 1_000_000)
            #expect(totals.allocatedFen == run.allocatedFen)
            #expect(totals.deliveredFen == 1_400_000)
            #expect(totals.acceptedFen == 1_400_000)
            #expect(totals.schoolsAssessed == 3)
            #expect(totals.schoolsCovered == 3)
            #expect(totals.schoolsDelivered == 1)
            #expect(totals.openNeedUnits == 3)

            // SCH-W3 merges into SCH-W2: its undelivered desks go back to the pledge, its need moves.
            let unknownClosure = try await Self.post("\(identification.baseURL)/v1/schools/SCH-NOPE/close", officer, ["effectiveDate": "2027-02-15"])
            #expect(unknownClosure.status == 404)
            let merged = try await Self.post("\(identification.baseURL)/v1/schools/SCH-W3/close", officer, ["successorSchoolId": "SCH-W2", "effectiveDate": "2027-02-15"])
            #expect(merged.status == 204, "\(merged.text)")
            let withdrawn = try await SuiteWorld.eventually {
                try await HTTP.get("\(api)/allocations?status=cancelled", token: auditor).json([Allocation].self).count == 1
            }
            #expect(withdrawn, "the merged school's undelivered allocation was not withdrawn")
            let moved = try await HTTP.get("\(api)/needs?schoolId=SCH-W2&status=open", token: auditor).json([Need].self)
            #expect(moved.map(\.needId).sorted() == ["AS-W2-1", "AS-W3-1-to-SCH-W2"])
            #expect(moved.first { $0.needId == "AS-W3-1-to-SCH-W2" }?.outstanding == 10)

            let rematched = try await HTTP.send("POST", "\(api)/matching-runs", token: officer).json(Run.self)
            #expect(rematched.allocations.map { "\($0.schoolId) \($0.needId) \($0.quantity)" } == ["SCH-W2 AS-W3-1-to-SCH-W2 10"])
            let closedDelivery = try await Self.post("\(api)/allocations/\(run.allocations[3].allocationId)/delivery", officer, ["deliveredOn": "2027-02-20"])
            #expect(closedDelivery.status == 409)

            // Every step is on the topic, once, matching its schema, with no donor name.
            let expected = 3 + 5 + 1 + 1
            let records = try await TopicReader.read([world.topic(Topic.charity.name)]) { $0.count >= expected }
            let types = records.compactMap(\.envelope?.type)
            #expect(types.filter { $0 == CharityEvent.AssessmentRecorded.eventType }.count == 3)
            #expect(types.filter { $0 == CharityEvent.AllocationMade.eventType }.count == 5)
            #expect(types.filter { $0 == CharityEvent.DeliveryConfirmed.eventType }.count == 1)
            #expect(types.filter { $0 == CharityEvent.AllocationCancelled.eventType }.count == 1)
            let confirmed = try #require(try EmittedEvents.decode(CharityEvent.DeliveryConfirmed.self, from: records).first)
            #expect(confirmed.valueFen == 1_400_000)
            #expect(confirmed.schoolId == "SCH-W1")
            let cancelled = try #require(try EmittedEvents.decode(CharityEvent.AllocationCancelled.self, from: records).first)
            #expect(cancelled.reason == .schoolMerged)
            #expect(records.allSatisfy { $0.envelope?.source == "/aid/charity" })
            #expect(!records.contains { String(decoding: $0.message.value, as: UTF8.self).contains("Federation") }, "a donor name reached the topic")
            let roster = try await TopicReader.read([world.topic(Topic.roster.name)]) { records in
                records.contains { $0.envelope?.type == RosterEvent.SchoolClosed.eventType }
            }
            let failures = try await EmittedEvents.schemaFailures(records + roster)
            #expect(failures.isEmpty, "events not matching their schema: \(failures.prefix(3))")
        }
    }
}
