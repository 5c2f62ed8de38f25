import AidContracts
import DisbursementDomain
import Testing

@Suite("Ledger")
struct LedgerTotalsTests {
    private func entry(
        _ kind: LedgerEntry.Kind, _ amountFen: Fen, program: String = "high-school-grant", school: String = "sch-017",
        town: String = "431022104", semester: Semester = Fixtures.autumn2026
    ) throws -> LedgerEntry {
        try LedgerEntry(
            kind: kind, amountFen: amountFen, entitlementId: "ent-1", programCode: program, semester: semester,
            schoolId: school, townCode: town)
    }

    private var entries: [LedgerEntry] {
        get throws {
            [
                try entry(.payment, 125_000),
                try entry(.payment, 80_000, program: "tuition-waiver"),
                try entry(.payment, 62_500, program: "boarding-subsidy", school: "sch-031", town: "431022108"),
                try entry(.reversal, -62_500, program: "boarding-subsidy", school: "sch-031", town: "431022108"),
                try entry(.payment, 100_000, semester: Fixtures.spring2027),
                try entry(.recovery, -100_000, semester: Fixtures.spring2027),
                try entry(.payment, 75_000, program: "preschool-grant", school: "sch-031", town: "431022108", semester: Fixtures.spring2026),
            ]
        }
    }

    @Test func totalsByProgram() throws {
        #expect(LedgerTotals.aggregate(try entries, by: .program) == [
            "high-school-grant": 125_000, "tuition-waiver": 80_000, "boarding-subsidy": 0, "preschool-grant": 75_000,
        ])
    }

    @Test func totalsBySchoolAndTown() throws {
        #expect(LedgerTotals.aggregate(try entries, by: .school) == ["sch-017": 205_000, "sch-031": 75_000])
        #expect(LedgerTotals.aggregate(try entries, by: .town) == ["431022104": 205_000, "431022108": 75_000])
    }

    @Test func totalsBySemester() throws {
        #expect(LedgerTotals.aggregate(try entries, by: .semester) == ["2026-autumn": 205_000, "2027-spring": 0, "2026-spring": 75_000])
    }

    @Test(arguments: LedgerTotals.Dimension.allCases)
    func everyDimensionAddsUpToTheSameNetTotal(dimension: LedgerTotals.Dimension) throws {
        #expect(LedgerTotals.aggregate(try entries, by: dimension).values.reduce(0, +) == 280_000)
    }

    @Test func noEntriesNoTotals() {
        #expect(LedgerTotals.aggregate([], by: .program).isEmpty)
    }

    @Test func signMustMatchTheKind() throws {
        #expect(throws: FieldError(field: "amountFen", message: "a reversal must be less than 0 fen, got 5000")) {
            try entry(.reversal, 5_000)
        }
        #expect(throws: FieldError(field: "amountFen", message: "a recovery must be less than 0 fen, got 0")) {
            try entry(.recovery, 0)
        }
        #expect(throws: FieldError(field: "amountFen", message: "a payment must be more than 0 fen, got -5000")) {
            try entry(.payment, -5_000)
        }
    }
}
