import AidContracts

/// A calendar day as a count of days since 1970-01-01. The generator draws birth dates and
/// registry periods as ranges of days, so it keeps the count; `CalendarDay` converts to and from
/// year, month and day.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// - Precondition: the numbers name a real day; the generator only builds days from its own constants.
    public init(_ year: Int, _ month: Int, _ day: Int) {
        guard let calendarDay = CalendarDay(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) is not a day")
        }
        number = calendarDay.daysSinceEpoch
    }

    /// Year, month and day.
    public var civil: (year: Int, month: Int, day: Int) {
        let calendarDay = CalendarDay(daysSinceEpoch: number)
        return (calendarDay.year, calendarDay.month, calendarDay.day)
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
