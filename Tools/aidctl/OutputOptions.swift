import ArgumentParser

struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document on standard output (for scripts) instead of tables.")
    var json = false
}
