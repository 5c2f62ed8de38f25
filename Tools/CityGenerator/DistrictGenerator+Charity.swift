import AidContracts

extension DistrictGenerator {
    /// Equipment a rural school needs, with what one unit costs (fen).
    static let equipment: [(itemCode: String, unitValueFen: Fen)] = [
        ("computer", 380_000), ("desk-stool-set", 32_000), ("dust-free-blackboard", 260_000),
        ("office-furniture-set", 150_000), ("library-book-set", 500_000), ("sports-equipment-set", 800_000),
    ]

    /// Every weak teaching point is assessed against the equipment standard (a computer per ten
    /// pupils, a desk set per pupil, a dust-free blackboard per classroom, an office set per teacher),
    /// and donors pledge equipment or money worth the district's share of 1.8 million yuan.
    func writeCharity(assessments: RecordWriter, pledges: RecordWriter, manifest: inout CityManifest) throws {
        var random = random(.charity)
        let unitValue = Dictionary(uniqueKeysWithValues: Self.equipment.map { ($0.itemCode, $0.unitValueFen) })
        for school in schools where school.isWeakTeachingPoint {
            let pupils = max(1, school.totalEnrolment)
            let classrooms = min(6, max(2, (pupils + 11) / 12))
            let teachers = min(6, max(2, classrooms + random.int(in: -1...1)))
            let checklist = AssessmentRecord.Checklist(
                pupils: pupils, computers: random.int(in: 0...1), deskStoolSets: pupils * random.int(in: 20...60) / 100,
                classrooms: classrooms, dustFreeBlackboards: random.int(in: 0...classrooms - 1), teachers: teachers,
                officeFurnitureSets: random.int(in: 0...teachers - 1),
                building: AssessmentRecord.Building.allCases[random.weighted([0.1, 0.45, 0.35, 0.1])])
            let needs = [
                ("computer", (pupils + 9) / 10 - checklist.computers), ("desk-stool-set", pupils - checklist.deskStoolSets),
                ("dust-free-blackboard", classrooms - checklist.dustFreeBlackboards),
                ("office-furniture-set", teachers - checklist.officeFurnitureSets),
                ("library-book-set", random.int(in: 1...2)), ("sports-equipment-set", 1),
            ].filter { $0.1 > 0 }.map { AssessmentRecord.Need(itemCode: $0.0, quantity: $0.1) }
            try assessments.append(json: AssessmentRecord(
                assessmentId: "AS-\(school.id)", schoolId: school.id,
                assessedOn: random.day(from: Day(2026, 3, 2), through: Day(2026, 5, 29)).description,
                checklist: checklist, needs: needs))
            manifest.charity.assessments += 1
            manifest.charity.needsFen += needs.reduce(0) { $0 + Fen($1.quantity) * unitValue[$1.itemCode, default: 0] }
        }

        // Pledges until the target is reached to within the price of the cheapest item.
        let cheapest = Self.equipment.map(\.unitValueFen).min()!
        var remaining = Fen((Double(ReferenceCity.donationsFen) * size).rounded())
        var number = 0
        while remaining >= cheapest {
            number += 1
            let value = min(remaining, Fen(random.int(in: ReferenceCity.pledgeValueYuan)) * 100)
            let lineCount = min(random.int(in: 1...3), Int(value / cheapest))
            var lines: [PledgeRecord.Line] = []
            for share in Self.apportion(Int(value), by: Array(repeating: 1, count: lineCount)).map(Fen.init) {
                let affordable = Self.equipment.filter { $0.unitValueFen <= share }
                let item = random.pick(affordable)
                lines.append(random.chance(0.7)
                    ? PledgeRecord.Line(itemCode: item.itemCode, quantity: Int(share / item.unitValueFen), unitValueFen: item.unitValueFen)
                    : PledgeRecord.Line(itemCode: item.itemCode, amountFen: share, unitValueFen: item.unitValueFen))
            }
            let donorId = "DN-\(district.code)-\(number.padded(3))"
            let pledge = PledgeRecord(
                pledgeId: "PL-\(district.code)-\(number.padded(3))", donorId: donorId, donorName: SyntheticNames.company(&random),
                pledgedOn: random.day(from: Day(2026, 3, 2), through: Day(2026, 10, 30)).description, lines: lines)
            try pledges.append(json: pledge)
            remaining -= pledge.valueFen
            manifest.charity.pledges += 1
            manifest.charity.donationsFen += pledge.valueFen
        }
    }
}
