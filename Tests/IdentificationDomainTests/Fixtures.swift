import AidContracts
import Foundation
import IdentificationDomain

/// Shared test values: a fixed "today" and resident ID numbers built with a correct check digit.
enum Fixtures {
    static let today = date(2026, 6, 1)

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        guard let date = CalendarDay(year: year, month: month, day: day) else {
            preconditionFailure("fixture date \(year)-\(month)-\(day) does not exist")
        }
        return date
    }

    /// An 18-character number with the right check digit: region (6) + birth yyyyMMdd (8) + sequence (3).
    static func residentID(region: String = "431022", birth: String = "20150304", sequence: String = "123") -> String {
        let first17 = region + birth + sequence
        return first17 + String(ResidentID.checkDigit(for: first17))
    }

    static func csv(_ lines: [String]) -> Data {
        Data(lines.joined(separator: "\n").utf8)
    }
}
