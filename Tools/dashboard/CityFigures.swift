/// Everything the dashboard shows, rebuilt from the topics: the JSON of `/api/figures` and of every
/// `/events` message. Aggregates only; no event carries personal data and none is kept here.
struct CityFigures: Codable, Sendable, Equatable {
    /// Distinct events folded in (redeliveries of an event id are not counted again).
    var eventsApplied: Int
    /// Events of a type the dashboard does not read, or whose data it could not read.
    var eventsSkipped: Int
    /// True once everything on the topics when the dashboard started has been read.
    var caughtUp: Bool
    /// `ce_time` of the latest event folded in.
    var lastEventTime: String?
    var disbursement: DisbursementFold.Figures
    var identification: IdentificationFold.Figures
    var coverage: Coverage
    var charity: CharityFold.Figures
    var pairing: PairingFold.Figures
    var training: TrainingFold.Figures
    var inspection: InspectionFold.Figures
    var recheckCoverage: RecheckCoverage
}
