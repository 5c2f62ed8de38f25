import AidContracts
import Foundation
import TestSupport
import Testing

/// What the training, inspection and claw-back contracts promise beyond the checks every event gets.
@Suite("Training, inspection and claw-back contracts")
struct TrainingAndInspectionContractTests {
    static func validate(_ type: any AidEvent.Type, _ instance: [UInt8]) async throws -> [String] {
        let schema = try #require(EventCatalog.schemaURL(for: type))
        return try #require(try await SchemaValidator.validate([.init(schema: schema, instance: instance)]).first)
    }

    @Test("a failed completion carries certificateId as null, validates, and decodes back")
    func failedCompletionHasNullCertificate() async throws {
        let failed = TrainingEvent.TrainingCompleted(
            enrolmentId: "enr-1", traineeId: "trn-1", placement: SampleEvents.trainingPlacement, year: 2027, outcome: .failed,
            score: 41, attendancePercent: 70, certificateId: nil)
        let encoded = try EncodedSample(failed)
        #expect(encoded.text.contains(#""certificateId":null"#))
        #expect(try await Self.validate(TrainingEvent.TrainingCompleted.self, encoded.bytes).isEmpty)
        #expect(try EventCoding.decoder.decode(TrainingEvent.TrainingCompleted.self, from: Data(encoded.bytes)) == failed)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var type: any AidEvent.Type
        var fragment: String
        var replacement: String
        var expectedError: String
        var testDescription: String { "\(type.eventType): \(expectedError)" }
    }

    @Test("broken training and inspection events are rejected by their schemas", arguments: [
        Broken(type: InspectionEvent.ClawbackOrdered.self, fragment: #""amountFen":50000"#, replacement: #""amountFen":-50000"#,
               expectedError: "payments/0/amountFen: -50000 is less than the minimum of 1"),
        Broken(type: InspectionEvent.FindingRecorded.self, fragment: #""kind":"personal-connection""#, replacement: #""kind":"nepotism""#,
               expectedError: "kind: 'nepotism' is not one of"),
        Broken(type: InspectionEvent.RecheckCompleted.self, fragment: #""method":"home-visit""#, replacement: #""method":"letter""#,
               expectedError: "method: 'letter' is not one of"),
        Broken(type: InspectionEvent.ReviewSigned.self, fragment: #""score":83"#, replacement: #""score":130"#,
               expectedError: "score: 130 is greater than the maximum of 100"),
        Broken(type: TrainingEvent.TraineeWaitlisted.self, fragment: #""position":3"#, replacement: #""position":0"#,
               expectedError: "position: 0 is less than the minimum of 1"),
        Broken(type: TrainingEvent.TraineeEnrolled.self, fragment: #""centreId":"ctr-gaomi-tech-02","#, replacement: "",
               expectedError: "placement: 'centreId' is a required property"),
        Broken(type: DisbursementEvent.ClawbackRecovered.self, fragment: #""recoveredFen":50000"#, replacement: #""recoveredFen":500.5"#,
               expectedError: "recoveries/0/recoveredFen: 500.5 is not of type 'integer'"),
    ])
    func brokenEventIsRejected(_ broken: Broken) async throws {
        let sample = try #require(SampleEvents.sample(for: broken.type))
        let instance = try EncodedSample(sample).replacing(broken.fragment, with: broken.replacement)
        let errors = try await Self.validate(broken.type, instance)
        #expect(errors.contains { $0.contains(broken.expectedError) }, "\(errors)")
    }

    @Test("only a procedural lapse leaves the aid in place")
    func clawbackKinds() {
        #expect(InspectionEvent.FindingKind.allCases.filter(\.requiresClawback) == [.favouritism, .personalConnection, .fraud])
    }
}
