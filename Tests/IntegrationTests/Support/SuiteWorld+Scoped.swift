import Foundation

extension SuiteWorld {
    /// Runs `body` in a fresh world and awaits its tear-down before returning, also when `body`
    /// throws. Unlike `defer { Task { await world.tearDown() } }`, the services are stopped and the
    /// schemas dropped before the test ends, so the last test of a run leaves no process behind.
    static func scoped<Result>(_ body: (SuiteWorld) async throws -> Result) async throws -> Result {
        let world = SuiteWorld()
        do {
            let result = try await body(world)
            await world.tearDown()
            return result
        } catch {
            await world.tearDown()
            throw error
        }
    }
}
