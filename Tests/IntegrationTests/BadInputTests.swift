import AidContracts
import Foundation
import Kafka
import PostgresNIO
import ServiceRuntime
import Testing

/// What the suite does with input it must not accept: poison events are dead-lettered with their
/// reason and original bytes without stalling their partition, and HTTP requests are refused with
/// a status and an error body that name the field, line or rule at fault.
@Suite("Bad input: poison events and refused requests", .serialized, .timeLimit(.minutes(5)))
struct BadInputTests {
    static let semester = "2026-autumn"

    /// The error body every service answers with.
    struct ErrorBody: Decodable {
        struct Problem: Decodable, Equatable { var field: String?; var rule: String; var line: Int? }
        struct Detail: Decodable { var status: Int; var field: String?; var rule: String; var problems: [Problem] }
        var error: Detail
    }

    /// A record the disbursement consumer cannot use, and what its dead-letter reason must mention.
    struct Poison {
        var name: String
        var message: OutgoingMessage
        var reasonMentions: [String]
        /// Nil when the record carries no usable ce_id (it is then known by topic, partition and offset).
        var ceId: String?
    }

    @Test("poison events ahead of good ones on the same partition are dead-lettered with reason and original bytes; the good events are applied")
    func poisonEventsAreDeadLetteredWithoutStallingThePartition() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            try await RedeliveryTests.openSemester(disbursement)
            let schema = world.schema("disbursement")
            let topic = world.topic(Topic.identification.name)
            let deadLetterTopic = world.topic(Topic.deadLetter(group: "disbursement").name)
            let group = world.topicPrefix + "disbursement"

            // Every record goes under the first good student's key, so all share one partition.
            let key = "GOOD-1"
            let good = [
                IdentifiedStudents.Student(id: "GOOD-1", stage: .seniorSecondary, tier: .difficult, school: "SCH-H1"),
                IdentifiedStudents.Student(id: "GOOD-2", stage: .primary, tier: .especiallyDifficult, school: "SCH-P1"),
            ]
            let poisons = try Self.poisons(topic: topic, key: key)
            let firstGood = try RawEvents.cloudEvent(IdentifiedStudents.event(good[0]), id: "identified-GOOD-1", topic: topic, key: key)
            let firstReports = try await RawEvents.publish(poisons.map(\.message) + [firstGood])
            #expect(Set(firstReports.map(\.partition)).count == 1, "the records did not share a partition")

