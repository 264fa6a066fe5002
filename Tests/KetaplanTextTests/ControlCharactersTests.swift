import Testing
import KetaplanText

/// The one text rule (tester's F10, F17): C0 and C1 controls and invisible format
/// characters are refused on input and shown inert on output; letters of every script,
/// including the zero-width joiners, are text.
@Suite struct ControlCharactersTests {
    @Test(arguments: ["Bidi\u{202E}Test", "a\u{200B}b", "\u{FEFF}Name", "x\u{2066}y", "soft\u{00AD}hyphen", "esc\u{1B}[31m", "c1\u{9B}"])
    func refused(_ text: String) throws {
        let problem = try #require(ControlCharacters.problem(in: text, field: "--name"))
        #expect(problem.hasPrefix("--name holds the "), "\(problem)")
        #expect(!ControlCharacters.visible(text).unicodeScalars.contains { ControlCharacters.isControl($0) })
    }

    @Test(arguments: ["Zoë Exemplar", "می\u{200C}خواهم", "क्\u{200D}ष", "Ånne–Smith “Jo”", "李小龍"])
    func accepted(_ text: String) {
        #expect(ControlCharacters.problem(in: text, field: "--name") == nil)
        #expect(ControlCharacters.visible(text) == text)
    }

    @Test func aFormatCharacterIsNamedAsSuch() {
        #expect(ControlCharacters.problem(in: "Bidi\u{202E}Test", field: "--name")
                == "--name holds the invisible format character <202E>, which is not accepted: use letters, digits, punctuation and spaces")
        #expect(ControlCharacters.visible("Bidi\u{202E}Test") == "Bidi<202E>Test")
    }
}
