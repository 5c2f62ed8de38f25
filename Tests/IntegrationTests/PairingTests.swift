import AidContracts
import Foundation
import ServiceRuntime
import TestSupport
import Testing

/// Twinning and one-to-one care driven the way the city runs them: the roster comes from
/// identification, the bureau registers coordinates and strong schools and runs twinning, schools
/// register volunteers; roster changes end or re-match care pairs on their own; every pair formed
/// or ended is on the topic as a CloudEvent matching its JSON Schema, with no volunteer's name.
@Suite("Pairing: school twinning and care for left-behind children", .serialized, .timeLimit(.minutes(5)))
struct PairingTests {
    struct Pair: Decodable { var pairId: String; var weakSchoolId: String; var strongSchoolId: String; var kind: String; var endReason: String? }
    struct Run: Decodable {
        struct Unpaired: Decodable { var schoolId: String; var reason: String }
        var pairs: [Pair]
        var unpaired: [Unpaired]
    }
    struct CarePair: Decodable { var pairId: String; var studentId: String; var volunteerId: String; var match: String; var volunteerName: String? }
    struct Volunteer: Decodable { var volunteerId: String; var name: String?; var pairs: [CarePair] }
    struct Child: Decodable { var studentId: String; var schoolId: String; var leftBehind: Bool; var enrolled: Bool; var waitingSince: Date?; var activePair: CarePair? }
    struct Unpaired: Decodable {
        struct Entry: Decodable { var studentId: String; var overdue: Bool }
        var children: [Entry]
    }

    static let schoolsCSV = Data("""
        schoolId,name,townCode,districtCode,stages,isRural,servesKeyPovertyVillage,isWeakTeachingPoint
        SCH-R1,Xiaozhuang Primary,370785104,370785,primary,true,true,true
        SCH-R2,Dongling Teaching Point,370785104,370785,primary,true,false,true
        SCH-R3,Beiwang Primary,370785106,370785,primary,true,false,false
        SCH-C1,Fengcheng Street Primary,370785001,370785,primary,false,false,true
        SCH-S1,Gaomi Experimental Primary,370785001,370785,primary,false,false,false
        SCH-S2,Mizhou Road Primary,370785002,370785,primary,false,false,false

        """.utf8)

    /// Longitude offsets east of the city centre (36.383° N, 119.755° E), in hundredths of a degree (≈ 890 m).
    static let east = ["SCH-S1": 0, "SCH-C1": 3, "SCH-S2": 20, "SCH-R2": 24, "SCH-R1": 25, "SCH-R3": 40]

    static func student(_ id: String, index: Int, school: String, leftBehind: Bool) -> [String: String] {
        ["studentId": id, "residentId": CityFixture.residentID(900 + index), "name": "Student \(id)", "householdId": "HH-\(id)",
         "schoolId": school, "stage": "primary", "grade": "4", "enrolmentDate": "2024-09-01", "leftBehind": "\(leftBehind)"]
    }

    static func send(_ method: String, _ url: String, _ token: String, _ object: Any) async throws -> HTTP.Reply {
        try await HTTP.send(method, url, token: token, body: try JSONSerialization.data(withJSONObject: object))
    }

