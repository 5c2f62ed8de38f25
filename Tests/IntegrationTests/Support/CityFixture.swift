import AidContracts
import DisbursementDomain
import Foundation
import IdentificationDomain

/// A small, deterministic city for end-to-end tests: schools, students with valid (fictitious)
/// resident ID numbers, registry listings, and what each identified student must be paid.
struct CityFixture {
    struct Student {
        var studentId: String
        var residentId: String
        var schoolId: String
        var stage: Stage
        var grade: Int
        var list: RegistryList?
    }

    let schools: [(id: String, town: String, stages: [Stage])] = [
        ("SCH-P1", "370785101", [.primary, .juniorSecondary]),
        ("SCH-H1", "370785001", [.seniorSecondary]),
        ("SCH-V1", "370785002", [.secondaryVocational]),
        ("SCH-K1", "370785103", [.preschool]),
    ]
    var students: [Student] = []

    init(studentCount: Int, listedEvery: Int = 2) {
        let lists = RegistryList.allCases
        for index in 0..<studentCount {
            let (schoolId, stage, grade): (String, Stage, Int) = switch index % 5 {
            case 0: ("SCH-P1", .primary, 3)
            case 1: ("SCH-P1", .juniorSecondary, 8)
            case 2: ("SCH-H1", .seniorSecondary, 11)
            case 3: ("SCH-V1", .secondaryVocational, 10)
            default: ("SCH-K1", .preschool, 2)
            }
            students.append(Student(
                studentId: String(format: "STU-%06d", index), residentId: Self.residentID(index), schoolId: schoolId,
                stage: stage, grade: grade, list: index % listedEvery == 0 ? lists[(index / listedEvery) % lists.count] : nil))
        }
    }

    /// A well-formed resident ID: region 370785, a birth date by index, sequence, real check digit.
    static func residentID(_ index: Int) -> String {
        let birth = String(format: "20%02d%02d%02d", 10 + index % 12, 1 + index % 12, 1 + index % 28)
        let first17 = "370785" + birth + String(format: "%03d", index % 1000)
        return first17 + String(ResidentID.checkDigit(for: first17))
    }

    var schoolsCSV: Data {
        var lines = ["schoolId,name,townCode,districtCode,stages,isRural"]
        for school in schools {
            lines.append("\(school.id),School \(school.id),\(school.town),370785,\(school.stages.map(\.rawValue).joined(separator: ";")),true")
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    var studentsJSON: Data {
        let rows: [[String: String]] = students.map {
            ["studentId": $0.studentId, "residentId": $0.residentId, "name": "Student \($0.studentId)",
             "householdId": "HH-\($0.studentId)", "schoolId": $0.schoolId, "stage": $0.stage.rawValue,
             "grade": "\($0.grade)", "enrolmentDate": "2024-09-01"]
        }
        return try! JSONSerialization.data(withJSONObject: rows)
    }

    var registryCSV: Data {
        var lines = ["residentId,list,validFrom"]
        for student in students {
            if let list = student.list { lines.append("\(student.residentId),\(list.rawValue),2024-01-01") }
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func tier(for list: RegistryList) -> NeedTier {
        TierRules.standard.especiallyDifficultLists.contains(list) ? .especiallyDifficult : .difficult
    }

    /// What the standard catalog pays each listed student in one semester, by student id.
    var expectedPayments: [String: Fen] {
        var result: [String: Fen] = [:]
        for student in students {
            guard let list = student.list else { continue }
            let drafts = GrantCatalog.standard.entitlements(stage: student.stage, tier: Self.tier(for: list), boarding: true)
            if !drafts.isEmpty { result[student.studentId] = drafts.reduce(0) { $0 + $1.amountFen } }
        }
        return result
    }

    /// Students with a registry listing in force: identification identifies all of them.
    var listedStudentCount: Int {
        students.count { $0.list != nil }
    }

    var expectedEntitlementCount: Int {
        students.reduce(0) { count, student in
            guard let list = student.list else { return count }
            return count + GrantCatalog.standard.entitlements(stage: student.stage, tier: Self.tier(for: list), boarding: true).count
        }
    }
}
