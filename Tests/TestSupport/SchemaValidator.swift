import Foundation

/// Validates JSON instances against the bundled schemas with Python's `jsonschema`, the reference
/// implementation other teams validate with, so the schemas are checked by a validator we did not write.
public struct SchemaValidator {
    public struct Case {
        public var schema: URL
        /// Exactly the bytes a producer would publish; never re-serialized, so 1.5 stays a float.
        public var instance: [UInt8]

        public init(schema: URL, instance: [UInt8]) {
            self.schema = schema
            self.instance = instance
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// `AID_PYTHON`, else the project's venv, else whatever `python3` is on the path.
    public typealias Interpreter = (executable: URL, leadingArguments: [String])

    public static var defaultInterpreter: Interpreter {
        if let configured = ProcessInfo.processInfo.environment["AID_PYTHON"], !configured.isEmpty {
            return (URL(fileURLWithPath: configured), [])
        }
        let venv = packageRoot.appendingPathComponent(".local/venv/bin/python")
        if FileManager.default.isExecutableFile(atPath: venv.path) {
            return (venv, [])
        }
        return (URL(fileURLWithPath: "/usr/bin/env"), ["python3"])
    }

    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    private static let script = #"""
        import json, sys
        try:
            from jsonschema import Draft202012Validator
        except ImportError as error:
            sys.stderr.write(f"the Python package 'jsonschema' is not importable by {sys.executable} ({error}); "
                             "install it with: .local/venv/bin/pip install jsonschema (or set AID_PYTHON)\n")
            sys.exit(3)
        results = []
        for line in sys.stdin:
            if not line.strip():
                continue
            case = json.loads(line)
            with open(case["schema"], encoding="utf-8") as file:
                schema = json.load(file)
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = sorted(
                ("/".join(str(part) for part in error.absolute_path) or "<root>") + ": " + error.message
                for error in validator.iter_errors(case["instance"]))
            results.append(errors)
        json.dump(results, sys.stdout)
        """#

    /// The validation errors of each case, in order; empty means valid. Throws if Python or
    /// `jsonschema` is unavailable, so a missing validator fails the tests instead of passing them.
    public static func validate(_ cases: [Case], interpreter: Interpreter = defaultInterpreter) async throws -> [[String]] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("aid-contracts-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var input: [UInt8] = []
        for item in cases {
            let path = try JSONEncoder().encode(item.schema.path)
            input += Array(#"{"schema":"#.utf8) + Array(path) + Array(#","instance":"#.utf8) + item.instance + Array("}\n".utf8)
        }
        let inputURL = directory.appendingPathComponent("cases.jsonl")
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        try Data(input).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let (executable, leadingArguments) = interpreter
        let process = Process()
        process.executableURL = executable
        process.arguments = leadingArguments + ["-c", script]
        // Files rather than pipes: a full pipe would block the child while we wait for it to exit.
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: Failure(
                    description: "cannot start the Python interpreter \(executable.path) \(leadingArguments): \(error)"))
            }
        }
        let stderr = String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        guard status == 0 else {
            throw Failure(description: "schema validation with \(executable.path) \(leadingArguments) exited \(status): \(stderr)")
        }
        let output = try Data(contentsOf: outputURL)
        guard let results = try JSONSerialization.jsonObject(with: output) as? [[String]], results.count == cases.count else {
            throw Failure(description: "unexpected validator output: \(String(decoding: output, as: UTF8.self)) \(stderr)")
        }
        return results
    }
}
