/// The files of a generated city, in the order the loader feeds them to the suite.
public enum CityFile: String, CaseIterable, Sendable {
    case schools = "schools.csv"
    case students = "students.csv"
    case registry = "registry.csv"
    case applications = "applications.jsonl"
    case careRooms = "care-rooms.jsonl"
    case pairingSchools = "pairing-schools.jsonl"
    case assessments = "assessments.jsonl"
    case pledges = "pledges.jsonl"
    case trainingCentres = "training-centres.jsonl"
    case trainingSessions = "training-sessions.jsonl"

    /// The manifest: what was generated and what the suite should make of it.
    public static let manifest = "city.json"

    /// CSV files start with this header row; the names are the import columns of identification.
    public var csvHeader: String? {
        switch self {
        case .schools: "schoolId,name,townCode,districtCode,stages,isRural,servesKeyPovertyVillage,isWeakTeachingPoint"
        case .students: "studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate,leftBehind,address"
        case .registry: "residentId,list,validFrom,validTo,reference"
        default: nil
        }
    }
}
