import Foundation
import Testing
@testable import KetaplanUI

@Suite struct KeyTableTests {
    @Test func docsKeysMatchesTheTableTheHelpShows() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/keys.md")
        if ProcessInfo.processInfo.environment["KETAPLAN_RECORD_SNAPSHOTS"] == "1" {
            try KeyTable.markdown().write(to: url, atomically: true, encoding: .utf8)
        }
        let doc = try String(contentsOf: url, encoding: .utf8)
        #expect(doc == KeyTable.markdown(), "docs/keys.md is out of date: regenerate it with KETAPLAN_RECORD_SNAPSHOTS=1")
    }

    @Test func everyScreenHasHelpAndAStatusLine() {
        for screen in ScreenKind.allCases {
            #expect(!KeyTable.bindings(for: screen).isEmpty)
            #expect(!KeyTable.essentials(for: screen).isEmpty)
        }
    }
}
