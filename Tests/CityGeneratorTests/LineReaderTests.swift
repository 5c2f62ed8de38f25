import CityGenerator
import Foundation
import Testing

@Suite("LineReader: a generated file read back line by line")
struct LineReaderTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "line-reader-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func readAll(_ url: URL, blockSize: Int) throws -> [String] {
        let reader = try LineReader(url, blockSize: blockSize)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test("lines come back whole whatever the block size, across block edges, with empty lines and multi-byte characters", arguments: [1, 2, 3, 7, 64, 1 << 20])
    func linesAcrossBlocks(blockSize: Int) throws {
        let lines = ["schoolId,name", "", "SCH-1,城关第一小学", "SCH-2,a much longer line than any of the small block sizes", "", "x"]
        let url = try Self.file(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.readAll(url, blockSize: blockSize) == lines)
    }

    @Test("a last line without a newline is returned; an empty file has no lines", arguments: [1, 4, 1 << 20])
    func edges(blockSize: Int) throws {
        let unterminated = try Self.file("a\nbb\nccc")
        let empty = try Self.file("")
        defer { for url in [unterminated, empty] { try? FileManager.default.removeItem(at: url) } }
        #expect(try Self.readAll(unterminated, blockSize: blockSize) == ["a", "bb", "ccc"])
        #expect(try Self.readAll(empty, blockSize: blockSize) == [])
    }

    @Test("100,000 lines of a roster-sized file read back in order")
    func manyLines() throws {
        let lines = (0..<100_000).map { "STU-\($0),\(String(repeating: "x", count: $0 % 150))" }
        let url = try Self.file(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.readAll(url, blockSize: 1 << 16) == lines)
    }
}
