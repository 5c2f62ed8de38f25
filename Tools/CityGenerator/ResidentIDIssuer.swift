import IdentificationDomain

/// Issues synthetic resident ID numbers: the district's region code, the birth date, a sequence
/// number per birth day (odd for men, even for women, as on real cards) and the MOD 11-2 check
/// digit. They are well formed and never repeat within a city, but they are made up: nobody was
/// issued them, and any match with a real number is chance.
struct ResidentIDIssuer {
    /// Birth dates before this are not generated (the oldest people on registry lists).
    static let earliestBirth = Day(1920, 1, 1)
    /// Sequences per birth day and sex: 000–999 split by parity.
    static let sequencesPerDay = 500

    let regionCode: String
    private var issuedMen: [UInt16]
    private var issuedWomen: [UInt16]

    init(regionCode: String, latestBirth: Day) {
        self.regionCode = regionCode
        let days = latestBirth.number - Self.earliestBirth.number + 1
        issuedMen = Array(repeating: 0, count: days)
        issuedWomen = Array(repeating: 0, count: days)
    }

    /// The next unused number for someone born on `birth`.
    /// - Precondition: fewer than 500 people of one sex were born on one day in the district; a
    ///   district of the reference city's size has about 30.
    mutating func issue(born birth: Day, male: Bool) -> String {
        let index = birth.number - Self.earliestBirth.number
        let serial = male ? issuedMen[index] : issuedWomen[index]
        precondition(Int(serial) < Self.sequencesPerDay, "more than \(Self.sequencesPerDay) people of one sex born on \(birth) in \(regionCode)")
        if male { issuedMen[index] += 1 } else { issuedWomen[index] += 1 }
        let sequence = Int(serial) * 2 + (male ? 1 : 0)
        let padded = sequence < 10 ? "00\(sequence)" : sequence < 100 ? "0\(sequence)" : "\(sequence)"
        let first17 = regionCode + birth.compact + padded
        return first17 + String(ResidentID.checkDigit(for: first17))
    }
}
