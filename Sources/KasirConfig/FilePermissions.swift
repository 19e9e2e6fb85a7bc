import DokuSNAP
import Foundation

/// kasir refuses secrets that other users can read, and a config file others can change.
public enum FilePermissions {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func checkConfig(_ path: String) -> [ConfigProblem] {
        guard let mode = mode(path), mode & 0o022 != 0 else { return [] }
        return [ConfigProblem(path, .configWritableByOthers, String(mode, radix: 8), path)]
    }

    /// Reads a secret file, refusing it if group or others can read it.
    public static func readSecret(_ path: String, key: String) throws(ConfigError) -> Secret {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError([ConfigProblem(key, .configFileMissing, path)])
        }
        if let mode = mode(path), mode & 0o077 != 0 {
            throw ConfigError([ConfigProblem(key, .configFileReadableByOthers, path, String(mode, radix: 8))])
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError([ConfigProblem(key, .configFileUnreadable, path)])
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConfigError([ConfigProblem(key, .configFileEmpty, path)]) }
        return Secret(trimmed)
    }

    /// Reads a public file (DOKU's public key).
    public static func readPublic(_ path: String, key: String) throws(ConfigError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError([ConfigProblem(key, .configFileMissingOrUnreadable, path)])
        }
        return text
    }
}

/// The key material a configuration names, loaded and checked.
public struct MerchantKeys: Sendable {
    public var credentials: DokuCredentials
    public var dokuPublicKey: RSAVerifyingKey

    /// Loads the secret and both keys, collecting every problem.
    public static func load(_ configuration: KasirConfiguration) throws(ConfigError) -> MerchantKeys {
        var problems: [ConfigProblem] = []
        var secret: Secret?
        var privateKey: RSASigningKey?
        var publicKey: RSAVerifyingKey?
        do { secret = try FilePermissions.readSecret(configuration.secretKeyFile, key: "doku.secret_key_file") } catch { problems += error.problems }
        do {
            let pem = try FilePermissions.readSecret(configuration.privateKeyFile, key: "doku.private_key_file")
            do { privateKey = try RSASigningKey(pem: pem) } catch { problems.append(ConfigProblem("doku.private_key_file") { _ in "\(error)" }) }
        } catch {
            problems += error.problems
        }
        do {
            let pem = try FilePermissions.readPublic(configuration.dokuPublicKeyFile, key: "doku.doku_public_key_file")
            do { publicKey = try RSAVerifyingKey(pem: pem) } catch { problems.append(ConfigProblem("doku.doku_public_key_file") { _ in "\(error)" }) }
        } catch {
            problems += error.problems
        }
        guard problems.isEmpty, let secret, let privateKey, let publicKey else { throw ConfigError(problems) }
        return MerchantKeys(
            credentials: DokuCredentials(clientID: configuration.clientID, clientSecret: secret, privateKey: privateKey), dokuPublicKey: publicKey)
    }
}
