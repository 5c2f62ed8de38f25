import Testing
import TrainingDomain

@Suite("Pass rates by course, centre and year")
struct PassRateTests {
    static let records: [ExamRecord] = [
        ExamRecord(courseId: "masonry", centreId: "tech-02", year: 2026, passed: true),
        ExamRecord(courseId: "masonry", centreId: "tech-02", year: 2026, passed: false),
        ExamRecord(courseId: "masonry", centreId: "tech-02", year: 2027, passed: true),
        ExamRecord(courseId: "accounting", centreId: "voc-01", year: 2027, passed: true),
        ExamRecord(courseId: "mandarin", centreId: "voc-01", year: 2027, passed: false),
        ExamRecord(courseId: "mandarin", centreId: "voc-01", year: 2027, passed: true),
    ]

    @Test("grouped by each dimension, in key order")
    func grouped() {
        #expect(PassRate.rates(Self.records, by: .course) == [
            PassRate(key: "accounting", examined: 1, passed: 1),
            PassRate(key: "mandarin", examined: 2, passed: 1),
            PassRate(key: "masonry", examined: 3, passed: 2),
        ])
        #expect(PassRate.rates(Self.records, by: .centre).map(\.key) == ["tech-02", "voc-01"])
        #expect(PassRate.rates(Self.records, by: .year).map { [$0.key, "\($0.examined)", "\($0.passed)"] } == [
            ["2026", "2", "1"], ["2027", "4", "3"],
        ])
    }

    @Test("the rate is a percentage with one decimal, rounded half up", arguments: [
        (25, 24, 96.0), (3, 2, 66.7), (3, 1, 33.3), (8, 7, 87.5), (1_100, 1_056, 96.0), (7, 0, 0.0), (0, 0, 0.0),
    ])
    func rounding(examined: Int, passed: Int, percent: Double) {
        #expect(PassRate(key: "k", examined: examined, passed: passed).passRatePercent == percent)
    }
}
