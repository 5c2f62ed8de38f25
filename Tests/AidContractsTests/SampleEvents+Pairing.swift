import AidContracts

extension SampleEvents {
    static let pairingSamples: [any AidEvent] = [
        PairingEvent.TwinningFormed(
            pairId: "TW-000012", weakSchoolId: "sch-431022-017", strongSchoolId: "sch-431002-001", kind: .urbanRural, stages: [.primary],
            distanceMetres: 18_240, keyPovertyVillage: true),
        PairingEvent.TwinningEnded(pairId: "TW-000012", weakSchoolId: "sch-431022-017", strongSchoolId: "sch-431002-001", reason: .schoolClosed),
        PairingEvent.CarePairFormed(
            pairId: "CP-000301", studentId: "stu-5f2c9e81", volunteerId: "vol-0077", schoolId: "sch-431022-017", townCode: "431022104",
            match: .sameSchool),
        PairingEvent.CarePairEnded(pairId: "CP-000301", studentId: "stu-5f2c9e81", volunteerId: "vol-0077", reason: .transferred),
    ]
}
