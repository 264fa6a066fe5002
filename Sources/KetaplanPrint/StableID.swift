/// Identifiers that are the same every time the same thing is exported (calendar UIDs,
/// FHIR resource ids), derived from the clinic, patient and session, never random.
enum StableID {
    /// A UUID-shaped identifier from two 64-bit FNV-1a hashes of `text`.
    static func uuid(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 0x9e37_79b9
        }
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        // Version 8 ("custom") and the RFC 9562 variant bits, so it parses as a UUID.
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-8" + String(c[13..<16]) + "-a" + String(c[17..<20]) + "-" + String(c[20..<32])
    }

    /// A slug for the clinic's name, for UID domains.
    static func slug(_ text: String) -> String {
        let s = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(s).split(separator: "-").joined(separator: "-")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
