import AidContracts
import Foundation
import Testing

@Suite("Shared vocabulary")
struct VocabularyTests {
    @Test("a semester code parses and prints back")
    func semesterParses() throws {
        let autumn = try #require(Semester("2026-autumn"))
        #expect(autumn == Semester(year: 2026, term: .autumn))
        #expect(autumn.description == "2026-autumn")
        #expect(Semester("2027-spring") == Semester(year: 2027, term: .spring))
    }

    @Test("malformed semester codes are rejected",
          arguments: ["", "2026", "2026-", "2026-summer", "2026-Autumn", "2026autumn", "26-autumn", "autumn-2026", "1999-spring", "2201-autumn"])
    func semesterRejects(code: String) {
        #expect(Semester(code) == nil)
    }

    @Test("semesters order by year, spring before autumn")
    func semesterOrder() throws {
        let codes = ["2027-spring", "2026-autumn", "2025-autumn", "2026-spring"]
        let semesters = try codes.map { try #require(Semester($0)) }
        #expect(semesters.sorted().map(\.description) == ["2025-autumn", "2026-spring", "2026-autumn", "2027-spring"])
        #expect(Semester(year: 2026, term: .spring) < Semester(year: 2026, term: .autumn))
        #expect(Semester(year: 2026, term: .autumn) < Semester(year: 2027, term: .spring))
        #expect(!(Semester(year: 2026, term: .autumn) < Semester(year: 2026, term: .autumn)))
    }

    @Test("a semester is a JSON string and a bad one fails to decode")
    func semesterCoding() throws {
        let encoded = try EventCoding.encoder.encode([Semester(year: 2026, term: .autumn)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-autumn"]"#)
        #expect(try EventCoding.decoder.decode([Semester].self, from: encoded) == [Semester(year: 2026, term: .autumn)])
        #expect(throws: DecodingError.self) {
            try EventCoding.decoder.decode([Semester].self, from: Data(#"["2026-summer"]"#.utf8))
        }
    }

    @Test("need tiers order from most to least in need")
    func needTierOrder() {
        #expect(NeedTier.especiallyDifficult < .difficult)
        #expect(NeedTier.difficult < .generallyDifficult)
        #expect(!(NeedTier.difficult < .difficult))
        #expect([NeedTier.generallyDifficult, .especiallyDifficult, .difficult].sorted() == NeedTier.allCases)
        #expect(NeedTier.allCases.min() == .especiallyDifficult)
        #expect(NeedTier.allCases.map(\.rawValue) == ["especially-difficult", "difficult", "generally-difficult"])
    }

    @Test("stages encode as their kebab-case raw values")
    func stageRawValues() {
        #expect(Stage.allCases.map(\.rawValue) == ["preschool", "primary", "junior-secondary", "senior-secondary", "secondary-vocational"])
        #expect(Stage.allCases.filter(\.isCompulsory) == [.primary, .juniorSecondary])
    }
}
