import Foundation
import KetaplanText

/// Checks what JSON decoders leave unsaid before a file is decoded: a key that appears
/// twice in one object (Foundation keeps one value silently, other tools the other, so
/// two programs would read different charts), nesting far deeper than any ketaplan
/// file (which would otherwise fail with only "not valid JSON"), and, for `validate`
/// (`checkingText`), text that breaks the rule input is held to (`ControlCharacters`: a
/// control character other than tab and line break, or an invisible format character
/// such as U+202E), written into a file by hand, a sync or an import. Such text does not
/// refuse the file: every output shows it inert (`ControlCharacters.visible`), and a
/// patient whose chart could not be opened for a stray character in a note would be
/// worse off than one whose note shows `^M`; `validate` names the file and field so it
/// is corrected.
enum JSONShape {
    /// The deepest nesting accepted; ketaplan's own files nest fewer than ten levels.
    static let maximumDepth = 64

    /// A problem in clinician's words, or nil when neither is found (the decoder still
    /// checks everything else).
    static func problem(in data: Data, checkingText: Bool = false) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            // One entry per open container: -1 for an array; for an object, where its keys
            // start in `keys`. Keys are compared as bytes without quotes (an escaped key
            // decoded first, so "a" and "\u0061" are the same key); each is kept as its
            // place in `keyBytes` with a hash, and a new key is compared with its object's
            // keys so far: a chart's objects have a few dozen keys at most, where a set of
            // `Data` per object cost a quarter of a whole load's decoding.
            var stack: [Int] = []
            var keys: [(hash: UInt64, offset: Int, count: Int)] = []
            var keyBytes: [UInt8] = []
            var expectingKey = false
            // The last key read, quotes included, as it stands in the file (its text is made
            // only for a message).
            var lastKey = 0..<0
            var line = 1
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x0A: line += 1
                case 0x7B, 0x5B: // { [
                    stack.append(b == 0x7B ? keys.count : -1)
                    expectingKey = b == 0x7B
                    if stack.count > maximumDepth {
                        return "nested more than \(maximumDepth) levels deep at line \(line) (ketaplan files nest only a few levels); this is not a ketaplan file"
                    }
                case 0x7D, 0x5D: // } ]
                    guard let first = stack.popLast() else { return nil }
                    if first >= 0, first < keys.count {
                        keyBytes.removeSubrange(keys[first].offset...)
                        keys.removeSubrange(first...)
                    }
                    expectingKey = false
                case 0x2C: // ,
                    expectingKey = (stack.last ?? -1) >= 0
                case 0x3A: // :
                    expectingKey = false
                case 0x22: // "
                    let start = i
                    var escaped = false
                    // Jump from quote to quote (notes can be long); a quote preceded by an
                    // odd number of backslashes is escaped and does not end the string.
                    while true {
                        guard i + 1 < bytes.count, let found = memchr(raw.baseAddress! + i + 1, 0x22, bytes.count - i - 1) else { return nil }
                        let q = raw.baseAddress!.distance(to: UnsafeRawPointer(found))
                        var slashes = 0
                        while q - slashes - 1 > start, bytes[q - slashes - 1] == 0x5C { slashes += 1 }
                        if slashes > 0 || memchr(raw.baseAddress! + start, 0x5C, q - start) != nil { escaped = true }
                        i = q
                        if slashes % 2 == 0 { break }
                    }
                    if expectingKey, let first = stack.last, first >= 0 {
                        let offset = keyBytes.count
                        if escaped, let text = try? JSONDecoder().decode(String.self, from: Data(bytes[start...i])) {
                            keyBytes.append(contentsOf: text.utf8)
                        } else {
                            keyBytes.append(contentsOf: bytes[(start + 1)..<i])
                        }
                        let count = keyBytes.count - offset
                        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                        for k in offset..<keyBytes.count { hash = (hash ^ UInt64(keyBytes[k])) &* 0x100_0000_01b3 }
                        for seen in keys[first...] where seen.hash == hash && seen.count == count
                            && keyBytes[seen.offset..<(seen.offset + count)].elementsEqual(keyBytes[offset...]) {
                            let name = String(decoding: keyBytes[offset...], as: UTF8.self)
                            return "the key \"\(ControlCharacters.visible(name))\" appears twice in one object at line \(line); remove one (ketaplan does not guess which value is meant)"
                        }
                        keys.append((hash, offset, count))
                        expectingKey = false
                        lastKey = start..<(i + 1)
                    } else if checkingText, let problem = textProblem(UnsafeBufferPointer(rebasing: bytes[start...i]), escaped: escaped, key: String(decoding: UnsafeBufferPointer(rebasing: bytes[lastKey]), as: UTF8.self), line: line) {
                        return problem
                    }
                case 0x2D, 0x30...0x39: // a number: JSON decoders reject whole numbers past Int's range only as "not valid JSON"
                    var end = i
                    var fraction = false
                    number: while end < bytes.count {
                        switch bytes[end] {
                        case 0x30...0x39, 0x2D, 0x2B: break
                        case 0x2E, 0x65, 0x45: fraction = true
                        default: break number
                        }
                        end += 1
                    }
                    let digits = end - i - (bytes[i] == 0x2D ? 1 : 0)
                    if !fraction, digits > 18 {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<min(end, i + 40)]), as: UTF8.self)
                        if String(decoding: UnsafeBufferPointer(rebasing: bytes[lastKey]), as: UTF8.self) == "\"schemaVersion\"" {
                            return "schemaVersion \(text) is not a version number (ketaplan's versions are small whole numbers from 1)"
                        }
                        return "the number \(text) at line \(line) is too large (whole numbers have at most 18 digits)"
                    }
                    i = end - 1
                default: break
                }
                i += 1
            }
            return nil
        }
    }

    /// Why a string value (`quoted`, quotes included) breaks the text rule, or nil. Only a
    /// string with an escape, or with a byte that can begin a C1 control or a format
    /// character in UTF-8, is decoded and checked: plain ASCII and most letters cost a scan.
    private static func textProblem(_ quoted: UnsafeBufferPointer<UInt8>, escaped: Bool, key: String, line: Int) -> String? {
        let text: String
        if escaped {
            guard let decoded = try? JSONDecoder().decode(String.self, from: Data(quoted)) else { return nil }
            text = decoded
        } else {
            // The UTF-8 lead bytes of every block that holds a C1 control or a format
            // character (U+0080-U+00BF, Arabic, U+08E2, U+180E, U+2000-U+2FFF, U+FEFF,
            // U+FFF9-U+FFFB, planes 1 and 14); other letters are not decoded.
            let suspect = quoted.contains { b in
                switch b {
                case 0xC2, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xEF, 0xF0, 0xF3: true
                default: false
                }
            }
            guard suspect else { return nil }
            text = String(decoding: UnsafeBufferPointer(rebasing: quoted.dropFirst().dropLast()), as: UTF8.self)
        }
        let field = key.isEmpty ? "the text at line \(line)" : "field \(key) at line \(line)"
        return ControlCharacters.problem(in: text, field: field, allowingLineBreaks: true)
    }
}
