import AidContracts
import IdentificationDomain

extension DistrictGenerator {
    /// Fills every seat of every school with a student, founding households as it goes. A student
    /// joins a household of the same town that still expects children about 40% of the time, so
    /// brothers and sisters share a household (and its registry lists and survey) across stages.
    mutating func enrolStudents() {
        var random = random(.people)
        var openHouseholds: [[Int]] = district.towns.map { _ in [] }
        let residenceWeights = district.towns.map { $0.isRural ? 1.0 : 1.5 }
        for schoolIndex in schools.indices {
            let school = schools[schoolIndex]
            for (stage, count) in zip(school.kind.stages, school.enrolment) {
                let grades = school.kind.grades(for: stage)
                for _ in 0..<count {
                    let townIndex = school.kind.takesWholeDistrict ? random.weighted(residenceWeights) : school.townIndex
                    let householdIndex: Int
                    if !openHouseholds[townIndex].isEmpty, random.chance(0.4) {
                        let slot = random.below(openHouseholds[townIndex].count)
                        householdIndex = openHouseholds[townIndex][slot]
                        households[householdIndex].openChildSlots -= 1
                        if households[householdIndex].openChildSlots == 0 {
                            openHouseholds[townIndex].swapAt(slot, openHouseholds[townIndex].count - 1)
                            openHouseholds[townIndex].removeLast()
                        }
                    } else {
                        householdIndex = foundHousehold(in: townIndex, firstStage: stage, &random)
                        if households[householdIndex].openChildSlots > 0 { openHouseholds[townIndex].append(householdIndex) }
                    }
                    enrol(schoolIndex: schoolIndex, stage: stage, grade: random.int(in: grades), firstGrade: grades.lowerBound,
                          householdIndex: householdIndex, &random)
                }
            }
        }
    }

    private mutating func enrol(schoolIndex: Int, stage: Stage, grade: Int, firstGrade: Int, householdIndex: Int, _ random: inout SeededRandom) {
        let male = random.chance(0.52)
        // Counted from grade 1 of primary; preschool's three classes come before it.
        let yearsBeforeGradeOne = stage == .preschool ? grade - 4 : grade - 1
        var firstBirth = Day(2019 - yearsBeforeGradeOne, 9, 1)
        var lastBirth = Day(2020 - yearsBeforeGradeOne, 8, 31)
        if (stage == .seniorSecondary || stage == .secondaryVocational) && random.chance(0.08) {
            // Some repeat a year or start late.
            firstBirth = firstBirth.adding(days: -365)
            lastBirth = lastBirth.adding(days: -365)
        }
        let birth = random.day(from: firstBirth, through: lastBirth)
        var student = StudentPlan(
            id: "ST-\(district.code)-\((students.count + 1).padded(7))",
            residentId: issuer.issue(born: birth, male: male),
            name: SyntheticNames.name(surname: households[householdIndex].surname, male: male, &random),
            household: householdIndex, school: schoolIndex, stage: stage, grade: grade, birth: birth,
            enrolmentDate: Day(ReferenceCity.schoolYear - (grade - firstGrade), 9, 1),
            leftBehind: households[householdIndex].leftBehind)
        if random.chance(ReferenceCity.studentDisabilityRate) {
            student.disability = listing(.disability, expired: random.chance(ReferenceCity.expiredListingRate), &random)
        }
        households[householdIndex].children.append(students.count)
        students.append(student)
    }

