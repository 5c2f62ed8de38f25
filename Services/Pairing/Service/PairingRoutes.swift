import AidContracts
import Hummingbird
import PairingDomain
import ServiceRuntime

/// The pairing HTTP API under `/v1`. Bureau officers register coordinates and strong schools, run
/// twinning and end pairs; schools log activities, run care rooms and register volunteers; auditors
/// and inspectors read. Volunteers' names are shown only to school staff and bureau officers.
struct PairingRoutes: Sendable {
    let context: ServiceContext
    let settings: PairingSettings

    struct Capacity: Decodable { var capacity: Int }

    func add(to api: RouterGroup<AidRequestContext>) {
        let twinning = TwinningDesk(context: context, nearbyMetres: settings.nearbyMetres)
        let volunteers = VolunteerDesk(context: context)
        let rooms = CareRoomDesk(context: context)
        let policy = settings.waitingPolicy

        // Schools and twinning.
        api.get("schools/{id}") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let school = try await context.database.transaction({ try await SchoolView.load(id, on: $0) }) else {
                throw APIError.notFound("id", "no school '\(id)' known to pairing (schools come from aid.roster.v1)")
            }
            return school
        }
        api.put("schools/{id}/location") { request, requestContext in
            try requestContext.require(.bureauOfficer, .operator)
            let body = try await request.decodeJSON(as: LocationDraft.self, context: requestContext)
            return try await twinning.setLocation(try requestContext.parameters.require("id"), body)
        }
        api.put("schools/{id}/support") { request, requestContext in
            try requestContext.require(.bureauOfficer)
            let body = try await request.decodeJSON(as: Capacity.self, context: requestContext)
            return try await twinning.setSupportCapacity(try requestContext.parameters.require("id"), body.capacity)
        }
        api.post("twinning/runs") { _, requestContext in
            let caller = try requestContext.require(.bureauOfficer, .operator)
            return try await twinning.run(by: caller.subject)
        }
        api.get("twinning/pairs") { request, requestContext in
            try Self.requireReader(requestContext)
            let filter = TwinningPairView.Filter(schoolId: request.uri.queryParameters.get("schoolId"), active: try Self.active(request))
            return try await context.database.transaction { try await TwinningPairView.load(filter, on: $0) }
        }
        api.post("twinning/pairs/{id}/end") { _, requestContext in
            try requestContext.require(.bureauOfficer)
            return try await twinning.end(try requestContext.parameters.require("id"))
        }
        api.post("twinning/pairs/{id}/activities") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: ActivityDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await twinning.log(body, pairId: try requestContext.parameters.require("id"), by: caller.subject))
        }
        api.get("twinning/pairs/{id}/activities") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            return try await context.database.transaction { connection in
                _ = try await TwinningDesk.pair(id, on: connection)
                return try await ActivityView.load(pairId: id, on: connection)
            }
        }

        // Left-behind children: volunteers, care pairs, care rooms.
        api.post("volunteers") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: VolunteerDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await volunteers.register(body, by: caller.subject))
        }
        api.get("volunteers/{id}") { _, requestContext in
            let caller = try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await context.database.transaction({ try await VolunteerView.load(id, revealNames: Self.revealsNames(caller), vault: context.vault, on: $0) }) else {
                throw APIError.notFound("id", "no volunteer '\(id)'")
            }
            return view
        }
        api.post("volunteers/{id}/capacity") { request, requestContext in
            try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: Capacity.self, context: requestContext)
            return try await volunteers.setCapacity(try requestContext.parameters.require("id"), body.capacity)
        }
        api.post("volunteers/{id}/leave") { _, requestContext in
            try requestContext.require(.schoolStaff, .bureauOfficer)
            return try await volunteers.leave(try requestContext.parameters.require("id"))
        }
        api.get("care/children/{id}") { _, requestContext in
            let caller = try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let view = try await context.database.transaction({ try await ChildView.load(id, revealNames: Self.revealsNames(caller), vault: context.vault, on: $0) }) else {
                throw APIError.notFound("id", "no student '\(id)' known to pairing (students come from aid.roster.v1)")
            }
            return view
        }
        api.get("care/pairs") { request, requestContext in
            let caller = try Self.requireReader(requestContext)
            let filter = CarePairView.Filter(
                studentId: request.uri.queryParameters.get("studentId"), volunteerId: request.uri.queryParameters.get("volunteerId"),
                active: try Self.active(request))
            return try await context.database.transaction { try await CarePairView.load(filter, revealNames: Self.revealsNames(caller), vault: context.vault, on: $0) }
        }
        api.get("care/unpaired") { request, requestContext in
            try Self.requireReader(requestContext)
            let overdueText = request.uri.queryParameters.get("overdue") ?? "false"
            guard let overdue = Bool(overdueText) else { throw APIError.badRequest("overdue", "must be true or false; got '\(overdueText)'") }
            let town = request.uri.queryParameters.get("townCode")
            return try await context.database.transaction {
                try await UnpairedChildren.load(townCode: town, overdueOnly: overdue, policy: policy, on: $0)
            }
        }
        api.post("care-rooms") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: CareRoomDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await rooms.open(body, by: caller.subject))
        }
        api.get("care-rooms") { request, requestContext in
            try Self.requireReader(requestContext)
            guard let school = request.uri.queryParameters.get("schoolId") else {
                throw APIError.badRequest("schoolId", "is required as a query parameter")
            }
            return try await context.database.transaction { connection in
                var ids: [String] = []
                for try await id in try await connection.run("SELECT room_id FROM care_rooms WHERE school_id = \(school) ORDER BY room_id").decode(String.self) {
                    ids.append(id)
                }
                var views: [CareRoomView] = []
                for id in ids { if let view = try await CareRoomView.load(id, on: connection) { views.append(view) } }
                return views
            }
        }
        api.get("care-rooms/{id}") { _, requestContext in
            try Self.requireReader(requestContext)
            let id = try requestContext.parameters.require("id")
            guard let room = try await context.database.transaction({ try await CareRoomView.load(id, on: $0) }) else {
                throw APIError.notFound("id", "no care room '\(id)'")
            }
            return room
        }
        api.put("care-rooms/{id}/equipment") { request, requestContext in
            try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: [EquipmentItem].self, context: requestContext)
            return try await rooms.equip(try requestContext.parameters.require("id"), body)
        }
        api.post("care-rooms/{id}/openings") { request, requestContext in
            let caller = try requestContext.require(.schoolStaff, .bureauOfficer)
            let body = try await request.decodeJSON(as: OpeningRecordDraft.self, context: requestContext)
            return EditedResponse(status: .created, response: try await rooms.recordOpening(try requestContext.parameters.require("id"), body, by: caller.subject))
        }
    }

    /// Those who arrange care see volunteers' names; nobody else needs them.
    static func revealsNames(_ caller: Caller) -> Bool {
        caller.role == .schoolStaff || caller.role == .bureauOfficer
    }

    @discardableResult
    private static func requireReader(_ context: AidRequestContext) throws -> Caller {
        try context.require(.bureauOfficer, .operator, .schoolStaff, .auditor, .inspector)
    }

    private static func active(_ request: Request) throws -> Bool? {
        guard let text = request.uri.queryParameters.get("active") else { return nil }
        guard let active = Bool(text) else { throw APIError.badRequest("active", "must be true or false; got '\(text)'") }
        return active
    }
}
