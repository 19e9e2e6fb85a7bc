import ArgumentParser

/// kasir: a terminal merchant console for DOKU's DANA one-time payments.
@main
struct Kasir: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kasir",
        abstract: "A terminal merchant console for DOKU's DANA one-time payments.",
        discussion: """
            kasir asks DOKU (SNAP API) for a DANA payment, shows the customer the payment link \
            as a QR code, receives DOKU's notification when the customer has paid, and refunds.
            `kasir sandbox` runs a local DOKU stand-in so everything works offline.
            """,
        version: version,
        subcommands: [SandboxCommand.self]
    )
}
