import AidContracts
import Foundation
import IdentificationDomain
import Testing

@Suite("CSV import")
struct CSVImportTests {
    private let schools = RowImporter<SchoolRow>(today: Fixtures.today)
    private let students = RowImporter<StudentRow>(today: Fixtures.today)
    private let registry = RowImporter<RegistryRow>(today: Fixtures.today)

    @Test("good school rows are kept, bad ones reported by line and field, blank rows skipped")
    func schoolsGoodAndBad() throws {
        let data = Fixtures.csv([
            "schoolId,name,townCode,districtCode,stages,isRural,servesKeyPovertyVillage,isWeakTeachingPoint,principal",
            "sch-431022-017,Xinhe Central School,431022104,431022,preschool;primary;preschool,yes,1,,Ms Li",
            "sch 18,Bad School,4310,43102,primary;college,maybe,,,",
            "sch-431022-020, Hillside Teaching Point ,431022104001,431022,primary,TRUE,false,Yes,",
            ",,,,,,,,",
            "sch-431022-021,,431022104,431022,,no,,,",
        ])
        let result = try schools.importRows(from: data, format: .csv)

        #expect(result.rows.map(\.line) == [2, 4])
        #expect(result.rows.map(\.row) == [
            SchoolRow(schoolId: "sch-431022-017", name: "Xinhe Central School", townCode: "431022104",
                      districtCode: "431022", stages: [.preschool, .primary], isRural: true,
                      servesKeyPovertyVillage: true, isWeakTeachingPoint: false),
            SchoolRow(schoolId: "sch-431022-020", name: "Hillside Teaching Point", townCode: "431022104001",
                      districtCode: "431022", stages: [.primary], isRural: true,
                      servesKeyPovertyVillage: false, isWeakTeachingPoint: true),
        ])
        #expect(result.errors == [
            RowError(line: 3, field: "schoolId", rule: "must be 1-40 letters, digits or hyphens, got 'sch 18'"),
            RowError(line: 3, field: "townCode", rule: "must be 6-12 digits, got '4310'"),
            RowError(line: 3, field: "districtCode", rule: "must be 6 digits, got '43102'"),
            RowError(line: 3, field: "stages", rule: "unknown stage 'college', expected preschool, primary, junior-secondary, senior-secondary, secondary-vocational separated by ';'"),
            RowError(line: 3, field: "isRural", rule: "must be true, false, 1, 0, yes or no, got 'maybe'"),
            RowError(line: 6, field: "name", rule: "must not be empty"),
            RowError(line: 6, field: "stages", rule: "must not be empty"),
        ])
    }

    @Test("student rows: every broken rule in a row is reported; quoted line breaks keep line numbers true")
    func studentsGoodAndBad() throws {
        let wang = Fixtures.residentID(birth: "20170512", sequence: "031")
        let li = Fixtures.residentID(birth: "20210830", sequence: "442")
        let zhao = Fixtures.residentID(birth: "20120101", sequence: "007")
        let tooLongName = String(repeating: "名", count: 51)
        let data = Fixtures.csv([
            "studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate,leftBehind,address",
            "stu-1,\(wang),Wang Xiaoming,hh-1,sch-1,primary,3,2023-09-01,yes,\"Group 4, Xinhe Village\"",
            "stu-2,\(li.lowercased()),Li Hua,hh-2,sch-1,preschool,2,2025-09-01,,\"Unit 2",
            "Building 5\"",
            "stu-3,431022201503041063,\(tooLongName),hh 3,sch-1,preschool,4,2025-02-30,maybe,",
            "stu-4,\(zhao),Zhao Lei,hh-4,sch-2,university,13,2024-09-01,no,",
            "",
            "stu-5,\(zhao),Zhao Lei,hh-4,sch-2,junior-secondary,x,2024-09-01,,",
        ])
        let result = try students.importRows(from: data, format: .csv)

        #expect(result.rows.map(\.line) == [2, 3])
        let first = try #require(result.rows.first?.row)
        #expect(first == StudentRow(
            studentId: "stu-1", residentId: try ResidentID(validating: wang, today: Fixtures.today),
            name: "Wang Xiaoming", householdId: "hh-1", schoolId: "sch-1", stage: .primary, grade: 3,
            enrolmentDate: Fixtures.date(2023, 9, 1), leftBehind: true, address: "Group 4, Xinhe Village"))
        let second = try #require(result.rows.last?.row)
        #expect(second.residentId.value == li)
        #expect(second.stage == .preschool)
        #expect(second.leftBehind == false)
        #expect(second.address == "Unit 2\nBuilding 5")

        #expect(result.errors == [
            RowError(line: 5, field: "residentId", rule: "check digit must be 7, got 3"),
            RowError(line: 5, field: "name", rule: "must be at most 50 characters, got 51"),
            RowError(line: 5, field: "householdId", rule: "must be 1-40 letters, digits or hyphens, got 'hh 3'"),
            RowError(line: 5, field: "grade", rule: "must be between 1 and 3 for preschool, got 4"),
            RowError(line: 5, field: "enrolmentDate", rule: "must be a real day written yyyy-MM-dd, got '2025-02-30'"),
            RowError(line: 5, field: "leftBehind", rule: "must be true, false, 1, 0, yes or no, got 'maybe'"),
            RowError(line: 6, field: "stage", rule: "must be one of preschool, primary, junior-secondary, senior-secondary, secondary-vocational, got 'university'"),
            RowError(line: 6, field: "grade", rule: "must be between 1 and 12, got 13"),
            RowError(line: 8, field: "grade", rule: "must be a whole number, got 'x'"),
        ])
    }

    @Test("CRLF line endings, a UTF-8 byte order mark and reordered columns are handled")
    func crlfAndBOM() throws {
        let text = "\u{FEFF}stages,isRural,districtCode,townCode,name,schoolId\r\n"
            + "primary,no,431022,431022104,\"Ridge School, \"\"East\"\"\",sch-1\r\n"
            + "primary,no,431022,4310221,Ridge School,sch-2\r\n"
            + "junior-secondary,1,431022,431022104,\"Ridge\r\nAnnex\",sch-3\r\n"
            + "primary,no,431022,431022104,Ridge School,sch 4\r\n"
        let result = try schools.importRows(from: Data(text.utf8), format: .csv)

        #expect(result.rows.map(\.line) == [2, 3, 4])
        #expect(result.rows.map(\.row.name) == ["Ridge School, \"East\"", "Ridge School", "Ridge\r\nAnnex"])
        #expect(result.errors == [
            RowError(line: 6, field: "schoolId", rule: "must be 1-40 letters, digits or hyphens, got 'sch 4'"),
        ])
    }

    @Test("a missing required column is reported on every row; optional columns may be left out")
    func missingColumns() throws {
        let data = Fixtures.csv([
            "studentId,residentId,name,householdId,schoolId,stage",
            "stu-1,\(Fixtures.residentID()),Wang,hh-1,sch-1,primary",
            "stu-2,\(Fixtures.residentID(sequence: "456")),Li,hh-2,sch-1,primary",
        ])
        let result = try students.importRows(from: data, format: .csv)

        #expect(result.rows.isEmpty)
        #expect(result.errors == [
            RowError(line: 2, field: "grade", rule: "is missing"),
            RowError(line: 2, field: "enrolmentDate", rule: "is missing"),
            RowError(line: 3, field: "grade", rule: "is missing"),
            RowError(line: 3, field: "enrolmentDate", rule: "is missing"),
        ])
    }

    @Test("short rows read their absent trailing cells as empty")
    func shortRows() throws {
        let data = Fixtures.csv([
            "schoolId,name,townCode,districtCode,stages,isRural,servesKeyPovertyVillage",
            "sch-1,Ridge School,431022104,431022,primary,yes",
            "sch-2,Ridge School,431022104,431022",
        ])
        let result = try schools.importRows(from: data, format: .csv)

        #expect(result.rows.map(\.line) == [2])
        #expect(result.rows.first?.row.servesKeyPovertyVillage == false)
        #expect(result.errors == [
            RowError(line: 3, field: "stages", rule: "must not be empty"),
            RowError(line: 3, field: "isRural", rule: "must not be empty"),
        ])
    }

    @Test("registry rows: validity range checked across fields, open-ended memberships allowed")
    func registryRows() throws {
        let id = Fixtures.residentID(birth: "19800214", sequence: "512")
        let data = Fixtures.csv([
            "residentId,list,validFrom,validTo,reference",
            "\(id),dibao,2026-01-01,2026-12-31,MZ-2026-0042",
            "\(id),registered-poor,2024-03-01,,",
            "\(id),poor,2026-03-01,2026-02-28,",
            "1234,tekun,2026-03-01,,",
        ])
        let result = try registry.importRows(from: data, format: .csv)

        let residentId = try ResidentID(validating: id, today: Fixtures.today)
        #expect(result.rows.map(\.line) == [2, 3])
        #expect(result.rows.map(\.row) == [
            RegistryRow(residentId: residentId, list: .dibao, validFrom: Fixtures.date(2026, 1, 1),
                        validTo: Fixtures.date(2026, 12, 31), reference: "MZ-2026-0042"),
            RegistryRow(residentId: residentId, list: .registeredPoor, validFrom: Fixtures.date(2024, 3, 1)),
        ])
        #expect(result.errors == [
            RowError(line: 4, field: "list", rule: "must be one of orphan, disability, dibao, tekun, registered-poor, got 'poor'"),
            RowError(line: 4, field: "validTo", rule: "must not be before validFrom (2026-03-01), got 2026-02-28"),
            RowError(line: 5, field: "residentId", rule: "must be 18 characters, got 4"),
        ])
    }

    @Test("registry membership is active on both boundary days and not outside them")
    func registryActivity() throws {
        let residentId = try ResidentID(validating: Fixtures.residentID(), today: Fixtures.today)
        let closed = RegistryRow(residentId: residentId, list: .tekun, validFrom: Fixtures.date(2026, 1, 1),
                                 validTo: Fixtures.date(2026, 6, 30))
        #expect(!closed.isActive(on: Fixtures.date(2025, 12, 31)))
        #expect(closed.isActive(on: Fixtures.date(2026, 1, 1)))
        #expect(closed.isActive(on: Fixtures.date(2026, 6, 30)))
        #expect(!closed.isActive(on: Fixtures.date(2026, 7, 1)))

        let open = RegistryRow(residentId: residentId, list: .tekun, validFrom: Fixtures.date(2026, 1, 1))
        #expect(open.isActive(on: Fixtures.date(2099, 1, 1)))
    }

    @Test("file-level problems are thrown, not reported per row", arguments: [
        (Data(), ImportError.missingHeader),
        (Data("\n\n".utf8), .missingHeader),
        (Data([0x73, 0x63, 0xC3, 0x28]), .notUTF8),
        (Fixtures.csv(["schoolId,name, schoolId", "a,b,c"]), .duplicateColumn("schoolId")),
        (Fixtures.csv(["schoolId,name", "\"sch-1\"x,Ridge"]), .malformedCSV("Can't have non-quote here: x")),
    ])
    func fileErrors(data: Data, expected: ImportError) {
        #expect(throws: expected) {
            try schools.importRows(from: data, format: .csv)
        }
    }

    @Test("file-level errors explain themselves")
    func fileErrorMessages() {
        #expect(ImportError.duplicateColumn("name").description == "column 'name' appears more than once in the header")
        #expect(ImportError.notUTF8.description == "file must be UTF-8 text (in Excel, save as \"CSV UTF-8\")")
    }

    @Test("10,000 student rows import in one pass with errors on the right lines")
    func tenThousandRows() throws {
        var lines = ["studentId,residentId,name,householdId,schoolId,stage,grade,enrolmentDate,leftBehind,address"]
        lines.reserveCapacity(10_001)
        for index in 1...10_000 {
            let id = Fixtures.residentID(birth: "2015030\(index % 9 + 1)", sequence: "\(index % 900 + 100)")
            // Every 1,000th row has an impossible grade, so some rows fail among many that pass.
            let grade = index % 1_000 == 0 ? 13 : index % 6 + 1
            lines.append("stu-\(index),\(id),Student \(index),hh-\(index / 3),sch-\(index % 40),primary,\(grade),2024-09-01,\(index % 2),Village \(index % 97)")
        }
        let result = try students.importRows(from: Fixtures.csv(lines), format: .csv)

        #expect(result.rows.count == 9_990)
        #expect(result.rows.first?.line == 2)
        #expect(result.rows.last?.line == 10_000)
        #expect(result.errors.map(\.line) == stride(from: 1_000, through: 10_000, by: 1_000).map { $0 + 1 })
        #expect(Set(result.errors.map(\.rule)) == ["must be between 1 and 12, got 13"])
    }
}
