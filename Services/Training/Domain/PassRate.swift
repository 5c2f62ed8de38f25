/// The share of examined trainees who passed, for one course, centre or year.
public struct PassRate: Codable, Sendable, Equatable {
    public enum Dimension: String, Sendable, CaseIterable {
        case course, centre, year
    }

    public var key: String
    public var examined: Int
    public var passed: Int
    /// Percent with one decimal, rounded half up (96.0 for 24 of 25); computed in integers so the
    /// same counts always print the same rate.
    public var passRatePercent: Double

    public init(key: String, examined: Int, passed: Int) {
        self.key = key
        self.examined = examined
        self.passed = passed
        passRatePercent = examined == 0 ? 0 : Double((passed * 1000 + examined / 2) / examined) / 10
    }

    /// Rates of `records` grouped by `dimension`, in key order.
    public static func rates(_ records: [ExamRecord], by dimension: Dimension) -> [PassRate] {
        let groups = Dictionary(grouping: records) { record in
            switch dimension {
            case .course: record.courseId
            case .centre: record.centreId
            case .year: String(record.year)
            }
        }
        return groups.map { key, records in
            PassRate(key: key, examined: records.count, passed: records.filter(\.passed).count)
        }.sorted { $0.key < $1.key }
    }
}
