import AidContracts

extension DistrictGenerator {
    /// The district's schools in towns and subdistricts, and how many students each has per stage.
    mutating func planSchools() {
        var random = random(.schools)
        let urban = district.towns.indices.filter { !district.towns[$0].isRural }
        let rural = district.towns.indices.filter { district.towns[$0].isRural }
        var serials: [SchoolKind: Int] = [:]
        var perTown: [String: Int] = [:]

        func add(_ kind: SchoolKind, _ count: Int, in towns: [Int]) {
            for index in 0..<count {
                let townIndex = towns[index % towns.count]
                let town = district.towns[townIndex]
                let serial = serials[kind, default: 0] + 1
                serials[kind] = serial
                let inTown = perTown["\(kind.rawValue)@\(town.code)", default: 0] + 1
                perTown["\(kind.rawValue)@\(town.code)"] = inTown
                schools.append(SchoolPlan(
                    id: "\(kind.idPrefix)-\(district.code)-\(serial.padded(3))",
                    name: name(kind, town: town, inTown: inTown, serial: serial, &random),
                    kind: kind, town: town, townIndex: townIndex, enrolment: kind.stages.map { _ in 0 }))
            }
        }

        add(.kindergarten, scaled(ReferenceCity.urbanKindergartens), in: urban)
        add(.kindergarten, scaled(ReferenceCity.ruralKindergartens), in: rural)
        add(.primary, scaled(ReferenceCity.urbanPrimarySchools), in: urban)
        add(.primary, scaled(ReferenceCity.ruralCentralPrimarySchools), in: rural)
        add(.nineYear, scaled(ReferenceCity.nineYearSchools), in: rural)
        add(.teachingPoint, scaled(ReferenceCity.weakTeachingPoints), in: rural)
        add(.juniorSecondary, scaled(ReferenceCity.urbanJuniorSchools), in: urban)
        add(.juniorSecondary, scaled(ReferenceCity.ruralJuniorSchools), in: rural)
        add(.seniorSecondary, scaled(ReferenceCity.seniorSchools), in: urban)
        // One vocational school in town, the other out in a rural town, as is common.
        add(.vocational, scaled(ReferenceCity.vocationalSchools), in: [urban[0], rural[0]])

        shareOutEnrolment(&random)
        markKeyPovertyVillageSchools(&random)
    }

    private mutating func shareOutEnrolment(_ random: inout SeededRandom) {
        for (stage, reference) in ReferenceCity.enrolment {
            var remaining = Int((Double(reference) * size).rounded())
            if stage == .primary {
                // Teaching points are small whatever the city's size.
                for index in schools.indices where schools[index].kind == .teachingPoint {
                    let pupils = min(random.int(in: ReferenceCity.teachingPointPupils), remaining / 2)
                    schools[index].enrolment[0] = pupils
                    remaining -= pupils
                }
            }
            let teaching = schools.indices.filter { schools[$0].kind != .teachingPoint && schools[$0].kind.stages.contains(stage) }
            let weights = teaching.map { index in
                schools[index].kind.sizeWeight(for: stage, rural: schools[index].town.isRural) * (0.75 + 0.5 * random.unit())
            }
            for (index, share) in zip(teaching, Self.apportion(remaining, by: weights)) {
                let slot = schools[index].kind.stages.firstIndex(of: stage)!
                schools[index].enrolment[slot] = share
            }
        }
    }

    /// Rural primary and nine-year schools near key poverty villages (not the teaching points,
    /// which charity serves); these are twinned with strong urban schools.
    private mutating func markKeyPovertyVillageSchools(_ random: inout SeededRandom) {
        var candidates = schools.indices.filter {
            schools[$0].town.isRural && (schools[$0].kind == .primary || schools[$0].kind == .nineYear)
        }
        for _ in 0..<min(scaled(ReferenceCity.keyPovertyVillageSchools), candidates.count) {
            schools[candidates.remove(at: random.below(candidates.count))].servesKeyPovertyVillage = true
        }
    }

    private func name(_ kind: SchoolKind, town: Town, inTown: Int, serial: Int, _ random: inout SeededRandom) -> String {
        let place = town.name
        switch kind {
        case .kindergarten:
            return town.isRural ? place + SyntheticNames.village(&random) + "幼儿园" : "\(place)第\(SyntheticNames.numeral(inTown))幼儿园"
        case .primary:
            if !town.isRural { return "\(place)第\(SyntheticNames.numeral(inTown))小学" }
            return inTown == 1 ? place + "中心小学" : place + SyntheticNames.village(&random) + "小学"
        case .nineYear:
            return place + SyntheticNames.village(&random) + "学校"
        case .teachingPoint:
            return place + SyntheticNames.village(&random) + "教学点"
        case .juniorSecondary:
            return town.isRural && inTown == 1 ? place + "中学" : "\(place)第\(SyntheticNames.numeral(inTown))中学"
        case .seniorSecondary:
            return "\(district.name)第\(SyntheticNames.numeral(serial))高级中学"
        case .vocational:
            return serial == 1 ? district.name + "职业教育中心" : "\(district.name)第\(SyntheticNames.numeral(serial))职业学校"
        }
    }

    func writeSchools(to writer: RecordWriter, manifest: inout CityManifest) throws {
        for school in schools {
            try writer.append(row: [
                school.id, RecordWriter.csv(school.name), school.town.code, district.code,
                school.kind.stages.map(\.rawValue).joined(separator: ";"), "\(school.town.isRural)",
                "\(school.servesKeyPovertyVillage)", "\(school.isWeakTeachingPoint)",
            ])
            manifest.schools.total += 1
            manifest.schools.byKind.count(school.kind.rawValue)
            if school.town.isRural { manifest.schools.rural += 1 }
            if school.isWeakTeachingPoint { manifest.schools.weakTeachingPoints += 1 }
            if school.servesKeyPovertyVillage { manifest.schools.keyPovertyVillageSchools += 1 }
        }
    }
}
