/// A calendar day as a count of days since 1970-01-01. The generator draws birth dates and
/// registry periods as ranges of days, which needs day arithmetic that `CalendarDay` (a validated
/// record of year, month and day) does not offer.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// - Precondition: the numbers name a real day; the generator only builds days from its own constants.
    public init(_ year: Int, _ month: Int, _ day: Int) {
        // Howard Hinnant's days_from_civil.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day (Howard Hinnant's civil_from_days).
    public var civil: (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `yyyy-MM-dd`, as import files and APIs write dates.
    public var description: String {
        let (year, month, day) = civil
        return "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// `yyyyMMdd`, as resident ID numbers embed the birth date.
    public var compact: String {
        let (year, month, day) = civil
        return "\(year)\(Self.twoDigits(month))\(Self.twoDigits(day))"
    }

    public func adding(days: Int) -> Day {
        Day(number: number + days)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension SeededRandom {
    /// A day drawn uniformly from `first...last`.
    public mutating func day(from first: Day, through last: Day) -> Day {
        Day(number: int(in: first.number...last.number))
    }
}
