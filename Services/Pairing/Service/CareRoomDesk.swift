import PairingDomain
import PostgresNIO
import ServiceRuntime

/// Care rooms for left-behind children: set up at a school, equipped, and their opening days recorded.
struct CareRoomDesk: Sendable {
    let context: ServiceContext

    func open(_ draft: CareRoomDraft, by actor: String) async throws -> CareRoomView {
        try draft.validate().throwIfAny()
        return try await context.transaction { connection, _ in
            let rows = try await connection.run("SELECT status FROM schools WHERE school_id = \(draft.schoolId)").collect()
            guard let status = try rows.first?.decode(String.self) else {
                throw APIError.notFound("schoolId", "no school '\(draft.schoolId)' known to pairing (schools come from aid.roster.v1)")
            }
            guard status == "open" else { throw APIError.conflict("schoolId", "school \(draft.schoolId) is closed") }
            let inserted = try await connection.run("""
                INSERT INTO care_rooms (room_id, school_id, opened_on, recorded_by) VALUES (\(draft.roomId), \(draft.schoolId), \(draft.openedOn)::date, \(actor))
                ON CONFLICT (room_id) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("roomId", "a care room '\(draft.roomId)' already exists") }
            try await Self.replaceEquipment(draft.roomId, draft.equipment, on: connection)
            return try await Self.room(draft.roomId, on: connection)
        }
    }

    /// The room's whole equipment list, as counted now.
    func equip(_ roomId: String, _ equipment: [EquipmentItem]) async throws -> CareRoomView {
        try EquipmentItem.validate(equipment, field: "equipment").throwIfAny()
        return try await context.transaction { connection, _ in
            let room = try await Self.room(roomId, on: connection, lock: true)
            guard room.status == "open" else { throw APIError.conflict("id", "care room \(roomId) is closed") }
            try await Self.replaceEquipment(roomId, equipment, on: connection)
            return try await Self.room(roomId, on: connection)
        }
    }

    func recordOpening(_ roomId: String, _ draft: OpeningRecordDraft, by actor: String) async throws -> CareRoomView {
        try draft.validate().throwIfAny()
        return try await context.transaction { connection, _ in
            let room = try await Self.room(roomId, on: connection, lock: true)
            guard room.status == "open" else { throw APIError.conflict("id", "care room \(roomId) is closed") }
            guard draft.openedOn >= room.openedOn else {
                throw APIError(.unprocessableContent, field: "openedOn", rule: "the room opened on \(room.openedOn); a record cannot be earlier")
            }
            let inserted = try await connection.run("""
                INSERT INTO care_room_openings (room_id, opened_on, hours, children_present, volunteers_present, recorded_by)
                VALUES (\(roomId), \(draft.openedOn)::date, \(draft.hours), \(draft.childrenPresent), \(draft.volunteersPresent), \(actor))
                ON CONFLICT (room_id, opened_on) DO NOTHING RETURNING 1
                """).collect()
            guard !inserted.isEmpty else { throw APIError.conflict("openedOn", "care room \(roomId) already has a record for \(draft.openedOn)") }
            return try await Self.room(roomId, on: connection)
        }
    }

    private static func replaceEquipment(_ roomId: String, _ equipment: [EquipmentItem], on connection: PostgresConnection) async throws {
        try await connection.run("DELETE FROM care_room_equipment WHERE room_id = \(roomId)")
        if equipment.isEmpty { return }
        try await connection.run("""
            INSERT INTO care_room_equipment (room_id, item_code, quantity)
            SELECT \(roomId), item, quantity FROM unnest(\(equipment.map(\.itemCode))::text[], \(equipment.map(\.quantity))::integer[]) AS u(item, quantity)
            """)
    }

    private static func room(_ roomId: String, on connection: PostgresConnection, lock: Bool = false) async throws -> CareRoomView {
        if lock { try await connection.run("SELECT 1 FROM care_rooms WHERE room_id = \(roomId) FOR UPDATE") }
        guard let room = try await CareRoomView.load(roomId, on: connection) else { throw APIError.notFound("id", "no care room '\(roomId)'") }
        return room
    }
}
