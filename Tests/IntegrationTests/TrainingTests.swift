import AidContracts
import Foundation
import ServiceRuntime
import Testing

/// Vocational training through the real `training` executable: members of households that
/// identification found in need wait ahead of others; a withdrawal or more seats promote the next
/// in line; attendance and exams decide passes and certificates; pass rates are queryable; every
/// step is a CloudEvent matching its schema, with opaque trainee ids only.
@Suite("Training: enrolment, waitlist, exams", .serialized, .timeLimit(.minutes(5)))
struct TrainingTests {
    struct Registered: Decodable { var traineeId: String; var prioritized: Bool }
    struct Receipt: Decodable { var enrolmentId: String; var status: String; var position: Int?; var prioritized: Bool }
    struct Change: Decodable { var capacity: Int; var promoted: [String] }
    struct Session: Decodable {
        struct Seat: Decodable { var traineeId: String }
        struct Place: Decodable { var position: Int; var traineeId: String; var prioritized: Bool }
        var capacity: Int
        var enrolled: [Seat]
        var waitlist: [Place]
    }
    struct Result: Decodable { var traineeId: String; var outcome: String; var attendancePercent: Int; var certificateId: String?; var reasons: [String] }
    struct Rates: Decodable {
        struct Row: Decodable { var key: String; var examined: Int; var passed: Int; var passRatePercent: Double }
        var rows: [Row]
        var overall: Row
    }
    struct Certificate: Decodable { var traineeId: String; var name: String?; var courseTitle: String; var score: Int }

    @Test("priority waitlist, promotions, exams, certificates and pass rates, all on the topic")
    func trainingPath() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let training = try await world.start("training")
            let api = "\(training.baseURL)/v1"
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let staff = try await HTTP.token(.schoolStaff, subject: "teacher-zhang")
            let auditor = try await HTTP.token(.auditor, subject: "auditor-sun")

            // Identification finds households in need (the listed students of the fixture).
            let city = CityFixture(studentCount: 5)
            for (kind, body, type) in [("schools", city.schoolsCSV, "text/csv"), ("students", city.studentsJSON, "application/json"), ("registry", city.registryCSV, "text/csv")] {
                let reply = try await HTTP.send("POST", "\(identification.baseURL)/v1/\(kind)/import", token: officer, body: body, contentType: type)
                #expect(reply.status == 200, "\(kind) import: \(reply.text)")
            }

