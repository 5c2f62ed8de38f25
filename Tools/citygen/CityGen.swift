import ArgumentParser

@main
struct CityGen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citygen",
        abstract: "Generate a synthetic city and load it into the running suite through its HTTP APIs.",
        discussion: """
            Everything generated is synthetic: names, addresses and resident ID numbers are made up \
            (well formed, region code 370785 and synthetic codes under 379, never repeated).
            """,
        subcommands: [Generate.self, Load.self, Pay.self])
}
