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
        let root = Node(isArray: true)
        let state = State()
        do { try value.encode(to: SlotEncoder(target: root, key: nil, state: state)) } catch { return nil }
        guard !state.unsupported, root.slots.count == 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(root.buffer.count + 64 * root.keys.count + 256)
        root.write(slot: 0, into: &out)
        return Data(out)
    }

    /// A value this encoder leaves to JSONEncoder.
    struct Unsupported: Error {}

    /// Set when something was met that only JSONEncoder handles.
    final class State {
        var unsupported = false
    }

    /// An object or array being built: its entries in the order written, scalars' bytes
    /// in `buffer`, nested containers as child nodes written out at the end.
    final class Node {
        enum Slot {
            case bytes(Int, Int)
            case child(Node)
        }

        let isArray: Bool
        var buffer: [UInt8] = []
        var keys: [String] = []
        var slots: [Slot] = []

        init(isArray: Bool) { self.isArray = isArray }

        func add(_ key: String?, _ slot: Slot) {
            if !isArray { keys.append(key ?? "") }
            slots.append(slot)
        }

        /// Appends a scalar's bytes as the next entry.
        func addScalar(_ key: String?, _ write: (inout [UInt8]) -> Void) {
            let start = buffer.count
            write(&buffer)
            add(key, .bytes(start, buffer.count))
        }

        func write(slot index: Int, into out: inout [UInt8]) {
            switch slots[index] {
            case .bytes(let start, let end): out.append(contentsOf: buffer[start..<end])
            case .child(let node): node.write(into: &out)
            }
        }

        func write(into out: inout [UInt8]) {
            if isArray {
                out.append(UInt8(ascii: "["))
                for i in slots.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    write(slot: i, into: &out)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            // By the keys' UTF-8 bytes; of a key written twice, the last one.
            let order = keys.indices.sorted { a, b in
                if keys[a] == keys[b] { return a < b }
                return keys[a].utf8.lexicographicallyPrecedes(keys[b].utf8)
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (n, i) in order.enumerated() where n + 1 == order.count || keys[order[n + 1]] != keys[i] {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                SortedJSONEncoder.writeString(keys[i], into: &out)
                out.append(UInt8(ascii: ":"))
                write(slot: i, into: &out)
            }
            out.append(UInt8(ascii: "}"))
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

    static func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, into out: inout [UInt8]) throws {
        guard value.isFinite else { throw Unsupported() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        writeDescription(text, into: &out)
    }

    /// Whether JSONEncoder encodes `T` its own way rather than through `encode(to:)`.
    static func isSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == Decimal.self
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

        func markScalar() { own.wroteScalar = true }

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
            target.add(key, .child(node))
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
            if encoder.wroteNothing { node.add(key, .child(Node(isArray: false))) }
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: SlotEncoder
        var codingPath: [any CodingKey] { [] }

        private func scalar(_ write: (inout [UInt8]) -> Void) {
            encoder.markScalar()
            encoder.target.addScalar(encoder.key, write)
        }

        mutating func encodeNil() throws { scalar { $0.append(contentsOf: SortedJSONEncoder.null) } }
        mutating func encode(_ value: Bool) throws { scalar { $0.append(contentsOf: value ? SortedJSONEncoder.true : SortedJSONEncoder.false) } }
        mutating func encode(_ value: String) throws { scalar { SortedJSONEncoder.writeString(value, into: &$0) } }
        mutating func encode(_ value: Double) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Float) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Int) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int8) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int16) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int32) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int64) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt8) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt16) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt32) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt64) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
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

        private func scalar(_ key: Key, _ write: (inout [UInt8]) -> Void) { node.addScalar(key.stringValue, write) }

        mutating func encodeNil(forKey key: Key) throws { scalar(key) { $0.append(contentsOf: SortedJSONEncoder.null) } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { scalar(key) { $0.append(contentsOf: value ? SortedJSONEncoder.true : SortedJSONEncoder.false) } }
        mutating func encode(_ value: String, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeString(value, into: &$0) } }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar(key) { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar(key) { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int8, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int16, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int32, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int64, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { scalar(key) { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try SlotEncoder.encode(value, into: node, key: key.stringValue, state: state)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(isArray: false)
            node.add(key.stringValue, .child(child))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, state: state))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node(isArray: true)
            node.add(key.stringValue, .child(child))
            return UnkeyedContainer(node: child, state: state)
        }

        mutating func superEncoder() -> any Encoder { unsupportedEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedEncoder() }

        private func unsupportedEncoder() -> any Encoder {
            state.unsupported = true
            return SlotEncoder(target: Node(isArray: true), key: nil, state: state)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let state: State
        var codingPath: [any CodingKey] { [] }
        var count: Int { node.slots.count }

        private func scalar(_ write: (inout [UInt8]) -> Void) { node.addScalar(nil, write) }

        mutating func encodeNil() throws { scalar { $0.append(contentsOf: SortedJSONEncoder.null) } }
        mutating func encode(_ value: Bool) throws { scalar { $0.append(contentsOf: value ? SortedJSONEncoder.true : SortedJSONEncoder.false) } }
        mutating func encode(_ value: String) throws { scalar { SortedJSONEncoder.writeString(value, into: &$0) } }
        mutating func encode(_ value: Double) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Float) throws {
            guard value.isFinite else { throw Unsupported() }
            scalar { try? SortedJSONEncoder.writeFloat(value, into: &$0) }
        }
        mutating func encode(_ value: Int) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int8) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int16) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int32) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: Int64) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt8) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt16) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt32) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode(_ value: UInt64) throws { scalar { SortedJSONEncoder.writeDescription(value.description, into: &$0) } }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try SlotEncoder.encode(value, into: node, key: nil, state: state)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Node(isArray: false)
            node.add(nil, .child(child))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, state: state))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node(isArray: true)
            node.add(nil, .child(child))
            return UnkeyedContainer(node: child, state: state)
        }

        mutating func superEncoder() -> any Encoder {
            state.unsupported = true
            return SlotEncoder(target: Node(isArray: true), key: nil, state: state)
        }
    }
}
