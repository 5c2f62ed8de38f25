import ArgumentParser

/// Where the suite's services listen (scripts/run.sh's ports by default), and which to leave alone.
struct SuiteEndpoints: ParsableArguments {
    enum Service: String, CaseIterable, ExpressibleByArgument {
        case identification, disbursement, charity, pairing, training
    }

    @Option(help: "identification's base URL.")
    var identification = "http://127.0.0.1:8081"
    @Option(help: "disbursement's base URL.")
    var disbursement = "http://127.0.0.1:8082"
    @Option(help: "charity's base URL.")
    var charity = "http://127.0.0.1:8083"
    @Option(help: "pairing's base URL.")
    var pairing = "http://127.0.0.1:8084"
    @Option(help: "training's base URL.")
    var training = "http://127.0.0.1:8085"

    @Option(parsing: .upToNextOption, help: "Services not to touch (e.g. --skip charity pairing training).")
    var skip: [Service] = []

    func url(_ service: Service) -> String {
        switch service {
        case .identification: identification
        case .disbursement: disbursement
        case .charity: charity
        case .pairing: pairing
        case .training: training
        }
    }
}
