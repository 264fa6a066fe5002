import Foundation
import Testing
import KetaplanEngine
@testable import KetaplanStore

/// `ClinicStore.createAll`: many new patients under one lock, with the same refusals as
/// one save at a time, and nothing left behind when one is refused.
@Suite struct BatchCreateTests {
    func store(_ dir: TemporaryFolder) -> ClinicStore {
        ClinicStore(folder: DataFolder(path: dir.path), user: "alice", durability: .unsynced,
                    now: { Date(timeIntervalSince1970: 1_767_607_200) }) // 2026-01-05 10:00 UTC
    }

    @Test func aBatchReadsBackAsIfSavedOneByOne() throws {
        let dir = TemporaryFolder(), one = TemporaryFolder()
        defer { dir.cleanUp(); one.cleanUp() }
        let charts = (1...40).map { samplePatient(String(format: "P-%04d", $0)) }
        try store(dir).saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 40)))
        try store(one).saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 40)))
        let written = Counted()
        try store(dir).createAll(charts) { _ in written.add() }
        for chart in charts { try store(one).create(chart) }
        #expect(written.value == 40)
        let batch = store(dir).loadSummaries(), single = store(one).loadSummaries()
        #expect(batch.problems.isEmpty)
        #expect(batch.summaries == single.summaries)
        #expect(try store(dir).loadPatient(try PatientID("P-0040")).revision == 1)
        // One audit line per patient, as single saves write.
        #expect(store(dir).auditEntries().filter { $0.patient != nil }.count == 40)
        // The index was written once, with every patient in it.
        #expect(SummaryIndex(folder: store(dir).folder).read().entries.count == 40)
    }

    @Test func aBatchWritesTheBytesSavesOneByOneWrite() throws {
        // The demo's files must not change with how they are written: the same patient
        // files and audit lines, byte for byte (names with accents and CJK included).
        let dir = TemporaryFolder(), one = TemporaryFolder()
        defer { dir.cleanUp(); one.cleanUp() }
        let names = ["Zoë Exemplar", "山田 花子", "José Ñúñez-Ficticio", "Quote \"Q\" Back\\slash/Slash"]
        let charts = (1...8).map { samplePatient(String(format: "P-%04d", $0), name: names[$0 % names.count]) }
        try store(dir).saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 8)))
        try store(one).saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 8)))
        try store(dir).createAll(charts)
        for chart in charts { try store(one).create(chart) }
        for chart in charts {
            let name = "/patients/\(chart.patient.id).json"
            let batch = try #require(fileBytes(dir.path + name)), single = try #require(fileBytes(one.path + name))
            #expect(batch == single, "\(name) differs")
        }
        #expect(fileBytes(dir.path + "/audit.jsonl") == fileBytes(one.path + "/audit.jsonl"))
    }

    @Test func aChartThatWouldNotReadBackRefusesTheBatchAndTheRestIsThenWritten() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        var bad = samplePatient("P-0002")
        bad.plan!.sessions[3].date = CalendarDay.latest.adding(days: 3)
        var failure: StoreError?
        do { try s.createAll([samplePatient("P-0001"), bad, samplePatient("P-0003")]) } catch { failure = error }
        guard case .wouldNotReadBack(let path, let problem) = failure else { Issue.record("not refused: \(String(describing: failure))"); return }
        #expect(path.hasSuffix("P-0002.json"))
        #expect(problem.contains("2200-01-03"), "\(problem)")
        #expect(s.patientFileIDs().isEmpty, "nothing is left behind")
        #expect(s.auditEntries().isEmpty)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 2)))
        try s.createAll([samplePatient("P-0001"), samplePatient("P-0003")])
        #expect(s.patientFileIDs().map(\.rawValue) == ["P-0001", "P-0003"])
    }

    @Test func aTakenIDRefusesTheWholeBatchAndAFreshOneIsThenWritten() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.create(samplePatient("P-0002"))
        #expect(throws: StoreError.patientExists(try PatientID("P-0002"))) {
            try s.createAll([samplePatient("P-0001"), samplePatient("P-0002")])
        }
        #expect(s.patientFileIDs().map(\.rawValue) == ["P-0002"])
        #expect(throws: StoreError.patientExists(try PatientID("P-0003"))) {
            try s.createAll([samplePatient("P-0003"), samplePatient("P-0003")])
        }
        try s.createAll([samplePatient("P-0001"), samplePatient("P-0003")])
        #expect(s.patientFileIDs().map(\.rawValue) == ["P-0001", "P-0002", "P-0003"])
    }

    @Test func aBatchInChunksIsOneUnit() throws {
        let dir = TemporaryFolder(), whole = TemporaryFolder()
        defer { dir.cleanUp(); whole.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 8)))
        try store(whole).saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 8)))
        func chunks(_ parts: [[PatientChart]]) -> () -> [PatientChart] {
            var rest = parts
            return { rest.isEmpty ? [] : rest.removeFirst() }
        }
        let charts = (1...5).map { samplePatient(String(format: "P-%04d", $0)) }
        // An id repeated in a later chunk refuses the batch: the earlier chunk's files go too.
        #expect(throws: StoreError.patientExists(try PatientID("P-0002"))) {
            try s.createAll(chunks: chunks([Array(charts[0..<3]), [charts[3], charts[1]]]))
        }
        #expect(s.patientFileIDs().isEmpty)
        #expect(s.auditEntries().filter { $0.patient != nil }.isEmpty)
        // Chunked or at once, the same files, audit lines and index.
        let written = Counted()
        try s.createAll(chunks: chunks([Array(charts[0..<2]), [], Array(charts[2...])])) { _ in written.add() }
        #expect(written.value == 2, "an empty chunk ends the batch")
        try s.createAll(chunks: chunks([Array(charts[2...])]))
        try store(whole).createAll(charts)
        for chart in charts {
            let name = "/patients/\(chart.patient.id).json"
            #expect(fileBytes(dir.path + name) == fileBytes(whole.path + name))
        }
        #expect(s.loadSummaries().summaries == store(whole).loadSummaries().summaries)
        #expect(s.auditEntries().filter { $0.patient != nil }.count == 5)
    }

    @Test func chairsTakenEarlierInTheBatchCount() throws {
        let dir = TemporaryFolder()
        defer { dir.cleanUp() }
        let s = store(dir)
        try s.saveClinic(ClinicFile(calendar: ClinicCalendar(chairsPerDay: 2)))
        // Three identical plans on two chairs: the third overbooks days the first two took.
        let refused = #expect(throws: StoreError.self) {
            try s.createAll((1...3).map { samplePatient(String(format: "P-%04d", $0)) })
        }
        guard case .overCapacity(let patient, _, let chairs) = refused else { Issue.record("expected over capacity, got \(String(describing: refused))"); return }
        #expect(patient.rawValue == "P-0003")
        #expect(chairs == 2)
        #expect(s.patientFileIDs().isEmpty)
        try s.createAll((1...2).map { samplePatient(String(format: "P-%04d", $0)) })
        #expect(s.patientFileIDs().count == 2)
    }

    final class Counted: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}
