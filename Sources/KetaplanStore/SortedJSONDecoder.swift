import Foundation

/// Decodes what `SortedJSONEncoder` writes (a batch's read-back: the 100,000-patient demo
/// spent a quarter of its time in JSONDecoder reading its own files back) several times
/// faster, and accepts a document only where Foundation's `JSONDecoder` accepts it with
/// the same value.
///
/// Foundation's decoder builds a dictionary of every object's keys (hashing each) before
/// a type asks for one. This parses the bytes once into a flat list of entries, each
/// object's keys in order, and finds a key by binary search over the key bytes, which
/// holds because `SortedJSONEncoder` writes every object's keys sorted by their bytes.
///
/// Why it never accepts what JSONDecoder refuses: the parser is as strict as JSON itself
/// (RFC 8259: no trailing commas, no leading zeros, no control characters or broken
/// escapes in strings, text after the value) and stricter in what it leaves to JSONDecoder
/// (an object whose keys are not in strictly rising byte order, so never a key twice; a
/// key with an escape; nesting past `maximumDepth`; invalid UTF-8 anywhere in a string;
/// a lone surrogate escape). Each scalar a type asks for is given only where it is what
/// JSONDecoder gives: a string's text, `true`/`false`, an integer written without a
/// fraction or exponent that fits the type (not `-0`), a `Double` written without an
/// exponent (Foundation refuses `0e5` yet reads `1e5`) through the same correctly rounded
/// `strtod` Foundation uses, refusing one that overflows or rounds to zero from a
/// non-zero text as Foundation does. Anything else, every type mismatch and
/// every refusal (a missing key, a value a type's own `init(from:)` throws on, `Float`,
/// `Date`, `Data`, `URL`, `Decimal`, super decoders) marks the document and hands it to
/// JSONDecoder, whose value or error is then the answer, even where a type caught the
/// error itself. So when a document is accepted here, every question every type asked
/// had JSONDecoder's answer, and the decoded value is JSONDecoder's. (This rests on the
/// chart's types reading `codingPath` only to word their errors and never `userInfo`:
/// both are empty here.) SortedJSONDecoderTests decodes demo clinics both ways and
/// checks the documents handed on.
enum SortedJSONDecoder {
    /// Nesting deeper than this goes to JSONDecoder (ketaplan's files nest a few levels).
    static let maximumDepth = 64

