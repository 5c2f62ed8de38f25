/// Who holds a seat in a session and who waits for one. Members of households identified as in
/// need wait ahead of everyone else; within each group, earlier requests come first. Whenever a seat
/// is free the first in line takes it, so a seat is never empty while someone waits.
public struct SessionRoster: Sendable, Equatable {
    /// A request on the waitlist. `sequence` orders requests in time (the service's request counter).
    public struct Waiting: Sendable, Hashable {
        public var enrolmentId: String
        public var prioritized: Bool
        public var sequence: Int64

        public init(enrolmentId: String, prioritized: Bool, sequence: Int64) {
            self.enrolmentId = enrolmentId
            self.prioritized = prioritized
            self.sequence = sequence
        }

        /// Priority first, then time.
        static func inLine(_ lhs: Waiting, _ rhs: Waiting) -> Bool {
            (lhs.prioritized ? 0 : 1, lhs.sequence) < (rhs.prioritized ? 0 : 1, rhs.sequence)
        }
    }

    public enum Admission: Sendable, Equatable {
        case enrolled
        /// 1 is next in line.
        case waitlisted(position: Int)
    }

    public enum RosterError: Error, Sendable, Equatable, CustomStringConvertible {
        case alreadyOnRoster(String)
        case notOnRoster(String)
        case capacityBelowEnrolled(capacity: Int, enrolled: Int)
        case capacityOutOfRange(Int)

        public var description: String {
            switch self {
            case .alreadyOnRoster(let id): "enrolment \(id) already holds a seat or a waitlist place in this session"
            case .notOnRoster(let id): "enrolment \(id) neither holds a seat nor waits in this session"
            case .capacityBelowEnrolled(let capacity, let enrolled):
                "must not be below the \(enrolled) trainees already enrolled (nobody loses a seat), got \(capacity)"
            case .capacityOutOfRange(let capacity):
                "must be between \(SessionDraft.capacityRange.lowerBound) and \(SessionDraft.capacityRange.upperBound), got \(capacity)"
            }
        }
    }

    public private(set) var capacity: Int
    public private(set) var enrolled: Set<String>
    /// In line order.
    public private(set) var waiting: [Waiting]

    /// A roster as stored (the order of `waiting` does not matter).
    public init(capacity: Int, enrolled: Set<String>, waiting: [Waiting]) {
        self.capacity = capacity
        self.enrolled = enrolled
        self.waiting = waiting.sorted(by: Waiting.inLine)
    }

    public var freeSeats: Int { max(0, capacity - enrolled.count) }

    public func position(of enrolmentId: String) -> Int? {
        waiting.firstIndex { $0.enrolmentId == enrolmentId }.map { $0 + 1 }
    }

    /// A new request: a free seat if there is one, otherwise a place in line.
    public mutating func request(_ request: Waiting) throws(RosterError) -> Admission {
        guard !enrolled.contains(request.enrolmentId), position(of: request.enrolmentId) == nil else {
            throw .alreadyOnRoster(request.enrolmentId)
        }
        if freeSeats > 0 {
            enrolled.insert(request.enrolmentId)
            return .enrolled
        }
        let index = waiting.firstIndex { Waiting.inLine(request, $0) } ?? waiting.endIndex
        waiting.insert(request, at: index)
        return .waitlisted(position: index + 1)
    }

    /// Leaves the session; a seat given up goes to the first in line. Returns who was promoted.
    public mutating func withdraw(_ enrolmentId: String) throws(RosterError) -> [Waiting] {
        if enrolled.remove(enrolmentId) != nil {
            return fillFreeSeats()
        }
        guard let index = waiting.firstIndex(where: { $0.enrolmentId == enrolmentId }) else { throw .notOnRoster(enrolmentId) }
        waiting.remove(at: index)
        return []
    }

    /// Changes the number of seats; new seats go to the first in line. Returns who was promoted.
    public mutating func resize(to newCapacity: Int) throws(RosterError) -> [Waiting] {
        guard SessionDraft.capacityRange.contains(newCapacity) else { throw .capacityOutOfRange(newCapacity) }
        guard newCapacity >= enrolled.count else { throw .capacityBelowEnrolled(capacity: newCapacity, enrolled: enrolled.count) }
        capacity = newCapacity
        return fillFreeSeats()
    }

    private mutating func fillFreeSeats() -> [Waiting] {
        var promoted: [Waiting] = []
        while freeSeats > 0, !waiting.isEmpty {
            let next = waiting.removeFirst()
            enrolled.insert(next.enrolmentId)
            promoted.append(next)
        }
        return promoted
    }
}
