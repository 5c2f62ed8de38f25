import AidContracts

/// Generates one district: schools, students and their households, registry lists, applications,
/// care rooms and twinnings, charity assessments and pledges, and training. A district is held in
/// memory while it is made (about 100,000 students at full size), written out and dropped, so a
/// city of 100 districts streams to its files.
struct DistrictGenerator {
    /// The parts of a district, each drawing from a random stream of its own: a change to how one
    /// part is drawn leaves the others as they were.
    enum Part: UInt64 {
        case schools, people, registry, applications, pairing, charity, training
    }

    let district: District
    /// The district's size relative to the reference city: 1, except in cities smaller than it.
    let size: Double
    let seed: UInt64
    var schools: [SchoolPlan] = []
    var households: [HouseholdPlan] = []
    var students: [StudentPlan] = []
    var issuer: ResidentIDIssuer
    /// The last registry reference number issued, per list.
    var lastReference: [RegistryList: Int] = [:]

    init(district: District, size: Double, seed: UInt64) {
        self.district = district
        self.size = size
        self.seed = seed
        issuer = ResidentIDIssuer(regionCode: district.code, latestBirth: ReferenceCity.planningDay)
    }

    /// Generates the district into `output` and adds what it made to `manifest`.
    mutating func generate(into output: CityOutput, manifest: inout CityManifest) throws {
        planSchools()
        enrolStudents()
        try writeSchools(to: output[.schools], manifest: &manifest)
        try writeStudents(to: output[.students], manifest: &manifest)
        try writeRegistry(to: output[.registry], manifest: &manifest)
        try writeApplications(to: output[.applications], manifest: &manifest)
        try writePairing(careRooms: output[.careRooms], schools: output[.pairingSchools], manifest: &manifest)
        try writeCharity(assessments: output[.assessments], pledges: output[.pledges], manifest: &manifest)
        try writeTraining(centres: output[.trainingCentres], sessions: output[.trainingSessions], manifest: &manifest)
        manifest.districts.append(district.code)
    }

    func random(_ part: Part) -> SeededRandom {
        SeededRandom(seed: seed, stream: UInt64(district.index) << 8 | part.rawValue)
    }

    /// A reference-city count for this district; never below one, so every kind of place exists
    /// even in the small cities tests use.
    func scaled(_ count: Int) -> Int {
        max(1, Int((Double(count) * size).rounded()))
    }

    /// Shares `total` out in proportion to `weights` (largest remainder, ties to the earlier index),
    /// so the parts always add up to the total.
    static func apportion(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var shares = exact.map { Int($0) }
        let remainders = exact.indices.map { exact[$0] - Double(shares[$0]) }
        let order = exact.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(total - shares.reduce(0, +)) { shares[index] += 1 }
        return shares
    }
}
