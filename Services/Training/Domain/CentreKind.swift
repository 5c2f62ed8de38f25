/// Who runs vocational training for rural workers.
public enum CentreKind: String, Codable, Sendable, CaseIterable {
    case vocationalSchool = "vocational-school"
    case technicalSchool = "technical-school"
    /// A township's adult-education counsellors (乡镇成人教育辅导员), who teach in the villages.
    case adultEducation = "adult-education"
}
