import AidContracts
import Foundation
import IdentificationDomain
import Testing

@Suite("Resident ID validation")
struct ResidentIDTests {
    @Test("the published example 11010519491231002X is valid")
    func knownExample() throws {
        #expect(ResidentID.checkDigit(for: "11010519491231002") == "X")
        let id = try ResidentID(validating: "11010519491231002X", today: Fixtures.today)
        #expect(id.value == "11010519491231002X")
        #expect(id.regionCode == "110105")
        #expect(id.birthDate == Fixtures.date(1949, 12, 31))
    }

    @Test("a lowercase x check character is accepted and normalised to X")
    func lowercaseX() throws {
        let id = try ResidentID(validating: "11010519491231002x", today: Fixtures.today)
        #expect(id.value == "11010519491231002X")
        #expect(id == (try ResidentID(validating: "11010519491231002X", today: Fixtures.today)))
    }

    @Test("numbers built with checkDigit(for:) validate", arguments: [
        ("440301", "20100101", "123", Fixtures.date(2010, 1, 1)),
        ("431022", "20150304", "106", Fixtures.date(2015, 3, 4)),
        ("510107", "20000229", "001", Fixtures.date(2000, 2, 29)),
        ("650102", "19000101", "999", Fixtures.date(1900, 1, 1)),
        ("110105", "20260601", "010", Fixtures.date(2026, 6, 1)),
    ])
    func builtNumbers(region: String, birth: String, sequence: String, birthDate: CalendarDay) throws {
        let text = Fixtures.residentID(region: region, birth: birth, sequence: sequence)
        let id = try ResidentID(validating: text, today: Fixtures.today)
        #expect(id.value == text)
        #expect(id.regionCode == region)
        #expect(id.birthDate == birthDate)
    }

    @Test("check digits for known numbers", arguments: [
        ("44030120100101123", Character("4")),
        ("43102220150304106", Character("7")),
        ("51010720000229001", Character("0")),
        ("11010519491231002", Character("X")),
    ])
    func checkDigits(first17: String, expected: Character) {
        #expect(ResidentID.checkDigit(for: first17) == expected)
    }

    @Test("each broken rule is reported with what was wrong", arguments: [
        ("1101051949123100", ResidentIDError.wrongLength(actual: 16), "must be 18 characters, got 16"),
        ("11010519491231002XX", .wrongLength(actual: 19), "must be 18 characters, got 19"),
        ("", .wrongLength(actual: 0), "must be 18 characters, got 0"),
        ("1101a519491231002X", .notADigit(position: 5, found: "a"), "character 5 must be a digit 0-9, got 'a'"),
        ("11010519491231００2X", .notADigit(position: 15, found: "０"), "character 15 must be a digit 0-9, got '０'"),
        ("11010519491231002Y", .invalidCheckCharacter(found: "Y"), "character 18 must be a digit 0-9 or X, got 'Y'"),
        (Fixtures.residentID(region: "010105"), .regionCodeStartsWithZero,
         "region code (characters 1-6) must not start with 0"),
        (Fixtures.residentID(birth: "20230229"), .birthDateNotARealDay("20230229"),
         "birth date (characters 7-14) must be a real day written yyyyMMdd, got 20230229"),
        (Fixtures.residentID(birth: "20151301"), .birthDateNotARealDay("20151301"),
         "birth date (characters 7-14) must be a real day written yyyyMMdd, got 20151301"),
        (Fixtures.residentID(birth: "18991231"), .birthDateBefore1900(Fixtures.date(1899, 12, 31)),
         "birth date must be on or after 1900-01-01, got 1899-12-31"),
        (Fixtures.residentID(birth: "20260602"), .birthDateInFuture(Fixtures.date(2026, 6, 2), today: Fixtures.today),
         "birth date must not be after today (2026-06-01), got 2026-06-02"),
        ("431022201503041063", .checkDigitMismatch(expected: "7", actual: "3"), "check digit must be 7, got 3"),
        ("11010519491231002 ", .invalidCheckCharacter(found: " "), "character 18 must be a digit 0-9 or X, got ' '"),
    ])
    func failures(text: String, expected: ResidentIDError, message: String) {
        #expect(throws: expected) {
            try ResidentID(validating: text, today: Fixtures.today)
        }
        #expect(expected.description == message)
    }

    @Test("a wrong check digit is reported after the structural rules, naming the right digit")
    func wrongCheckDigitOnKnownExample() {
        #expect(throws: ResidentIDError.checkDigitMismatch(expected: "X", actual: "3")) {
            try ResidentID(validating: "110105194912310023", today: Fixtures.today)
        }
    }

    @Test("encodes as the bare number and re-validates when decoded")
    func codable() throws {
        let id = try ResidentID(validating: "11010519491231002x", today: Fixtures.today)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([ResidentID].self, from: data) == [id])

        let broken = Data(#"["431022201503041063"]"#.utf8)
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentID].self, from: broken)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.debugDescription == "resident id check digit must be 7, got 3")
    }
}
