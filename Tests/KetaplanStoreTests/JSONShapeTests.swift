import Foundation
import Testing
@testable import KetaplanStore

/// `JSONShape`: what the decoder leaves unsaid, found before a file is decoded. A key
/// repeated in one object is refused wherever it is; the same key in another object, at
/// another level or in an array's next object is not.
@Suite struct JSONShapeTests {
    func problem(_ text: String) -> String? { JSONShape.problem(in: Data(text.utf8)) }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"x":{"b":[1,2],"c":3,"b":4}}"#,
        #"[{"a":1},{"a":1,"a":1}]"#,
        #"{"a":1,"\u0061":2}"#,
        #"{"\"":1,"\u0022":2}"#,
        #"{"a":{"a":{"a":1}},"b":2,"a":3}"#,
    ])
    func aKeyRepeatedInOneObjectIsNamed(text: String) {
        #expect(problem(text)?.contains("appears twice in one object") == true, "\(text)")
    }

    @Test(arguments: [
        #"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#,
        #"{"ab":1,"a":2,"b":3,"ba":4}"#,
        #"{"a":"a","b":"a"}"#,
        #"{"a":{"b":1},"b":{"a":1}}"#,
        #"{"a\"b":1,"a":2,"b":3}"#,
        #"{}"#, #"[]"#, #"[{},{}]"#,
    ])
    func keysThatDifferOrLiveInOtherObjectsPass(text: String) {
        #expect(problem(text) == nil, "\(text)")
    }

    @Test func manyKeysInOneObject() {
        let keys = (0..<500).map { "\"k\($0)\":\($0)" }
        #expect(problem("{" + keys.joined(separator: ",") + "}") == nil)
        #expect(problem("{" + keys.joined(separator: ",") + ",\"k250\":1}")?.contains("\"k250\" appears twice") == true)
    }

    @Test func theRepeatedKeyAndItsLineAreNamed() {
        #expect(problem("{\n\"name\":1,\n\"other\":{},\n\"name\":2}")
            == "the key \"name\" appears twice in one object at line 4; remove one (ketaplan does not guess which value is meant)")
    }

    @Test func depthAndNumbers() {
        #expect(problem(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))?.contains("nested more than 64 levels deep") == true)
        #expect(problem(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(problem(#"{"n":1234567890123456789}"#)?.contains("too large") == true)
        #expect(problem(#"{"n":123456789012345678,"f":1.23456789012345678901}"#) == nil)
    }
}
