import Foundation
import AidContracts
import Testing

@Suite("Calendar days (shared by identification, training and inspection)")
struct CalendarDayTests {
    @Test("only real days can be made", arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
        (2026, 4, 31, false), (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 10, false), (2026, 1, 0, false),
    ])
    func realDays(year: Int, month: Int, day: Int, exists: Bool) {
        #expect((CalendarDay(year: year, month: month, day: day) != nil) == exists)
    }

    @Test("yyyy-MM-dd parsing is strict", arguments: [
        ("2026-09-01", true), ("2026-9-1", false), ("2026/09/01", false), ("20260901", false),
        ("2026-02-30", false), ("+026-09-01", false), ("2026-09-01T00:00", false), ("", false),
    ])
    func isoParsing(text: String, valid: Bool) {
        let date = CalendarDay(iso: text)
        #expect((date != nil) == valid)
        if let date { #expect(date.description == text) }
    }

    @Test("today is the date in China Standard Time (UTC+8)", arguments: [
        (0, "1970-01-01"),
        (57_599, "1970-01-01"),          // 15:59:59 UTC
        (57_600, "1970-01-02"),          // 16:00 UTC is midnight in China
        (-43_200, "1969-12-31"),
        (1_709_222_399, "2024-02-29"),   // 2024-02-29T15:59:59Z
        (1_709_222_400, "2024-03-01"),   // 2024-02-29T16:00:00Z
    ] as [(TimeInterval, String)])
    func todayInChina(secondsSinceEpoch: TimeInterval, expected: String) {
        #expect(CalendarDay.today(at: Date(timeIntervalSince1970: secondsSinceEpoch)).description == expected)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        CalendarDay(year: year, month: month, day: day)!
    }

    @Test("dates order by day and round-trip through JSON as yyyy-MM-dd")
    func orderingAndCoding() throws {
        #expect(Self.date(2025, 12, 31) < Self.date(2026, 1, 1))
        #expect(Self.date(2026, 1, 2) > Self.date(2026, 1, 1))
        let data = try JSONEncoder().encode([Self.date(2026, 9, 1)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-09-01"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == [Self.date(2026, 9, 1)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
