/// What a caller is, as carried in its bearer token. Each route names the roles it admits.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Staff of one school: import their roster, submit applications.
    case schoolStaff = "school-staff"
    /// Education bureau officer: decide, approve batches, run payments.
    case bureauOfficer = "bureau-officer"
    /// Inspector: review, record findings, order claw-backs.
    case inspector
    /// Auditor: read-only access to everything.
    case auditor
    /// Deployment operator: imports, replays, runs.
    case `operator`
}
