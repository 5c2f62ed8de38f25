import CityGenerator
import Foundation

extension CityLoader {
    /// Schools' coordinates and the strong schools' support capacity, one twinning run (pairing's
    /// planner decides the pairs, key poverty villages first), then care rooms and their volunteers;
    /// pairing matches left-behind children with volunteers of their township as they arrive.
    func loadPairing() async throws -> [String] {
        let officer = client.tokens.officer
        _ = try await eachRecord(.pairingSchools, as: PairingSchoolRecord.self, step: "pairing: school locations", concurrency: concurrency) { school in
            struct Location: Encodable { var latitude, longitude: Double }
            _ = try await sendWaitingForRoster(
                url(.pairing, "/v1/schools/\(school.schoolId)/location"), method: "PUT", token: officer,
                body: Location(latitude: school.latitude, longitude: school.longitude), what: "location of \(school.schoolId)")
            if let capacity = school.supportCapacity {
                _ = try await sendWaitingForRoster(
                    url(.pairing, "/v1/schools/\(school.schoolId)/support"), method: "PUT", token: officer,
                    body: ["capacity": capacity], what: "support capacity of \(school.schoolId)")
            }
        }
        progress.finish("\(Figures.count(manifest.pairing.schoolLocations)) located, \(manifest.pairing.strongSchools) strong schools designated")

        struct Run: Decodable { struct Pair: Decodable {}; var pairs: [Pair]; var unpaired: [Pair] }
        let run = try await client.api.send("POST", url(.pairing, "/v1/twinning/runs"), token: client.tokens.operatorToken)
        guard run.status == 200 else { throw LoadError("twinning run", run) }
        let twinned = try run.json(Run.self)
        progress.say("pairing: twinning run formed \(twinned.pairs.count) pairs (\(twinned.unpaired.count) weak schools wait for a strong partner)")

        let staff = client.tokens.schoolStaff
        let rooms = try await eachRecord(.careRooms, as: CareRoomRecord.self, step: "pairing: care rooms", concurrency: concurrency) { room in
            struct NewRoom: Encodable { var roomId, schoolId, openedOn: String; var equipment: [CareRoomRecord.Equipment] }
            let opened = try await sendWaitingForRoster(
                url(.pairing, "/v1/care-rooms"), token: staff,
                body: NewRoom(roomId: room.roomId, schoolId: room.schoolId, openedOn: room.openedOn, equipment: room.equipment),
                what: "care room \(room.roomId)")
            var registered = 0
            for volunteer in room.volunteers {
                if try await sendWaitingForRoster(url(.pairing, "/v1/volunteers"), token: staff, body: volunteer, what: "volunteer \(volunteer.volunteerId)") {
                    registered += 1
                }
            }
            return (opened: opened, registered: registered)
        }
        let opened = rooms.filter { $0.opened }.count
        let volunteers = rooms.reduce(0) { $0 + $1.registered }
        progress.finish("\(opened) rooms opened, \(Figures.count(volunteers)) volunteers registered")

        let pairs = try await client.api.get(url(.pairing, "/v1/care/pairs?active=true"), token: client.tokens.operatorToken)
        guard pairs.status == 200 else { throw LoadError("care pairs", pairs) }
        struct Pair: Decodable {}
        let formed = try pairs.json([Pair].self).count
        return [
            "pairing: \(twinned.pairs.count) twinnings formed by this run (the city expects \(manifest.pairing.expectedTwinnings)); \(opened) care rooms and \(Figures.count(volunteers)) volunteers registered (\(manifest.pairing.careRooms - opened) rooms already there); \(Figures.count(formed)) care pairs so far (the city expects \(Figures.count(manifest.pairing.expectedCarePairs)) once pairing has every left-behind child)",
        ]
    }
}
