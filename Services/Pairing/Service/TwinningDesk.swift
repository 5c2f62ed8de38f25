import AidContracts
import Foundation
import Hummingbird
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// School twinning: coordinates and support capacity registered by the bureau, runs that pair weak
/// schools as `TwinningPlanner` decides, the end of a pair, and the activities each pair logs.
struct TwinningDesk: Sendable {
    let context: ServiceContext
    let nearbyMetres: Int

    struct RunSummary: ResponseCodable, Sendable {
        struct Unpaired: Codable, Sendable { var schoolId: String; var reason: String }
        var pairs: [TwinningPairView]
        var unpaired: [Unpaired]
    }

    func setLocation(_ schoolId: String, _ draft: LocationDraft) async throws -> SchoolView {
        try draft.validate().throwIfAny()
        let point = draft.point
        return try await context.transaction { connection, _ in
            try await PairingLocks.twinning(on: connection)
            _ = try await Self.school(schoolId, on: connection)
            try await connection.run("""
                UPDATE schools SET latitude_micro = \(point.latitudeMicro), longitude_micro = \(point.longitudeMicro), updated_at = now()
                WHERE school_id = \(schoolId)
                """)
            return try await Self.school(schoolId, on: connection)
        }
    }

    /// Designates a strong urban school (capacity > 0) or withdraws the designation (0). A capacity
    /// below the pairs it already supports is refused: ending a pair is a decision of its own.
    func setSupportCapacity(_ schoolId: String, _ capacity: Int) async throws -> SchoolView {
        guard (0...20).contains(capacity) else {
            throw APIError(.unprocessableContent, field: "capacity", rule: "must be between 0 and 20, got \(capacity)")
        }
        return try await context.transaction { connection, _ in
            try await PairingLocks.twinning(on: connection)
            let school = try await Self.school(schoolId, on: connection)
            guard school.status == "open" else { throw APIError.conflict("id", "school \(schoolId) is closed") }
            if capacity > 0 {
                guard !school.isRural else {
                    throw APIError(.unprocessableContent, field: "id", rule: "school \(schoolId) is rural; strong partners are urban schools")
                }
                guard !school.isWeak else {
                    throw APIError(.unprocessableContent, field: "id", rule: "school \(schoolId) is itself supported (weak teaching point or key poverty village)")
                }
            }
            let supported = try await connection.run("""
                SELECT count(*)::int FROM twinning_pairs WHERE strong_school_id = \(schoolId) AND ended_at IS NULL
                """).collect().first?.decode(Int.self) ?? 0
            guard capacity >= supported else {
                throw APIError.conflict("capacity", "school \(schoolId) supports \(supported) schools now; end pairs before lowering its capacity below that")
            }
            try await connection.run("UPDATE schools SET support_capacity = \(capacity), updated_at = now() WHERE school_id = \(schoolId)")
            return try await Self.school(schoolId, on: connection)
        }
    }

    func run(by actor: String) async throws -> RunSummary {
        try await context.transaction { connection, outbox in
            try await PairingLocks.twinning(on: connection)
            let plan = TwinningPlanner.plan(
                weak: try await weakSchools(on: connection), strong: try await strongSchools(on: connection), nearbyMetres: nearbyMetres)
            var ids: [String] = []
            for pair in plan.pairs {
                let sequence = try await connection.run("SELECT nextval('twinning_order')").collect().first?.decode(Int64.self) ?? 0
                let pairId = "TW-\(String(format: "%06d", sequence))"
                try await connection.run("""
                    INSERT INTO twinning_pairs (pair_id, weak_school_id, strong_school_id, kind, stages, distance_metres, key_poverty_village, explanation, formed_by)
                    VALUES (\(pairId), \(pair.weakSchoolId), \(pair.strongSchoolId), \(pair.kind.rawValue), \(pair.stages.map(\.rawValue)),
                            \(pair.distanceMetres), \(pair.keyPovertyVillage), \(pair.explanation), \(actor))
                    """)
                try outbox.append(
                    PairingEvent.TwinningFormed(
                        pairId: pairId, weakSchoolId: pair.weakSchoolId, strongSchoolId: pair.strongSchoolId, kind: pair.kind, stages: pair.stages,
                        distanceMetres: pair.distanceMetres, keyPovertyVillage: pair.keyPovertyVillage),
                    eventID: "twinning-formed:\(pairId)")
                ids.append(pairId)
            }
            var pairs: [TwinningPairView] = []
            for id in ids { pairs += try await TwinningPairView.load(TwinningPairView.Filter(pairId: id), on: connection) }
            return RunSummary(pairs: pairs, unpaired: plan.unpaired.map { RunSummary.Unpaired(schoolId: $0.schoolId, reason: $0.reason) })
        }
    }

