import DokuSNAP
import Foundation

/// The key material a sandbox and the merchant pointed at it share: a client id and secret, the
/// merchant's RSA key pair and the sandbox's own "DOKU" key pair. Kept as files (0600 for the
/// private ones) so `kasir sandbox` and kasir itself can be started separately.
public struct SandboxKeyring: Sendable {
    public let directory: URL
    public let clientID: String
    public let clientSecret: Secret
    public let merchantKey: RSASigningKey
    public let dokuKey: RSASigningKey

    public static let files = (
        clientID: "client-id", secret: "secret-key", merchantPrivate: "merchant-private.pem", merchantPublic: "merchant-public.pem",
        dokuPrivate: "doku-private.pem", dokuPublic: "doku-public.pem"
    )

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Loads the keyring from `directory`, creating any missing part. Returns whether anything was created.
    public static func loadOrCreate(at directory: URL) throws -> (SandboxKeyring, created: Bool) {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var created = false
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func write(_ text: String, _ name: String, private isPrivate: Bool) throws {
            let url = file(name)
            guard fm.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: isPrivate ? 0o600 : 0o644]) else {
                throw DokuError.configuration("cannot write \(url.path); check that the folder is writable")
            }
            created = true
        }
        func read(_ name: String) throws -> String? {
            guard fm.fileExists(atPath: file(name).path) else { return nil }
            return try String(contentsOf: file(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if try read(files.clientID) == nil {
            try write("BRN-0001-" + String(Int64.random(in: 1_000_000_000_000...9_999_999_999_999)) + "\n", files.clientID, private: false)
        }
        if try read(files.secret) == nil {
            let bytes = (0..<24).map { _ in UInt8.random(in: 0...255) }
            try write("SK-" + Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-") + "\n", files.secret, private: true)
        }
        for (privateName, publicName) in [(files.merchantPrivate, files.merchantPublic), (files.dokuPrivate, files.dokuPublic)] {
            if try read(privateName) == nil {
                let key = try RSASigningKey.generate()
                try write(key.pemRepresentation.reveal(), privateName, private: true)
                try write(key.publicKey.pemRepresentation, publicName, private: false)
            } else if try read(publicName) == nil {
                let key = try RSASigningKey(pem: Secret(try read(privateName)!))
                try write(key.publicKey.pemRepresentation, publicName, private: false)
            }
        }
        let keyring = SandboxKeyring(
            directory: directory, clientID: try read(files.clientID)!, clientSecret: Secret(try read(files.secret)!),
            merchantKey: try RSASigningKey(pem: Secret(try read(files.merchantPrivate)!)), dokuKey: try RSASigningKey(pem: Secret(try read(files.dokuPrivate)!)))
        return (keyring, created)
    }

    /// Where kasir's receiver listens and which paths DOKU calls, as a written config says it.
    public struct ReceiverSettings: Sendable, Equatable {
        public var listen = "127.0.0.1:8787"
        public var tokenPath = DokuPaths.accessToken
        public var notifyPath = DokuPaths.notify

        public init(listen: String = "127.0.0.1:8787") { self.listen = listen }
    }

    /// A kasir config file (TOML) that points kasir at a sandbox at `baseURL`, whose control API
    /// takes `controlToken`.
    public func kasirConfig(baseURL: String, receiver: ReceiverSettings, storePath: String, controlToken: String? = nil) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let sandbox = controlToken.map {
            """

            [sandbox]
            # This run's control token (`kasir sandbox resend`, `kasir sandbox deliveries`); it changes at every start.
            control_token = \(quoted($0))

            """
        } ?? ""
        return """
            # kasir configuration for the local DOKU sandbox (written by `kasir sandbox --write-config`).
            [doku]
            environment = "custom"
            base_url = \(quoted(baseURL))
            client_id = \(quoted(clientID))
            secret_key_file = \(quoted(path(Self.files.secret)))
            private_key_file = \(quoted(path(Self.files.merchantPrivate)))
            doku_public_key_file = \(quoted(path(Self.files.dokuPublic)))

            [notifications]
            listen = \(quoted(receiver.listen))
            token_path = \(quoted(receiver.tokenPath))
            notify_path = \(quoted(receiver.notifyPath))

            [store]
            path = \(quoted(storePath))

            [payment]
            # DOKU needs a return URL (urlParam) in every DANA payment; the sandbox serves this page.
            return_url = \(quoted(baseURL + "/return"))

            """ + sandbox
    }

    /// Writes `text` to `path` readable by its owner only (0600 from the first byte), replacing
    /// what was there; the error says why when it cannot.
    public static func writePrivately(_ text: String, to path: String) throws(SandboxWriteError) {
        do { try PrivateFile.write(text, to: path) } catch { throw SandboxWriteError(path: path, reason: error.reason) }
    }
}

/// A file the sandbox was asked to write could not be written, and why (the system's words).
public struct SandboxWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { reason }
}