    static func json<Value: Decodable>(_ reply: HTTP.Reply, _ type: Value.Type) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: reply.body)
    }

    @Test("twinning pairs key poverty villages first with the nearest strong school; care pairs follow the roster")
    func twinningAndCare() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let pairing = try await world.start("pairing", extra: ["CARE_MAX_UNPAIRED_SECONDS": "2", "TWINNING_NEARBY_METRES": "5000"])
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let staff = try await HTTP.token(.schoolStaff, subject: "teacher-zhao")
            let auditor = try await HTTP.token(.auditor, subject: "auditor-sun")
            let api = "\(pairing.baseURL)/v1"
            let roster = "\(identification.baseURL)/v1"

            let imported = try await HTTP.send("POST", "\(roster)/schools/import", token: officer, body: Self.schoolsCSV, contentType: "text/csv")
            try #require(imported.status == 200, "\(imported.text)")
            var students = [
                Self.student("STU-A", index: 1, school: "SCH-R1", leftBehind: true), Self.student("STU-B", index: 2, school: "SCH-R1", leftBehind: true),
                Self.student("STU-C", index: 3, school: "SCH-R2", leftBehind: true), Self.student("STU-D", index: 4, school: "SCH-R1", leftBehind: false),
            ]
            let enrolled = try await HTTP.send("POST", "\(roster)/students/import", token: officer, body: try JSONSerialization.data(withJSONObject: students))
            try #require(enrolled.status == 200, "\(enrolled.text)")
            let known = try await SuiteWorld.eventually {
                let school = try await HTTP.get("\(api)/schools/SCH-S2", token: auditor).status
                let child = try await HTTP.get("\(api)/care/children/STU-D", token: auditor).status
                return school == 200 && child == 200
            }
            try #require(known, "pairing did not learn the roster")

            // Coordinates and strong schools, registered through pairing's API.
            for (school, hundredths) in Self.east {
                let reply = try await Self.send("PUT", "\(api)/schools/\(school)/location", officer, ["latitude": 36.383, "longitude": 119.755 + Double(hundredths) / 100])
                #expect(reply.status == 200, "\(school): \(reply.text)")
            }
            let offGlobe = try await Self.send("PUT", "\(api)/schools/SCH-R1/location", officer, ["latitude": 119.7, "longitude": 36.3])
            #expect(offGlobe.status == 422)
            #expect(offGlobe.errorField == "latitude")
            #expect(try await Self.send("PUT", "\(api)/schools/SCH-S1/support", officer, ["capacity": 1]).status == 200)
            #expect(try await Self.send("PUT", "\(api)/schools/SCH-S2/support", officer, ["capacity": 1]).status == 200)
            let rural = try await Self.send("PUT", "\(api)/schools/SCH-R3/support", officer, ["capacity": 1])
            #expect(rural.status == 422, "a rural school cannot be designated a strong partner: \(rural.text)")
            #expect(try await Self.send("PUT", "\(api)/schools/SCH-S1/support", staff, ["capacity": 5]).status == 403)

            // SCH-R1 serves a key poverty village: it goes first and takes the nearest, SCH-S2 (~4.5 km).
            // SCH-R2 then gets SCH-S1 (~21 km); SCH-C1 is a city school and SCH-S1, 2.7 km away, is full.
            let first = try Self.json(try await HTTP.send("POST", "\(api)/twinning/runs", token: officer), Run.self)
            #expect(first.pairs.map { "\($0.weakSchoolId)→\($0.strongSchoolId) \($0.kind)" } == ["SCH-R1→SCH-S2 urban-rural", "SCH-R2→SCH-S1 urban-rural"])
            #expect(first.unpaired.map(\.schoolId) == ["SCH-C1"])
            #expect(first.unpaired.first?.reason.contains("within 5000 m") == true)
            #expect(try Self.json(try await HTTP.send("POST", "\(api)/twinning/runs", token: officer), Run.self).pairs.isEmpty, "a second run with nothing new pairs nothing")
            #expect(try await Self.send("PUT", "\(api)/schools/SCH-S1/support", officer, ["capacity": 0]).status == 409, "capacity below current pairs")
            #expect(try await Self.send("PUT", "\(api)/schools/SCH-S1/support", officer, ["capacity": 2]).status == 200)
            let second = try Self.json(try await HTTP.send("POST", "\(api)/twinning/runs", token: officer), Run.self)
            #expect(second.pairs.map { "\($0.weakSchoolId)→\($0.strongSchoolId) \($0.kind)" } == ["SCH-C1→SCH-S1 intra-city"])

            // Activities are logged per pair; an ended pair takes none.
            let ruralPair = try #require(first.pairs.first)
            let activity = try await Self.send("POST", "\(api)/twinning/pairs/\(ruralPair.pairId)/activities", staff,
                                               ["kind": "shared-lesson", "heldOn": "2026-10-15", "participants": 64, "summary": "Grade 4 maths over video"])
            #expect(activity.status == 201, "\(activity.text)")
            let badActivity = try await Self.send("POST", "\(api)/twinning/pairs/\(ruralPair.pairId)/activities", staff,
                                                  ["kind": "picnic", "heldOn": "2026-10-15", "participants": 64, "summary": "x"])
            #expect(badActivity.status == 400)
            #expect(badActivity.errorField == "kind")
            let secondPair = first.pairs[1]
            #expect(try await HTTP.send("POST", "\(api)/twinning/pairs/\(secondPair.pairId)/end", token: officer).status == 200)
            let late = try await Self.send("POST", "\(api)/twinning/pairs/\(secondPair.pairId)/activities", staff,
                                           ["kind": "visit", "heldOn": "2026-11-02", "participants": 12, "summary": "Headteachers' visit"])
            #expect(late.status == 409)
            let cityPair = try #require(second.pairs.first)
            #expect(try await Self.send("POST", "\(roster)/schools/SCH-C1/close", officer, ["effectiveDate": "2027-02-15"]).status == 204)
            let closedEnded = try await SuiteWorld.eventually {
                try Self.json(try await HTTP.get("\(api)/twinning/pairs?schoolId=SCH-C1", token: auditor), [Pair].self).first?.endReason == "school-closed"
            }
            #expect(closedEnded, "twinning \(cityPair.pairId) did not end when SCH-C1 closed")

            // Left-behind children wait for volunteers; past the configured wait they are listed as overdue.
            let waiting = try await SuiteWorld.eventually {
                let children = try Self.json(try await HTTP.get("\(api)/care/unpaired?overdue=true", token: auditor), Unpaired.self).children
                return Set(children.map(\.studentId)) == ["STU-A", "STU-B", "STU-C"]
            }
            #expect(waiting, "the three left-behind children were not listed as overdue; STU-D is not left behind")

            let volunteerOne = try await Self.send("POST", "\(api)/volunteers", staff,
                                                   ["volunteerId": "VOL-1", "name": "Wang Fang", "townCode": "370785104", "schoolId": "SCH-R1", "capacity": 2])
            #expect(volunteerOne.status == 201, "\(volunteerOne.text)")
            #expect(try Self.json(volunteerOne, Volunteer.self).pairs.count == 2)
            let elsewhere = try await Self.send("POST", "\(api)/volunteers", staff,
                                                ["volunteerId": "VOL-X", "name": "Li Na", "townCode": "370785106", "schoolId": "SCH-R1", "capacity": 1])
            #expect(elsewhere.status == 422)
            #expect(elsewhere.errorField == "schoolId")
            #expect(try await Self.send("POST", "\(api)/volunteers", staff,
                                        ["volunteerId": "VOL-2", "name": "Zhang Wei", "townCode": "370785104", "capacity": 2]).status == 201)
            #expect(try await Self.send("POST", "\(api)/volunteers", staff,
                                        ["volunteerId": "VOL-3", "name": "Liu Yang", "townCode": "370785106", "capacity": 1]).status == 201)
            #expect(try Self.json(try await HTTP.get("\(api)/care/unpaired", token: auditor), Unpaired.self).children.isEmpty)
            let withOne = try Self.json(try await HTTP.get("\(api)/volunteers/VOL-1", token: staff), Volunteer.self)
            let withTwo = try Self.json(try await HTTP.get("\(api)/volunteers/VOL-2", token: staff), Volunteer.self)
            #expect(withOne.name == "Wang Fang")
            #expect(try Self.json(try await HTTP.get("\(api)/volunteers/VOL-1", token: auditor), Volunteer.self).name == nil, "auditors do not see names")
            try #require(withOne.pairs.count == 2 && withTwo.pairs.count == 1)
            let (moving, staying) = (withOne.pairs[0].studentId, withOne.pairs[1].studentId)
            let parentsHome = withTwo.pairs[0].studentId

            // A transfer to another township ends the pair and re-matches the child there at once.
            #expect(try await Self.send("POST", "\(roster)/students/\(moving)/transfer", officer, ["toSchoolId": "SCH-R3", "effectiveDate": "2027-03-01"]).status == 204)
            let rematched = try await SuiteWorld.eventually {
                try Self.json(try await HTTP.get("\(api)/care/children/\(moving)", token: auditor), Child.self).activePair?.volunteerId == "VOL-3"
            }
            #expect(rematched, "\(moving) was not re-matched with VOL-3 in the new township")
            // Within the township the volunteer stays.
            let pairBefore = try Self.json(try await HTTP.get("\(api)/care/children/\(staying)", token: auditor), Child.self).activePair?.pairId
            let otherSchool = students.first { $0["studentId"] == staying }?["schoolId"] == "SCH-R1" ? "SCH-R2" : "SCH-R1"
            #expect(try await Self.send("POST", "\(roster)/students/\(staying)/transfer", officer, ["toSchoolId": otherSchool, "effectiveDate": "2027-03-01"]).status == 204)

            // Parents come home: the roster says so, and the pair ends.
            let index = try #require(students.firstIndex { $0["studentId"] == parentsHome })
            students[index]["leftBehind"] = "false"
            #expect(try await HTTP.send("POST", "\(roster)/students/import", token: officer, body: try JSONSerialization.data(withJSONObject: [students[index]])).status == 200)
            let home = try await SuiteWorld.eventually {
                let child = try Self.json(try await HTTP.get("\(api)/care/children/\(parentsHome)", token: auditor), Child.self)
                return !child.leftBehind && child.activePair == nil && child.waitingSince == nil
            }
            #expect(home, "\(parentsHome)'s pair did not end when the child was no longer left behind")
            let moved = try await SuiteWorld.eventually {
                try Self.json(try await HTTP.get("\(api)/care/children/\(staying)", token: auditor), Child.self).schoolId == otherSchool
            }
            #expect(moved)
            let stayed = try Self.json(try await HTTP.get("\(api)/care/children/\(staying)", token: auditor), Child.self)
            #expect(stayed.activePair?.pairId == pairBefore, "a transfer within the township kept the pair")

            // STU-D becomes left behind: VOL-1 of its own school has a free place.
            students[3]["leftBehind"] = "true"
            #expect(try await HTTP.send("POST", "\(roster)/students/import", token: officer, body: try JSONSerialization.data(withJSONObject: [students[3]])).status == 200)
            let dPaired = try await SuiteWorld.eventually {
                try Self.json(try await HTTP.get("\(api)/care/children/STU-D", token: auditor), Child.self).activePair?.volunteerId == "VOL-1"
            }
            #expect(dPaired)
            #expect(try Self.json(try await HTTP.get("\(api)/care/children/STU-D", token: staff), Child.self).activePair?.match == "same-school")

            // Graduation ends a pair; a volunteer leaving ends theirs and their children are matched again.
            #expect(try await Self.send("POST", "\(roster)/students/\(staying)/graduate", officer, ["effectiveDate": "2027-07-01"]).status == 204)
            let graduated = try await SuiteWorld.eventually {
                try Self.json(try await HTTP.get("\(api)/care/children/\(staying)", token: auditor), Child.self).activePair == nil
            }
            #expect(graduated)
            #expect(try await HTTP.send("POST", "\(api)/volunteers/VOL-1/leave", token: staff).status == 200)
            let d = try Self.json(try await HTTP.get("\(api)/care/children/STU-D", token: auditor), Child.self)
            #expect(d.activePair?.volunteerId == "VOL-2")
            #expect(d.activePair?.match == "same-town")

            // A care room with its equipment and the days it was open; none at a closed school.
            let room = try await Self.send("POST", "\(api)/care-rooms", staff, [
                "roomId": "ROOM-R1", "schoolId": "SCH-R1", "openedOn": "2026-09-01",
                "equipment": [["itemCode": "video-phone", "quantity": 1], ["itemCode": "desk-set", "quantity": 12]],
            ])
            #expect(room.status == 201, "\(room.text)")
            #expect(try await Self.send("POST", "\(api)/care-rooms", staff, ["roomId": "ROOM-C1", "schoolId": "SCH-C1", "openedOn": "2026-09-01", "equipment": []]).status == 409)
            let equipped = try await Self.send("PUT", "\(api)/care-rooms/ROOM-R1/equipment", staff, [
                ["itemCode": "video-phone", "quantity": 2], ["itemCode": "desk-set", "quantity": 12], ["itemCode": "bookshelf", "quantity": 3],
            ])
            #expect(equipped.status == 200, "\(equipped.text)")
            for (day, children) in [("2026-10-16", 14), ("2026-10-17", 11)] {
                let opening = try await Self.send("POST", "\(api)/care-rooms/ROOM-R1/openings", staff,
                                                  ["openedOn": day, "hours": 3, "childrenPresent": children, "volunteersPresent": 2])
                #expect(opening.status == 201, "\(opening.text)")
            }
            let twice = try await Self.send("POST", "\(api)/care-rooms/ROOM-R1/openings", staff, ["openedOn": "2026-10-17", "hours": 2, "childrenPresent": 9, "volunteersPresent": 1])
            #expect(twice.status == 409)
            #expect(twice.errorField == "openedOn")
            struct Room: Decodable {
                struct Item: Decodable { var itemCode: String; var quantity: Int }
                var equipment: [Item]
                var openingDays: Int
                var openingHours: Int
            }
            let roomView = try Self.json(try await HTTP.get("\(api)/care-rooms/ROOM-R1", token: auditor), Room.self)
            #expect(roomView.equipment.map { "\($0.itemCode) \($0.quantity)" } == ["bookshelf 3", "desk-set 12", "video-phone 2"])
            #expect(roomView.openingDays == 2)
            #expect(roomView.openingHours == 6)

            // Every pair formed and ended is on the topic, once, matching its schema, without a name.
            let expected = 3 + 2 + 6 + 4
            let records = try await TopicReader.read([world.topic(Topic.pairing.name)]) { $0.count >= expected }
            let types = records.compactMap(\.envelope?.type)
            #expect(types.filter { $0 == PairingEvent.TwinningFormed.eventType }.count == 3)
            #expect(types.filter { $0 == PairingEvent.TwinningEnded.eventType }.count == 2)
            #expect(types.filter { $0 == PairingEvent.CarePairFormed.eventType }.count == 6)
            #expect(types.filter { $0 == PairingEvent.CarePairEnded.eventType }.count == 4)
            let reasons = try EmittedEvents.decode(PairingEvent.CarePairEnded.self, from: records).map(\.reason.rawValue).sorted()
            #expect(reasons == ["graduated", "no-longer-left-behind", "transferred", "volunteer-left"])
            #expect(Set(try EmittedEvents.decode(PairingEvent.TwinningEnded.self, from: records).map(\.reason)) == [.endedByBureau, .schoolClosed])
            #expect(records.allSatisfy { $0.envelope?.source == "/aid/pairing" })
            for name in ["Wang Fang", "Zhang Wei", "Liu Yang"] {
                #expect(!records.contains { String(decoding: $0.message.value, as: UTF8.self).contains(name) }, "\(name) reached the topic")
            }
            let failures = try await EmittedEvents.schemaFailures(records)
            #expect(failures.isEmpty, "events not matching their schema: \(failures.prefix(3))")
        }
    }
}