    func end(_ pairId: String) async throws -> TwinningPairView {
        try await context.transaction { connection, outbox in
            try await PairingLocks.twinning(on: connection)
            let rows = try await connection.run("""
                UPDATE twinning_pairs SET ended_at = now(), end_reason = \(PairingEvent.TwinningEndReason.endedByBureau.rawValue)
                WHERE pair_id = \(pairId) AND ended_at IS NULL RETURNING weak_school_id, strong_school_id
                """).collect()
            guard let (weak, strong) = try rows.first?.decode((String, String).self) else {
                guard try await TwinningPairView.load(TwinningPairView.Filter(pairId: pairId), on: connection).isEmpty else {
                    throw APIError.conflict("id", "twinning \(pairId) has already ended")
                }
                throw APIError.notFound("id", "no twinning '\(pairId)'")
            }
            try outbox.append(
                PairingEvent.TwinningEnded(pairId: pairId, weakSchoolId: weak, strongSchoolId: strong, reason: .endedByBureau),
                eventID: "twinning-ended:\(pairId)")
            return try await Self.pair(pairId, on: connection)
        }
    }

    func log(_ draft: ActivityDraft, pairId: String, by actor: String) async throws -> ActivityView {
        try draft.validate().throwIfAny()
        return try await context.transaction { connection, _ in
            let pair = try await Self.pair(pairId, on: connection)
            guard pair.endedAt == nil else { throw APIError.conflict("id", "twinning \(pairId) has ended; activities are logged for active pairs") }
            let id = try await connection.run("""
                INSERT INTO twinning_activities (pair_id, kind, held_on, participants, summary, recorded_by)
                VALUES (\(pairId), \(draft.kind.rawValue), \(draft.heldOn)::date, \(draft.participants), \(draft.summary), \(actor))
                RETURNING activity_id
                """).collect().first?.decode(Int64.self)
            guard let activity = try await ActivityView.load(pairId: pairId, activityId: id, on: connection).first else {
                throw APIError(.internalServerError, field: nil, rule: "the activity just logged could not be read back")
            }
            return activity
        }
    }

    static func pair(_ pairId: String, on connection: PostgresConnection) async throws -> TwinningPairView {
        guard let pair = try await TwinningPairView.load(TwinningPairView.Filter(pairId: pairId), on: connection).first else {
            throw APIError.notFound("id", "no twinning '\(pairId)'")
        }
        return pair
    }

    private static func school(_ schoolId: String, on connection: PostgresConnection) async throws -> SchoolView {
        guard let school = try await SchoolView.load(schoolId, on: connection, lock: true) else {
            throw APIError.notFound("id", "no school '\(schoolId)' known to pairing (schools come from aid.roster.v1)")
        }
        return school
    }

    /// Open schools the programme supports that have no active twinning.
    private func weakSchools(on connection: PostgresConnection) async throws -> [WeakSchool] {
        let rows = try await connection.run("""
            SELECT s.school_id, s.stages, s.is_rural, s.serves_key_poverty_village, s.latitude_micro, s.longitude_micro
            FROM schools s
            WHERE s.status = 'open' AND s.support_capacity = 0 AND (s.serves_key_poverty_village OR s.is_weak_teaching_point)
              AND NOT EXISTS (SELECT 1 FROM twinning_pairs p WHERE p.weak_school_id = s.school_id AND p.ended_at IS NULL)
            """)
        var schools: [WeakSchool] = []
        for try await (id, stages, rural, keyPoverty, latitude, longitude) in rows.decode((String, [String], Bool, Bool, Int?, Int?).self) {
            let location = latitude.flatMap { latitude in longitude.map { GeoPoint(latitudeMicro: latitude, longitudeMicro: $0) } }
            schools.append(WeakSchool(
                schoolId: id, stages: stages.compactMap(Stage.init(rawValue:)), isRural: rural, servesKeyPovertyVillage: keyPoverty, location: location))
        }
        return schools
    }

    /// Open strong schools with coordinates, and the places they have left.
    private func strongSchools(on connection: PostgresConnection) async throws -> [StrongSchool] {
        let rows = try await connection.run("""
            SELECT s.school_id, s.stages, s.latitude_micro, s.longitude_micro, s.support_capacity - count(p.pair_id)::int
            FROM schools s LEFT JOIN twinning_pairs p ON p.strong_school_id = s.school_id AND p.ended_at IS NULL
            WHERE s.status = 'open' AND s.support_capacity > 0 AND s.latitude_micro IS NOT NULL AND s.longitude_micro IS NOT NULL
            GROUP BY s.school_id
            """)
        var schools: [StrongSchool] = []
        for try await (id, stages, latitude, longitude, free) in rows.decode((String, [String], Int, Int, Int).self) {
            schools.append(StrongSchool(
                schoolId: id, stages: stages.compactMap(Stage.init(rawValue:)),
                location: GeoPoint(latitudeMicro: latitude, longitudeMicro: longitude), freeCapacity: free))
        }
        return schools
    }
}
