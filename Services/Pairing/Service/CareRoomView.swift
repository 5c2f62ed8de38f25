import Hummingbird
import PairingDomain
import PostgresNIO
import ServiceRuntime

/// A care room with its equipment and the days it was open, latest first.
struct CareRoomView: ResponseCodable, Sendable {
    struct Opening: Codable, Sendable {
        var openedOn: String
        var hours: Int
        var childrenPresent: Int
        var volunteersPresent: Int
    }

    var roomId: String
    var schoolId: String
    var openedOn: String
    var status: String
    var equipment: [EquipmentItem]
    var openingDays: Int
    var openingHours: Int
    /// The last 60 opening records.
    var openings: [Opening]

    static func load(_ roomId: String, on connection: PostgresConnection) async throws -> CareRoomView? {
        let rows = try await connection.run("""
            SELECT school_id, opened_on::text, status,
                   (SELECT count(*)::int FROM care_room_openings o WHERE o.room_id = r.room_id),
                   (SELECT coalesce(sum(hours), 0)::int FROM care_room_openings o WHERE o.room_id = r.room_id)
            FROM care_rooms r WHERE room_id = \(roomId)
            """).collect()
        guard let (school, openedOn, status, days, hours) = try rows.first?.decode((String, String, String, Int, Int).self) else { return nil }
        var equipment: [EquipmentItem] = []
        for try await (item, quantity) in try await connection.run("""
            SELECT item_code, quantity FROM care_room_equipment WHERE room_id = \(roomId) ORDER BY item_code
            """).decode((String, Int).self) {
            equipment.append(EquipmentItem(itemCode: item, quantity: quantity))
        }
        var openings: [Opening] = []
        for try await (day, dayHours, children, volunteers) in try await connection.run("""
            SELECT opened_on::text, hours, children_present, volunteers_present FROM care_room_openings
            WHERE room_id = \(roomId) ORDER BY opened_on DESC LIMIT 60
            """).decode((String, Int, Int, Int).self) {
            openings.append(Opening(openedOn: day, hours: dayHours, childrenPresent: children, volunteersPresent: volunteers))
        }
        return CareRoomView(
            roomId: roomId, schoolId: school, openedOn: openedOn, status: status, equipment: equipment, openingDays: days,
            openingHours: hours, openings: openings)
    }
}
