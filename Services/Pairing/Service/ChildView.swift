import Foundation
import Hummingbird
import PostgresNIO
import ServiceRuntime

/// What pairing knows of a child and the child's care now.
struct ChildView: ResponseCodable, Sendable {
    var studentId: String
    var schoolId: String
    var townCode: String
    var leftBehind: Bool
    var enrolled: Bool
    /// Set while the child needs a volunteer and has none.
    var waitingSince: Date?
    var activePair: CarePairView?

    static func load(_ studentId: String, revealNames: Bool, vault: PersonalDataVault, on connection: PostgresConnection) async throws -> ChildView? {
        let rows = try await connection.run("""
            SELECT school_id, town_code, left_behind, enrolled, waiting_since FROM children WHERE student_id = \(studentId)
            """).collect()
        guard let (school, town, leftBehind, enrolled, waiting) = try rows.first?.decode((String, String, Bool, Bool, Date?).self) else { return nil }
        let pair = try await CarePairView.load(CarePairView.Filter(studentId: studentId, active: true), revealNames: revealNames, vault: vault, on: connection).first
        return ChildView(
            studentId: studentId, schoolId: school, townCode: town, leftBehind: leftBehind, enrolled: enrolled, waitingSince: waiting, activePair: pair)
    }
}
