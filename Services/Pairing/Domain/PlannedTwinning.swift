import AidContracts

/// A pair a twinning run forms, with the reasons for it.
public struct PlannedTwinning: Sendable, Equatable {
    public var weakSchoolId: String
    public var strongSchoolId: String
    public var kind: PairingEvent.TwinningKind
    public var stages: [Stage]
    public var distanceMetres: Int
    public var keyPovertyVillage: Bool
    public var explanation: String

    public init(
        weakSchoolId: String, strongSchoolId: String, kind: PairingEvent.TwinningKind, stages: [Stage], distanceMetres: Int,
        keyPovertyVillage: Bool, explanation: String
    ) {
        self.weakSchoolId = weakSchoolId
        self.strongSchoolId = strongSchoolId
        self.kind = kind
        self.stages = stages
        self.distanceMetres = distanceMetres
        self.keyPovertyVillage = keyPovertyVillage
        self.explanation = explanation
    }
}
