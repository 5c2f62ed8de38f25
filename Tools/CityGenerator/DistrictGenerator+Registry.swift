import AidContracts

extension DistrictGenerator {
    /// A membership of `list` issued some time since 2015; an expired one ended before the school
    /// year, a current one is open-ended or runs to the end of 2030.
    mutating func listing(_ list: RegistryList, expired: Bool, _ random: inout SeededRandom) -> Listing {
        let serial = lastReference[list, default: 0] + 1
        lastReference[list] = serial
        let reference = "\(Self.referencePrefix(list))-\(district.code)-\(serial.padded(6))"
        if expired {
            let validTo = random.day(from: Day(2024, 1, 1), through: ReferenceCity.lastExpiry)
            let validFrom = random.day(from: Day(2016, 1, 1), through: validTo.adding(days: -60))
            return Listing(list: list, validFrom: validFrom, validTo: validTo, reference: reference)
        }
        let validFrom = random.day(from: Day(2015, 1, 1), through: ReferenceCity.lastExpiry)
        let validTo = random.chance(ReferenceCity.fixedTermListingRate) ? ReferenceCity.fixedTermEnd : nil
        return Listing(list: list, validFrom: validFrom, validTo: validTo, reference: reference)
    }

    /// The lists a student is on this school year, in `RegistryList` order, each once.
    func currentLists(of student: StudentPlan) -> [RegistryList] {
        let lists = (households[student.household].listings + [student.disability].compactMap { $0 })
            .filter(\.isCurrent).map(\.list)
        return RegistryList.allCases.filter(lists.contains)
    }

    /// Every listed person: students, the other members of listed households (the orphan list
    /// covers the children only), elderly households and disabled adults with no children at school.
    mutating func writeRegistry(to writer: RecordWriter, manifest: inout CityManifest) throws {
        var random = random(.registry)
        func write(_ residentId: String, _ listing: Listing, student: Bool) throws {
            try writer.append(row: [
                residentId, listing.list.rawValue, listing.validFrom.description,
                listing.validTo?.description ?? "", listing.reference,
            ])
            manifest.registry.entries += 1
            manifest.registry.byList.count(listing.list.rawValue)
            if !listing.isCurrent { manifest.registry.expiredEntries += 1 }
            if !student { manifest.registry.nonStudentEntries += 1 }
        }

        for household in households where !household.listings.isEmpty {
            let adults = adultMembers(of: household, &random)
            for listing in household.listings {
                for child in household.children { try write(students[child].residentId, listing, student: true) }
                guard listing.list != .orphan else { continue }
                for adult in adults { try write(adult, listing, student: false) }
            }
        }
        for student in students {
            if let disability = student.disability { try write(student.residentId, disability, student: true) }
            let lists = currentLists(of: student)
            if !lists.isEmpty { manifest.registry.listedStudents += 1 }
            if lists.count >= 2 { manifest.registry.studentsOnTwoOrMoreLists += 1 }
        }
        for _ in 0..<scaled(ReferenceCity.elderlyListedHouseholds) {
            let list: RegistryList = random.chance(0.7) ? .dibao : .tekun
            let listing = listing(list, expired: random.chance(ReferenceCity.expiredListingRate), &random)
            for _ in 0..<random.int(in: 1...2) {
                let born = random.day(from: Day(1936, 1, 1), through: Day(1964, 12, 31))
                try write(issuer.issue(born: born, male: random.chance(0.5)), listing, student: false)
            }
        }
        for _ in 0..<scaled(ReferenceCity.listedDisabledAdults) {
            let born = random.day(from: Day(1946, 1, 1), through: Day(2007, 12, 31))
            let residentId = issuer.issue(born: born, male: random.chance(0.55))
            try write(residentId, listing(.disability, expired: random.chance(ReferenceCity.expiredListingRate), &random), student: false)
            if random.chance(0.1) { try write(residentId, listing(.dibao, expired: false, &random), student: false) }
        }
    }

    /// Resident IDs for the grown-ups of a listed household, born to fit its eldest child.
    private mutating func adultMembers(of household: HouseholdPlan, _ random: inout SeededRandom) -> [String] {
        let eldest = household.children.map { students[$0].birth.civil.year }.min() ?? 2012
        var adults: [String] = []
        var parentYear = eldest - random.int(in: 22...38)
        for index in 0..<household.parents {
            parentYear = index == 0 ? parentYear : parentYear + random.int(in: -3...3)
            adults.append(issuer.issue(born: randomDay(in: parentYear, &random), male: index == 0))
        }
        for index in 0..<household.grandparents {
            adults.append(issuer.issue(born: randomDay(in: parentYear - random.int(in: 22...30), &random), male: index == 0))
        }
        for _ in 0..<household.graduates {
            adults.append(issuer.issue(born: random.day(from: Day(2003, 1, 1), through: Day(2008, 6, 30)), male: random.chance(0.5)))
        }
        return adults
    }

    private func randomDay(in year: Int, _ random: inout SeededRandom) -> Day {
        random.day(from: Day(year, 1, 1), through: Day(year, 12, 31))
    }

    /// Offices' own reference prefixes: civil affairs (dibao 低保, tekun 特困, orphan 孤儿), the
    /// disabled persons' federation (残疾证), rural revitalisation (建档立卡).
    private static func referencePrefix(_ list: RegistryList) -> String {
        switch list {
        case .orphan: "GE"
        case .disability: "CJ"
        case .dibao: "DB"
        case .tekun: "TK"
        case .registeredPoor: "JD"
        }
    }
}
