/// Why delivery or acceptance cannot be recorded for an allocation.
public enum AllocationTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Action: String, Sendable, Hashable {
        case deliver, accept
    }

    case wrongStatus(allocationId: String, status: AllocationStatus, action: Action)
    /// Goods are not sent to a school that closed; its allocations were withdrawn or moved.
    case schoolClosed(allocationId: String, schoolId: String)
    case acceptedBeforeDelivery(allocationId: String, deliveredOn: String, acceptedOn: String)

    public var field: String {
        switch self {
        case .wrongStatus: "status"
        case .schoolClosed: "schoolId"
        case .acceptedBeforeDelivery: "acceptedOn"
        }
    }

    public var description: String {
        switch self {
        case .wrongStatus(let id, let status, .deliver):
            "allocation \(id) is \(status.rawValue); only an allocated (not yet delivered) allocation can be delivered"
        case .wrongStatus(let id, let status, .accept):
            "allocation \(id) is \(status.rawValue); only a delivered allocation can be accepted"
        case .schoolClosed(let id, let schoolId):
            "allocation \(id) is for school \(schoolId), which is closed; nothing more is delivered there"
        case .acceptedBeforeDelivery(let id, let deliveredOn, let acceptedOn):
            "allocation \(id) was delivered on \(deliveredOn); it cannot be accepted earlier, on \(acceptedOn)"
        }
    }
}
