import Foundation

/// Every event type of the suite, for schema checks, documentation and dashboards.
public enum EventCatalog {
    public static let all: [any AidEvent.Type] =
        rosterEvents + identificationEvents + disbursementEvents
        + charityEvents + pairingEvents + trainingEvents + inspectionEvents

    static let rosterEvents: [any AidEvent.Type] = [
        RosterEvent.SchoolRegistered.self,
        RosterEvent.SchoolClosed.self,
        RosterEvent.StudentEnrolled.self,
        RosterEvent.StudentTransferred.self,
        RosterEvent.StudentGraduated.self,
        RosterEvent.StudentWithdrawn.self,
        RosterEvent.StudentDetailsChanged.self,
    ]

    static let identificationEvents: [any AidEvent.Type] = [
        IdentificationEvent.StudentIdentified.self,
        IdentificationEvent.TierChanged.self,
        IdentificationEvent.IdentificationRevoked.self,
        IdentificationEvent.CoverageMeasured.self,
    ]

    static let disbursementEvents: [any AidEvent.Type] = [
        DisbursementEvent.EntitlementGranted.self,
        DisbursementEvent.EntitlementRevoked.self,
        DisbursementEvent.PaymentSent.self,
        DisbursementEvent.PaymentConfirmed.self,
        DisbursementEvent.PaymentFailed.self,
        DisbursementEvent.ClawbackRecovered.self,
    ]

    public static func type(named name: String) -> (any AidEvent.Type)? {
        all.first { $0.eventType == name }
    }

    /// The bundled JSON Schema of an event type.
    public static func schemaURL(for type: any AidEvent.Type) -> URL? {
        Bundle.module.url(forResource: type.schemaFileName, withExtension: nil, subdirectory: "Schemas")
    }
}
