import Kafka
import Testing

@Suite("LibrdkafkaVersion")
struct LibrdkafkaVersionTests {
    @Test("parses three dot-separated numbers", arguments: [
        ("2.1.0", 2, 1, 0), ("2.0.2", 2, 0, 2), ("2.10.13", 2, 10, 13), ("0.0.0", 0, 0, 0), ("11.222.3333", 11, 222, 3333),
    ])
    func parses(text: String, major: Int, minor: Int, patch: Int) throws {
        let version = try #require(LibrdkafkaVersion(text))
        #expect(version == LibrdkafkaVersion(major: major, minor: minor, patch: patch))
        #expect(version.description == text)
    }

    @Test("rejects anything that is not exactly three numbers", arguments: [
        "", "2", "2.1", "2.1.0.4", "2.1.x", "2..1", "2.1.", ".2.1", "a.b.c", "2.1.0-RC1", "2.x.1.0", "2.1.0.x", "v2.1.0", " 2.1.0",
        "-1.0.0",
    ])
    func rejects(text: String) {
        #expect(LibrdkafkaVersion(text) == nil, "\"\(text)\" should not parse")
    }

    @Test("orders by major, then minor, then patch (numerically, not as text)")
    func ordering() throws {
        let texts = ["3.0.0", "2.10.0", "2.1.1", "2.0.2", "2.1.0", "1.9.9", "2.2.0"]
        let sorted = try texts.map { try #require(LibrdkafkaVersion($0)) }.sorted()
        #expect(sorted.map(\.description) == ["1.9.9", "2.0.2", "2.1.0", "2.1.1", "2.2.0", "2.10.0", "3.0.0"])

        let v202 = LibrdkafkaVersion(major: 2, minor: 0, patch: 2)
        let v210 = LibrdkafkaVersion(major: 2, minor: 1, patch: 0)
        #expect(v202 < v210)
        #expect(!(v210 < v202))
        #expect(v210 >= LibrdkafkaVersion(major: 2, minor: 1, patch: 0))
        #expect(LibrdkafkaVersion(major: 2, minor: 9, patch: 99) < LibrdkafkaVersion(major: 2, minor: 10, patch: 0))
        #expect(LibrdkafkaVersion(major: 1, minor: 99, patch: 99) < LibrdkafkaVersion(major: 2, minor: 0, patch: 0))
        #expect(LibrdkafkaVersion.minimumSupported == v210)
        #expect(v202 < LibrdkafkaVersion.minimumSupported, "Debian's 2.0.2 must count as unsupported")
    }

    @Test("the loaded library (via scripts/env.sh) is at least 2.1.0, and requireAtLeast accepts it")
    func loadedIsRecentEnough() throws {
        let loaded = LibrdkafkaVersion.loaded
        #expect(
            loaded >= LibrdkafkaVersion(major: 2, minor: 1, patch: 0),
            "loaded librdkafka \(loaded): run the tests as `source scripts/env.sh && swift test` (LD_LIBRARY_PATH=.local/lib first)")
        #expect(loaded.major == 2)
        #expect(LibrdkafkaVersion(loaded.description) == loaded)
        try LibrdkafkaVersion.requireAtLeast()
        try LibrdkafkaVersion.requireAtLeast(loaded)
    }

    @Test("requireAtLeast with a too-high minimum throws .incompatibleLibrary naming the fix")
    func requireAtLeastTooHigh() throws {
        let minimum = LibrdkafkaVersion(major: 99, minor: 0, patch: 0)
        let error = try #require(throws: KafkaError.self) { try LibrdkafkaVersion.requireAtLeast(minimum) }
        #expect(error == .incompatibleLibrary(loaded: LibrdkafkaVersion.loaded.description, minimum: "99.0.0"))
        let text = error.description
        #expect(text.contains(LibrdkafkaVersion.loaded.description))
        #expect(text.contains("99.0.0"))
        #expect(text.contains("scripts/setup.sh"))
        #expect(text.contains("LD_LIBRARY_PATH"))
        #expect(text.contains("scripts/env.sh"))
    }
}
