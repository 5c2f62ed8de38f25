import Foundation

/// Peak resident set size (VmHWM, the high-water mark of RSS) of a process, from /proc. It must be
/// read while the process lives: afterwards /proc no longer has it.
enum PeakMemory {
    /// Bytes, or nil where /proc has no such process (or no /proc).
    static func peakResidentBytes(pid: String = "self") -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:\t  123456 kB"
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }
}
