import AidContracts
import Foundation
import TestSupport
import Testing

@Suite("Encoded events against their JSON Schemas (Python jsonschema)")
struct SchemaValidationTests {
    /// A sample broken on purpose, what the validator must say about it, and whether
    /// `EventCoding.decoder` rejects it too (it tolerates extra keys and unchecked strings).
    struct BrokenSample: Sendable, CustomTestStringConvertible {
        var label: String
        var type: any AidEvent.Type
        var fragment: String
        var replacement: String
        var expectedError: String
        var decoderRejects: Bool

        var testDescription: String { label }
    }

    static let brokenSamples: [BrokenSample] = [
        BrokenSample(label: "unknown need tier", type: IdentificationEvent.StudentIdentified.self,
                     fragment: #""tier":"especially-difficult""#, replacement: #""tier":"extremely-difficult""#,
                     expectedError: "tier: 'extremely-difficult' is not one of", decoderRejects: true),
        BrokenSample(label: "unknown nested stage", type: IdentificationEvent.TierChanged.self,
                     fragment: #""stage":"primary""#, replacement: #""stage":"middle-school""#,
                     expectedError: "placement/stage: 'middle-school' is not one of", decoderRejects: true),
        BrokenSample(label: "missing field", type: RosterEvent.StudentEnrolled.self,
                     fragment: #""grade":3,"#, replacement: "",
                     expectedError: "'grade' is a required property", decoderRejects: true),
        BrokenSample(label: "missing nested amount", type: DisbursementEvent.EntitlementGranted.self,
                     fragment: #""amountFen":50000,"#, replacement: "",
                     expectedError: "grant: 'amountFen' is a required property", decoderRejects: true),
        BrokenSample(label: "fractional amount", type: DisbursementEvent.PaymentSent.self,
                     fragment: #""amountFen":50000"#, replacement: #""amountFen":50000.5"#,
                     expectedError: "grant/amountFen: 50000.5 is not of type 'integer'", decoderRejects: true),
        BrokenSample(label: "amount as a string", type: DisbursementEvent.PaymentConfirmed.self,
                     fragment: #""amountFen":50000"#, replacement: #""amountFen":"50000""#,
                     expectedError: "grant/amountFen: '50000' is not of type 'integer'", decoderRejects: true),
        BrokenSample(label: "extra field", type: RosterEvent.SchoolRegistered.self,
                     fragment: #"{"districtCode""#, replacement: #"{"principalOffice":"Room 3","districtCode""#,
                     expectedError: "'principalOffice' was unexpected", decoderRejects: false),
        BrokenSample(label: "extra nested field", type: DisbursementEvent.PaymentFailed.self,
                     fragment: #""amountFen":50000"#, replacement: #""amountFen":50000,"bankAccount":"6217000000000000""#,
                     expectedError: "grant: Additional properties are not allowed ('bankAccount' was unexpected)",
                     decoderRejects: false),
        BrokenSample(label: "semester with an unknown term", type: DisbursementEvent.EntitlementRevoked.self,
                     fragment: #""semester":"2026-autumn""#, replacement: #""semester":"2026-summer""#,
                     expectedError: "grant/semester: '2026-summer' does not match", decoderRejects: true),
        BrokenSample(label: "boolean as a string", type: RosterEvent.StudentDetailsChanged.self,
                     fragment: #""leftBehind":false"#, replacement: #""leftBehind":"no""#,
                     expectedError: "leftBehind: 'no' is not of type 'boolean'", decoderRejects: true),
        BrokenSample(label: "date not in ISO 8601", type: RosterEvent.StudentWithdrawn.self,
                     fragment: #""effectiveDate":"2026-11-15""#, replacement: #""effectiveDate":"15/11/2026""#,
                     expectedError: "effectiveDate: '15/11/2026' is not a 'date'", decoderRejects: false),
        BrokenSample(label: "null instead of a value", type: IdentificationEvent.IdentificationRevoked.self,
                     fragment: #""reason":"no-longer-eligible""#, replacement: #""reason":null"#,
                     expectedError: "reason: None is not of type 'string'", decoderRejects: true),
    ]

    @Test("every sample event, as encoded, validates against its schema")
    func samplesValidate() async throws {
        var cases: [SchemaValidator.Case] = []
        for sample in SampleEvents.all {
            let type = Swift.type(of: sample)
            let schema = try #require(EventCatalog.schemaURL(for: type), "\(type.schemaFileName) is not bundled")
            cases.append(SchemaValidator.Case(schema: schema, instance: try EncodedSample(sample).bytes))
        }
        let results = try await SchemaValidator.validate(cases)
        for (sample, errors) in zip(SampleEvents.all, results) {
            #expect(errors.isEmpty, "\(Swift.type(of: sample).eventType): \(errors)")
        }
    }

    @Test("broken samples are rejected by the schema", arguments: brokenSamples)
    func brokenSampleIsRejected(_ broken: BrokenSample) async throws {
        let sample = try #require(SampleEvents.sample(for: broken.type))
        let instance = try EncodedSample(sample).replacing(broken.fragment, with: broken.replacement)
        let schema = try #require(EventCatalog.schemaURL(for: broken.type))

        let results = try await SchemaValidator.validate([.init(schema: schema, instance: instance)])
        let errors = try #require(results.first)
        #expect(!errors.isEmpty, "accepted: \(String(decoding: instance, as: UTF8.self))")
        #expect(errors.contains { $0.contains(broken.expectedError) }, "\(errors)")

        let decoderRejected = (try? EventCoding.decoder.decode(broken.type, from: Data(instance))) == nil
        #expect(decoderRejected == broken.decoderRejects, "EventCoding.decoder rejected: \(decoderRejected)")
    }

    @Test("a Python without jsonschema fails validation with a clear message instead of skipping it")
    func missingValidatorFails() async throws {
        let sample = try #require(SampleEvents.all.first)
        let schema = try #require(EventCatalog.schemaURL(for: Swift.type(of: sample)))
        let interpreter = SchemaValidator.defaultInterpreter
        // -I -S: no site-packages and no PYTHONPATH, so jsonschema cannot be found.
        let bare = (interpreter.executable, interpreter.leadingArguments + ["-I", "-S"])
        let error = await #expect(throws: SchemaValidator.Failure.self) {
            try await SchemaValidator.validate([.init(schema: schema, instance: try EncodedSample(sample).bytes)], interpreter: bare)
        }
        #expect(error?.description.contains("'jsonschema' is not importable") == true, "\(String(describing: error))")
    }
}
