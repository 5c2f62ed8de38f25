import AidContracts

/// What charity publishes on `aid.charity.v1`: school assessments, and donated equipment allocated
/// to schools, then delivered (or cancelled before delivery). Keyed by school, so one allocation's
/// events arrive in order; each allocation counts once, in its latest state.
struct CharityFold: EventFold {
    struct Figures: Codable, Sendable, Equatable {
        struct Value: Codable, Sendable, Equatable {
            var key: String
            var allocatedFen: Fen
            var deliveredFen: Fen
        }

        var schoolsAssessed: Int
        /// Allocations not cancelled: delivered, or on their way.
        var allocatedFen: Fen
        var deliveredFen: Fen
        var allocations: Int
        var delivered: Int
        /// Schools that received at least one delivery.
        var schoolsServed: Int
        var byTown: [Value]
        var byItem: [Value]
    }

    private enum Standing {
        case allocated
        case delivered
        case cancelled
    }

    private struct Allocation {
        var schoolId: String
        var townCode: String
        var itemCode: String
        var valueFen: Fen
        var standing: Standing
    }

    private var assessedSchools: Set<String> = []
    private var allocations: [String: Allocation] = [:]

    mutating func apply(_ envelope: CloudEventEnvelope) throws(EnvelopeError) -> Bool {
        switch envelope.type {
        case CharityEvent.AssessmentRecorded.eventType:
            assessedSchools.insert(try envelope.decode(CharityEvent.AssessmentRecorded.self).schoolId)
        case CharityEvent.AllocationMade.eventType:
            let event = try envelope.decode(CharityEvent.AllocationMade.self)
            if allocations[event.allocationId] == nil {
                allocations[event.allocationId] = Allocation(
                    schoolId: event.schoolId, townCode: event.townCode, itemCode: event.itemCode, valueFen: event.valueFen, standing: .allocated)
            }
        case CharityEvent.DeliveryConfirmed.eventType:
            let event = try envelope.decode(CharityEvent.DeliveryConfirmed.self)
            allocations[event.allocationId] = Allocation(
                schoolId: event.schoolId, townCode: event.townCode, itemCode: event.itemCode, valueFen: event.valueFen, standing: .delivered)
        case CharityEvent.AllocationCancelled.eventType:
            let event = try envelope.decode(CharityEvent.AllocationCancelled.self)
            // Only what was not delivered can be cancelled; a delivery stays counted.
            if allocations[event.allocationId]?.standing != .delivered {
                allocations[event.allocationId] = Allocation(
                    schoolId: event.schoolId, townCode: event.townCode, itemCode: event.itemCode, valueFen: event.valueFen, standing: .cancelled)
            }
        default:
            return false
        }
        return true
    }

    var figures: Figures {
        let live = allocations.values.filter { $0.standing != .cancelled }
        let delivered = live.filter { $0.standing == .delivered }
        func values(by key: (Allocation) -> String) -> [Figures.Value] {
            Dictionary(grouping: live, by: key).map { key, group in
                Figures.Value(
                    key: key, allocatedFen: group.reduce(0) { $0 + $1.valueFen },
                    deliveredFen: group.filter { $0.standing == .delivered }.reduce(0) { $0 + $1.valueFen })
            }.sorted { $0.key < $1.key }
        }
        return Figures(
            schoolsAssessed: assessedSchools.count,
            allocatedFen: live.reduce(0) { $0 + $1.valueFen },
            deliveredFen: delivered.reduce(0) { $0 + $1.valueFen },
            allocations: live.count, delivered: delivered.count,
            schoolsServed: Set(delivered.map(\.schoolId)).count,
            byTown: values { $0.townCode }, byItem: values { $0.itemCode })
    }
}
