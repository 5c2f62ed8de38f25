import AidContracts
import Foundation
import Testing

@Suite("Bundled JSON Schemas")
struct SchemaFileTests {
    @Test("the catalog lists each event type once, each with one sample and a matching topic")
    func catalogIsComplete() throws {
        let names = SampleEvents.eventTypes
        #expect(Set(names).count == names.count)
        #expect(SampleEvents.all.count == EventCatalog.all.count)
        for type in EventCatalog.all {
            #expect(SampleEvents.sample(for: type) != nil, "no sample for \(type.eventType)")
            #expect(EventCatalog.type(named: type.eventType)?.eventType == type.eventType)
            let domain = type.topic.name.replacingOccurrences(of: ".v1", with: ".")
            #expect(type.eventType.hasPrefix(domain), "\(type.eventType) is published on \(type.topic)")
        }
    }

    @Test("schema is bundled, well formed and its required lists match the encoded sample",
          arguments: SampleEvents.eventTypes)
    func schemaMatchesEncoding(eventType: String) throws {
        let type = try #require(EventCatalog.type(named: eventType))
        let url = try #require(EventCatalog.schemaURL(for: type), "\(type.schemaFileName) is not bundled")
        #expect(url.lastPathComponent == "\(eventType).schema.json")

        let schema = try SchemaDocument(contentsOf: url)
        let id = try #require(schema.id)
        #expect(id.hasSuffix("/\(url.lastPathComponent)"))
        #expect(id == "https://schemas.aid.example/\(eventType).schema.json")
        #expect(schema.root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((schema.root["title"] as? String ?? "").isEmpty == false)
        #expect((schema.root["description"] as? String ?? "").isEmpty == false)
        #expect(schema.root["type"] as? String == "object")
        #expect(schema.openObjects.isEmpty, "objects without additionalProperties: false: \(schema.openObjects)")

        let sample = try #require(SampleEvents.sample(for: type))
        let encoded = try EncodedSample(sample)
        let mismatches = schema.keyMismatches(instance: try encoded.jsonObject)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("enums in the schemas are exactly the Swift raw values", arguments: SampleEvents.eventTypes)
    func enumsMatchSwift(eventType: String) throws {
        let type = try #require(EventCatalog.type(named: eventType))
        let schema = try SchemaDocument(for: type)
        if let stages = schema.enumeration(of: "stage") {
            #expect(stages == Stage.allCases.map(\.rawValue))
        }
        if let tiers = schema.enumeration(of: "needTier") {
            #expect(tiers == NeedTier.allCases.map(\.rawValue))
        }
    }

    @Test("every schema file in the bundle belongs to a catalog event type")
    func noStraySchemas() throws {
        let first = try #require(EventCatalog.all.first)
        let folder = try #require(EventCatalog.schemaURL(for: first)).deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(EventCatalog.all.map { $0.schemaFileName }))
    }
}
