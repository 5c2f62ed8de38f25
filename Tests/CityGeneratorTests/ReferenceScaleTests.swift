import AidContracts
import CityGenerator
import DisbursementDomain
import Foundation
import IdentificationDomain
import Testing

/// The reference city (scale 1) against the figures the programme reports for Gaomi, counted from
/// the files themselves rather than trusted from the manifest.
@Suite("City generator: the reference city's proportions")
struct ReferenceScaleTests {
    let city: GeneratedCity

    init() throws {
        city = try GeneratedCity.reference.get()
    }

    @Test("about 29,000 aided student-times a year (± 5%) out of about 100,000 students")
    func aidedStudentTimes() throws {
        let identification = city.manifest.identification
        #expect(abs(identification.aidedStudentTimesPerYear - ReferenceCity.aidedStudentTimesPerYear) <= ReferenceCity.aidedStudentTimesPerYear / 20,
                "\(identification.aidedStudentTimesPerYear) aided student-times")
        let students = try city.csv(.students)
        #expect(students.count == 100_000)
        #expect(city.manifest.students.total == students.count)
        for (stage, reference) in ReferenceCity.enrolment {
            #expect(students.filter { $0["stage"] == stage.rawValue }.count == reference, "\(stage.rawValue) enrolment")
        }
        // Identified students are counted per stage and tier, and together make the total.
        let byStage = identification.byStageAndTier.values.flatMap(\.values).reduce(0, +)
        #expect(byStage == identification.identified)
        #expect(identification.identifiedByRegistry + identification.identifiedByApplication == identification.identified)
    }

    @Test("every identified student is paid something each semester, so student-times are twice the students")
    func everyIdentifiedStudentIsAided() {
        for (stageName, tiers) in city.manifest.identification.byStageAndTier {
            for tierName in tiers.keys {
                let stage = try! #require(Stage(rawValue: stageName))
                let tier = try! #require(NeedTier(rawValue: tierName))
                #expect(!GrantCatalog.standard.entitlements(stage: stage, tier: tier, boarding: true).isEmpty, "\(stageName) \(tierName)")
            }
        }
    }

    @Test("51 weak teaching points; 8 schools of key poverty villages and 8 strong urban schools to twin them with")
    func schools() throws {
        let schools = try city.csv(.schools)
        #expect(schools.filter { $0["isWeakTeachingPoint"] == "true" }.count == ReferenceCity.weakTeachingPoints)
        let key = schools.filter { $0["servesKeyPovertyVillage"] == "true" }
        #expect(key.count == ReferenceCity.keyPovertyVillageSchools)
        #expect(key.allSatisfy { $0["isRural"] == "true" && $0["isWeakTeachingPoint"] == "false" })
        #expect(Set(schools.compactMap { $0["townCode"] }).count == 10, "four urban subdistricts and six rural towns")
        #expect(schools.allSatisfy { $0["districtCode"] == "370785" && $0["townCode"]?.count == 9 && $0["townCode"]?.hasPrefix("370785") == true })

        // Every school has coordinates; the strong partners are urban primary schools.
        let located = try city.jsonLines(.pairingSchools, as: PairingSchoolRecord.self)
        #expect(Set(located.map(\.schoolId)) == Set(schools.compactMap { $0["schoolId"] }))
        #expect(located.allSatisfy { abs($0.latitude - 36.38) < 0.5 && abs($0.longitude - 119.75) < 0.5 })
        let strong = located.filter { $0.supportCapacity != nil }
        #expect(strong.count == ReferenceCity.keyPovertyVillageSchools)
        let urbanPrimary = Set(schools.filter { $0["isRural"] == "false" && $0["stages"] == "primary" }.compactMap { $0["schoolId"] })
        #expect(strong.allSatisfy { urbanPrimary.contains($0.schoolId) })
        #expect(city.manifest.pairing.expectedTwinnings == ReferenceCity.keyPovertyVillageSchools)
    }

    @Test("20 care rooms at rural schools with left-behind pupils, volunteers enough for up to 80 of them each")
    func careRooms() throws {
        let rooms = try city.jsonLines(.careRooms, as: CareRoomRecord.self)
        #expect(rooms.count == ReferenceCity.careRooms)
        let students = try city.csv(.students)
        let schools = Dictionary(uniqueKeysWithValues: try city.csv(.schools).map { ($0["schoolId"]!, $0) })
        for room in rooms {
            let leftBehind = students.filter { $0["schoolId"] == room.schoolId && $0["leftBehind"] == "true" }.count
            let capacity = room.volunteers.reduce(0) { $0 + $1.capacity }
            #expect(schools[room.schoolId]?["isRural"] == "true")
            #expect(capacity >= min(leftBehind, 80) && capacity <= min(leftBehind, 80) + 1, "\(room.roomId): \(capacity) places for \(leftBehind) children")
            #expect(room.volunteers.allSatisfy { $0.townCode == schools[room.schoolId]?["townCode"] && (1...2).contains($0.capacity) })
        }
        let volunteers = rooms.flatMap(\.volunteers).map(\.volunteerId)
        #expect(Set(volunteers).count == volunteers.count)
        #expect(city.manifest.pairing.expectedCarePairs <= city.manifest.pairing.volunteerCapacity)
        #expect(city.manifest.pairing.expectedCarePairs > 1_000)
    }

    @Test("about 1,100 trainees a year at about a 96% pass rate")
    func training() throws {
        let sessions = try city.jsonLines(.trainingSessions, as: TrainingSessionRecord.self)
        let trainees = sessions.flatMap(\.trainees)
        #expect(trainees.count == ReferenceCity.trainees)
        let passRate = Double(trainees.filter(\.expectedToPass).count) / Double(trainees.count)
        #expect(abs(passRate - ReferenceCity.trainingPassRate) <= 0.02, "pass rate \(passRate)")
        for session in sessions {
            #expect(session.capacity >= session.trainees.count, "everyone gets a seat in \(session.sessionId)")
            for trainee in session.trainees {
                // A pass needs the pass mark (60) and at least 80% attendance, and the plan says which.
                let attendance = (session.classDays.count - trainee.absentOn.count) * 100 / session.classDays.count
                #expect(trainee.expectedToPass == (trainee.score >= 60 && attendance >= 80))
                #expect(Set(trainee.absentOn).isSubset(of: session.classDays))
            }
        }
    }

    @Test("donations worth about 1.8 million yuan (± 5%) for the weak teaching points, which need more")
    func donations() throws {
        let pledges = try city.jsonLines(.pledges, as: PledgeRecord.self)
        let total = pledges.reduce(Fen(0)) { $0 + $1.valueFen }
        #expect(total == city.manifest.charity.donationsFen)
        #expect(abs(total - ReferenceCity.donationsFen) <= ReferenceCity.donationsFen / 20, "\(total) fen pledged")
        let assessments = try city.jsonLines(.assessments, as: AssessmentRecord.self)
        #expect(assessments.count == ReferenceCity.weakTeachingPoints)
        #expect(city.manifest.charity.needsFen > total, "pledges all find a need")
        let lineShapes = pledges.flatMap(\.lines).map { ($0.quantity == nil) != ($0.amountFen == nil) }
        #expect(lineShapes.allSatisfy { $0 }, "a line gives goods or money, never both or neither")
    }

    @Test("registry lists overlap the roster: most entries are people not at school, some students are on two lists")
    func registryOverlap() throws {
        let registry = try city.csv(.registry)
        let studentIDs = Set(try city.csv(.students).compactMap { $0["residentId"] })
        let ofStudents = registry.filter { studentIDs.contains($0["residentId"]!) }
        #expect(ofStudents.count == city.manifest.registry.entries - city.manifest.registry.nonStudentEntries,
                "a listed adult never has a student's ID number")
        #expect(city.manifest.registry.nonStudentEntries > registry.count / 2)
        #expect(city.manifest.registry.studentsOnTwoOrMoreLists > 0)
        #expect(city.manifest.registry.expiredEntries > 0)
        #expect(Set(registry.compactMap { $0["list"] }) == Set(RegistryList.allCases.map(\.rawValue)))
    }
}