            let firstApplied = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements WHERE student_id = 'GOOD-1'") == 2
            }
            #expect(firstApplied, "the good event behind the poison was not applied: the partition is stalled\n\(disbursement.tail())")

            // The same poison again (same headers and bytes, new offsets), then another good event.
            let secondGood = try RawEvents.cloudEvent(IdentifiedStudents.event(good[1]), id: "identified-GOOD-2", topic: topic, key: key)
            let secondReports = try await RawEvents.publish(poisons.map(\.message) + [secondGood])
            let secondApplied = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements WHERE student_id = 'GOOD-2'") == 1
            }
            #expect(secondApplied, "the good event behind the re-published poison was not applied\n\(disbursement.tail())")
            try #require(try await RawEvents.settled(group: group, topics: [topic], schema: schema))

            // Nothing was written for the poison: only the good students exist, with what they are owed.
            let students = try await Self.strings("SELECT student_id FROM \(schema).students ORDER BY 1")
            #expect(students == ["GOOD-1", "GOOD-2"])
            let entitled = try await Self.strings("SELECT DISTINCT student_id FROM \(schema).entitlements ORDER BY 1")
            #expect(entitled == ["GOOD-1", "GOOD-2"])
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == 3)

            // Every poison of the first round is dead-lettered once; of the second round, the records
            // without a usable ce_id again (they are new records), while those with a ce_id are known
            // to the inbox as already dead-lettered and are skipped.
            let unreadable = poisons.filter { $0.ceId == nil }
            let expectedDeadLetters = poisons.count + unreadable.count
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox WHERE consumer_group = 'disbursement' AND outcome = 'processed'") == 2)
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox WHERE consumer_group = 'disbursement' AND outcome = 'dead-lettered'") == Int64(expectedDeadLetters))
            for poison in poisons {
                guard let ceId = poison.ceId else { continue }
                #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).inbox WHERE event_id = '\(ceId)'") == 1, "\(poison.name)")
            }
            #expect(try await RawEvents.recordCount([deadLetterTopic]) == Int64(expectedDeadLetters))

            let records = try await TopicReader.read([deadLetterTopic]) { $0.count >= expectedDeadLetters }
            #expect(records.count == expectedDeadLetters)
            var byOffset: [String: TopicReader.Record] = [:]
            for record in records {
                byOffset["\(record.header["dlq_original_partition"] ?? "?"):\(record.header["dlq_original_offset"] ?? "?")"] = record
            }
            let expectations = zip(poisons, firstReports).map { ($0, $1) } + zip(unreadable, secondReports).map { ($0, $1) }
            for (poison, report) in expectations {
                guard let record = byOffset["\(report.partition):\(report.offset)"] else {
                    Issue.record("\(poison.name): no dead letter for \(topic)[\(report.partition)]@\(report.offset)")
                    continue
                }
                let reason = record.header["dlq_reason"] ?? ""
                for mention in poison.reasonMentions {
                    #expect(reason.contains(mention), "\(poison.name): dlq_reason '\(reason)' does not mention '\(mention)'")
                }
                #expect(record.header["dlq_original_topic"] == topic, "\(poison.name)")
                #expect(record.header["dlq_consumer_group"] == "disbursement", "\(poison.name)")
                #expect(record.header["dlq_failed_at"] != nil, "\(poison.name)")
                #expect(record.message.value == poison.message.value, "\(poison.name): the original payload bytes were not kept")
                #expect(record.message.keyString == key, "\(poison.name)")
                if let ceId = poison.ceId { #expect(record.header["ce_id"] == ceId, "\(poison.name): original headers not kept") }
            }
        }
    }

    @Test("identification: bad CSV rows named by line and field (all-or-nothing applies none, valid-rows the rest); bad JSON, Content-Type and tokens refused")
    func identificationRefusesBadInput() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let identification = try await world.start("identification")
            let base = "\(identification.baseURL)/v1"
            let schema = world.schema("identification")
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let city = CityFixture(studentCount: 5)
            let schools = try await HTTP.send("POST", "\(base)/schools/import", token: op, body: city.schoolsCSV, contentType: "text/csv")
            try #require(schools.status == 200, "\(schools.text)")

            // Line 1 is the header: the second student (line 3) has a wrong check digit, the fourth (line 5) an unknown stage.
            var lines = ["studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate,leftBehind"]
            for (index, student) in city.students.enumerated() {
                var residentId = student.residentId
                var stage = student.stage.rawValue
                if index == 1 {
                    let digit = residentId.removeLast()
                    residentId.append("0123456789X".first { $0 != digit }!)
                }
                if index == 3 { stage = "university" }
                lines.append("\(student.studentId),\(residentId),Student \(student.studentId),HH-\(student.studentId),\(student.schoolId),\(stage),\(student.grade),2024-09-01,false")
            }
            let csv = Data((lines.joined(separator: "\n") + "\n").utf8)

            let strict = try await HTTP.send("POST", "\(base)/students/import", token: op, body: csv, contentType: "text/csv")
            #expect(strict.status == 422, "\(strict.text)")
            let strictBody = try strict.json(ErrorBody.self)
            #expect(strictBody.error.status == 422)
            #expect(strictBody.error.problems.map(\.line) == [3, 5])
            #expect(strictBody.error.problems.map(\.field) == ["residentId", "stage"])
            #expect(strictBody.error.problems.first?.rule.contains("check") == true, "\(strictBody.error.problems)")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).students") == 0, "all-or-nothing applied some rows")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).outbox WHERE topic = 'aid.roster.v1'") == Int64(city.schools.count),
                    "a refused import published roster events")

            struct Report: Decodable {
                struct Rejection: Decodable { var line: Int; var field: String }
                var mode: String
                var received: Int
                var applied: Int
                var rejected: [Rejection]
            }
            let lenient = try await HTTP.send("POST", "\(base)/students/import?mode=valid-rows", token: op, body: csv, contentType: "text/csv")
            #expect(lenient.status == 200, "\(lenient.text)")
            let report = try lenient.json(Report.self)
            #expect(report.mode == "valid-rows")
            #expect(report.received == 5)
            #expect(report.applied == 3)
            #expect(report.rejected.map(\.line) == [3, 5])
            #expect(report.rejected.map(\.field) == ["residentId", "stage"])
            let imported = try await Self.strings("SELECT student_id FROM \(schema).students ORDER BY 1")
            #expect(imported == [0, 2, 4].map { city.students[$0].studentId })

            // A JSON body with a field of the wrong type.
            let application = Data(#"{"applicationId":"APP-1","studentId":12345,"semester":"2026-autumn","survey":{}}"#.utf8)
            let wrongType = try await HTTP.send("POST", "\(base)/applications", token: op, body: application)
            #expect(wrongType.status == 400, "\(wrongType.text)")
            #expect(wrongType.errorField == "studentId")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).applications") == 0)

            // A body in a format the import does not read.
            let xml = try await HTTP.send("POST", "\(base)/students/import", token: op, body: Data("<students/>".utf8), contentType: "application/xml")
            #expect(xml.status == 400, "\(xml.text)")
            #expect(xml.errorField == "Content-Type")

            // Tokens: none, a role the route does not admit, expired, signed with another key, altered.
            let noToken = try await HTTP.get("\(base)/rules", token: nil)
            #expect(noToken.status == 401)
            #expect(noToken.errorField == "Authorization")
            let noTokenImport = try await HTTP.send("POST", "\(base)/students/import", token: nil, body: csv, contentType: "text/csv")
            #expect(noTokenImport.status == 401)

            let staff = try await HTTP.token(.schoolStaff, subject: "staff-zhao")
            let forbidden = try await HTTP.send("POST", "\(base)/rules", token: staff, body: Data("{}".utf8))
            #expect(forbidden.status == 403, "\(forbidden.text)")
            #expect(forbidden.errorField == "role")
            let forbiddenRule = try forbidden.json(ErrorBody.self).error.rule
            #expect(forbiddenRule.contains("school-staff") && forbiddenRule.contains("bureau-officer"), "the 403 must name the caller's role and the role allowed: \(forbiddenRule)")

            let authority = try await TokenAuthority(signingKey: ServiceConfiguration.developmentSigningKey)
            let expired = try await authority.sign(subject: "officer-li", role: .bureauOfficer, validFor: -3600)
            let otherKey = try await TokenAuthority(signingKey: "another-city-signing-key-of-at-least-32-bytes").sign(subject: "officer-li", role: .bureauOfficer)
            let altered = try Self.withClaims(staff, ["sub": "staff-zhao", "role": "bureau-officer", "exp": Int(Date().timeIntervalSince1970) + 3600])
            for (name, token) in [("expired", expired), ("signed with another key", otherKey), ("altered claims", altered), ("not a JWT", "not-a-token")] {
                let reply = try await HTTP.get("\(base)/rules", token: token)
                #expect(reply.status == 401, "\(name) token: \(reply.status) \(reply.text)")
                #expect(reply.errorField == "Authorization", "\(name) token")
            }
            let alteredPost = try await HTTP.send("POST", "\(base)/rules", token: altered, body: Data("{}".utf8))
            #expect(alteredPost.status == 401, "a token whose role was edited must not pass: \(alteredPost.text)")
        }
    }

    @Test("disbursement: four-eyes approval, unknown semester, malformed bank confirmation and unknown totals dimension are refused naming the rule")
    func disbursementRefusesBadInput() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            let disbursement = try await world.start("disbursement")
            try await RedeliveryTests.openSemester(disbursement)
            let base = "\(disbursement.baseURL)/v1"
            let schema = world.schema("disbursement")
            let student = IdentifiedStudents.Student(id: "FOUR-EYES-1", stage: .seniorSecondary, tier: .difficult, school: "SCH-H1")
            try await RawEvents.publish([try RawEvents.cloudEvent(IdentifiedStudents.event(student), id: "identified-FOUR-EYES-1", topic: world.topic(Topic.identification.name))])
            let granted = try await SuiteWorld.eventually {
                try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).entitlements") == 2
            }
            try #require(granted)

            // The officer who prepared a batch may not approve it.
            let officer = try await HTTP.token(.bureauOfficer, subject: "officer-zhang")
            let prepared = try await HTTP.post("\(base)/batches", token: officer, json: ["semester": Self.semester])
            try #require(prepared.status == 200, "\(prepared.text)")
            struct Batch: Decodable { var batchId: String; var state: String; var preparedBy: String }
            let batch = try #require(try prepared.json([Batch].self).first)
            #expect(batch.preparedBy == "officer-zhang")
            let selfApproved = try await HTTP.send("POST", "\(base)/batches/\(batch.batchId)/approve", token: officer)
            #expect(selfApproved.status == 409, "\(selfApproved.text)")
            #expect(selfApproved.errorField == "batch")
            #expect(selfApproved.text.contains("four-eyes"), "the 409 must name the four-eyes rule: \(selfApproved.text)")
            #expect(try await HTTP.get("\(base)/batches/\(batch.batchId)", token: officer).json(Batch.self).state == "draft")
            let otherOfficer = try await HTTP.token(.bureauOfficer, subject: "officer-li")
            let approved = try await HTTP.send("POST", "\(base)/batches/\(batch.batchId)/approve", token: otherOfficer)
            #expect(approved.status == 200, "a second officer may approve: \(approved.text)")

            // A semester that does not exist.
            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let winter = try await HTTP.post("\(base)/semesters", token: op, json: ["semester": "2026-winter"])
            #expect(winter.status == 400, "\(winter.text)")
            #expect(winter.errorField == "semester")
            #expect(winter.text.contains("2026-winter"))
            #expect(try await HTTP.get("\(base)/semesters", token: op).json([String].self) == [Self.semester])

            // A bank confirmation with a bad status on line 2.
            let malformed = "payment_id,status,bank_reference,reason\nP-1,MAYBE,,\n#total,1,\(batch.batchId):1\n"
            let rejected = try await HTTP.send("POST", "\(base)/batches/\(batch.batchId)/confirmations", token: op, body: Data(malformed.utf8), contentType: "text/csv")
            #expect(rejected.status == 422, "\(rejected.text)")
            let problems = try rejected.json(ErrorBody.self).error.problems
            #expect(problems.first?.line == 2, "the 422 must name the line: \(problems)")
            #expect(problems.first?.field == "status")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).ledger") == 0)

            // Ledger totals by a dimension that does not exist.
            let colour = try await HTTP.get("\(base)/ledger/totals?by=colour", token: op)
            #expect(colour.status == 400, "\(colour.text)")
            #expect(colour.errorField == "by")
            #expect(colour.text.contains("colour"))
        }
    }

    // MARK: -

    /// The poison records, all under `key`: broken envelopes, broken data, an unknown type.
    static func poisons(topic: String, key: String) throws -> [Poison] {
        let victim = IdentifiedStudents.Student(id: "POISON-1", stage: .seniorSecondary, tier: .difficult, school: "SCH-H1")
        let valid = try CloudEventEnvelope.wrap(IdentifiedStudents.event(victim), id: "unused", source: "/aid/identification")
        func headers(id: String?, type: String = IdentificationEvent.StudentIdentified.eventType, specVersion: String = CloudEventEnvelope.specVersion) -> [KafkaHeader] {
            var envelope = valid
            envelope.type = type
            envelope.id = id ?? ""
            return envelope.headers.compactMap { header -> KafkaHeader? in
                switch header.name {
                case "ce_id" where id == nil: nil
                case "ce_specversion": KafkaHeader(header.name, specVersion)
                default: KafkaHeader(header.name, header.value)
                }
            }
        }
        func data(_ change: (inout [String: Any]) -> Void) throws -> [UInt8] {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(valid.data)) as? [String: Any])
            change(&object)
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        }
        func record(_ value: [UInt8], _ headers: [KafkaHeader]) -> OutgoingMessage {
            OutgoingMessage(topic: topic, key: Array(key.utf8), value: value, headers: headers)
        }
        return [
            Poison(name: "no CloudEvents headers", message: record(valid.data, []), reasonMentions: ["ce_specversion", "missing"], ceId: nil),
            Poison(name: "no ce_id", message: record(valid.data, headers(id: nil)), reasonMentions: ["ce_id", "missing"], ceId: nil),
            Poison(name: "ce_specversion 0.3", message: record(valid.data, headers(id: "poison-specversion", specVersion: "0.3")),
                   reasonMentions: ["ce_specversion", "0.3"], ceId: nil),
            Poison(name: "data {\"studentId\": 5}", message: record(Array(#"{"studentId": 5}"#.utf8), headers(id: "poison-bare-student-id")),
                   reasonMentions: ["event data is not valid", "field '"], ceId: "poison-bare-student-id"),
            Poison(name: "studentId a number", message: record(try data { $0["studentId"] = 5 }, headers(id: "poison-student-id-type")),
                   reasonMentions: ["studentId"], ceId: "poison-student-id-type"),
            Poison(name: "tier not a tier", message: record(try data { $0["tier"] = "super-difficult" }, headers(id: "poison-tier")),
                   reasonMentions: ["tier", "super-difficult"], ceId: "poison-tier"),
            Poison(name: "unknown ce_type", message: record(valid.data, headers(id: "poison-type", type: "aid.identification.student-teleported.v1")),
                   reasonMentions: ["student-teleported"], ceId: "poison-type"),
        ]
    }

    /// `token` with its claims replaced and its signature kept: what a caller editing their role would send.
    static func withClaims(_ token: String, _ claims: [String: Any]) throws -> String {
        let parts = token.split(separator: ".")
        try #require(parts.count == 3)
        let payload = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "\(parts[0]).\(payload).\(parts[2])"
    }

    static func strings(_ sql: String) async throws -> [String] {
        try await TestEnvironment.withPostgres { client in
            var values: [String] = []
            for try await value in try await client.query(.init(unsafeSQL: sql), logger: TestEnvironment.logger).decode(String.self) {
                values.append(value)
            }
            return values
        }
    }
}
