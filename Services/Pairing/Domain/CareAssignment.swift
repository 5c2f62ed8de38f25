import AidContracts

/// A volunteer chosen for a child, and on what ground.
public struct CareAssignment: Sendable, Equatable {
    public var studentId: String
    public var volunteerId: String
    public var match: PairingEvent.CareMatch

    public init(studentId: String, volunteerId: String, match: PairingEvent.CareMatch) {
        self.studentId = studentId
        self.volunteerId = volunteerId
        self.match = match
    }
}
