public import ParleyCrypto
import RawStructuredFieldValues

extension RequestSignature {
    /// Checks a request's signature, time and body digest, reading the signature from its headers.
    ///
    /// - Parameters:
    ///   - method: The HTTP method as received.
    ///   - requestTarget: The path and `?query` as received.
    ///   - headers: The value of a header by lowercase name (field lines joined by `", "`), or `nil`.
    ///   - body: The body as received.
    ///   - now: The verifier's clock, in seconds since 1970.
    ///   - notBefore: The earliest `created` accepted (e.g. the server's start), if any.
    ///   - window: How far `created` may be from `now`, in seconds.
    ///   - publicKey: The admitted key with a key id, or `nil` if there is none.
    /// - Returns: The verdict; never throws, since every failure is a verdict.
    public static func verify(
        method: String, requestTarget: String, headers: (String) -> String?, body: some Collection<UInt8>,
        now: Int64, notBefore: Int64? = nil, window: Int64 = defaultWindow,
        publicKey: (KeyID) -> PublicKey?
    ) -> RequestVerdict {
        guard let input = headers("signature-input") else { return .unauthenticated(.missingHeader("signature-input")) }
        guard let signature = headers("signature") else { return .unauthenticated(.missingHeader("signature")) }
        let parsed: RequestSignature
        do {
            parsed = try RequestSignature(signatureInput: input, signature: signature)
        } catch {
            return .unauthenticated(.malformed(error.message))
        }
        return parsed.verify(
            publicKey: publicKey(parsed.keyID), method: method, requestTarget: requestTarget, headers: headers,
            body: body, now: now, notBefore: notBefore, window: window
        )
    }

    /// Checks this signature against a request.
    ///
    /// In order: `alg` and `tag`, the required components, exactly those and the parameters
    /// exactly as the protocol orders them in serialized form (one request, one signature base),
    /// the key, the time (`created` within `window` of `now`, not before `notBefore`), the
    /// signature over the rebuilt signature base, then the body against the signed `Content-Digest`.
    ///
    /// - Parameters:
    ///   - publicKey: The key whose id is ``keyID``, or `nil` when none is admitted.
    ///   - method: The HTTP method as received.
    ///   - requestTarget: The path and `?query` as received.
    ///   - headers: The value of a header by lowercase name (field lines joined by `", "`), or `nil`.
    ///   - body: The body as received.
    ///   - now: The verifier's clock, in seconds since 1970.
    ///   - notBefore: The earliest `created` accepted, if any.
    ///   - window: How far `created` may be from `now`, in seconds.
    /// - Returns: The verdict.
    public func verify(
        publicKey: PublicKey?, method: String, requestTarget: String, headers: (String) -> String?,
        body: some Collection<UInt8>, now: Int64, notBefore: Int64? = nil, window: Int64 = Self.defaultWindow
    ) -> RequestVerdict {
        let verdict = verifyHeaders(
            publicKey: publicKey, method: method, requestTarget: requestTarget, headers: headers,
            now: now, notBefore: notBefore, window: window
        )
        guard case .valid = verdict else { return verdict }
        return Self.digestVerdict(headers("content-digest"), body: body) ?? verdict
    }

    /// Checks everything but the body: what a server does before it reads one byte of it.
    ///
    /// The signature covers the `Content-Digest` field, not the body, so who signed, when, and
    /// which digest the body must have are all known from the header section. A `.valid` verdict
    /// here still needs the body checked with ``digestVerdict(_:body:)``.
    ///
    /// - Parameters: As ``verify(publicKey:method:requestTarget:headers:body:now:notBefore:window:)``
    ///   without the body.
    /// - Returns: The verdict on the header section; never ``RequestVerdict/digestMismatch``.
    public func verifyHeaders(
        publicKey: PublicKey?, method: String, requestTarget: String, headers: (String) -> String?,
        now: Int64, notBefore: Int64? = nil, window: Int64 = Self.defaultWindow
    ) -> RequestVerdict {
        guard algorithm == Self.algorithm else { return .unauthenticated(.wrongAlgorithm) }
        guard tag == Self.tag else { return .unauthenticated(.wrongTag) }
        for name in Self.requiredComponents where !components.contains(name) {
            return .unauthenticated(.componentNotCovered(name))
        }
        guard components == Self.requiredComponents, signatureInput.bareInnerList.allSatisfy({ $0.rfc9651Parameters.isEmpty }) else {
            return .unauthenticated(.componentsNotAsSpecified)
        }
        guard signatureInput.rfc9651Parameters.map(\.0) == Self.parameterOrder else {
            return .unauthenticated(.parametersNotAsSpecified)
        }
        guard isSerialized else { return .unauthenticated(.notSerialized) }
        guard let publicKey, publicKey.keyID == keyID else { return .unauthenticated(.unknownKey) }
        if let stale = staleness(now: now, notBefore: notBefore, window: window) {
            return .stale(stale)
        }
        var values: [String] = []
        for component in signatureInput.bareInnerList {
            let name = component.rfc9651BareItem.stringValue ?? ""
            guard component.rfc9651Parameters.isEmpty else { return .unauthenticated(.unsupportedComponent(name)) }
            switch name {
            case "@method": values.append(method)
            case "@request-target": values.append(requestTarget)
            case _ where name.hasPrefix("@"): return .unauthenticated(.unsupportedComponent(name))
            default:
                guard let value = headers(name) else { return .unauthenticated(.missingHeader(name)) }
                values.append(value.trimmingSpacesAndTabs())
            }
        }
        let base: [UInt8]
        do {
            base = try SignatureBase.make(signatureInput: signatureInput, componentValues: values)
        } catch {
            return .unauthenticated(.malformed(error.message))
        }
        guard publicKey.isValidSignature(signature, for: base) else { return .unauthenticated(.badSignature) }
        do {
            _ = try ContentDigest(parsing: headers("content-digest") ?? "")
        } catch {
            return .unauthenticated(.malformed(error.message))
        }
        return .valid(VerifiedRequest(keyID: keyID, nonce: nonce, created: created))
    }

    /// Checks a body against the request's `Content-Digest` field.
    ///
    /// - Parameters:
    ///   - contentDigest: The field value, or `nil` when absent.
    ///   - body: The body as received.
    /// - Returns: `nil` when the body matches; otherwise the refusal.
    public static func digestVerdict(_ contentDigest: String?, body: some Collection<UInt8>) -> RequestVerdict? {
        let digest: ContentDigest
        do {
            digest = try ContentDigest(parsing: contentDigest ?? "")
        } catch {
            return .unauthenticated(.malformed(error.message))
        }
        return digest.matches(body) ? nil : .digestMismatch
    }

    /// Why the signature's time is not acceptable, or `nil` when it is.
    private func staleness(now: Int64, notBefore: Int64?, window: Int64) -> RequestVerdict.StaleReason? {
        let (earliest, early) = now.subtractingReportingOverflow(window)
        let (latest, late) = now.addingReportingOverflow(window)
        if (!early && created < earliest) || (!late && created > latest) { return .outsideWindow }
        if let notBefore, created < notBefore { return .beforeNotBefore }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs, as RFC 9421 §2.1 asks of field values.
    func trimmingSpacesAndTabs() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
