import AidContracts
import CharityDomain
import Testing

@Suite("Assessment and pledge validation")
struct DraftValidationTests {
    static func assessment(id: String = "AS-2026-001", assessedOn: String = "2026-09-10", needs: [NeedDraft]) -> AssessmentDraft {
        AssessmentDraft(assessmentId: id, schoolId: "SCH-W1", assessedOn: assessedOn, checklist: ConditionScoresTests.checklist(), needs: needs)
    }

    @Test func aValidAssessmentHasNoProblemsAndStableNeedIds() {
        let draft = Self.assessment(needs: [NeedDraft(itemCode: "computer", quantity: 4), NeedDraft(itemCode: "desk-stool-set", quantity: 30)])
        #expect(draft.validate().isEmpty)
        #expect(draft.needId(at: 0) == "AS-2026-001-1")
        #expect(draft.needId(at: 1) == "AS-2026-001-2")
    }

    @Test func anItemIsListedOnce() {
        let draft = Self.assessment(needs: [NeedDraft(itemCode: "computer", quantity: 4), NeedDraft(itemCode: "computer", quantity: 2)])
        #expect(draft.validate() == [FieldError(field: "needs[1].itemCode", rule: "'computer' is already listed at needs[0]; list each item once")])
    }

    @Test func everyProblemIsNamedAtOnce() {
        let draft = Self.assessment(id: "AS 1", assessedOn: "2026-02-30", needs: [NeedDraft(itemCode: "Computer", quantity: 0)])
        #expect(draft.validate().map(\.field) == ["assessmentId", "assessedOn", "needs[0].itemCode", "needs[0].quantity"])
    }

    @Test("dates are real calendar days", arguments: ["2026-9-10", "2026-13-01", "2027-02-29", "２０２６-09-10", "10/09/2026", ""])
    func badDates(text: String) {
        #expect(Self.assessment(assessedOn: text, needs: []).validate().map(\.field) == ["assessedOn"])
    }

    @Test func leapDayIsADate() {
        #expect(Self.assessment(assessedOn: "2028-02-29", needs: []).validate().isEmpty)
    }

    static func pledge(_ lines: [PledgeLineDraft]) -> PledgeDraft {
        PledgeDraft(pledgeId: "PL-1", donorId: "DONOR-FED", donorName: "City Charity Federation", pledgedOn: "2026-09-01", lines: lines)
    }

    @Test func goodsAndMoneyLines() {
        let goods = PledgeLineDraft(itemCode: "computer", quantity: 5, unitValueFen: 350_000)
        let money = PledgeLineDraft(itemCode: "desk-stool-set", amountFen: 1_010_000, unitValueFen: 25_000)
        #expect(Self.pledge([goods, money]).validate().isEmpty)
        #expect(goods.form == .inKind)
        #expect(goods.units == 5)
        #expect(goods.pledgedFen == 1_750_000)
        #expect(money.form == .money)
        // 1,010,000 fen buys 40 sets at 25,000; the 10,000 left over stays unallocated.
        #expect(money.units == 40)
        #expect(money.pledgedFen == 1_010_000)
    }

    @Test func aLineGivesGoodsOrMoneyNotBothNorNeither() {
        let both = PledgeLineDraft(itemCode: "computer", quantity: 1, amountFen: 100, unitValueFen: 100)
        let neither = PledgeLineDraft(itemCode: "computer", unitValueFen: 100)
        #expect(Self.pledge([both, neither]).validate() == [
            FieldError(field: "lines[0].amountFen", rule: "must not be given with quantity: a line gives goods or money, not both"),
            FieldError(field: "lines[1].quantity", rule: "quantity (goods) or amountFen (money for the item) is required"),
        ])
    }

    @Test func moneyMustBuyAtLeastOneUnit() {
        let short = PledgeLineDraft(itemCode: "computer", amountFen: 9_999, unitValueFen: 10_000)
        #expect(Self.pledge([short]).validate() == [
            FieldError(field: "lines[0].amountFen", rule: "must buy at least one unit at unitValueFen 10000, got 9999"),
        ])
    }

    @Test func aPledgeNeedsLinesAndADonor() {
        let draft = PledgeDraft(pledgeId: "PL-1", donorId: "", donorName: "  ", pledgedOn: "2026-09-01", lines: [])
        #expect(draft.validate().map(\.field) == ["donorId", "donorName", "lines"])
    }

    @Test func unitValueIsBounded() {
        let line = PledgeLineDraft(itemCode: "computer", quantity: 1, unitValueFen: 0)
        #expect(Self.pledge([line]).validate() == [FieldError(field: "lines[0].unitValueFen", rule: "must be between 1 and 100000000, got 0")])
    }

    @Test func fenAreWrittenAsYuan() {
        #expect(FenText.yuan(350_000) == "3500.00 yuan")
        #expect(FenText.yuan(1_005) == "10.05 yuan")
        #expect(FenText.yuan(-70) == "-0.70 yuan")
    }
}
