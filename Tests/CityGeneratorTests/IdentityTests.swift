import AidContracts
import CityGenerator
import Foundation
import IdentificationDomain
import Testing

@Suite("City generator: identifiers")
struct IdentityTests {
    @Test("every resident ID number passes identification's own validation")
    func residentIDsAreValid() throws {
        let city = try GeneratedCity.reference.get()
        let today = CalendarDay(year: 2026, month: 9, day: 1)!
        var invalid: [String] = []
        for file in [CityFile.students, .registry] {
            for row in try city.csv(file) {
                let number = row["residentId"]!
                do {
                    let id = try ResidentID(validating: number, today: today)
                    if id.regionCode != "370785" { invalid.append("\(number): region \(id.regionCode)") }
                } catch {
                    invalid.append("\(number): \(error)")
                }
            }
        }
        #expect(invalid.isEmpty, "\(invalid.count) invalid, e.g. \(invalid.prefix(3))")
    }

    @Test("no id repeats: schools, students, resident IDs, households' members, applications, sessions")
    func noDuplicates() throws {
        let city = try GeneratedCity.reference.get()
        let students = try city.csv(.students)
        #expect(Set(students.map { $0["studentId"]! }).count == students.count)
        #expect(Set(students.map { $0["residentId"]! }).count == students.count)
        let schools = try city.csv(.schools)
        #expect(Set(schools.map { $0["schoolId"]! }).count == schools.count)
        // A person is on a list once per membership period.
        let registry = try city.csv(.registry)
        #expect(Set(registry.map { "\($0["residentId"]!)|\($0["list"]!)|\($0["validFrom"]!)" }).count == registry.count)

        let applications = try city.jsonLines(.applications, as: ApplicationSubmission.self)
        #expect(Set(applications.map(\.applicationId)).count == applications.count)
        #expect(Set(applications.map(\.studentId)).count == applications.count, "one application per student and semester")
        #expect(Set(applications.map(\.studentId)).isSubset(of: Set(students.map { $0["studentId"]! })))
        #expect(applications.allSatisfy { $0.validate().isEmpty }, "every application is one identification's import accepts")

        let sessions = try city.jsonLines(.trainingSessions, as: TrainingSessionRecord.self)
        #expect(Set(sessions.map(\.sessionId)).count == sessions.count)
        let centres = try city.jsonLines(.trainingCentres, as: TrainingCentreRecord.self)
        let courses = centres.flatMap(\.courses).map(\.courseId)
        #expect(Set(courses).count == courses.count)
        #expect(Set(sessions.map(\.courseId)).isSubset(of: Set(courses)))
    }

    @Test("a city of several districts: each its own region code, and numbers never repeat across them")
    func severalDistricts() throws {
        let city = try GeneratedCity(scale: 1.2, seed: 7)
        defer { city.remove() }
        #expect(city.manifest.districts == ["370785", "379001"])
        let students = try city.csv(.students)
        #expect(Set(students.map { $0["residentId"]! }).count == students.count)
        #expect(Set(students.map { $0["studentId"]! }).count == students.count)
        #expect(Set(students.map { String($0["residentId"]!.prefix(6)) }) == ["370785", "379001"])
        let registryPeople = Set(try city.csv(.registry).map { $0["residentId"]! })
        #expect(registryPeople.allSatisfy { (try? ResidentID(validating: $0)) != nil })
    }
}
