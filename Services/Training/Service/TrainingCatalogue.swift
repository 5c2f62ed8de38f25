import AidContracts
import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime
import TrainingDomain

/// Centres, their courses and the sessions of each course. Ids are the caller's; an id is used once.
struct TrainingCatalogue: Sendable {
    let context: ServiceContext

    struct Centre: ResponseCodable {
        var centreId: String
        var name: String
        var kind: String
        var townCode: String
    }

    struct Course: ResponseCodable {
        var courseId: String
        var centreId: String
        var title: String
        var trade: String
        var hours: Int
        var passMark: Int
    }

    func addCentre(_ centre: CentreDraft, by actor: String) async throws {
        try centre.validate().throwIfAny()
        try await context.transaction { connection, _ in
            try await Self.insertOnce("centreId", centre.centreId, on: connection, """
                INSERT INTO centres (centre_id, name, kind, town_code, created_by)
                VALUES (\(centre.centreId), \(centre.name), \(centre.kind.rawValue), \(centre.townCode), \(actor))
                ON CONFLICT DO NOTHING RETURNING 1
                """)
        }
    }

    func addCourse(_ course: CourseDraft) async throws {
        try course.validate().throwIfAny()
        try await context.transaction { connection, _ in
            guard try await !connection.run("SELECT 1 FROM centres WHERE centre_id = \(course.centreId)").collect().isEmpty else {
                throw APIError(.unprocessableContent, field: "centreId", rule: "no centre '\(course.centreId)'; add the centre first")
            }
            try await Self.insertOnce("courseId", course.courseId, on: connection, """
                INSERT INTO courses (course_id, centre_id, title, trade, hours, pass_mark)
                VALUES (\(course.courseId), \(course.centreId), \(course.title), \(course.trade.rawValue), \(course.hours), \(course.passMark))
                ON CONFLICT DO NOTHING RETURNING 1
                """)
        }
    }

    func addSession(_ session: SessionDraft) async throws {
        try session.validate().throwIfAny()
        try await context.transaction { connection, _ in
            guard try await !connection.run("SELECT 1 FROM courses WHERE course_id = \(session.courseId)").collect().isEmpty else {
                throw APIError(.unprocessableContent, field: "courseId", rule: "no course '\(session.courseId)'; add the course first")
            }
            try await Self.insertOnce("sessionId", session.sessionId, on: connection, """
                INSERT INTO sessions (session_id, course_id, starts_on, ends_on, capacity)
                VALUES (\(session.sessionId), \(session.courseId), \(session.startsOn.description)::date, \(session.endsOn.description)::date, \(session.capacity))
                ON CONFLICT DO NOTHING RETURNING 1
                """)
        }
    }

    func centres() async throws -> [Centre] {
        var centres: [Centre] = []
        let rows = try await context.database.query("SELECT centre_id, name, kind, town_code FROM centres ORDER BY centre_id")
        for try await (id, name, kind, town) in rows.decode((String, String, String, String).self) {
            centres.append(Centre(centreId: id, name: name, kind: kind, townCode: town))
        }
        return centres
    }

    func courses(centreId: String?) async throws -> [Course] {
        var courses: [Course] = []
        let rows = try await context.database.query("""
            SELECT course_id, centre_id, title, trade, hours, pass_mark FROM courses
            WHERE \(centreId)::text IS NULL OR centre_id = \(centreId) ORDER BY course_id
            """)
        for try await (id, centre, title, trade, hours, passMark) in rows.decode((String, String, String, String, Int, Int).self) {
            courses.append(Course(courseId: id, centreId: centre, title: title, trade: trade, hours: hours, passMark: passMark))
        }
        return courses
    }

    /// Runs an `INSERT … ON CONFLICT DO NOTHING RETURNING 1`; no row back means the id is taken.
    private static func insertOnce(_ field: String, _ id: String, on connection: PostgresConnection, _ query: PostgresQuery) async throws {
        let inserted = try await connection.run(query).collect()
        guard !inserted.isEmpty else { throw APIError.conflict(field, "'\(id)' exists; ids are used once") }
    }
}