    /// `value` decoded from `data` as Foundation's `JSONDecoder()` decodes it.
    /// - Throws: what JSONDecoder throws for the document.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = ownDecoding(type, from: data) { return value }
        return try JSONDecoder().decode(type, from: data)
    }

    /// The value decoded here, or nil when the document goes to JSONDecoder (see above).
    static func ownDecoding<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        guard !isSpecial(T.self), let document = Document(data) else { return nil }
        let value = try? T(from: ValueDecoder(document: document, entry: 0))
        return document.handedOn ? nil : value
    }

    /// Whether JSONDecoder decodes `T` its own way rather than through `init(from:)`.
    static func isSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == Decimal.self || type == Float.self
    }

    /// What this decoder leaves to JSONDecoder (never seen outside this file).
    struct HandedOn: Error {}

    // MARK: The parsed document

    /// The document's bytes and its values in order: a container's entry is followed by
    /// its elements (an object's as key, value, key, value, ...).
    final class Document {
        enum Kind: UInt8 { case object, array, string, escapedString, number, `true`, `false`, null }

        struct Entry {
            var kind: Kind
            /// Scalars: the bytes' range (a string's without its quotes). Containers:
            /// `start` is the element count, `end` the index of the entry after the
            /// container's last element.
            var start: Int32
            var end: Int32
            /// Objects: where their keys' entry indices start in `keys`.
            var keys: Int32 = 0
        }

        let bytes: [UInt8]
        let entries: [Entry]
        /// Every object's key entries, each object's together and in order, so that a
        /// keyed container needs no array of its own.
        let keys: [Int32]
        /// Set by the first question answered otherwise than JSONDecoder would answer it.
        var handedOn = false

        init?(_ data: Data) {
            bytes = [UInt8](data)
            guard bytes.count < Int(Int32.max) else { return nil }
            var parser = Parser(bytes: bytes)
            guard parser.value(depth: 0), parser.atEnd() else { return nil }
            entries = parser.entries
            keys = parser.keys
        }

        /// The index of the entry after entry `i` and everything in it.
        func after(_ i: Int) -> Int {
            switch entries[i].kind {
            case .object, .array: Int(entries[i].end)
            default: i + 1
            }
        }

        /// Marks the document for JSONDecoder; returns the error to throw.
        func handOn() -> HandedOn {
            handedOn = true
            return HandedOn()
        }

        /// Entry `i`'s bytes compared with `key`'s UTF-8 (by bytes, as the keys are sorted):
        /// negative, zero or positive as they come before, equal or after.
        func compare(_ i: Int, _ key: String) -> Int {
            let entry = entries[i]
            let start = Int(entry.start), length = Int(entry.end) - start
            var key = key
            return key.withUTF8 { k in
                let shared = min(length, k.count)
                var n = 0
                while n < shared {
                    let a = bytes[start + n], b = k[n]
                    if a != b { return Int(a) - Int(b) }
                    n += 1
                }
                return length - k.count
            }
        }

        /// The text of string entry `i`, or nil for anything else.
        func string(_ i: Int) -> String? {
            let entry = entries[i]
            let range = Int(entry.start)..<Int(entry.end)
            switch entry.kind {
            case .string:
                // Its UTF-8 was checked when it was parsed.
                return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
            case .escapedString:
                return Parser.unescape(bytes[range])
            default:
                return nil
            }
        }

        /// Integer entry `i` as `T` where JSONDecoder gives the same: digits only (no
        /// fraction or exponent), not `-0`, within `T`'s range.
        func integer<T: FixedWidthInteger>(_ i: Int, as type: T.Type) -> T? {
            let entry = entries[i]
            guard entry.kind == .number else { return nil }
            var index = Int(entry.start)
            let end = Int(entry.end)
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            var magnitude: UInt64 = 0
            while index < end {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
                guard !o1, !o2 else { return nil }
                magnitude = sum
                index += 1
            }
            if negative {
                guard magnitude != 0, magnitude <= UInt64(Int64.max) else { return nil }
                return T(exactly: -Int64(magnitude))
            }
            return T(exactly: magnitude)
        }

        /// Number entry `i` as a `Double`, rounded as Foundation's `strtod` rounds it,
        /// where Foundation gives the same: written without an exponent (Foundation refuses
        /// `0e5` but reads `1e5`), not overflowing, and not a non-zero text rounded to zero.
        func double(_ i: Int) -> Double? {
            let entry = entries[i]
            guard entry.kind == .number else { return nil }
            let digits = bytes[Int(entry.start)..<Int(entry.end)]
            guard !digits.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
                  let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite else { return nil }
            if value == 0, digits.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) { return nil }
            return value
        }
    }

    /// A strict RFC 8259 parser over the bytes, making the document's entries.
    struct Parser {
        let bytes: [UInt8]
        var i = 0
        var entries: [Document.Entry] = []
        var keys: [Int32] = []
        /// Keys of the objects still open, moved to `keys` as each closes.
        private var openKeys: [Int32] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            entries.reserveCapacity(bytes.count / 8)
            keys.reserveCapacity(bytes.count / 24)
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return i == bytes.count
        }

        mutating func value(depth: Int) -> Bool {
            skipSpace()
            guard i < bytes.count else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"): return container(isObject: true, depth: depth)
            case UInt8(ascii: "["): return container(isObject: false, depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return word("true", .true)
            case UInt8(ascii: "f"): return word("false", .false)
            case UInt8(ascii: "n"): return word("null", .null)
            default: return number()
            }
        }

        private mutating func container(isObject: Bool, depth: Int) -> Bool {
            guard depth < SortedJSONDecoder.maximumDepth else { return false }
            let index = entries.count
            entries.append(.init(kind: isObject ? .object : .array, start: 0, end: 0))
            let mark = openKeys.count
            i += 1
            skipSpace()
            var count: Int32 = 0
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if i < bytes.count, bytes[i] == close {
                i += 1
            } else {
                var previousKey: Int?
                while true {
                    if isObject {
                        skipSpace()
                        guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), string() else { return false }
                        let key = entries.count - 1
                        // Keys in strictly rising byte order (so none twice), unescaped.
                        guard entries[key].kind == .string else { return false }
                        if let previousKey, !rises(entries[previousKey], entries[key]) { return false }
                        previousKey = key
                        openKeys.append(Int32(key))
                        skipSpace()
                        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                        i += 1
                    }
                    guard value(depth: depth + 1) else { return false }
                    count += 1
                    skipSpace()
                    guard i < bytes.count else { return false }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == close else { return false }
                    i += 1
                    break
                }
            }
            entries[index].start = count
            entries[index].end = Int32(entries.count)
            if isObject {
                entries[index].keys = Int32(keys.count)
                keys.append(contentsOf: openKeys[mark...])
                openKeys.removeSubrange(mark...)
            }
            return true
        }

        /// Whether key `b`'s bytes come strictly after key `a`'s.
        private func rises(_ a: Document.Entry, _ b: Document.Entry) -> Bool {
            bytes.withUnsafeBufferPointer { p in
                UnsafeBufferPointer(rebasing: p[Int(a.start)..<Int(a.end)])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: p[Int(b.start)..<Int(b.end)]))
            }
        }

        private mutating func string() -> Bool {
            i += 1
            let start = i
            var escaped = false
            var ascii = true
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { break }
                if b < 0x20 { return false }
                if b >= 0x80 { ascii = false }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    i += 1
                    guard i < bytes.count else { return false }
                    switch bytes[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        break
                    case UInt8(ascii: "u"):
                        guard i + 4 < bytes.count, (1...4).allSatisfy({ Self.hexValue(bytes[i + $0]) != nil }) else { return false }
                        i += 4
                    default:
                        return false
                    }
                }
                i += 1
            }
            guard i < bytes.count else { return false }
            let end = i
            i += 1
            // Every string's UTF-8 is checked, used or not, as JSONDecoder may check it.
            if !ascii, bytes.withUnsafeBufferPointer({ String(validating: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }) == nil {
                return false
            }
            if escaped, Self.unescape(bytes[start..<end]) == nil { return false }
            entries.append(.init(kind: escaped ? .escapedString : .string, start: Int32(start), end: Int32(end)))
            return true
        }

        private mutating func word(_ text: StaticString, _ kind: Document.Kind) -> Bool {
            let length = text.utf8CodeUnitCount
            guard i + length <= bytes.count else { return false }
            for k in 0..<length where bytes[i + k] != text.utf8Start[k] { return false }
            entries.append(.init(kind: kind, start: Int32(i), end: Int32(i + length)))
            i += length
            return true
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        private mutating func number() -> Bool {
            let start = i
            func digits(_ p: inout Parser) -> Int {
                let from = p.i
                while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
                return p.i - from
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else {
                guard digits(&self) > 0 else { return false }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&self) > 0 else { return false }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&self) > 0 else { return false }
            }
            entries.append(.init(kind: .number, start: Int32(start), end: Int32(i)))
            return true
        }

        static func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        /// The text of a string's bytes with escapes, or nil where one would not make
        /// text (a lone surrogate) or the bytes are not UTF-8.
        static func unescape(_ raw: ArraySlice<UInt8>) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var k = raw.startIndex
            func hex4(_ at: Int) -> UInt32? {
                guard at + 4 <= raw.endIndex else { return nil }
                var v: UInt32 = 0
                for j in at..<(at + 4) {
                    guard let h = hexValue(raw[j]) else { return nil }
                    v = v << 4 | h
                }
                return v
            }
            while k < raw.endIndex {
                let b = raw[k]
                guard b == UInt8(ascii: "\\") else { out.append(b); k += 1; continue }
                let e = raw[k + 1]
                k += 2
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(k) else { return nil }
                    k += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard k + 1 < raw.endIndex, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u"),
                              let low = hex4(k + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
                        k += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: UTF8.encode(s)!)
                default: out.append(e) // " \ /
                }
            }
            return String(validating: out, as: UTF8.self)
        }
    }

    // MARK: The Decoder

    /// Decodes the value at one entry.
    struct ValueDecoder: Decoder {
        let document: Document
        let entry: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard document.entries[entry].kind == .object else { throw document.handOn() }
            return KeyedDecodingContainer(KeyedContainer<Key>(document: document, object: entry))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard document.entries[entry].kind == .array else { throw document.handOn() }
            return UnkeyedContainer(document: document, array: entry)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(document: document, entry: entry) }
    }

    /// The one place every scalar is read, for the three containers alike: JSONDecoder's
    /// answer for entry `i`, or the document handed on.
    static func string(_ document: Document, _ i: Int) throws -> String {
        guard let value = document.string(i) else { throw document.handOn() }
        return value
    }

    static func bool(_ document: Document, _ i: Int) throws -> Bool {
        switch document.entries[i].kind {
        case .true: return true
        case .false: return false
        default: throw document.handOn()
        }
    }

    static func double(_ document: Document, _ i: Int) throws -> Double {
        guard let value = document.double(i) else { throw document.handOn() }
        return value
    }

    static func integer<T: FixedWidthInteger>(_ document: Document, _ i: Int, as type: T.Type) throws -> T {
        guard let value = document.integer(i, as: type) else { throw document.handOn() }
        return value
    }

    /// A `Decodable` value at entry `i`: its own `init(from:)`, unless JSONDecoder treats
    /// its type specially.
    static func value<T: Decodable>(_ document: Document, _ i: Int, as type: T.Type) throws -> T {
        guard !isSpecial(T.self) else { throw document.handOn() }
        return try T(from: ValueDecoder(document: document, entry: i))
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let document: Document
        let entry: Int
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { document.entries[entry].kind == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try bool(document, entry) }
        func decode(_ type: String.Type) throws -> String { try string(document, entry) }
        func decode(_ type: Double.Type) throws -> Double { try double(document, entry) }
        func decode(_ type: Float.Type) throws -> Float { throw document.handOn() }
        func decode(_ type: Int.Type) throws -> Int { try integer(document, entry, as: type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(document, entry, as: type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(document, entry, as: type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(document, entry, as: type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(document, entry, as: type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(document, entry, as: type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(document, entry, as: type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(document, entry, as: type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(document, entry, as: type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(document, entry, as: type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(document, entry, as: type) }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let document: Document
        /// The object's keys: `document.keys[firstKey ..< firstKey + keyCount]`.
        let firstKey: Int
        let keyCount: Int
        var codingPath: [any CodingKey] { [] }

        init(document: Document, object: Int) {
            self.document = document
            firstKey = Int(document.entries[object].keys)
            keyCount = Int(document.entries[object].start)
        }

        var allKeys: [Key] {
            document.keys[firstKey..<(firstKey + keyCount)].compactMap { document.string(Int($0)).flatMap(Key.init(stringValue:)) }
        }

        /// The entry of `key`'s value, by binary search over the sorted keys.
        private func find(_ key: Key) -> Int? {
            let name = key.stringValue
            var low = firstKey, high = firstKey + keyCount
            while low < high {
                let mid = (low + high) / 2
                let entry = Int(document.keys[mid])
                let order = document.compare(entry, name)
                if order == 0 { return entry + 1 }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return nil
        }

        private func entry(_ key: Key) throws -> Int {
            guard let i = find(key) else { throw document.handOn() }
            return i
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { document.entries[try entry(key)].kind == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(document, entry(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(document, entry(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try double(document, entry(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw document.handOn() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(document, entry(key), as: type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(document, entry(key), as: type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(document, entry(key), as: type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(document, entry(key), as: type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(document, entry(key), as: type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(document, entry(key), as: type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(document, entry(key), as: type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(document, entry(key), as: type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(document, entry(key), as: type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(document, entry(key), as: type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(document, entry(key), as: type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(document: document, entry: entry(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(document: document, entry: entry(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw document.handOn() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw document.handOn() }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let document: Document
        let count: Int?
        private(set) var currentIndex = 0
        /// The entry of the next element.
        private var next: Int
        var codingPath: [any CodingKey] { [] }
        var isAtEnd: Bool { currentIndex >= count! }

        init(document: Document, array: Int) {
            self.document = document
            count = Int(document.entries[array].start)
            next = array + 1
        }

        /// The next element's entry, moving past it. Any element that then fails to decode
        /// hands the document on, so where JSONDecoder would have stayed does not matter.
        private mutating func take() throws -> Int {
            guard !isAtEnd else { throw document.handOn() }
            let i = next
            next = document.after(i)
            currentIndex += 1
            return i
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw document.handOn() }
            guard document.entries[next].kind == .null else { return false }
            _ = try take()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try bool(document, take()) }
        mutating func decode(_ type: String.Type) throws -> String { try string(document, take()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try double(document, take()) }
        mutating func decode(_ type: Float.Type) throws -> Float { throw document.handOn() }
        mutating func decode(_ type: Int.Type) throws -> Int { try integer(document, take(), as: type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(document, take(), as: type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(document, take(), as: type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(document, take(), as: type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(document, take(), as: type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(document, take(), as: type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(document, take(), as: type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(document, take(), as: type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(document, take(), as: type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(document, take(), as: type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(document, take(), as: type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(document: document, entry: take()).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(document: document, entry: take()).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { throw document.handOn() }
    }
}
