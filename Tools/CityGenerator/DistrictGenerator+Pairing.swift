import Foundation

extension DistrictGenerator {
    /// Where the reference city lies (its first district), in degrees.
    private static let centre = (latitude: 36.38, longitude: 119.75)
    private static let kilometresPerDegree = (latitude: 111.0, longitude: 89.5)

    /// Care rooms open at the rural schools with the most left-behind pupils, with volunteers
    /// enough for up to 80 of them; every school gets coordinates, and the largest urban primary
    /// schools are designated strong partners, one weak school each, as many as there are schools
    /// serving key poverty villages.
    func writePairing(careRooms: RecordWriter, schools pairingSchools: RecordWriter, manifest: inout CityManifest) throws {
        var random = random(.pairing)
        var leftBehind = schools.map { _ in 0 }
        for student in students where student.leftBehind { leftBehind[student.school] += 1 }
        let hosts = schools.indices.filter { schools[$0].town.isRural && schools[$0].kind != .kindergarten && leftBehind[$0] > 0 }
            .sorted { leftBehind[$0] != leftBehind[$1] ? leftBehind[$0] > leftBehind[$1] : $0 < $1 }
            .prefix(scaled(ReferenceCity.careRooms))
        var capacityByTown = district.towns.map { _ in 0 }
        for (number, host) in hosts.enumerated() {
            let school = schools[host]
            let roomId = "CR-\(district.code)-\((number + 1).padded(3))"
            var volunteers: [CareRoomRecord.Volunteer] = []
            var capacity = 0
            while capacity < min(leftBehind[host], 80) {
                let volunteer = CareRoomRecord.Volunteer(
                    volunteerId: "\(roomId)-V\((volunteers.count + 1).padded(3))",
                    name: SyntheticNames.name(surname: SyntheticNames.surname(&random), male: random.chance(0.35), &random),
                    townCode: school.town.code, schoolId: school.id, capacity: random.chance(0.7) ? 1 : 2)
                capacity += volunteer.capacity
                volunteers.append(volunteer)
            }
            let equipment = [
                CareRoomRecord.Equipment(itemCode: "video-phone", quantity: random.int(in: 1...2)),
                CareRoomRecord.Equipment(itemCode: "desk", quantity: random.int(in: 6...20)),
                CareRoomRecord.Equipment(itemCode: "bookshelf", quantity: random.int(in: 2...4)),
                CareRoomRecord.Equipment(itemCode: "book", quantity: random.int(in: 300...1_200)),
            ]
            try careRooms.append(json: CareRoomRecord(
                roomId: roomId, schoolId: school.id, openedOn: random.day(from: Day(2018, 3, 1), through: Day(2026, 3, 1)).description,
                equipment: equipment, volunteers: volunteers))
            capacityByTown[school.townIndex] += capacity
            manifest.pairing.careRooms += 1
            manifest.pairing.volunteers += volunteers.count
            manifest.pairing.volunteerCapacity += capacity
        }
        // Pairing learns each child's township from the school the child is enrolled at.
        var leftBehindByTown = district.towns.map { _ in 0 }
        for (index, school) in schools.enumerated() { leftBehindByTown[school.townIndex] += leftBehind[index] }
        manifest.pairing.expectedCarePairs += zip(leftBehindByTown, capacityByTown).map { min($0, $1) }.reduce(0, +)

        let keySchools = schools.filter(\.servesKeyPovertyVillage).count
        let strong = Set(schools.indices.filter { schools[$0].kind == .primary && !schools[$0].town.isRural }
            .sorted { schools[$0].totalEnrolment != schools[$1].totalEnrolment ? schools[$0].totalEnrolment > schools[$1].totalEnrolment : $0 < $1 }
            .prefix(keySchools))
        let towns = district.towns.indices.map { townCentre($0) }
        for (index, school) in schools.enumerated() {
            // Within about 2 km of the town's centre.
            let point = offset(towns[school.townIndex], northKm: random.unit() * 4 - 2, eastKm: random.unit() * 4 - 2)
            try pairingSchools.append(json: PairingSchoolRecord(
                schoolId: school.id, latitude: Self.rounded(point.latitude), longitude: Self.rounded(point.longitude),
                supportCapacity: strong.contains(index) ? 1 : nil))
        }
        manifest.pairing.schoolLocations += schools.count
        manifest.pairing.strongSchools += strong.count
        manifest.pairing.expectedTwinnings += min(keySchools, strong.count)
    }

    /// Districts lie on a grid 60 km apart; urban subdistricts within 3 km of the district's centre,
    /// rural towns on a ring 12–22 km out.
    private func townCentre(_ townIndex: Int) -> (latitude: Double, longitude: Double) {
        let districtCentre = offset(Self.centre, northKm: Double(district.index / 10) * 60, eastKm: Double(district.index % 10) * 60)
        let town = district.towns[townIndex]
        let ringIndex = town.isRural ? townIndex - district.urbanTowns.count : townIndex
        let ringSize = town.isRural ? district.ruralTowns.count : district.urbanTowns.count
        let angle = 2 * Double.pi * Double(ringIndex) / Double(ringSize)
        let radius = town.isRural ? 12 + Double(ringIndex % 3) * 5 : 3
        return offset(districtCentre, northKm: radius * sin(angle), eastKm: radius * cos(angle))
    }

    private func offset(_ point: (latitude: Double, longitude: Double), northKm: Double, eastKm: Double) -> (latitude: Double, longitude: Double) {
        (point.latitude + northKm / Self.kilometresPerDegree.latitude, point.longitude + eastKm / Self.kilometresPerDegree.longitude)
    }

    /// Six decimals (about 10 cm), so the JSON is short and the same on every machine.
    private static func rounded(_ degrees: Double) -> Double {
        (degrees * 1_000_000).rounded() / 1_000_000
    }
}
