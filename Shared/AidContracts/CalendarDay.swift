import Foundation

/// A day on the Gregorian calendar with no time or time zone: birth dates, enrolment dates, registry
/// validity, training sessions and roll calls, re-check deadlines and review sign-offs are all whole
/// days, and treating them as `Date` would invite off-by-one errors around midnight. One type for
/// every service (identification, training, inspection).
public struct CalendarDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails unless the three numbers name a real day (so 2023-02-29 fails, 2024-02-29 does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the `yyyy-MM-dd` form used in import files; nil for any other shape or a day that
    /// does not exist.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Self.number(parts[0]), let month = Self.number(parts[1]), let day = Self.number(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses the compact `yyyyMMdd` form embedded in resident identity numbers.
    public init?(compact text: Substring) {
        guard text.count == 8, let year = Self.number(text.prefix(4)),
              let month = Self.number(text.dropFirst(4).prefix(2)), let day = Self.number(text.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Today in China Standard Time, where every user of the programme is. China has no daylight
    /// saving, so a fixed +8 hour offset is exact and needs no time zone database.
    public static func today(at now: Date = Date()) -> CalendarDay {
        let secondsPerDay = 86_400.0
        let chinaOffset = 8 * 3_600.0
        let daysSinceEpoch = ((now.timeIntervalSince1970 + chinaOffset) / secondsPerDay).rounded(.down)
        return fromDaysSinceEpoch(Int(daysSinceEpoch))
    }

    public var description: String {
        "\(Self.padded(year, to: 4))-\(Self.padded(month, to: 2))-\(Self.padded(day, to: 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDay(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be a real day written yyyy-MM-dd, got '\(text)'")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Only ASCII digits count: `Int("+1")` and full-width digits must not pass as a month.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(text)
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The day `days` after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int) {
        self = Self.fromDaysSinceEpoch(days)
    }

    /// Days since 1970-01-01, for day arithmetic (Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`: converts a day count since 1970-01-01 to a Gregorian
    /// date with integer arithmetic only.
    private static func fromDaysSinceEpoch(_ days: Int) -> CalendarDay {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchBasedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchBasedMonth + 2) / 5 + 1
        let month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // The arithmetic always yields a real day, so there is nothing left to check.
        return CalendarDay(uncheckedYear: year, month: month, day: day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
