import Foundation

/// Reads a text file line by line in blocks, so files of gigabytes load without being held in
/// memory. A line is returned without its "\n"; a last line without one is returned too.
public final class LineReader {
    private let handle: FileHandle
    private let blockSize: Int
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` begin. Lines are handed out by moving this index; the
    /// bytes before it are dropped only when the next block is read, once per block (dropping
    /// them line by line moved the whole remaining block for every line: a quadratic cost that
    /// made the loader, not the services, the busiest process of a city load).
    private var start = 0
    private var atEnd = false

    public init(_ url: URL, blockSize: Int = 1 << 20) throws {
        precondition(blockSize > 0, "blockSize must be positive")
        handle = try FileHandle(forReadingFrom: url)
        self.blockSize = blockSize
    }

    deinit {
        try? handle.close()
    }

    /// The next line without its "\n", or nil at the end of the file.
    public func next() throws -> String? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { buffer.removeAll(); start = 0 }
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            // Keep only the partial line, then read on; the part already searched holds no "\n".
            buffer.removeSubrange(0..<start)
            start = 0
            searchFrom = buffer.count
            let block = try handle.read(upToCount: blockSize) ?? Data()
            if block.isEmpty { atEnd = true } else { buffer.append(contentsOf: block) }
        }
    }
}
