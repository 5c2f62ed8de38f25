import AidContracts

extension DistrictGenerator {
    /// Courses a kind of centre teaches: (trade, title).
    private static let courses: [String: [(String, String)]] = [
        "vocational-school": [("construction", "建筑瓦工"), ("accounting", "农村会计实务"), ("other", "电商直播")],
        "technical-school": [("construction", "钢筋工"), ("farm-machinery", "植保无人机操作")],
        "adult-education": [("farm-machinery", "农机驾驶与维修"), ("other", "家政服务"), ("mandarin", "普通话培训")],
    ]
    private static let passMark = 60

    /// Training centres (the vocational schools, a technical school and the rural towns' adult
    /// education schools), their courses, and sessions through the year for the district's share
    /// of 1,100 trainees. About 30% of trainees come from households with an identified student,
    /// who get priority for seats; about 96% pass (score at the pass mark and 80% attendance).
    func writeTraining(centres: RecordWriter, sessions: RecordWriter, manifest: inout CityManifest) throws {
        var random = random(.training)
        var centreList: [TrainingCentreRecord] = []
        func addCentre(_ suffix: String, name: String, kind: String, town: Town, courseCount: Int) {
            let centreId = "TC-\(district.code)-\(suffix)"
            var offered = Self.courses[kind]!
            var courses: [TrainingCentreRecord.Course] = []
            for number in 1...min(courseCount, offered.count) {
                let (trade, title) = offered.remove(at: random.below(offered.count))
                courses.append(TrainingCentreRecord.Course(
                    courseId: "\(centreId)-C\(number)", centreId: centreId, title: title, trade: trade,
                    hours: random.int(in: 5...15) * 8, passMark: Self.passMark))
            }
            centreList.append(TrainingCentreRecord(centreId: centreId, name: name, kind: kind, townCode: town.code, courses: courses))
        }
        for (number, school) in schools.filter({ $0.kind == .vocational }).enumerated() {
            addCentre("V\(number + 1)", name: school.name, kind: "vocational-school", town: school.town, courseCount: 3)
        }
        for number in 0..<scaled(ReferenceCity.technicalSchools) {
            addCentre("T\(number + 1)", name: "\(district.name)技工学校", kind: "technical-school", town: district.urbanTowns[number % district.urbanTowns.count], courseCount: 2)
        }
        let ruralTowns = district.ruralTowns
        for number in 0..<min(ruralTowns.count, scaled(ruralTowns.count * ReferenceCity.adultEducationCentresPerRuralTown)) {
            let town = ruralTowns[number]
            addCentre("A\(number + 1)", name: town.name + "成人文化技术学校", kind: "adult-education", town: town, courseCount: 2)
        }
        for centre in centreList {
            try centres.append(json: centre)
            manifest.training.centres += 1
            manifest.training.courses += centre.courses.count
        }

        // Households trainees may come from, by town: those with an identified student, and all.
        var identifiedHouseholds = district.towns.map { _ in [Int]() }
        var seen = Set<Int>()
        for student in students where student.isIdentified && seen.insert(student.household).inserted {
            identifiedHouseholds[households[student.household].townIndex].append(student.household)
        }
        var allHouseholds = district.towns.map { _ in [Int]() }
        for (index, household) in households.enumerated() { allHouseholds[household.townIndex].append(index) }

        let allCourses = centreList.flatMap { centre in centre.courses.map { (centre, $0) } }
        var remaining = scaled(ReferenceCity.trainees)
        var number = 0
        while remaining > 0 {
            let (centre, course) = allCourses[number % allCourses.count]
            number += 1
            var seats = min(remaining, random.int(in: ReferenceCity.sessionSeats))
            if remaining - seats < ReferenceCity.sessionSeats.lowerBound / 2 { seats = remaining }
            remaining -= seats
            let start = random.day(from: Day(2026, 3, 2), through: Day(2026, 10, 19))
            let classDays = (0..<random.int(in: 5...12)).map { start.adding(days: $0).description }
            var trainees: [TrainingSessionRecord.Trainee] = []
            for _ in 0..<seats {
                let townIndex = centre.kind == "adult-education"
                    ? district.towns.firstIndex { $0.code == centre.townCode }! : random.below(district.towns.count)
                let roll = random.unit()
                var householdId: String?
                if roll < 0.3, !identifiedHouseholds[townIndex].isEmpty {
                    householdId = households[random.pick(identifiedHouseholds[townIndex])].id
                    manifest.training.fromIdentifiedHouseholds += 1
                } else if roll < 0.45, !allHouseholds[townIndex].isEmpty {
                    householdId = households[random.pick(allHouseholds[townIndex])].id
                }
                trainees.append(trainee(classDays: classDays, town: district.towns[townIndex], householdId: householdId, &random))
                if trainees.last!.expectedToPass { manifest.training.expectedPasses += 1 }
            }
            try sessions.append(json: TrainingSessionRecord(
                sessionId: "TS-\(district.code)-\(number.padded(4))", courseId: course.courseId,
                startsOn: classDays.first!, endsOn: classDays.last!, capacity: seats + random.int(in: 0...5),
                classDays: classDays, examDay: classDays.last!, trainees: trainees))
            manifest.training.sessions += 1
            manifest.training.rollCalls += classDays.count
            manifest.training.trainees += seats
        }
    }

    /// A trainee who passes (96%) misses at most a fifth of the class days and scores at least the
    /// pass mark; one who fails either scores below it or misses more than a fifth.
    private func trainee(classDays: [String], town: Town, householdId: String?, _ random: inout SeededRandom) -> TrainingSessionRecord.Trainee {
        let allowedAbsences = classDays.count / 5
        let passes = random.chance(ReferenceCity.trainingPassRate)
        let absences: Int
        let score: Int
        if passes {
            absences = random.int(in: 0...allowedAbsences)
            score = random.int(in: Self.passMark...98)
        } else if random.chance(0.55) {
            absences = random.int(in: 0...allowedAbsences)
            score = random.int(in: 25...Self.passMark - 1)
        } else {
            absences = min(classDays.count, allowedAbsences + random.int(in: 1...3))
            score = random.int(in: 50...90)
        }
        var days = classDays
        var absent: [String] = []
        for _ in 0..<absences { absent.append(days.remove(at: random.below(days.count))) }
        return TrainingSessionRecord.Trainee(
            name: SyntheticNames.name(surname: SyntheticNames.surname(&random), male: random.chance(0.6), &random),
            townCode: town.code, householdId: householdId, absentOn: absent.sorted(), score: score, expectedToPass: passes)
    }
}
