import CityGenerator
import Foundation

extension CityLoader {
    /// Centres, courses and sessions; each new session's trainees are registered and enrolled, a
    /// roll call is taken every class day and the exam recorded. A session that exists already was
    /// loaded before and is left alone (trainees get their ids from the service, so registering
    /// them twice would make new people).
    func loadTraining() async throws -> [String] {
        let centres = try await eachRecord(.trainingCentres, as: TrainingCentreRecord.self, step: "training centres and courses", concurrency: 1) { centre in
            struct Centre: Encodable { var centreId, name, kind, townCode: String }
            try await create(
                "centre \(centre.centreId)", url(.training, "/v1/centres"),
                Centre(centreId: centre.centreId, name: centre.name, kind: centre.kind, townCode: centre.townCode))
            for course in centre.courses {
                try await create("course \(course.courseId)", url(.training, "/v1/courses"), course)
            }
            return centre.courses.count
        }
        let centreCount = centres.count
        progress.finish("\(centreCount) centres, \(centres.reduce(0, +)) courses")

        let sessions = try await eachRecord(.trainingSessions, as: TrainingSessionRecord.self, step: "training sessions", concurrency: concurrency) { session in
            try await load(session)
        }
        var tally = SessionTally()
        for session in sessions { tally.add(session) }
        let done = sessions.count
        let summary = "\(tally.sessions) sessions loaded (\(done - tally.sessions) already there): \(Figures.count(tally.trainees)) trainees, \(Figures.count(tally.rollCalls)) roll calls, \(Figures.count(tally.passed)) passed (\(Figures.percent(tally.passed, of: tally.examined)); planned \(Figures.percent(manifest.training.expectedPasses, of: manifest.training.trainees)))"
        progress.finish(summary)
        return ["training: \(centreCount) centres; \(summary)"]
    }

    struct SessionTally: Sendable {
        var sessions = 0
        var trainees = 0
        var rollCalls = 0
        var examined = 0
        var passed = 0

        mutating func add(_ other: SessionTally) {
            sessions += other.sessions
            trainees += other.trainees
            rollCalls += other.rollCalls
            examined += other.examined
            passed += other.passed
        }
    }

    private func load(_ session: TrainingSessionRecord) async throws -> SessionTally {
        struct NewSession: Encodable { var sessionId, courseId, startsOn, endsOn: String; var capacity: Int }
        struct NewTrainee: Encodable { var name, townCode: String; var householdId: String? }
        struct Registered: Decodable { var traineeId: String }
        struct RollCall: Encodable { var day: String; var present: [String] }
        struct ExamSheet: Encodable { struct Line: Encodable { var traineeId: String; var score: Int }; var examDay: String; var results: [Line] }
        struct Result: Decodable { var outcome: String }

        let sessionURL = url(.training, "/v1/sessions")
        let created = try await client.api.post(
            sessionURL, token: client.tokens.operatorToken,
            json: NewSession(sessionId: session.sessionId, courseId: session.courseId, startsOn: session.startsOn, endsOn: session.endsOn, capacity: session.capacity))
        if created.status == 409 { return SessionTally() }
        guard created.status == 201 else { throw LoadError("session \(session.sessionId)", created) }

        let staff = client.tokens.schoolStaff
        var ids: [String] = []
        for trainee in session.trainees {
            let registered = try await client.api.post(
                url(.training, "/v1/trainees"), token: staff,
                json: NewTrainee(name: trainee.name, townCode: trainee.townCode, householdId: trainee.householdId))
            guard registered.status == 201 else { throw LoadError("trainee of session \(session.sessionId)", registered) }
            let traineeId = try registered.json(Registered.self).traineeId
            let enrolled = try await client.api.post("\(sessionURL)/\(session.sessionId)/enrolments", token: staff, json: ["traineeId": traineeId])
            guard enrolled.status == 201 else { throw LoadError("enrolment in session \(session.sessionId)", enrolled) }
            ids.append(traineeId)
        }
        for day in session.classDays {
            let present = zip(session.trainees, ids).filter { !$0.0.absentOn.contains(day) }.map(\.1)
            let reply = try await client.api.post("\(sessionURL)/\(session.sessionId)/attendance", token: staff, json: RollCall(day: day, present: present))
            guard reply.status == 200 else { throw LoadError("roll call of session \(session.sessionId) on \(day)", reply) }
        }
        let exam = try await client.api.post(
            "\(sessionURL)/\(session.sessionId)/exam-results", token: staff,
            json: ExamSheet(examDay: session.examDay, results: zip(session.trainees, ids).map { .init(traineeId: $0.1, score: $0.0.score) }))
        guard exam.status == 201 else { throw LoadError("exam of session \(session.sessionId)", exam) }
        let results = try exam.json([Result].self)
        return SessionTally(
            sessions: 1, trainees: ids.count, rollCalls: session.classDays.count,
            examined: results.count, passed: results.filter { $0.outcome == "passed" }.count)
    }

    /// Creates something with an id of the caller's: 201, or 409 when a previous load made it.
    private func create(_ what: String, _ url: String, _ body: some Encodable) async throws {
        let reply = try await client.api.post(url, token: client.tokens.operatorToken, json: body)
        guard reply.status == 201 || reply.status == 409 else { throw LoadError(what, reply) }
    }
}