            #expect(try await HTTP.post("\(api)/centres", token: officer, json: [
                "centreId": "CTR-TECH-02", "name": "Gaomi Technical School", "kind": "technical-school", "townCode": "370785001",
            ]).status == 201)
            #expect(try await HTTP.post("\(api)/courses", token: officer, json: [
                "courseId": "CRS-MASONRY", "centreId": "CTR-TECH-02", "title": "Masonry and tiling", "trade": "construction", "hours": "x",
            ]).errorField == "hours")
            let course = try await HTTP.send("POST", "\(api)/courses", token: officer, body: Data(#"{"courseId":"CRS-MASONRY","centreId":"CTR-TECH-02","title":"Masonry and tiling","trade":"construction","hours":120}"#.utf8))
            #expect(course.status == 201, "\(course.text)")
            let badSession = try await HTTP.post("\(api)/sessions", token: officer, json: SessionBody(sessionId: "SES-1", courseId: "CRS-MASONRY", startsOn: "2026-03-10", endsOn: "2026-03-01", capacity: 2))
            #expect(badSession.status == 422 && badSession.errorField == "endsOn", "\(badSession.text)")
            #expect(try await HTTP.post("\(api)/sessions", token: officer, json: SessionBody(sessionId: "SES-1", courseId: "CRS-MASONRY", startsOn: "2026-03-01", endsOn: "2026-03-10", capacity: 2)).status == 201)
            #expect(try await HTTP.post("\(api)/sessions", token: officer, json: SessionBody(sessionId: "SES-1", courseId: "CRS-MASONRY", startsOn: "2026-03-01", endsOn: "2026-03-10", capacity: 2)).status == 409)

            // Trainees: two of them from households identification found in need.
            func register(_ name: String, household: String? = nil) async throws -> String {
                var body = ["name": name, "townCode": "370785101"]
                body["householdId"] = household
                let reply = try await HTTP.post("\(api)/trainees", token: staff, json: body)
                #expect(reply.status == 201, "\(reply.text)")
                return try reply.json(Registered.self).traineeId
            }
            let names = ["Wang Jianguo", "Li Guifang", "Zhao Tiezhu", "Liu Dahai", "Chen Xiulan"]
            let a = try await register(names[0])
            let b = try await register(names[1])
            let needy1 = try await register(names[2], household: "HH-STU-000000")
            let d = try await register(names[3])
            let needy2 = try await register(names[4], household: "HH-STU-000002")
            let knowsHouseholds = try await SuiteWorld.eventually {
                let first = try await HTTP.get("\(api)/trainees/\(needy1)", token: staff).json(Registered.self)
                let second = try await HTTP.get("\(api)/trainees/\(needy2)", token: staff).json(Registered.self)
                return first.prioritized && second.prioritized
            }
            #expect(knowsHouseholds, "training never learned of the identified households")
            #expect(try await HTTP.post("\(api)/trainees", token: staff, json: ["name": " ", "townCode": "370785101"]).errorField == "name")

            func enrol(_ traineeId: String) async throws -> Receipt {
                let reply = try await HTTP.post("\(api)/sessions/SES-1/enrolments", token: staff, json: ["traineeId": traineeId])
                #expect(reply.status == 201, "\(reply.text)")
                return try reply.json(Receipt.self)
            }
            let enrolmentA = try await enrol(a)
            #expect(enrolmentA.status == "enrolled")
            #expect(try await enrol(b).status == "enrolled")
            #expect(try await enrol(d).position == 1)
            let needy1Receipt = try await enrol(needy1)
            #expect(needy1Receipt.status == "waitlisted" && needy1Receipt.position == 1 && needy1Receipt.prioritized, "priority goes ahead of an earlier request")
            #expect(try await enrol(needy2).position == 2)
            let twice = try await HTTP.post("\(api)/sessions/SES-1/enrolments", token: staff, json: ["traineeId": b])
            #expect(twice.status == 409 && twice.errorField == "traineeId")
            #expect(try await HTTP.post("\(api)/sessions/NO-SUCH/enrolments", token: staff, json: ["traineeId": b]).status == 404)

            // A withdrawal hands the seat to the first in line; more seats go to the next.
            let withdrawal = try await HTTP.send("POST", "\(api)/enrolments/\(enrolmentA.enrolmentId)/withdraw", token: staff).json(Change.self)
            #expect(withdrawal.promoted == [needy1Receipt.enrolmentId])
            #expect(try await HTTP.send("POST", "\(api)/enrolments/\(enrolmentA.enrolmentId)/withdraw", token: staff).status == 409)
            var session = try await HTTP.get("\(api)/sessions/SES-1", token: staff).json(Session.self)
            #expect(Set(session.enrolled.map(\.traineeId)) == [b, needy1])
            #expect(session.waitlist.map(\.traineeId) == [needy2, d])
            let shrink = try await HTTP.post("\(api)/sessions/SES-1/capacity", token: officer, json: ["capacity": 1])
            #expect(shrink.status == 422 && shrink.errorField == "capacity", "\(shrink.text)")
            #expect(try await HTTP.post("\(api)/sessions/SES-1/capacity", token: officer, json: ["capacity": 3]).json(Change.self).promoted.count == 1)
            session = try await HTTP.get("\(api)/sessions/SES-1", token: staff).json(Session.self)
            #expect(Set(session.enrolled.map(\.traineeId)) == [b, needy1, needy2])
            #expect(session.waitlist.map(\.traineeId) == [d])

            // Five class days: needy1 attends three (60%), the others all five.
            for day in 2...6 {
                let present = day <= 4 ? [b, needy1, needy2] : [b, needy2]
                let reply = try await HTTP.post("\(api)/sessions/SES-1/attendance", token: staff, json: RollCallBody(day: "2026-03-0\(day)", present: present))
                #expect(reply.status == 200, "\(reply.text)")
            }
            let outside = try await HTTP.post("\(api)/sessions/SES-1/attendance", token: staff, json: RollCallBody(day: "2026-04-01", present: [b]))
            #expect(outside.status == 422 && outside.errorField == "day")
            let stranger = try await HTTP.post("\(api)/sessions/SES-1/attendance", token: staff, json: RollCallBody(day: "2026-03-07", present: [d]))
            #expect(stranger.status == 422 && stranger.errorField == "present[0]")

            // A sheet with one bad line changes nothing; then the real results.
            let badSheet = try await HTTP.post("\(api)/sessions/SES-1/exam-results", token: staff, json: ExamBody(examDay: "2026-03-11", results: [.init(traineeId: b, score: 85), .init(traineeId: d, score: 70)]))
            #expect(badSheet.status == 422 && badSheet.errorField == "results[1].traineeId", "\(badSheet.text)")
            let future = try await HTTP.post("\(api)/sessions/SES-1/exam-results", token: staff, json: ExamBody(examDay: "2099-03-11", results: [.init(traineeId: b, score: 85)]))
            #expect(future.status == 422 && future.errorField == "examDay")
            let outOfRange = try await HTTP.post("\(api)/sessions/SES-1/exam-results", token: staff, json: ExamBody(examDay: "2026-03-11", results: [.init(traineeId: b, score: 120)]))
            #expect(outOfRange.errorField == "results[0].score")
            let sheet = try await HTTP.post("\(api)/sessions/SES-1/exam-results", token: staff, json: ExamBody(examDay: "2026-03-11", results: [
                .init(traineeId: b, score: 85), .init(traineeId: needy1, score: 90), .init(traineeId: needy2, score: 50),
            ]))
            #expect(sheet.status == 201, "\(sheet.text)")
            let results = Dictionary(uniqueKeysWithValues: try sheet.json([Result].self).map { ($0.traineeId, $0) })
            #expect(results[b]?.outcome == "passed" && results[b]?.certificateId != nil)
            #expect(results[needy1]?.outcome == "failed" && results[needy1]?.attendancePercent == 60)
            #expect(results[needy2]?.reasons == ["score 50 is below the pass mark 60"])
            #expect(try await HTTP.post("\(api)/sessions/SES-1/exam-results", token: staff, json: ExamBody(examDay: "2026-03-11", results: [.init(traineeId: b, score: 85)])).status == 422)
            #expect(try await HTTP.post("\(api)/sessions/SES-1/enrolments", token: staff, json: ["traineeId": a]).status == 409, "an examined session is closed")

            let certificateId = try #require(results[b]?.certificateId)
            let forStaff = try await HTTP.get("\(api)/certificates/\(certificateId)", token: staff).json(Certificate.self)
            #expect(forStaff.name == names[1] && forStaff.score == 85 && forStaff.courseTitle == "Masonry and tiling")
            #expect(try await HTTP.get("\(api)/certificates/\(certificateId)", token: auditor).json(Certificate.self).name == nil)

            let rates = try await HTTP.get("\(api)/pass-rates?by=course&year=2026", token: auditor).json(Rates.self)
            #expect(rates.rows.map(\.key) == ["CRS-MASONRY"])
            #expect(rates.overall.examined == 3 && rates.overall.passed == 1 && rates.overall.passRatePercent == 33.3)
            #expect(try await HTTP.get("\(api)/pass-rates?by=centre", token: auditor).json(Rates.self).rows.map(\.key) == ["CTR-TECH-02"])
            #expect(try await HTTP.get("\(api)/pass-rates?by=village", token: auditor).errorField == "by")
            #expect(try await HTTP.get("\(api)/pass-rates?by=year", token: auditor).json(Rates.self).rows.first?.key == "2026")

            // The topic: every step once, matching the schemas, with no name anywhere.
            let records = try await TopicReader.read([world.topic(Topic.training.name)]) { $0.count >= 11 }
            #expect(Set(try EmittedEvents.decode(TrainingEvent.TraineeEnrolled.self, from: records).map(\.traineeId)) == [a, b, needy1, needy2])
            let promoted = try EmittedEvents.decode(TrainingEvent.TraineeEnrolled.self, from: records).filter(\.fromWaitlist)
            #expect(Set(promoted.map(\.traineeId)) == [needy1, needy2] && promoted.allSatisfy(\.prioritized))
            // Keyed by trainee, so events of different trainees may arrive in any order.
            #expect(try EmittedEvents.decode(TrainingEvent.TraineeWaitlisted.self, from: records).map(\.position).sorted() == [1, 1, 2])
            #expect(try EmittedEvents.decode(TrainingEvent.EnrolmentWithdrawn.self, from: records).map(\.traineeId) == [a])
            let completed = try EmittedEvents.decode(TrainingEvent.TrainingCompleted.self, from: records)
            #expect(completed.count == 3)
            #expect(completed.filter { $0.outcome == .passed }.map(\.certificateId) == [certificateId])
            #expect(completed.filter { $0.outcome == .failed }.allSatisfy { $0.certificateId == nil })
            #expect(records.count == 11, "each step is published once")
            let payloads = records.map { String(decoding: $0.message.value, as: UTF8.self) }
            #expect(!payloads.contains { payload in names.contains { payload.contains($0) } }, "a trainee's name reached the topic")
            #expect(try await EmittedEvents.schemaFailures(records).isEmpty)
        }
    }

    struct SessionBody: Encodable { var sessionId: String; var courseId: String; var startsOn: String; var endsOn: String; var capacity: Int }
    struct RollCallBody: Encodable { var day: String; var present: [String] }
    struct ExamBody: Encodable {
        struct Line: Encodable { var traineeId: String; var score: Int }
        var examDay: String
        var results: [Line]
    }
}