    /// A new household in `townIndex`, with its lists, or its application when it is on none.
    private mutating func foundHousehold(in townIndex: Int, firstStage: Stage, _ random: inout SeededRandom) -> Int {
        let town = district.towns[townIndex]
        let orphaned = random.chance(ReferenceCity.orphanHouseholdRate)
        let leftBehind = !orphaned && random.chance(town.isRural ? ReferenceCity.leftBehindRate.rural : ReferenceCity.leftBehindRate.urban)
        let parents = orphaned ? 0 : (random.chance(ReferenceCity.singleParentRate) ? 1 : 2)
        let grandparents = orphaned || leftBehind || random.chance(0.3) ? random.int(in: 1...2) : 0
        let children = random.weighted(ReferenceCity.childrenWeights) + 1
        let village = town.isRural ? SyntheticNames.village(&random) + "村" : SyntheticNames.village(&random) + "社区"
        var household = HouseholdPlan(
            id: "HH-\(district.code)-\((households.count + 1).padded(7))", town: town, townIndex: townIndex,
            surname: SyntheticNames.surname(&random), address: "\(town.name)\(village)\(random.int(in: 1...300))号",
            openChildSlots: children - 1, leftBehind: leftBehind, parents: parents,
            grandparents: grandparents, graduates: random.chance(ReferenceCity.householdWithGraduateRate) ? 1 : 0)

        if orphaned {
            household.listings.append(listing(.orphan, expired: false, &random))
            if random.chance(0.3) { household.listings.append(listing(.dibao, expired: false, &random)) }
        } else if random.chance(town.isRural ? ReferenceCity.listedHouseholdRate.rural : ReferenceCity.listedHouseholdRate.urban) {
            let list = ReferenceCity.householdListWeights[random.weighted(ReferenceCity.householdListWeights.map(\.1))].0
            let expired = random.chance(ReferenceCity.expiredListingRate)
            household.listings.append(listing(list, expired: expired, &random))
            if list == .dibao, random.chance(ReferenceCity.dibaoAlsoRegisteredPoor) {
                household.listings.append(listing(.registeredPoor, expired: expired, &random))
            }
        }
        if !household.isListed {
            let rate = ReferenceCity.applicationRate[firstStage, default: 0]
                * (town.isRural ? ReferenceCity.applicationRuralFactor : ReferenceCity.applicationUrbanFactor)
            if random.chance(rate) {
                let survey = survey(for: household, members: children + household.adults, &random)
                household.survey = survey
                // A household above the income line is refused on its declaration; nobody visits.
                if survey.perCapitaIncomeFen < TierRules.standard.generalIncomeThresholdFen {
                    household.verdict = ReferenceCity.verdictWeights[random.weighted(ReferenceCity.verdictWeights.map(\.1))].0
                }
            }
        }
        households.append(household)
        return households.count - 1
    }

    private func survey(for household: HouseholdPlan, members: Int, _ random: inout SeededRandom) -> HouseholdSurvey {
        let perCapitaYuan = switch random.weighted(ReferenceCity.incomeBandWeights) {
        case 0: random.int(in: 1_800...5_999)
        case 1: random.int(in: 6_000...11_999)
        default: random.int(in: 12_000...36_000)
        }
        let housingWeights = household.town.isRural ? [0.92, 0.07, 0.01] : [0.975, 0.02, 0.005]
        let housing: HouseholdSurvey.Housing = [.safe, .dilapidated, .none][random.weighted(housingWeights)]
        return HouseholdSurvey(
            members: members, annualIncomeFen: Fen(perCapitaYuan) * 100 * Fen(members), housing: housing,
            seriousIllness: random.chance(0.12), disabledMembers: random.chance(0.08) ? 1 : 0,
            leftBehind: household.leftBehind, singleParent: household.parents == 1)
    }

    func writeStudents(to writer: RecordWriter, manifest: inout CityManifest) throws {
        for student in students {
            // Fields read in place: copying a whole household per student is a noticeable share of the time.
            try writer.append(row: [
                student.id, student.residentId, RecordWriter.csv(student.name), households[student.household].id,
                schools[student.school].id, student.stage.rawValue, "\(student.grade)", student.enrolmentDate.description,
                "\(student.leftBehind)", RecordWriter.csv(households[student.household].address),
            ])
            manifest.students.byStage.count(student.stage.rawValue)
            if households[student.household].town.isRural { manifest.students.rural += 1 }
            if student.leftBehind { manifest.students.leftBehind += 1 }
        }
        manifest.students.total += students.count
        manifest.students.households += households.count
    }
}
