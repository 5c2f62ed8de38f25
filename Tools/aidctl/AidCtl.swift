import ArgumentParser

@main
struct AidCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aidctl",
        abstract: "Operate the precise student aid suite.",
        discussion: """
            Service URLs, the broker and the topic prefix come from flags or the environment (AID_IDENTIFICATION_URL, \
            AID_DISBURSEMENT_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX), with local defaults. The bearer token is --token or \
            AID_TOKEN; without one, aidctl mints a short-lived token when AUTH_SIGNING_KEY is the development key.
            """,
        subcommands: [Token.self, Import.self, Journey.self, DeadLetters.self, Lag.self, Pay.self, Approve.self, Send.self, Figures.self])
}
