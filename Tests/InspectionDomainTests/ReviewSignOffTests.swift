import AidContracts
import InspectionDomain
import Testing

@Suite("Review results and all-member sign-off")
struct ReviewSignOffTests {
    static let day = CalendarDay(iso: "2027-04-02")!
    static let result = ReviewResult(aidManagementScore: 88, archiveManagementScore: 75)

    @Test("the score weighs aid management 60% and archive management 40%, rounded half up")
    func weightedScore() {
        #expect(Self.result.score == 83)   // 52.8 + 30.0 = 82.8
        #expect(ReviewResult(aidManagementScore: 90, archiveManagementScore: 85).score == 88)   // 54 + 34
        #expect(ReviewResult(aidManagementScore: 71, archiveManagementScore: 70).score == 71)   // 42.6 + 28 = 70.6
        #expect(ReviewResult(aidManagementScore: 101, archiveManagementScore: -1).validate().map(\.field) == ["aidManagementScore", "archiveManagementScore"])
    }

    @Test("final only when every member has signed the recorded result")
    func allMembersSign() throws {
        var review = ReviewSignOff(members: ["zhao", "qian", "sun"], result: nil, signatures: [:])
        #expect(throws: ReviewSignOff.Refusal.noResultYet) { try review.sign(by: "zhao", on: Self.day) }
        try review.record(Self.result, by: "qian")
        #expect(try review.sign(by: "zhao", on: CalendarDay(iso: "2027-03-30")!) == false)
        #expect(try review.sign(by: "qian", on: Self.day) == false)
        #expect(!review.isFinal && review.finalizedOn == nil)
        #expect(try review.sign(by: "sun", on: CalendarDay(iso: "2027-04-01")!) == true)
        #expect(review.isFinal)
        #expect(review.finalizedOn == Self.day, "the last signature's day, whatever order they came in")
    }

    @Test("outsiders cannot record or sign; nobody signs twice; a signed result cannot change")
    func refusals() throws {
        var review = ReviewSignOff(members: ["zhao", "qian"], result: nil, signatures: [:])
        #expect(throws: ReviewSignOff.Refusal.notAMember("li")) { try review.record(Self.result, by: "li") }
        try review.record(Self.result, by: "zhao")
        try review.record(ReviewResult(aidManagementScore: 80, archiveManagementScore: 80), by: "qian")
        #expect(review.result?.score == 80, "before the first signature the result may still be corrected")
        #expect(throws: ReviewSignOff.Refusal.notAMember("li")) { try review.sign(by: "li", on: Self.day) }
        _ = try review.sign(by: "zhao", on: Self.day)
        #expect(throws: ReviewSignOff.Refusal.alreadySigned("zhao")) { try review.sign(by: "zhao", on: Self.day) }
        #expect(throws: ReviewSignOff.Refusal.resultLocked(signatures: 1)) { try review.record(Self.result, by: "qian") }
        _ = try review.sign(by: "qian", on: Self.day)
        #expect(throws: ReviewSignOff.Refusal.final) { try review.sign(by: "qian", on: Self.day) }
    }
}
