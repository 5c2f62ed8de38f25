/// One line of `pairing-schools.jsonl`: where a school is (WGS 84 degrees, synthetic) and, for a
/// strong urban school the bureau designates, how many weak schools it supports. Pairing's own
/// planner twins weak schools with the nearest strong school, those of key poverty villages first.
public struct PairingSchoolRecord: Codable, Sendable, Equatable {
    public var schoolId: String
    public var latitude: Double
    public var longitude: Double
    public var supportCapacity: Int?
}
