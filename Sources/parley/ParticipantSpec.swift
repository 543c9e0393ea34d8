internal import Foundation
import ParleyCrypto
import ParleyLog

/// One `--participant` of `parley exchange create`: `FILE_OR_KEY:ROLE:SIDE[:NAME]`.
///
/// `FILE_OR_KEY` is a public key PEM file (as `parley key export-public` writes it) or the raw
/// public key as 64 hex digits; `ROLE` is `headquarters`, `ombudsman` or `mediator`; `SIDE` is `A`,
/// `B` or `neutral` (a mediator's); `NAME` is an optional display name.
struct ParticipantSpec {
    /// The file or hex key as given.
    var key: String
    /// The role.
    var role: Role
    /// The side.
    var side: Side
    /// The display name, when given.
    var name: String?

    /// Reads a spec.
    ///
    /// - Throws: A one-line failure naming the spec and what is wrong with it.
    init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func roleAndSide(at index: Int) -> (Role, Side)? {
            guard index >= 1, index + 1 < parts.count,
                  let role = Role(rawValue: parts[index].lowercased()),
                  let side = Side.allCases.first(where: { $0.rawValue.lowercased() == parts[index + 1].lowercased() })
            else { return nil }
            return (role, side)
        }
        let usage = "--participant \(text): expected FILE_OR_KEY:ROLE:SIDE[:NAME], with ROLE one of "
            + "\(Role.allCases.map(\.rawValue).joined(separator: ", ")) and SIDE one of "
            + Side.allCases.map(\.rawValue).joined(separator: ", ")
        if let (role, side) = roleAndSide(at: parts.count - 2) {
            (self.role, self.side, self.name) = (role, side, nil)
            self.key = parts[..<(parts.count - 2)].joined(separator: ":")
        } else if let (role, side) = roleAndSide(at: parts.count - 3) {
            (self.role, self.side, self.name) = (role, side, parts[parts.count - 1])
            self.key = parts[..<(parts.count - 3)].joined(separator: ":")
        } else {
            throw ValidationFailure(usage)
        }
        guard !key.isEmpty else { throw ValidationFailure(usage) }
        guard (role == .mediator) == (side == .neutral) else {
            throw ValidationFailure("--participant \(text): a mediator is on side neutral, and only a mediator is")
        }
    }

    /// The public key the spec names: the PEM file at ``key``, else ``key`` as 64 hex digits.
    ///
    /// - Throws: A one-line failure when it is neither.
    func publicKey() throws -> PublicKey {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory), !isDirectory.boolValue {
            return try Self.publicKey(file: key, option: "--participant: ")
        }
        // A person may type the hex in either case; Parley's own spelling is lowercase.
        guard let raw = Hex.decode(key.lowercased(), count: 32) else {
            throw ValidationFailure("--participant: \(key) is neither a public key PEM file nor 64 hex digits")
        }
        do {
            return try PublicKey(rawRepresentation: raw)
        } catch {
            throw ValidationFailure("--participant: \(key) is not a valid Ed25519 public key")
        }
    }

    /// The public key in a PEM file (as `parley key export-public` writes it).
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - option: What to put before a failure (the option it came from), if anything.
    /// - Throws: A one-line failure naming the file when it cannot be read or holds no Ed25519
    ///   public key in PEM.
    static func publicKey(file path: String, option: String = "") throws -> PublicKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationFailure("\(option)cannot read \(path)")
        }
        do {
            return try PublicKey(pem: String(decoding: data, as: UTF8.self))
        } catch {
            throw ValidationFailure("\(option)\(path) does not hold an Ed25519 public key in PEM")
        }
    }
}
