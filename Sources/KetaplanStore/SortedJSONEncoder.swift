import Foundation

/// Encodes exactly the bytes of `ClinicStore.encoder()` (Foundation's `JSONEncoder` with
/// sorted keys and unescaped slashes) several times faster, for writing many files at once
/// (`createAll`: the 100,000-patient demo spent a fifth of its time in JSONEncoder).
///
/// Foundation builds a dictionary of values per object (hashing every key) and sorts it
/// when writing; this keeps each object's keys in an array, its scalars' bytes in one
/// buffer, and sorts the keys by their UTF-8 bytes as Foundation does. The output rules
/// are Foundation's: `"` `\` and control characters escaped (`\b \f \n \r \t`, else
/// `\u00XX`), `/` and non-ASCII as they are; integers in decimal; a floating-point value
/// as its `description` without a trailing `.0`; a key written twice keeps the last value;
/// a value that writes nothing is `{}`. Anything this does not handle the same way (Date,
/// Data, URL and Decimal values, super encoders, NaN or infinity) makes `encode` hand the
/// whole value to JSONEncoder instead, so the result never differs. SortedJSONEncoderTests
/// compares the two byte for byte.
enum SortedJSONEncoder {
    /// The JSON for `value`, as `ClinicStore.encoder()` would write it.
    /// - Throws: what JSONEncoder throws for the value.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let data = ownEncoding(value) { return data }
        return try ClinicStore.encoder().encode(value)
    }

    /// The JSON for `value` written here, or nil when it needs JSONEncoder (or its
    /// encoding threw, so that JSONEncoder throws the same error).
    static func ownEncoding<T: Encodable>(_ value: T) -> Data? {
        if isSpecial(T.self) { return nil }
        let state = State()
        let root = Node(isArray: true)
        do { try value.encode(to: SlotEncoder(target: root, key: nil, state: state)) } catch { return nil }
        guard !state.unsupported, root.slots.count == 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(state.scalars.count + 24 * state.keys + 64)
        root.write(slot: 0, state: state, into: &out)
        return Data(out)
    }

    /// A value this encoder leaves to JSONEncoder.
    struct Unsupported: Error {}

    /// What one encoding shares: every scalar's bytes in one buffer (a container keeps
    /// only where its own lie), and whether something was met that only JSONEncoder handles.
    final class State {
        var unsupported = false
        var scalars: [UInt8] = []
        /// Keys written, to size the output once.
        var keys = 0

        init() { scalars.reserveCapacity(8_192) }
    }

    /// An object or array being built: its entries in the order written, each a scalar's
    /// bytes in `State.scalars` or a nested container, written out at the end.
    final class Node {
        struct Slot {
            var key: String
            var start: Int
            var end: Int
            var child: Node?
        }

        let isArray: Bool
        var slots: [Slot] = []

        init(isArray: Bool) { self.isArray = isArray }

        func add(_ key: String?, child: Node) {
            slots.append(Slot(key: key ?? "", start: 0, end: 0, child: child))
        }

        /// Appends a scalar's bytes as the next entry.
        func addScalar<T: JSONScalar>(_ value: T, key: String?, state: State) throws {
            let start = state.scalars.count
            try value.writeJSON(into: &state.scalars)
            if key != nil { state.keys += 1 }
            slots.append(Slot(key: key ?? "", start: start, end: state.scalars.count, child: nil))
        }

        func write(slot index: Int, state: State, into out: inout [UInt8]) {
            let slot = slots[index]
            if let child = slot.child {
                child.write(state: state, into: &out)
            } else {
                state.scalars.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[slot.start..<slot.end])) }
            }
        }

        func write(state: State, into out: inout [UInt8]) {
            if isArray {
                out.append(UInt8(ascii: "["))
                for i in slots.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    write(slot: i, state: state, into: &out)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            // By the keys' UTF-8 bytes (a stable insertion sort: a few keys, often nearly
            // in order); of a key written twice, the last one.
            var order = Array(slots.indices)
            for n in order.indices.dropFirst() {
                let moving = order[n]
                var m = n
                while m > 0, SortedJSONEncoder.precedes(slots[moving].key, slots[order[m - 1]].key) {
                    order[m] = order[m - 1]
                    m -= 1
                }
                order[m] = moving
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (n, i) in order.enumerated() where n + 1 == order.count || slots[order[n + 1]].key != slots[i].key {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                SortedJSONEncoder.writeString(slots[i].key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(slot: i, state: state, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whether `a` comes before `b` by their UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let shared = min(x.count, y.count)
                if shared > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, shared)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    // MARK: Scalars

    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = string
        s.withUTF8 { bytes in
            var mark = 0
            for (i, b) in bytes.enumerated() {
                let escape: [UInt8]
                switch b {
                case UInt8(ascii: "\""): escape = [0x5C, 0x22]
                case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
                case 0x08: escape = [0x5C, UInt8(ascii: "b")]
                case 0x0C: escape = [0x5C, UInt8(ascii: "f")]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0x00...0x1F: escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex(b >> 4), hex(b & 0xF)]
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<i]))
                out.append(contentsOf: escape)
                mark = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static let null = Array("null".utf8), `true` = Array("true".utf8), `false` = Array("false".utf8)

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }

    static func writeDescription(_ text: String, into out: inout [UInt8]) {
        var s = text
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Whether JSONEncoder encodes `T` its own way rather than through `encode(to:)`.
    static func isSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == Decimal.self
    }

    /// `null`, for `encodeNil`.
    struct Null: JSONScalar {
        func writeJSON(into out: inout [UInt8]) { out.append(contentsOf: SortedJSONEncoder.null) }
    }

    // MARK: The Encoder

    /// Encodes one value into its parent node, under `key` (objects) or as the next
    /// element (arrays).
    struct SlotEncoder: Encoder {
        let target: Node
        let key: String?
        let state: State
        /// The container this value opened, so that asking twice gives the same one.
        private let own = Box()

        final class Box {
            var node: Node?
            var wroteScalar = false
        }

        init(target: Node, key: String?, state: State) {
            self.target = target
            self.key = key
            self.state = state
        }

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func node(isArray: Bool) -> Node {
            if let node = own.node { return node }
            let node = Node(isArray: isArray)
            own.node = node
            target.add(key, child: node)
            return node
        }

        var wroteNothing: Bool { own.node == nil && !own.wroteScalar }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedContainer<Key>(node: node(isArray: false), state: state))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedContainer(node: node(isArray: true), state: state)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleContainer(encoder: self)
        }

        /// Encodes `value` as the next entry of `node`, `{}` when it writes nothing.
        static func encode<T: Encodable>(_ value: T, into node: Node, key: String?, state: State) throws {
            if isSpecial(T.self) { throw Unsupported() }
            let encoder = SlotEncoder(target: node, key: key, state: state)
            try value.encode(to: encoder)
            if encoder.wroteNothing { node.add(key, child: Node(isArray: false)) }
        }

        /// A scalar written as this value.
        func scalar<T: JSONScalar>(_ value: T) throws {
            own.wroteScalar = true
            try target.addScalar(value, key: key, state: state)
        }
    }

    struct SingleContainer: SingleValueEncodingContainer, PositionalScalars {
        let encoder: SlotEncoder
        var codingPath: [any CodingKey] { [] }

        func put<T: JSONScalar>(_ value: T) throws { try encoder.scalar(value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            if isSpecial(T.self) { throw Unsupported() }
            // The value's own encoding stands for this one (as JSONEncoder does).
            try value.encode(to: encoder)
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let state: State
        var codingPath: [any CodingKey] { [] }

        /// Every scalar method below, one way.
        private func put<T: JSONScalar>(_ value: T, _ key: Key) throws { try node.addScalar(value, key: key.stringValue, state: state) }

        mutating func encodeNil(forKey key: Key) throws { try put(Null(), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try SlotEncoder.encode(value, into: node, key: key.stringValue, state: state)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(isArray: false)
            node.add(key.stringValue, child: child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, state: state))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node(isArray: true)
            node.add(key.stringValue, child: child)
            return UnkeyedContainer(node: child, state: state)
        }

        mutating func superEncoder() -> any Encoder { unsupportedEncoder(state) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedEncoder(state) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer, PositionalScalars {
        let node: Node
        let state: State
        var codingPath: [any CodingKey] { [] }
        var count: Int { node.slots.count }

        func put<T: JSONScalar>(_ value: T) throws { try node.addScalar(value, key: nil, state: state) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try SlotEncoder.encode(value, into: node, key: nil, state: state)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(isArray: false)
            node.add(nil, child: child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, state: state))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node(isArray: true)
            node.add(nil, child: child)
            return UnkeyedContainer(node: child, state: state)
        }

        mutating func superEncoder() -> any Encoder { unsupportedEncoder(state) }
    }

    /// A super encoder: only JSONEncoder writes what one holds.
    static func unsupportedEncoder(_ state: State) -> any Encoder {
        state.unsupported = true
        return SlotEncoder(target: Node(isArray: true), key: nil, state: state)
    }
}

/// A value `SortedJSONEncoder` writes itself, with Foundation's bytes: `"` `\` and control
/// characters escaped in strings (see `writeString`), integers in decimal, a finite
/// floating-point value as its `description` without a trailing `.0`.
protocol JSONScalar {
    /// - Throws: `SortedJSONEncoder.Unsupported` for what only JSONEncoder handles (NaN, infinity).
    func writeJSON(into out: inout [UInt8]) throws
}

extension Bool: JSONScalar {
    func writeJSON(into out: inout [UInt8]) { out.append(contentsOf: self ? SortedJSONEncoder.true : SortedJSONEncoder.false) }
}

extension String: JSONScalar {
    func writeJSON(into out: inout [UInt8]) { SortedJSONEncoder.writeString(self, into: &out) }
}

extension JSONScalar where Self: BinaryFloatingPoint & CustomStringConvertible {
    func writeJSON(into out: inout [UInt8]) throws {
        guard isFinite else { throw SortedJSONEncoder.Unsupported() }
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        SortedJSONEncoder.writeDescription(text, into: &out)
    }
}

extension JSONScalar where Self: FixedWidthInteger {
    func writeJSON(into out: inout [UInt8]) { SortedJSONEncoder.writeDescription(description, into: &out) }
}

extension Double: JSONScalar {}
extension Float: JSONScalar {}
extension Int: JSONScalar {}
extension Int8: JSONScalar {}
extension Int16: JSONScalar {}
extension Int32: JSONScalar {}
extension Int64: JSONScalar {}
extension UInt: JSONScalar {}
extension UInt8: JSONScalar {}
extension UInt16: JSONScalar {}
extension UInt32: JSONScalar {}
extension UInt64: JSONScalar {}

/// The scalar methods single-value and unkeyed containers share (the same signatures),
/// written once: each hands its value to `put`.
protocol PositionalScalars {
    func put<T: JSONScalar>(_ value: T) throws
}

extension PositionalScalars {
    mutating func encodeNil() throws { try put(SortedJSONEncoder.Null()) }
    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }
}
