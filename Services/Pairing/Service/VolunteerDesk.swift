import AidContracts
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Volunteers join, change how many children they can take, and leave; each change matches the
/// waiting children of their township again, under the care lock.
struct VolunteerDesk: Sendable {
    let context: ServiceContext

    func register(_ draft: VolunteerDraft, by actor: String) async throws -> VolunteerView {
        try draft.validate().throwIfAny()
        return try await context.transaction { connection, outbox in
            try await PairingLocks.care(on: connection)
            if let schoolId = draft.schoolId {
                let rows = try await connection.run("SELECT town_code, status FROM schools WHERE school_id = \(schoolId)").collect()
                guard let (town, status) = try rows.first?.decode((String, String).self) else {
                    throw APIError.notFound("schoolId", "no school '\(schoolId)' known to pairing (schools come from aid.roster.v1)")
                }
                guard status == "open" else { throw APIError.conflict("schoolId", "school \(schoolId) is closed") }
                guard town == draft.townCode else {
                    throw APIError(.unprocessableContent, field: "schoolId", rule: "school \(schoolId) is in township \(town), not \(draft.townCode)")
                }
            }
            let inserted = try await connection.run("""
                INSERT INTO volunteers (volunteer_id, name_sealed, town_code, school_id, capacity, registered_by)
                VALUES (\(draft.volunteerId), \(try context.vault.seal(draft.name)), \(draft.townCode), \(draft.schoolId), \(draft.capacity), \(actor))
                ON CONFLICT (volunteer_id) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("volunteerId", "a volunteer '\(draft.volunteerId)' is already registered") }
            try await CareMatching(connection: connection).matchWaiting(inTowns: [draft.townCode], outbox: &outbox)
            return try await view(draft.volunteerId, on: connection)
        }
    }

    /// A capacity below the children already in the volunteer's care is refused: which child loses
    /// their volunteer is not for a number to decide.
    func setCapacity(_ volunteerId: String, _ capacity: Int) async throws -> VolunteerView {
        guard (1...VolunteerDraft.maximumCapacity).contains(capacity) else {
            throw APIError(.unprocessableContent, field: "capacity", rule: "must be between 1 and \(VolunteerDraft.maximumCapacity), got \(capacity)")
        }
        return try await context.transaction { connection, outbox in
            try await PairingLocks.care(on: connection)
            let volunteer = try await view(volunteerId, on: connection)
            guard volunteer.active else { throw APIError.conflict("id", "volunteer \(volunteerId) has left") }
            guard capacity >= volunteer.pairs.count else {
                throw APIError.conflict("capacity", "volunteer \(volunteerId) cares for \(volunteer.pairs.count) children now")
            }
            try await connection.run("UPDATE volunteers SET capacity = \(capacity) WHERE volunteer_id = \(volunteerId)")
            try await CareMatching(connection: connection).matchWaiting(inTowns: [volunteer.townCode], outbox: &outbox)
            return try await view(volunteerId, on: connection)
        }
    }

    /// The volunteer's pairs end and their children are matched again with others of the township.
    func leave(_ volunteerId: String) async throws -> VolunteerView {
        try await context.transaction { connection, outbox in
            try await PairingLocks.care(on: connection)
            let volunteer = try await view(volunteerId, on: connection)
            guard volunteer.active else { throw APIError.conflict("id", "volunteer \(volunteerId) has already left") }
            try await connection.run("UPDATE volunteers SET active = false WHERE volunteer_id = \(volunteerId)")
            let matching = CareMatching(connection: connection)
            for pair in volunteer.pairs {
                try await matching.endActivePair(studentId: pair.studentId, reason: .volunteerLeft, outbox: &outbox)
            }
            try await matching.matchWaiting(inTowns: Set(volunteer.pairs.map(\.townCode) + [volunteer.townCode]), outbox: &outbox)
            return try await view(volunteerId, on: connection)
        }
    }

    private func view(_ volunteerId: String, on connection: PostgresConnection) async throws -> VolunteerView {
        guard let view = try await VolunteerView.load(volunteerId, revealNames: true, vault: context.vault, on: connection) else {
            throw APIError.notFound("id", "no volunteer '\(volunteerId)'")
        }
        return view
    }
}
