import Foundation
import Testing

/// Runs Tests/IntegrationTests/Browser/dashboard_check.py (Python + Selenium driving headless
/// Chromium) against a dashboard, in two phases the test steps through: the script checks the first
/// figures, the test causes more events, the script checks the page updated without a reload.
final class BrowserCheck: @unchecked Sendable {
    struct Expected: Codable, Sendable, Equatable {
        var disbursedFen: Int64
        var studentTimes: Int
        /// Registry-listed students and how many are identified, when the check should see them.
        var listed: Int? = nil
        var listedIdentified: Int? = nil
    }

    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    static let python = TestEnvironment.root.appending(path: ".local/venv/bin/python")
    static let script = TestEnvironment.root.appending(path: "Tests/IntegrationTests/Browser/dashboard_check.py")

    let screenshot: URL
    private let control: URL
    private let output: URL
    private let errors: URL
    private let process = Process()

    /// Fails the test (never skips it) when the browser, its driver or Selenium is missing.
    static func requireBrowser() throws {
        for tool in [chromium, chromedriver] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/setup.sh (Debian packages chromium, chromium-driver)")
        }
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "no \(python.path): run scripts/setup.sh")
        let probe = Process()
        probe.executableURL = python
        probe.arguments = ["-c", "import selenium"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try #require(probe.terminationStatus == 0, "Selenium is not installed in .local/venv: run scripts/setup.sh")
    }

    init(name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "browser-\(name)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        control = folder
        output = folder.appending(path: "stdout.txt")
        errors = folder.appending(path: "stderr.txt")
        screenshot = URL(fileURLWithPath: "/tmp/dashboard-\(name).png")
    }

    /// Opens `url` and waits there for `expected`.
    func start(url: String, expected: Expected, timeout: Int = 90) throws {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = Self.python
        process.arguments = [
            Self.script.path, "--url", url, "--expect", String(decoding: try JSONEncoder().encode(expected), as: UTF8.self),
            "--control", control.path, "--screenshot", screenshot.path, "--timeout", "\(timeout)",
            "--chromium", Self.chromium, "--chromedriver", Self.chromedriver,
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    /// Waits until the script saw the first figures on the page; false if it failed or timed out.
    func waitForFirstPhase(timeout: Duration = .seconds(120)) async throws -> Bool {
        let done = control.appending(path: "phase1.done")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: done.path) { return true }
            if !process.isRunning { return false }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// Tells the script what the page must show next, and waits for its verdict (its exit status).
    func expectNext(_ expected: Expected, timeout: Duration = .seconds(180)) async throws -> Int32 {
        let pending = control.appending(path: "phase2.json.tmp")
        try JSONEncoder().encode(expected).write(to: pending)
        // Renamed into place, so the script never reads a half-written file.
        try FileManager.default.moveItem(at: pending, to: control.appending(path: "phase2.json"))
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        if process.isRunning { stop() }
        return process.terminationStatus
    }

    var report: String {
        let out = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return "stdout: \(out)\nstderr: \(err.split(separator: "\n").suffix(15).joined(separator: "\n"))"
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
