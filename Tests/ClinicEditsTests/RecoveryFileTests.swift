import Foundation
import Testing
import KetaplanEngine
import KetaplanRecords
import KetaplanStore
import KetaplanUI
@testable import KetaplanTerminal

/// The recovery file keeps a form's typed input by typed field keys; a file this version
/// cannot reopen (older and damaged, newer, not JSON) is reported with its path and what is
/// wrong, and left where it is, never silently dropped.
@Suite struct RecoveryFileTests {
    static func folder() throws -> DataFolder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ketaplan-recovery-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return DataFolder(path: path)
    }

    static let patient = try! PatientID("P-0006")

    @Test func aDraftReadsBackWithItsTypedFields() throws {
        let file = RecoveryFile(folder: try Self.folder(), user: "test")
        let draft = FormDraft(kind: .recordSession(Self.patient, SessionID(15)),
                              values: [(.status, "given"), (.bpBefore, "131/84"), (.screening(.psychosis), "yes")])
        file.write(draft)
        guard case .draft(let read, _) = file.read() else { Issue.record("not read back: \(file.read())"); return }
        #expect(read == draft)
        #expect(read.byKey[.screening(.psychosis)] == "yes")
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text.contains("\"schemaVersion\":4"))
        #expect(text.contains("screen.psychosis"))
        file.clear()
        #expect(file.read() == .nothing)
    }

    /// The settings form's draft keeps the clinic.json it was filled in from; a version 2
    /// file, from before it was kept, still reads (without it).
    @Test func aSettingsDraftKeepsTheVersionItWasFilledInFrom() throws {
        let file = RecoveryFile(folder: try Self.folder(), user: "test")
        let base = ClinicFile(name: "Riverside", calendar: ClinicCalendar(chairsPerDay: 4))
        let draft = FormDraft(kind: .clinicSettings, values: [(.clinicName, "Riverside"), (.chairs, "5")], basedOn: base)
        file.write(draft)
        guard case .draft(let read, _) = file.read() else { Issue.record("not read back: \(file.read())"); return }
        #expect(read == draft && read.basedOn == base)

        let v2 = #"{"draft":{"kind":{"name":"clinicSettings"},"values":[{"key":"chairs","value":"5"}]},"savedAt":"2026-11-26T10:02:11Z","schemaVersion":2}"#
        try v2.write(toFile: file.path, atomically: true, encoding: .utf8)
        guard case .draft(let old, _) = file.read() else { Issue.record("version 2 not read: \(file.read())"); return }
        #expect(old.kind == .clinicSettings && old.byKey[.chairs] == "5" && old.basedOn == nil)
    }

    /// Version 4 keeps the day the form was typed on and its heading; a version 3 file
    /// (which kept neither) takes the day it was saved, in local time, so a "today" in it
    /// still means the day it was typed.
    @Test func theDayAFormWasTypedOnIsKept() throws {
        let file = RecoveryFile(folder: try Self.folder(), user: "test")
        let day = try CalendarDay(iso: "2026-11-27")
        let draft = FormDraft(kind: .addScore(Self.patient), values: [(.date, "today"), (.score, "6")], typedOn: day, about: "Add score: Ann Example (P-0006)")
        file.write(draft)
        guard case .draft(let read, _) = file.read() else { Issue.record("not read back: \(file.read())"); return }
        #expect(read == draft)

        let v3 = #"{"draft":{"kind":{"name":"addScore","patient":"P-0006"},"values":[{"key":"date","value":"today"}]},"savedAt":"2026-11-27T12:00:00Z","schemaVersion":3}"#
        try v3.write(toFile: file.path, atomically: true, encoding: .utf8)
        guard case .draft(let old, _) = file.read() else { Issue.record("version 3 not read: \(file.read())"); return }
        #expect(old.typedOn == WallClock.day(of: ISO8601DateFormatter().date(from: "2026-11-27T12:00:00Z")!))
        #expect(old.about == nil && old.heading == "Add score: P-0006")
    }

    @Test func aVersionOneFileOfPairsStillReads() throws {
        let file = RecoveryFile(folder: try Self.folder(), user: "test")
        // As docs/file-format.md showed it before field keys were typed.
        let v1 = #"{"draft":{"kind":{"name":"recordSession","patient":"P-0006","session":15},"values":[["status","given"],["dose","56"],["bpBefore","131/84"],["protocol","x"]]},"savedAt":"2026-11-26T10:02:11Z","schemaVersion":1}"#
        try v1.write(toFile: file.path, atomically: true, encoding: .utf8)
        guard case .draft(let draft, let savedAt) = file.read() else { Issue.record("version 1 not read: \(file.read())"); return }
        #expect(draft.kind == .recordSession(Self.patient, SessionID(15)))
        #expect(draft.values.map(\.key) == [.status, .dose, .bpBefore, .protocolID])
        #expect(draft.byKey[.bpBefore] == "131/84")
        #expect(!savedAt.contains("T10:02:11Z"), "shown as local time, not the raw UTC stamp")
    }

    @Test func unreadableFilesAreReportedAndLeftInPlace() throws {
        let cases: [(content: String, says: String)] = [
            (#"{"draft":{"kind":{"name":"addScore","patient":"P-0006"},"values":[["scroe","11"]]},"savedAt":"x","schemaVersion":1}"#, "'scroe' is not a field of any form"),
            (#"{"draft":{"kind":{"name":"renamedForm","patient":"P-0006"},"values":[]},"savedAt":"x","schemaVersion":1}"#, "'renamedForm' is not a form this version knows"),
            (#"{"draft":{"kind":{"name":"addScore","patient":"P-0006"},"values":[]},"savedAt":"x","schemaVersion":9}"#, "newer ketaplan (schemaVersion 9"),
            ("not json at all", "is not a form ketaplan can reopen"),
        ]
        for (content, says) in cases {
            let file = RecoveryFile(folder: try Self.folder(), user: "test")
            try content.write(toFile: file.path, atomically: true, encoding: .utf8)
            guard case .unreadable(let message) = file.read() else { Issue.record("\(content) was read"); continue }
            #expect(message.contains(file.path), "names the file: \(message)")
            #expect(message.contains(says), "\(message)")
            #expect(message.contains("left in place"))
            // Answering, saving or discarding a form does not delete it...
            file.clear()
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == content)
            // ...and a new draft moves it aside rather than over it; the new draft reads.
            let draft = FormDraft(kind: .addScore(Self.patient), values: [(.score, "11")])
            file.write(draft)
            #expect(try String(contentsOfFile: file.path + ".unreadable", encoding: .utf8) == content)
            #expect(file.read() == .draft(draft, savedAt: (file.read().savedAt ?? "")))
        }
    }

    @Test func everyFieldKeyHasItsOwnName() {
        let names = FormKey.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for key in FormKey.allCases { #expect(FormKey(rawValue: key.rawValue) == key) }
        #expect(FormKey(rawValue: "scroe") == nil)
    }
}

extension RecoveryFile.Found {
    var savedAt: String? { if case .draft(_, let at) = self { return at } else { return nil } }
}
