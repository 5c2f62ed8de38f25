@testable import CityGenerator
import IdentificationDomain
import Testing

@Suite("City generator: days and numbers")
struct CalendarTests {
    @Test("day numbers and calendar dates convert both ways, leap days included")
    func dayRoundTrip() {
        #expect(Day(1970, 1, 1).number == 0)
        #expect(Day(2024, 2, 29).description == "2024-02-29")
        #expect(Day(2024, 2, 28).adding(days: 1).description == "2024-02-29")
        #expect(Day(2023, 2, 28).adding(days: 1).description == "2023-03-01")
        for number in stride(from: Day(1920, 1, 1).number, through: Day(2031, 1, 1).number, by: 1) {
            let (year, month, day) = Day(number: number).civil
            #expect(Day(year, month, day).number == number)
        }
    }

    @Test("issued numbers carry sex in the parity of the sequence and never repeat on one day")
    func issuer() throws {
        var issuer = ResidentIDIssuer(regionCode: "370785", latestBirth: Day(2026, 9, 1))
        let born = Day(2015, 6, 1)
        let men = (0..<5).map { _ in issuer.issue(born: born, male: true) }
        let women = (0..<5).map { _ in issuer.issue(born: born, male: false) }
        #expect(Set(men + women).count == 10)
        #expect(men.allSatisfy { Int(String(Array($0)[16]))! % 2 == 1 })
        #expect(women.allSatisfy { Int(String(Array($0)[16]))! % 2 == 0 })
        for number in men + women { _ = try ResidentID(validating: number) }
    }

    @Test("shares add up to the total, larger weights get more")
    func apportion() {
        let shares = DistrictGenerator.apportion(10, by: [1, 1, 1])
        #expect(shares.reduce(0, +) == 10)
        #expect(shares == [4, 3, 3])
        #expect(DistrictGenerator.apportion(100, by: [3, 1]) == [75, 25])
    }
}
