import CityGenerator
import Foundation
import Testing

@Suite("City generator: the same seed gives the same city")
struct DeterminismTests {
    @Test("same scale and seed ⇒ byte-identical files, manifest included")
    func sameSeedSameFiles() throws {
        let first = try GeneratedCity(scale: 0.05, seed: 42)
        let second = try GeneratedCity(scale: 0.05, seed: 42)
        defer { first.remove(); second.remove() }
        for file in CityFile.allCases {
            #expect(try first.data(file) == second.data(file), "\(file.rawValue) differs between two runs with one seed")
        }
        let manifests = try [first, second].map { try Data(contentsOf: $0.directory.appending(path: CityFile.manifest)) }
        #expect(manifests[0] == manifests[1])
    }

    @Test("different seeds ⇒ different people, lists and applications")
    func differentSeedDifferentCity() throws {
        let first = try GeneratedCity(scale: 0.05, seed: 42)
        let second = try GeneratedCity(scale: 0.05, seed: 43)
        defer { first.remove(); second.remove() }
        for file in [CityFile.students, .registry, .applications, .trainingSessions] {
            #expect(try first.data(file) != second.data(file), "\(file.rawValue) is the same for seeds 42 and 43")
        }
    }

    @Test("a scale outside 0…999 is refused")
    func scaleOutOfRange() {
        #expect(throws: CityGeneratorError.self) { try CityGenerator(scale: 0, seed: 1) }
        #expect(throws: CityGeneratorError.self) { try CityGenerator(scale: 1_000, seed: 1) }
    }
}
