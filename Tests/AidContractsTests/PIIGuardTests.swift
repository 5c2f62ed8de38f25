import AidContracts
import Testing

/// Events cross every service boundary and land in logs and dead-letter topics, so they must never
/// carry personal data; property names are the cheapest place to catch a field that would.
@Suite("No personal data in events")
struct PIIGuardTests {
    static let forbidden = ["name", "idNumber", "nationalId", "residentId", "address", "phone"]

    static func personalDataNames(in names: Set<String>) -> [String] {
        names.filter { name in forbidden.contains { name.lowercased().contains($0.lowercased()) } }.sorted()
    }

    @Test("the guard catches names that look like personal data")
    func guardWorks() {
        let names: Set<String> = ["studentName", "HomeAddress", "guardianPhoneNumber", "NATIONALID", "idNumberHash", "studentId", "townCode"]
        #expect(Self.personalDataNames(in: names) == ["HomeAddress", "NATIONALID", "guardianPhoneNumber", "idNumberHash", "studentName"])
    }

    @Test("neither the encoded sample nor the schema has a personal-data property", arguments: SampleEvents.eventTypes)
    func noPersonalData(eventType: String) throws {
        let type = try #require(EventCatalog.type(named: eventType))
        let sample = try #require(SampleEvents.sample(for: type))
        let encodedNames = try EncodedSample(sample).allKeys
        let schemaNames = try SchemaDocument(for: type).allPropertyNames
        #expect(!encodedNames.isEmpty && !schemaNames.isEmpty)
        #expect(Self.personalDataNames(in: encodedNames).isEmpty, "encoded: \(Self.personalDataNames(in: encodedNames))")
        #expect(Self.personalDataNames(in: schemaNames).isEmpty, "schema: \(Self.personalDataNames(in: schemaNames))")
    }
}
